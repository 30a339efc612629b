/**
 * Every region starts with a default VPC (its internet gateway, main route table, default security group and one
 * default subnet per zone). `regionOf` is how every service reads an account's regional state, so it lives with it.
 */
import { type CidrBlock, formatCidr, overlaps, parseCidr } from '../../cidr/cidr';
import type { ServiceContext } from '../context';
import { ec2Id, stableEc2Ids } from '../ids';
import { dhcpOptionsOf, newVpcDhcpOptionsId } from './ec2-default-dhcp-options';
import { zonesOf } from '../regions';
import {
  type AccountState,
  emptyRegion,
  type InternetGateway,
  type RegionState,
  type RouteTable,
  type SecurityGroup,
  type SecurityGroupRule,
  type Subnet,
  type Tag,
  type Vpc,
} from '../state';

/** The default regions reads have seen, by account, kept until a write stores its own. */
const unstoredDefaults = new WeakMap<AccountState, Map<string, RegionState>>();

/**
 * The account's resources in a region. A region nobody has written to yet holds just its default VPC; reads see it
 * without storing it (so a read never changes the saved state), and the first write stores it, with the same ids.
 * Reads share one such region per account and region rather than building it each time (a fifth of a DescribeVpcs);
 * a write stores one built anew, so what is saved never depends on what reads did.
 */
export function regionOf(ctx: ServiceContext, region = ctx.region): RegionState {
  const { account } = ctx;
  const existing = account.regions[region];
  if (existing) {
    // A region saved before the sandbox had DHCP options sets gets its default one on first use.
    if (!existing.dhcpOptions) dhcpOptionsOf(existing, region, account.accountId);
    return existing;
  }
  if (ctx.mutating) {
    unstoredDefaults.get(account)?.delete(region);
    account.regions[region] = defaultRegion(region, account.accountId);
    return account.regions[region];
  }
  const seen = unstoredDefaults.get(account) ?? new Map<string, RegionState>();
  unstoredDefaults.set(account, seen);
  const shared = seen.get(region) ?? defaultRegion(region, account.accountId);
  seen.set(region, shared);
  return shared;
}

/** A region as AWS gives it to a new account: empty but for its default VPC. */
function defaultRegion(regionName: string, accountId: string): RegionState {
  const region = emptyRegion();
  dhcpOptionsOf(region, regionName, accountId);
  addDefaultVpc(region, regionName, stableEc2Ids(`${accountId}/${regionName}/default-vpc`));
  return region;
}

/**
 * A default VPC as AWS makes one, for a new region (with stable ids) or for CreateDefaultVpc: 172.31.0.0/16 with an
 * attached internet gateway, a route to it, and a default subnet in every zone.
 */
export function addDefaultVpc(region: RegionState, regionName: string, id: (prefix: string) => string = ec2Id): Vpc {
  const vpc = newVpc(region, '172.31.0.0/16', true, [], id);
  const igw: InternetGateway = { internetGatewayId: id('igw'), attachedVpcId: vpc.vpcId, tags: [] };
  region.internetGateways[igw.internetGatewayId] = igw;
  const main = Object.values(region.routeTables).find((t) => t.vpcId === vpc.vpcId)!;
  main.routes.push({ destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.internetGatewayId, origin: 'CreateRoute' });
  for (const zone of zonesOf(regionName)) addDefaultSubnet(region, vpc, zone, id);
  return vpc;
}

/**
 * A default subnet in a zone of the default VPC: the first /20 of the VPC's block no other subnet uses, public IPs on
 * launch (CreateDefaultSubnet, EC2 API reference); undefined when the block is full.
 */
export function addDefaultSubnet(
  region: RegionState,
  vpc: Vpc,
  zone: string,
  id: (prefix: string) => string = ec2Id,
): Subnet | undefined {
  const range = parseCidr(vpc.cidrBlock) as CidrBlock;
  const taken = Object.values(region.subnets).flatMap((s) =>
    s.vpcId === vpc.vpcId && s.cidrBlock !== undefined ? [parseCidr(s.cidrBlock) as CidrBlock] : [],
  );
  const blocks = Array.from({ length: 2 ** (20 - range.prefix) }, (_, i) => ({
    network: range.network + i * 2 ** 12,
    prefix: 20,
  }));
  const free = blocks.find((block) => !taken.some((other) => overlaps(other, block)));
  if (!free) return undefined;
  const subnet: Subnet = {
    subnetId: id('subnet'),
    vpcId: vpc.vpcId,
    cidrBlock: formatCidr(free),
    availabilityZone: zone,
    mapPublicIpOnLaunch: true,
    defaultForAz: true,
    state: 'available',
    tags: [],
  };
  region.subnets[subnet.subnetId] = subnet;
  return subnet;
}

/** A VPC with what AWS makes alongside it: the main route table and the default security group. */
export function newVpc(
  region: RegionState,
  cidrBlock: string,
  isDefault: boolean,
  tags: Tag[] = [],
  id: (prefix: string) => string = ec2Id,
): Vpc {
  const vpc: Vpc = {
    vpcId: id('vpc'),
    cidrBlock,
    state: 'available',
    isDefault,
    instanceTenancy: 'default',
    dhcpOptionsId: newVpcDhcpOptionsId(region),
    enableDnsSupport: true,
    enableDnsHostnames: isDefault,
    tags,
  };
  region.vpcs[vpc.vpcId] = vpc;
  const main: RouteTable = {
    routeTableId: id('rtb'),
    vpcId: vpc.vpcId,
    routes: [{ destinationCidrBlock: cidrBlock, gatewayId: 'local', origin: 'CreateRouteTable' }],
    associations: [{ associationId: id('rtbassoc'), main: true }],
    tags: [],
  };
  region.routeTables[main.routeTableId] = main;
  const group: SecurityGroup = {
    groupId: id('sg'),
    groupName: 'default',
    description: 'default VPC security group',
    vpcId: vpc.vpcId,
    ingress: [],
    egress: outboundRules(vpc, id),
    tags: [],
  };
  group.ingress.push({ ruleId: id('sgr'), ipProtocol: '-1', referencedGroupId: group.groupId });
  region.securityGroups[group.groupId] = group;
  return vpc;
}

/**
 * The outbound rules EC2 gives a new security group: all traffic out over IPv4, and over IPv6 too in a VPC with an
 * IPv6 block.
 */
export function outboundRules(vpc: Vpc, id: (prefix: string) => string = ec2Id): SecurityGroupRule[] {
  return [
    { ruleId: id('sgr'), ipProtocol: '-1', cidrIpv4: '0.0.0.0/0' },
    ...(vpc.ipv6CidrBlocks?.length ? [{ ruleId: id('sgr'), ipProtocol: '-1', cidrIpv6: '::/0' }] : []),
  ];
}

/** The region's default VPC, unless the learner has deleted it. */
export function defaultVpc(region: RegionState): Vpc | undefined {
  return Object.values(region.vpcs).find((v) => v.isDefault);
}
