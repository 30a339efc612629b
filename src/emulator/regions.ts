/**
 * The regions the sandbox answers for, with their availability zones as one account sees them: each zone's letter and
 * the number of its AZ ID (`us-west-1c` is `usw1-az3`). AZ IDs are AWS's own, the same in every account; which letter
 * names which one differs between accounts in the oldest regions.
 */
export const regionZones: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'us-east-1': { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 },
  'us-east-2': { a: 1, b: 2, c: 3 },
  'us-west-1': { b: 1, c: 3 },
  'us-west-2': { a: 1, b: 2, c: 3, d: 4 },
  'ca-central-1': { a: 1, b: 2, d: 4 },
  'sa-east-1': { a: 1, b: 2, c: 3 },
  'eu-west-1': { a: 1, b: 2, c: 3 },
  'eu-west-2': { a: 2, b: 3, c: 1 },
  'eu-west-3': { a: 1, b: 2, c: 3 },
  'eu-central-1': { a: 2, b: 3, c: 1 },
  'eu-north-1': { a: 1, b: 2, c: 3 },
  'ap-south-1': { a: 1, b: 3, c: 2 },
  'ap-northeast-1': { a: 4, c: 1, d: 2 },
  'ap-northeast-2': { a: 1, b: 2, c: 3, d: 4 },
  'ap-southeast-1': { a: 1, b: 2, c: 3 },
  'ap-southeast-2': { a: 1, b: 3, c: 2 },
};

/** The sandbox's regions, in a stable order. */
export const sandboxRegions: readonly string[] = Object.keys(regionZones);

/** True when the sandbox serves `region`. */
export function isSandboxRegion(region: string): boolean {
  return Object.hasOwn(regionZones, region);
}

/** The full zone names of a region: `us-west-2a`, `us-west-2b`, ... */
export function zonesOf(region: string): string[] {
  return Object.keys(regionZones[region] ?? {}).map((letter) => `${region}${letter}`);
}

/** How an AZ ID shortens a region's direction: `southeast` is `se`, `west` is `w`. */
const directionCodes: Readonly<Record<string, string>> = { northeast: 'ne', southeast: 'se' };

/** The AZ ID of a zone name, such as `usw2-az1` for `us-west-2a` or `apse1-az2` for `ap-southeast-1b`. */
export function zoneIdOf(zoneName: string): string {
  const region = zoneName.slice(0, -1);
  const [area = '', direction = '', number = ''] = region.split('-');
  const code = directionCodes[direction] ?? direction.slice(0, 1);
  return `${area}${code}${number}-az${regionZones[region]?.[zoneName.slice(-1)] ?? 0}`;
}
