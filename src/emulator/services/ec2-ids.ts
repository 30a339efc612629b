/**
 * EC2's resource ids: the format each kind has, and the errors EC2 gives for an id that is malformed or names
 * nothing. Every family looks its resources up through here, so the codes and messages are the same everywhere.
 */
import { AwsError } from '../aws-error';

/**
 * The kinds of resource whose ids EC2 checks: `vpc-…`, `subnet-…`, `igw-…`, `rtb-…`, `sg-…`, `i-…`, `eipalloc-…`,
 * `nat-…`, `acl-…`, `sgr-…`, `vol-…`, `lt-…`, `dopt-…`, `vpce-…`, `pl-…`, `eni-…`,
 * `pcx-…`, `eigw-…`, `snap-…`.
 */
export type IdKind =
  | 'vpc'
  | 'subnet'
  | 'igw'
  | 'rtb'
  | 'sg'
  | 'instance'
  | 'eipalloc'
  | 'nat'
  | 'acl'
  | 'sgr'
  | 'vol'
  | 'lt'
  | 'dopt'
  | 'vpce'
  | 'pl'
  | 'eni'
  | 'pcx'
  | 'eigw'
  | 'snap';

/**
 * Each kind's id prefix, its error code stem and the noun its messages use; a kind whose codes or message do not
 * follow the common pattern gives its own (`InvalidVolumeID.Malformed` but `InvalidVolume.NotFound`).
 */
const idKinds: Record<
  IdKind,
  { prefix: string; code: string; noun: string; malformedCode?: string; notFoundMessage?: (id: string) => string }
> = {
  vpc: { prefix: 'vpc', code: 'InvalidVpcID', noun: 'vpc' },
  subnet: { prefix: 'subnet', code: 'InvalidSubnetID', noun: 'subnet' },
  igw: { prefix: 'igw', code: 'InvalidInternetGatewayID', noun: 'internetGateway' },
  rtb: { prefix: 'rtb', code: 'InvalidRouteTableID', noun: 'routeTable' },
  sg: { prefix: 'sg', code: 'InvalidGroup', noun: 'security group' },
  instance: { prefix: 'i', code: 'InvalidInstanceID', noun: 'instance' },
  eipalloc: { prefix: 'eipalloc', code: 'InvalidAllocationID', noun: 'allocation' },
  nat: { prefix: 'nat', code: 'InvalidNatGatewayID', noun: 'NAT gateway' },
  acl: { prefix: 'acl', code: 'InvalidNetworkAclID', noun: 'network acl' },
  sgr: { prefix: 'sgr', code: 'InvalidSecurityGroupRuleId', noun: 'security group rule' },
  vol: {
    prefix: 'vol',
    code: 'InvalidVolume',
    noun: 'volume',
    malformedCode: 'InvalidVolumeID.Malformed',
    notFoundMessage: (id) => `The volume '${id}' does not exist.`,
  },
  lt: {
    prefix: 'lt',
    code: 'InvalidLaunchTemplateId',
    noun: 'launch template',
    notFoundMessage: (id) => `The specified launch template, with template ID ${id}, does not exist.`,
  },
  dopt: {
    prefix: 'dopt',
    code: 'InvalidDhcpOptionID',
    noun: 'dhcpOption',
    malformedCode: 'InvalidDhcpOptionsId.Malformed',
  },
  vpce: { prefix: 'vpce', code: 'InvalidVpcEndpointId', noun: 'Vpc Endpoint' },
  pl: { prefix: 'pl', code: 'InvalidPrefixListID', noun: 'prefix list' },
  eni: { prefix: 'eni', code: 'InvalidNetworkInterfaceID', noun: 'networkInterface' },
  pcx: { prefix: 'pcx', code: 'InvalidVpcPeeringConnectionID', noun: 'vpcPeeringConnection' },
  eigw: { prefix: 'eigw', code: 'InvalidEgressOnlyInternetGatewayId', noun: 'egressOnlyInternetGateway' },
  snap: {
    prefix: 'snap',
    code: 'InvalidSnapshot',
    noun: 'snapshot',
    malformedCode: 'InvalidSnapshotID.Malformed',
    notFoundMessage: (id) => `The snapshot '${id}' does not exist.`,
  },
};

/** True when `id` has the form of a `kind` id: its prefix and 8 or 17 hex digits (`sg-0123456789abcdef0`). */
export function isIdOf(kind: IdKind, id: string): boolean {
  return new RegExp(`^${idKinds[kind].prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`).test(id);
}

function checkIdFormat(kind: IdKind, id: string): void {
  const { code, malformedCode } = idKinds[kind];
  if (!isIdOf(kind, id)) {
    throw new AwsError(
      malformedCode ?? (kind === 'sg' ? 'InvalidGroupId.Malformed' : `${code}.Malformed`),
      `Invalid id: "${id}"`,
    );
  }
}

/** The error EC2 gives when ids of one kind name nothing: one id, several, or security groups by id or name. */
export function notFound(kind: IdKind, ids: string[]): AwsError {
  const { code, noun, notFoundMessage } = idKinds[kind];
  if (notFoundMessage) return new AwsError(`${code}.NotFound`, ids.map(notFoundMessage).join(' '));
  if (kind === 'sg')
    return new AwsError('InvalidGroup.NotFound', `The security group '${ids.join(', ')}' does not exist`);
  // NAT gateways have a code of their own, as tools that wait for a deleted gateway know it.
  if (kind === 'nat') return new AwsError('NatGatewayNotFound', `NAT gateway ${ids.join(', ')} was not found`);
  if (ids.length > 1) return new AwsError(`${code}.NotFound`, `The ${noun} IDs '${ids.join(', ')}' do not exist`);
  return new AwsError(`${code}.NotFound`, `The ${noun} ID '${ids[0]}' does not exist`);
}

/** The error EC2 gives for deleting a resource that others still use (a VPC with subnets, an attached gateway, ...). */
export function dependencyViolation(kind: IdKind, id: string): AwsError {
  return new AwsError(
    'DependencyViolation',
    `The ${idKinds[kind].noun} '${id}' has dependencies and cannot be deleted.`,
  );
}

/** The resource an id names, after checking the id's format; EC2's `.Malformed` or `.NotFound` error otherwise. */
export function lookup<T>(table: Record<string, T>, kind: IdKind, id: string): T {
  checkIdFormat(kind, id);
  const found = Object.hasOwn(table, id) ? table[id] : undefined;
  if (!found) throw notFound(kind, [id]);
  return found;
}

/** The resources a Describe call names by id (all when it names none), failing on any unknown id as EC2 does. */
export function selectByIds<T>(table: Record<string, T>, kind: IdKind, ids: string[]): T[] {
  if (ids.length === 0) return Object.values(table);
  for (const id of ids) checkIdFormat(kind, id);
  const missing = ids.filter((id) => !Object.hasOwn(table, id));
  if (missing.length > 0) throw notFound(kind, missing);
  return [...new Set(ids)].map((id) => table[id]!);
}
