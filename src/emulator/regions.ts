/** The regions the sandbox answers for, with their availability zones (as a typical account sees them). */
export const regionZones: Readonly<Record<string, readonly string[]>> = {
  'us-east-1': ['a', 'b', 'c', 'd', 'e', 'f'],
  'us-east-2': ['a', 'b', 'c'],
  'us-west-1': ['b', 'c'],
  'us-west-2': ['a', 'b', 'c', 'd'],
  'ca-central-1': ['a', 'b', 'd'],
  'sa-east-1': ['a', 'b', 'c'],
  'eu-west-1': ['a', 'b', 'c'],
  'eu-west-2': ['a', 'b', 'c'],
  'eu-west-3': ['a', 'b', 'c'],
  'eu-central-1': ['a', 'b', 'c'],
  'eu-north-1': ['a', 'b', 'c'],
  'ap-south-1': ['a', 'b', 'c'],
  'ap-northeast-1': ['a', 'c', 'd'],
  'ap-northeast-2': ['a', 'b', 'c', 'd'],
  'ap-southeast-1': ['a', 'b', 'c'],
  'ap-southeast-2': ['a', 'b', 'c'],
};

/** The sandbox's regions, in a stable order. */
export const sandboxRegions: readonly string[] = Object.keys(regionZones);

/** True when the sandbox serves `region`. */
export function isSandboxRegion(region: string): boolean {
  return Object.hasOwn(regionZones, region);
}

/** The full zone names of a region: `us-west-2a`, `us-west-2b`, ... */
export function zonesOf(region: string): string[] {
  return (regionZones[region] ?? []).map((letter) => `${region}${letter}`);
}

/** A stable zone id such as `usw2-az1` for a zone name. */
export function zoneIdOf(zoneName: string): string {
  const region = zoneName.slice(0, -1);
  const [area = '', direction = '', number = ''] = region.split('-');
  const index = (regionZones[region] ?? []).indexOf(zoneName.slice(-1)) + 1;
  return `${area}${direction.slice(0, 1)}${number}-az${index}`;
}
