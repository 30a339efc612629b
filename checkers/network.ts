import {
  DescribeInternetGatewaysCommand,
  DescribeRegionsCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  type Instance,
  type InternetGateway,
  type RouteTable,
  type Subnet,
  type Vpc,
} from '@aws-sdk/client-ec2';
import { contains, isCidrError, parseCidr } from '../src/cidr/cidr';
import type { CheckerAws } from './contract';
import type { AskPhrases } from './surface';

/** A VPC's network as the exercise-3 and exercise-4 checks need it: the VPC, its subnets, routes and gateways. */
export interface NetworkSnapshot {
  vpcName: string;
  /** Every VPC tagged with the name (normally one). */
  vpcs: Vpc[];
  subnets: Subnet[];
  routeTables: RouteTable[];
  internetGateways: InternetGateway[];
  /** When no VPC has the name here: the other regions where one does. */
  foundInRegions: string[];
}

/** What the public/private rule reads: the region's route tables and internet gateways (the diagram's snapshot has them too). */
export type RoutingSnapshot = Pick<NetworkSnapshot, 'routeTables' | 'internetGateways'>;

/** The EC2 actions {@link collectNetwork} calls. */
export const networkPermissions = [
  'ec2:DescribeVpcs',
  'ec2:DescribeSubnets',
  'ec2:DescribeRouteTables',
  'ec2:DescribeInternetGateways',
  'ec2:DescribeRegions',
] as const;

const nameFilter = (name: string) => [{ Name: 'tag:Name', Values: [name] }];

/** The other regions of the account where a VPC named `vpcName` exists; asked only when the checked region has none. */
export async function regionsWithVpc(aws: CheckerAws, vpcName: string): Promise<string[]> {
  const regions = (await aws.ec2.send(new DescribeRegionsCommand({}))).Regions ?? [];
  const others = regions.map((r) => r.RegionName!).filter((name) => name && name !== aws.region);
  const found = await Promise.all(
    others.map(async (region) => {
      try {
        const vpcs =
          (await aws.inRegion(region).ec2.send(new DescribeVpcsCommand({ Filters: nameFilter(vpcName) }))).Vpcs ?? [];
        return vpcs.length > 0 ? region : null;
      } catch {
        return null;
      }
    }),
  );
  return found.filter((region): region is string => region !== null);
}

/** One round trip: the named VPC and the region's subnets, route tables and gateways, asked all at once. */
export async function collectNetwork(aws: CheckerAws, vpcName: string): Promise<NetworkSnapshot> {
  const [vpcs, subnets, routeTables, internetGateways] = await Promise.all([
    aws.ec2.send(new DescribeVpcsCommand({ Filters: nameFilter(vpcName) })).then((r) => r.Vpcs ?? []),
    aws.ec2.send(new DescribeSubnetsCommand({})).then((r) => r.Subnets ?? []),
    aws.ec2.send(new DescribeRouteTablesCommand({})).then((r) => r.RouteTables ?? []),
    aws.ec2.send(new DescribeInternetGatewaysCommand({})).then((r) => r.InternetGateways ?? []),
  ]);
  const foundInRegions = vpcs.length === 0 ? await regionsWithVpc(aws, vpcName) : [];
  return { vpcName, vpcs, subnets, routeTables, internetGateways, foundInRegions };
}

/**
 * The instance an exercise is about, among those with its Name tag: a running one if any, else the newest that is not
 * terminated, else the newest.
 */
export function chosenInstance(instances: Instance[]): Instance | undefined {
  const rank = (i: Instance) => (i.State?.Name === 'running' ? 0 : i.State?.Name === 'terminated' ? 2 : 1);
  return [...instances].sort(
    (a, b) => rank(a) - rank(b) || (b.LaunchTime?.getTime() ?? 0) - (a.LaunchTime?.getTime() ?? 0),
  )[0];
}

/** The value of a resource's Name tag. */
export function nameOf(resource: { Tags?: { Key?: string; Value?: string }[] }): string | undefined {
  return resource.Tags?.find((t) => t.Key === 'Name')?.Value;
}

/** The route table a subnet uses: its explicit association, else its VPC's main table. */
export function routeTableOf(network: Pick<NetworkSnapshot, 'routeTables'>, subnet: Subnet): RouteTable | undefined {
  const explicit = network.routeTables.find((t) => t.Associations?.some((a) => a.SubnetId === subnet.SubnetId));
  return explicit ?? network.routeTables.find((t) => t.VpcId === subnet.VpcId && t.Associations?.some((a) => a.Main));
}

/** The internet gateway a subnet's default route points to, and whether that gateway is attached to its VPC. */
export function internetRouteOf(
  network: RoutingSnapshot,
  subnet: Subnet,
): { gatewayId: string; attached: boolean } | null {
  const route = routeTableOf(network, subnet)?.Routes?.find(
    (r) => r.DestinationCidrBlock === '0.0.0.0/0' && r.GatewayId?.startsWith('igw-'),
  );
  if (!route) return null;
  const gateway = network.internetGateways.find((g) => g.InternetGatewayId === route.GatewayId);
  // Internet gateway attachments report "available" once attached, although the SDK's type only lists "attached".
  const attached =
    gateway?.Attachments?.some(
      (a) => a.VpcId === subnet.VpcId && ['available', 'attached'].includes(String(a.State)),
    ) ?? false;
  return { gatewayId: route.GatewayId!, attached };
}

/** Public, as AWS means it: a route to an attached internet gateway, and public addresses mapped on launch. */
export function isPublicSubnet(network: RoutingSnapshot, subnet: Subnet): boolean {
  return internetRouteOf(network, subnet)?.attached === true && subnet.MapPublicIpOnLaunch === true;
}

/** Private: no route to any internet gateway. */
export function isPrivateSubnet(network: RoutingSnapshot, subnet: Subnet): boolean {
  return internetRouteOf(network, subnet) === null;
}

/** The subnets of the (first) named VPC. */
export function subnetsOfVpc(network: NetworkSnapshot): Subnet[] {
  const vpc = network.vpcs[0];
  return vpc ? network.subnets.filter((s) => s.VpcId === vpc.VpcId) : [];
}

/** True when the subnet's block lies inside its VPC's block. */
export function subnetInsideVpc(subnet: Subnet, vpc: Vpc): boolean {
  const inner = parseCidr(subnet.CidrBlock ?? '');
  const outer = parseCidr(vpc.CidrBlock ?? '');
  return !isCidrError(inner) && !isCidrError(outer) && contains(outer, inner);
}

/** A hint that names the region where the VPC is, when it is elsewhere, and how to check there. */
export function wrongRegionHint(network: NetworkSnapshot, region: string, ask: AskPhrases): string | null {
  if (network.foundInRegions.length === 0) return null;
  const where = network.foundInRegions.join(', ');
  return (
    `A VPC named ${network.vpcName} exists in ${where}, not in ${region}. To check that region, ` +
    `${ask.region(network.foundInRegions[0]!)}.`
  );
}
