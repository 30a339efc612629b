/**
 * The DHCP options set AWS makes in each region of an account, which every new VPC gets: Amazon's DNS server and the
 * region's internal domain name (`ec2.internal` in us-east-1, `REGION.compute.internal` elsewhere).
 */
import { stableEc2Ids } from '../ids';
import type { DhcpOptions, RegionState } from '../state';
import { nameRecord } from '../../lib/name-record';

/** The id VPCs saved before the sandbox had DHCP options sets carry; they are moved to the region's default set. */
const legacyDefaultId = 'dopt-0sandbox0000000';

/** The region's default set, with the same id whenever it is made for this account and region. */
function defaultDhcpOptions(regionName: string, accountId: string): DhcpOptions {
  const domainName = regionName === 'us-east-1' ? 'ec2.internal' : `${regionName}.compute.internal`;
  return {
    dhcpOptionsId: stableEc2Ids(`${accountId}/${regionName}/default-dhcp-options`)('dopt'),
    configurations: [
      { key: 'domain-name', values: [domainName] },
      { key: 'domain-name-servers', values: ['AmazonProvidedDNS'] },
    ],
    regionDefault: true,
    tags: [],
  };
}

/**
 * The region's DHCP options sets by id. A region that has none yet (a new one, or one saved before the sandbox had
 * them) gets its default set, and its VPCs that carry the old placeholder id are associated with that set.
 */
export function dhcpOptionsOf(region: RegionState, regionName: string, accountId: string): Record<string, DhcpOptions> {
  if (region.dhcpOptions) return region.dhcpOptions;
  const set = defaultDhcpOptions(regionName, accountId);
  region.dhcpOptions = nameRecord([[set.dhcpOptionsId, set]]);
  for (const vpc of Object.values(region.vpcs))
    if (vpc.dhcpOptionsId === legacyDefaultId) vpc.dhcpOptionsId = set.dhcpOptionsId;
  return region.dhcpOptions;
}

/** The set a new VPC gets: the region's default one, or `default` (no options) once the learner has deleted it. */
export function newVpcDhcpOptionsId(region: RegionState): string {
  return Object.values(region.dhcpOptions ?? {}).find((set) => set.regionDefault)?.dhcpOptionsId ?? 'default';
}
