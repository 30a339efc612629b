/**
 * The sandbox account's regions: every commercial region, the opt-in ones not opted in, as in a new AWS account. The
 * sandbox serves the regions the account has enabled; AWS's documentation of each is cited in `commercialRegions`.
 */
import { commercialRegions } from '../lib/commercial-regions';

export { zoneIdOf } from '../lib/commercial-regions';

/** A region's opt-in status as DescribeRegions reports it. */
export type RegionOptInStatus = 'opt-in-not-required' | 'opted-in' | 'not-opted-in';

/** The opt-in status of each commercial region in the sandbox account: no opt-in region is enabled. */
export const regionOptInStatus: Readonly<Record<string, RegionOptInStatus>> = Object.fromEntries(
  Object.entries(commercialRegions).map(([name, region]) => [
    name,
    region.optIn ? 'not-opted-in' : 'opt-in-not-required',
  ]),
);

/** The regions the sandbox serves, those the account has enabled, with their zones (letter → AZ ID number). */
const servedZones: Readonly<Record<string, Readonly<Record<string, number>>>> = Object.fromEntries(
  Object.entries(commercialRegions)
    .filter(([name]) => regionOptInStatus[name] !== 'not-opted-in')
    .map(([name, region]) => [name, region.zones]),
);

/** The sandbox's regions, in a stable order. */
export const sandboxRegions: readonly string[] = Object.keys(servedZones);

/** True when the sandbox serves `region`. */
export function isSandboxRegion(region: string): boolean {
  return Object.hasOwn(servedZones, region);
}

/** The full zone names of a region: `us-west-2a`, `us-west-2b`, ... */
export function zonesOf(region: string): string[] {
  return Object.keys(servedZones[region] ?? {}).map((letter) => `${region}${letter}`);
}
