/**
 * EC2's resources as IAM sees them: their ARNs, as the Service Authorization Reference writes them, and the condition
 * keys they bring (their tags; the tags a request asks for). Operations declare the resources they touch with these,
 * and IAM evaluates each one.
 */
import type { ActionResources, ResourceTarget } from '../authorize';
import type { ServiceContext } from '../context';
import type { QueryParams } from '../protocols/query';
import { networkAclsOf } from './ec2-default-network-acls';
import {
  egressOnlyInternetGatewaysOf,
  launchTemplatesOf,
  managedPrefixListsOf,
  type RegionState,
  type SecurityGroupRule,
  snapshotsOf,
  type Tag,
  volumesOf,
  vpcEndpointsOf,
  vpcPeeringConnectionsOf,
} from '../state';
import { regionOf } from './ec2-default-vpc';
import { type IdKind, lookup, selectByIds } from './ec2-ids';
import { interfacesOf } from './ec2-network-interfaces';

/** The ARN resource type of each kind of id, and where a region keeps those resources. */
export const resourceKinds: Record<
  IdKind,
  { type: string; table: (region: RegionState) => Record<string, { tags: Tag[] }> }
> = {
  vpc: { type: 'vpc', table: (region) => region.vpcs },
  subnet: { type: 'subnet', table: (region) => region.subnets },
  igw: { type: 'internet-gateway', table: (region) => region.internetGateways },
  rtb: { type: 'route-table', table: (region) => region.routeTables },
  sg: { type: 'security-group', table: (region) => region.securityGroups },
  instance: { type: 'instance', table: (region) => region.instances },
  eipalloc: { type: 'elastic-ip', table: (region) => region.addresses ?? {} },
  nat: { type: 'natgateway', table: (region) => region.natGateways ?? {} },
  acl: { type: 'network-acl', table: networkAclsOf },
  sgr: { type: 'security-group-rule', table: (region) => rulesById(region) },
  vol: { type: 'volume', table: volumesOf },
  lt: { type: 'launch-template', table: launchTemplatesOf },
  dopt: { type: 'dhcp-options', table: (region) => region.dhcpOptions ?? {} },
  vpce: { type: 'vpc-endpoint', table: vpcEndpointsOf },
  pl: { type: 'prefix-list', table: managedPrefixListsOf },
  eni: { type: 'network-interface', table: interfacesOf },
  pcx: { type: 'vpc-peering-connection', table: vpcPeeringConnectionsOf },
  eigw: { type: 'egress-only-internet-gateway', table: egressOnlyInternetGatewaysOf },
  snap: { type: 'snapshot', table: snapshotsOf },
};

/** Every security group rule of the region by its `sgr-…` id, each with its own tags list to read and change. */
function rulesById(region: RegionState): Record<string, SecurityGroupRule & { tags: Tag[] }> {
  const rules = Object.values(region.securityGroups).flatMap((group) => [...group.ingress, ...group.egress]);
  return Object.fromEntries(
    rules.map((rule) => {
      rule.tags ??= [];
      return [rule.ruleId, rule as SecurityGroupRule & { tags: Tag[] }];
    }),
  );
}

/**
 * An EC2 ARN in the request's region and account. An image's has no account: AWS's public images are no account's.
 *
 * @example
 * ec2Arn(ctx, 'instance', 'i-0123456789abcdef0') // 'arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0'
 */
export function ec2Arn(ctx: ServiceContext, type: string, name: string): string {
  return `arn:aws:ec2:${ctx.region}:${type === 'image' ? '' : ctx.account.accountId}:${type}/${name}`;
}

/** Tags as condition keys with the given prefixes: `aws:ResourceTag/Name`, `ec2:ResourceTag/Name`, ... */
function tagKeys(tags: readonly Tag[], prefixes: readonly string[]): Record<string, string> {
  return Object.fromEntries(tags.flatMap((tag) => prefixes.map((prefix) => [`${prefix}${tag.Key}`, tag.Value])));
}

/** A resource that exists, with its tags as `aws:ResourceTag/…` and `ec2:ResourceTag/…`. */
export function taggedResource(ctx: ServiceContext, type: string, name: string, tags: readonly Tag[]): ResourceTarget {
  return { arn: ec2Arn(ctx, type, name), context: tagKeys(tags, ['aws:ResourceTag/', 'ec2:ResourceTag/']) };
}

/** Tags a request asks for, as `aws:RequestTag/…` and the multivalued `aws:TagKeys`. */
export function requestTagKeys(tags: readonly Tag[]): ResourceTarget['context'] {
  if (tags.length === 0) return {};
  return { ...tagKeys(tags, ['aws:RequestTag/']), 'aws:TagKeys': tags.map((tag) => tag.Key) };
}

/** Every resource of a type the request creates, `instance/*`, with the tags it asks for them. */
export function newResource(ctx: ServiceContext, type: string, tags: readonly Tag[] = []): ResourceTarget {
  return { arn: ec2Arn(ctx, type, '*'), context: requestTagKeys(tags) };
}

/** The resources the ids name, found as the operation finds them: EC2 reads their tags before it authorizes. */
export function existingResources(ctx: ServiceContext, kind: IdKind, ids: readonly string[]): ResourceTarget[] {
  const { type, table } = resourceKinds[kind];
  const region = regionOf(ctx);
  // EC2 names every id that does not exist in one error, not the first.
  if (ids.length > 0) selectByIds(table(region), kind, [...ids]);
  return ids.map((id) => taggedResource(ctx, type, id, lookup(table(region), kind, id).tags));
}

/** The resources one required id parameter of each kind names, such as `{ igw: 'InternetGatewayId', vpc: 'VpcId' }`. */
export function resourcesNamedBy(
  parameters: Partial<Record<IdKind, string>>,
): (params: QueryParams, ctx: ServiceContext) => ActionResources {
  return (params, ctx) =>
    Object.entries(parameters).flatMap(([kind, name]) =>
      existingResources(ctx, kind as IdKind, [params.require(name)]),
    );
}

/** The resources a list parameter names, such as `InstanceId.1`, `InstanceId.2`, .... */
export function resourcesListedIn(
  kind: IdKind,
  parameter: string,
): (params: QueryParams, ctx: ServiceContext) => ActionResources {
  return (params, ctx) => existingResources(ctx, kind, params.list(parameter));
}

/** A key pair, named by its name: the ARN names it so, whatever its id. One that does not exist has no tags. */
export function keyPairResource(ctx: ServiceContext, keyName: string): ResourceTarget {
  const keyPairs = regionOf(ctx).keyPairs;
  const key = Object.hasOwn(keyPairs, keyName) ? keyPairs[keyName] : undefined;
  return taggedResource(ctx, 'key-pair', keyName, key?.tags ?? []);
}
