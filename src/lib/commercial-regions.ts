/**
 * AWS's commercial regions (the `aws` partition: neither GovCloud nor China), as AWS documents them at the end of 2026.
 *
 * Sources, in AWS's documentation:
 * - each region's AZ IDs (eu-west-2's fourth, `euw2-az4`, opened in 2026 as eu-west-2d):
 *   https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html
 * - the regions:
 *   https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html
 * - which ones an account must enable first ("Regions launched before March 20, 2019 are enabled by default", the
 *   later ones are opt-in regions): https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html
 */

/** One commercial region, as one account sees it. */
export interface CommercialRegion {
  /** True for an opt-in region (launched after 20 March 2019), which an account must enable before using it. */
  optIn: boolean;
  /**
   * Each zone's letter and the number of its AZ ID: `us-west-1a` is `usw1-az3`. AZ IDs are AWS's own, the same in
   * every account. In the oldest regions each account maps letters to AZ IDs in its own way; in us-east-1 and
   * us-west-1 these are the account behind moto's test suite (us-west-1a and us-west-1b, us-east-1b is use1-az1), so
   * scripts written against moto find the same zones here; every region opened since November 2012 maps them alike,
   * `a` to `az1` and so on.
   */
  zones: Readonly<Record<string, number>>;
}

/** Every commercial region, by code, in the order AWS's documentation lists them (by geography). */
export const commercialRegions: Readonly<Record<string, CommercialRegion>> = {
  'us-east-1': { optIn: false, zones: { a: 6, b: 1, c: 2, d: 4, e: 3, f: 5 } },
  'us-east-2': { optIn: false, zones: { a: 1, b: 2, c: 3 } },
  'us-west-1': { optIn: false, zones: { a: 3, b: 1 } },
  'us-west-2': { optIn: false, zones: { a: 1, b: 2, c: 3, d: 4 } },
  'ca-central-1': { optIn: false, zones: { a: 1, b: 2, d: 4 } },
  'ca-west-1': { optIn: true, zones: { a: 1, b: 2, c: 3 } },
  'mx-central-1': { optIn: true, zones: { a: 1, b: 2, c: 3 } },
  'af-south-1': { optIn: true, zones: { a: 1, b: 2, c: 3 } },
  'ap-east-1': { optIn: true, zones: { a: 1, b: 2, c: 3 } },
  'ap-east-2': { optIn: true, zones: { a: 1, b: 2, c: 3 } },
  'ap-northeast-1': { optIn: false, zones: { a: 4, c: 1, d: 2 } },
  'ap-northeast-2': { optIn: false, zones: { a: 1, b: 2, c: 3, d: 4 } },
  'ap-northeast-3': { optIn: false, zones: { a: 1, b: 2, c: 3 } },
  'ap-south-1': { optIn: false, zones: { a: 1, b: 3, c: 2 } },
  'ap-south-2': { optIn: true, zones: { a: 1, b: 2, c: 3 } },
  'ap-southeast-1': { optIn: false, zones: { a: 1, b: 2, c: 3 } },
  'ap-southeast-2': { optIn: false, zones: { a: 1, b: 3, c: 2 } },
  'ap-southeast-3': { optIn: true, zones: { a: 1, b: 2, c: 3 } },
  'ap-southeast-4': { optIn: true, zones: { a: 1, b: 2, c: 3 } },
  'ap-southeast-5': { optIn: true, zones: { a: 1, b: 2, c: 3 } },
  'ap-southeast-6': { optIn: true, zones: { a: 1, b: 2, c: 3 } },
  'ap-southeast-7': { optIn: true, zones: { a: 1, b: 2, c: 3 } },
  'eu-central-1': { optIn: false, zones: { a: 2, b: 3, c: 1 } },
  'eu-central-2': { optIn: true, zones: { a: 1, b: 2, c: 3 } },
  'eu-north-1': { optIn: false, zones: { a: 1, b: 2, c: 3 } },
  'eu-south-1': { optIn: true, zones: { a: 1, b: 2, c: 3 } },
  'eu-south-2': { optIn: true, zones: { a: 1, b: 2, c: 3 } },
  'eu-west-1': { optIn: false, zones: { a: 1, b: 2, c: 3 } },
  'eu-west-2': { optIn: false, zones: { a: 2, b: 3, c: 1, d: 4 } },
  'eu-west-3': { optIn: false, zones: { a: 1, b: 2, c: 3 } },
  'il-central-1': { optIn: true, zones: { a: 1, b: 2, c: 3 } },
  'me-central-1': { optIn: true, zones: { a: 1, b: 2, c: 3 } },
  'me-south-1': { optIn: true, zones: { a: 1, b: 2, c: 3 } },
  'sa-east-1': { optIn: false, zones: { a: 1, b: 2, c: 3 } },
};

/** How an AZ ID shortens a region's direction: `southeast` is `se`, `west` is `w`. */
const directionCodes: Readonly<Record<string, string>> = { northeast: 'ne', southeast: 'se' };

/** The AZ ID of a zone name, such as `usw2-az1` for `us-west-2a` or `apse1-az2` for `ap-southeast-1b`. */
export function zoneIdOf(zoneName: string): string {
  const region = zoneName.slice(0, -1);
  const [area = '', direction = '', number = ''] = region.split('-');
  const code = directionCodes[direction] ?? direction.slice(0, 1);
  return `${area}${code}${number}-az${commercialRegions[region]?.zones[zoneName.slice(-1)] ?? 0}`;
}
