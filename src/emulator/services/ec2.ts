import {
  checkSubnetBlock,
  checkVpcBlock,
  formatAddress,
  isCidrError,
  parseCidr,
  sizeOf,
  type CidrBlock,
} from '../../cidr/cidr';
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { ec2AuthDialect, queryEndpoint } from '../endpoint';
import { ec2Id, fnv32, macAddress, stableEc2Ids } from '../ids';
import type { QueryOperation, QueryParams, QueryService } from '../protocols/query';
import { regionZones, sandboxRegions, zoneIdOf, zonesOf } from '../regions';
import {
  emptyRegion,
  type Instance,
  type InstanceStateName,
  type InternetGateway,
  type KeyPair,
  type RegionState,
  type RouteTable,
  type SecurityGroup,
  type SecurityGroupRule,
  type Subnet,
  type Tag,
  type Vpc,
} from '../state';
import type { XmlValue } from '../xml';
import { applyFilters, paginate, type FilterValues } from './ec2-filters';
import { createKeyMaterial, fingerprintOfImportedKey } from './ec2-keys';
import { awsTimestamp } from '../../lib/aws-timestamp';

/** The instance types the sandbox launches, with what DescribeInstanceTypes says about them. */
export const instanceTypes: Record<string, { vcpus: number; memoryMiB: number; freeTier: boolean }> = {
  't2.nano': { vcpus: 1, memoryMiB: 512, freeTier: false },
  't2.micro': { vcpus: 1, memoryMiB: 1024, freeTier: true },
  't2.small': { vcpus: 1, memoryMiB: 2048, freeTier: false },
  't3.micro': { vcpus: 2, memoryMiB: 1024, freeTier: true },
  't3.small': { vcpus: 2, memoryMiB: 2048, freeTier: true },
  't3.medium': { vcpus: 2, memoryMiB: 4096, freeTier: false },
  'm5.large': { vcpus: 2, memoryMiB: 8192, freeTier: false },
};

/** The Amazon Linux 2023 image the sandbox offers in a region; SSM's public parameter names the same id. */
export function amazonLinuxImageId(region: string): string {
  return `ami-0${fnv32(region, 2166136261)}${fnv32(region, 16777619)}`;
}

const stateCodes: Record<InstanceStateName, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

/**
 * The account's resources in a region. A region nobody has written to yet holds just its default VPC; reads see it
 * without storing it (so a read never changes the saved state), and the first write stores it, with the same ids.
 */
export function regionOf(ctx: ServiceContext, region = ctx.region): RegionState {
  const existing = ctx.account.regions[region];
  if (existing) return existing;
  const fresh = emptyRegion();
  addDefaultVpc(fresh, region, ctx.account.accountId);
  if (ctx.mutating) ctx.account.regions[region] = fresh;
  return fresh;
}

function addDefaultVpc(region: RegionState, regionName: string, accountId: string): void {
  const id = stableEc2Ids(`${accountId}/${regionName}/default-vpc`);
  const vpc = newVpc(region, '172.31.0.0/16', true, [], id);
  const igw: InternetGateway = { internetGatewayId: id('igw'), attachedVpcId: vpc.vpcId, tags: [] };
  region.internetGateways[igw.internetGatewayId] = igw;
  const main = Object.values(region.routeTables).find((t) => t.vpcId === vpc.vpcId)!;
  main.routes.push({ destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.internetGatewayId, origin: 'CreateRoute' });
  zonesOf(regionName).forEach((zone, index) => {
    const subnet: Subnet = {
      subnetId: id('subnet'),
      vpcId: vpc.vpcId,
      cidrBlock: `172.31.${index * 16}.0/20`,
      availabilityZone: zone,
      mapPublicIpOnLaunch: true,
      defaultForAz: true,
      state: 'available',
      tags: [],
    };
    region.subnets[subnet.subnetId] = subnet;
  });
}

/** A VPC with what AWS makes alongside it: the main route table and the default security group. */
function newVpc(
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
    dhcpOptionsId: 'dopt-0sandbox0000000',
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
    egress: [{ ruleId: id('sgr'), ipProtocol: '-1', cidrIpv4: '0.0.0.0/0' }],
    tags: [],
  };
  group.ingress.push({ ruleId: id('sgr'), ipProtocol: '-1', referencedGroupId: group.groupId });
  region.securityGroups[group.groupId] = group;
  return vpc;
}

// ---- ids, lookups and the errors EC2 gives for them -------------------------------------------------------------

const idKinds = {
  vpc: { prefix: 'vpc', code: 'InvalidVpcID', noun: 'vpc' },
  subnet: { prefix: 'subnet', code: 'InvalidSubnetID', noun: 'subnet' },
  igw: { prefix: 'igw', code: 'InvalidInternetGatewayID', noun: 'internetGateway' },
  rtb: { prefix: 'rtb', code: 'InvalidRouteTableID', noun: 'routeTable' },
  sg: { prefix: 'sg', code: 'InvalidGroup', noun: 'security group' },
  instance: { prefix: 'i', code: 'InvalidInstanceID', noun: 'instance' },
} as const;

function checkIdFormat(kind: keyof typeof idKinds, id: string): void {
  const { prefix, code } = idKinds[kind];
  if (!new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`).test(id)) {
    throw new AwsError(kind === 'sg' ? 'InvalidGroupId.Malformed' : `${code}.Malformed`, `Invalid id: "${id}"`);
  }
}

function notFound(kind: keyof typeof idKinds, ids: string[]): AwsError {
  const { code, noun } = idKinds[kind];
  if (kind === 'sg')
    return new AwsError('InvalidGroup.NotFound', `The security group '${ids.join(', ')}' does not exist`);
  if (ids.length > 1) return new AwsError(`${code}.NotFound`, `The ${noun} IDs '${ids.join(', ')}' do not exist`);
  return new AwsError(`${code}.NotFound`, `The ${noun} ID '${ids[0]}' does not exist`);
}

function lookup<T>(table: Record<string, T>, kind: keyof typeof idKinds, id: string): T {
  checkIdFormat(kind, id);
  const found = Object.hasOwn(table, id) ? table[id] : undefined;
  if (!found) throw notFound(kind, [id]);
  return found;
}

/** The resources a Describe call names by id (all when it names none), failing on any unknown id as EC2 does. */
function selectByIds<T>(table: Record<string, T>, kind: keyof typeof idKinds, ids: string[]): T[] {
  if (ids.length === 0) return Object.values(table);
  for (const id of ids) checkIdFormat(kind, id);
  const missing = ids.filter((id) => !Object.hasOwn(table, id));
  if (missing.length > 0) throw notFound(kind, missing);
  return [...new Set(ids)].map((id) => table[id]!);
}

function parseBlock(text: string, parameter: string): CidrBlock {
  const block = parseCidr(text);
  if (isCidrError(block))
    throw new AwsError(
      'InvalidParameterValue',
      `Value (${text}) for parameter ${parameter} is invalid. This is not a valid CIDR block.`,
    );
  return block;
}

// ---- tags ----------------------------------------------------------------------------------------------------

function renderTags(tags: Tag[]): XmlValue {
  return tags.map((t) => ({ key: t.Key, value: t.Value }));
}

function readTagList(params: QueryParams, name: string): Tag[] {
  return params.structs(name).map((tag) => {
    const key = tag.require('Key');
    if (key.length > 128 || key.startsWith('aws:'))
      throw new AwsError(
        'InvalidParameterValue',
        `Tag key '${key}' is invalid: keys are 1 to 128 characters and may not start with 'aws:'.`,
      );
    const value = tag.get('Value') ?? '';
    if (value.length > 256)
      throw new AwsError('InvalidParameterValue', `The value of tag '${key}' is longer than 256 characters.`);
    return { Key: key, Value: value };
  });
}

/** Tags requested for a new resource of `resourceType` through `TagSpecification.N`. */
function tagsFor(params: QueryParams, resourceType: string): Tag[] {
  return params
    .structs('TagSpecification')
    .filter((spec) => spec.get('ResourceType') === resourceType)
    .flatMap((spec) => readTagList(spec, 'Tag'));
}

function setTags(target: Tag[], tags: Tag[]): void {
  for (const tag of tags) {
    const existing = target.find((t) => t.Key === tag.Key);
    if (existing) existing.Value = tag.Value;
    else target.push({ ...tag });
  }
  if (target.length > 50)
    throw new AwsError('TagLimitExceeded', 'The maximum number of Tags for a resource has been reached (50).');
}

/** Every taggable resource in a region, by id, with its type name as DescribeTags reports it. */
function taggable(region: RegionState): Map<string, { type: string; tags: Tag[] }> {
  const all = new Map<string, { type: string; tags: Tag[] }>();
  const add = (type: string, items: Record<string, { tags: Tag[] }>) => {
    for (const [id, item] of Object.entries(items)) all.set(id, { type, tags: item.tags });
  };
  add('vpc', region.vpcs);
  add('subnet', region.subnets);
  add('internet-gateway', region.internetGateways);
  add('route-table', region.routeTables);
  add('security-group', region.securityGroups);
  add('instance', region.instances);
  for (const key of Object.values(region.keyPairs)) all.set(key.keyPairId, { type: 'key-pair', tags: key.tags });
  return all;
}

// ---- rendering -------------------------------------------------------------------------------------------------

function renderVpc(vpc: Vpc, ownerId: string): XmlValue {
  return {
    vpcId: vpc.vpcId,
    ownerId,
    state: vpc.state,
    cidrBlock: vpc.cidrBlock,
    cidrBlockAssociationSet: [
      {
        cidrBlock: vpc.cidrBlock,
        associationId: `vpc-cidr-assoc-${vpc.vpcId.slice(4)}`,
        cidrBlockState: { state: 'associated' },
      },
    ],
    ipv6CidrBlockAssociationSet: [],
    dhcpOptionsId: vpc.dhcpOptionsId,
    tagSet: renderTags(vpc.tags),
    instanceTenancy: vpc.instanceTenancy,
    isDefault: vpc.isDefault,
  };
}

function availableAddresses(subnet: Subnet, region: RegionState): number {
  const block = parseCidr(subnet.cidrBlock) as CidrBlock;
  const used = Object.values(region.instances).filter(
    (i) => i.subnetId === subnet.subnetId && i.state !== 'terminated',
  ).length;
  return sizeOf(block) - 5 - used;
}

function renderSubnet(subnet: Subnet, ownerId: string, region: RegionState, regionName: string): XmlValue {
  return {
    subnetId: subnet.subnetId,
    subnetArn: `arn:aws:ec2:${regionName}:${ownerId}:subnet/${subnet.subnetId}`,
    state: subnet.state,
    ownerId,
    vpcId: subnet.vpcId,
    cidrBlock: subnet.cidrBlock,
    ipv6CidrBlockAssociationSet: [],
    availableIpAddressCount: availableAddresses(subnet, region),
    availabilityZone: subnet.availabilityZone,
    availabilityZoneId: zoneIdOf(subnet.availabilityZone),
    defaultForAz: subnet.defaultForAz,
    mapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch,
    assignIpv6AddressOnCreation: false,
    ipv6Native: false,
    privateDnsNameOptionsOnLaunch: {
      hostnameType: 'ip-name',
      enableResourceNameDnsARecord: false,
      enableResourceNameDnsAAAARecord: false,
    },
    tagSet: renderTags(subnet.tags),
  };
}

function renderInternetGateway(igw: InternetGateway, ownerId: string): XmlValue {
  return {
    internetGatewayId: igw.internetGatewayId,
    ownerId,
    attachmentSet: igw.attachedVpcId ? [{ vpcId: igw.attachedVpcId, state: 'available' }] : [],
    tagSet: renderTags(igw.tags),
  };
}

function renderRouteTable(table: RouteTable, ownerId: string): XmlValue {
  return {
    routeTableId: table.routeTableId,
    vpcId: table.vpcId,
    ownerId,
    routeSet: table.routes.map((r) => ({
      destinationCidrBlock: r.destinationCidrBlock,
      gatewayId: r.gatewayId,
      natGatewayId: r.natGatewayId,
      instanceId: r.instanceId,
      state: 'active',
      origin: r.origin,
    })),
    associationSet: table.associations.map((a) => ({
      routeTableAssociationId: a.associationId,
      routeTableId: table.routeTableId,
      subnetId: a.subnetId,
      main: a.main,
      associationState: { state: 'associated' },
    })),
    propagatingVgwSet: [],
    tagSet: renderTags(table.tags),
  };
}

/** Rules grouped the way EC2 reports them: one permission per protocol and port range, its sources inside. */
function renderPermissions(rules: SecurityGroupRule[], ownerId: string): XmlValue {
  const groups = new Map<string, SecurityGroupRule[]>();
  for (const rule of rules) {
    const key = `${rule.ipProtocol}|${rule.fromPort ?? ''}|${rule.toPort ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), rule]);
  }
  return [...groups.values()].map((same) => ({
    ipProtocol: same[0]!.ipProtocol,
    fromPort: same[0]!.fromPort,
    toPort: same[0]!.toPort,
    groups: same
      .filter((r) => r.referencedGroupId)
      .map((r) => ({ userId: ownerId, groupId: r.referencedGroupId, description: r.description })),
    ipRanges: same.filter((r) => r.cidrIpv4).map((r) => ({ cidrIp: r.cidrIpv4, description: r.description })),
    ipv6Ranges: same.filter((r) => r.cidrIpv6).map((r) => ({ cidrIpv6: r.cidrIpv6, description: r.description })),
    prefixListIds: [],
  }));
}

function renderSecurityGroup(group: SecurityGroup, ownerId: string, regionName: string): XmlValue {
  return {
    ownerId,
    groupId: group.groupId,
    groupName: group.groupName,
    groupDescription: group.description,
    vpcId: group.vpcId,
    securityGroupArn: `arn:aws:ec2:${regionName}:${ownerId}:security-group/${group.groupId}`,
    ipPermissions: renderPermissions(group.ingress, ownerId),
    ipPermissionsEgress: renderPermissions(group.egress, ownerId),
    tagSet: renderTags(group.tags),
  };
}

function renderKeyPair(key: KeyPair): XmlValue {
  return {
    keyPairId: key.keyPairId,
    keyType: key.keyType,
    tagSet: renderTags(key.tags),
    keyName: key.keyName,
    keyFingerprint: key.keyFingerprint,
    createTime: key.createTime,
  };
}

function dnsName(address: string | undefined, regionName: string, internal: boolean): string | undefined {
  if (!address) return undefined;
  const dashed = address.replace(/\./g, '-');
  if (internal) return `ip-${dashed}.${regionName}.compute.internal`;
  return regionName === 'us-east-1'
    ? `ec2-${dashed}.compute-1.amazonaws.com`
    : `ec2-${dashed}.${regionName}.compute.amazonaws.com`;
}

function renderInstance(instance: Instance, region: RegionState, ownerId: string, regionName: string): XmlValue {
  const groups = instance.securityGroupIds.map((id) => ({
    groupId: id,
    groupName: region.securityGroups[id]?.groupName ?? id,
  }));
  const terminated = instance.state === 'terminated';
  return {
    instanceId: instance.instanceId,
    imageId: instance.imageId,
    instanceState: { code: stateCodes[instance.state], name: instance.state },
    privateDnsName: terminated ? '' : dnsName(instance.privateIpAddress, regionName, true),
    dnsName: instance.publicIpAddress ? dnsName(instance.publicIpAddress, regionName, false) : '',
    reason: instance.stateTransitionReason,
    keyName: instance.keyName,
    amiLaunchIndex: instance.amiLaunchIndex,
    productCodes: [],
    instanceType: instance.instanceType,
    launchTime: instance.launchTime,
    placement: { availabilityZone: instance.availabilityZone, groupName: '', tenancy: 'default' },
    monitoring: { state: 'disabled' },
    subnetId: terminated ? undefined : instance.subnetId,
    vpcId: terminated ? undefined : instance.vpcId,
    privateIpAddress: terminated ? undefined : instance.privateIpAddress,
    ipAddress: instance.publicIpAddress,
    sourceDestCheck: true,
    groupSet: terminated ? [] : groups,
    architecture: 'x86_64',
    rootDeviceType: 'ebs',
    rootDeviceName: '/dev/xvda',
    blockDeviceMapping: [],
    virtualizationType: 'hvm',
    clientToken: '',
    tagSet: renderTags(instance.tags),
    hypervisor: 'xen',
    networkInterfaceSet: terminated
      ? []
      : [
          {
            networkInterfaceId: instance.networkInterfaceId,
            subnetId: instance.subnetId,
            vpcId: instance.vpcId,
            description: '',
            ownerId,
            status: 'in-use',
            macAddress: instance.macAddress,
            privateIpAddress: instance.privateIpAddress,
            privateDnsName: dnsName(instance.privateIpAddress, regionName, true),
            sourceDestCheck: true,
            groupSet: groups,
            attachment: {
              attachmentId: `eni-attach-${instance.networkInterfaceId.slice(4)}`,
              deviceIndex: 0,
              networkCardIndex: 0,
              status: 'attached',
              attachTime: instance.launchTime,
              deleteOnTermination: true,
            },
            association: instance.publicIpAddress
              ? {
                  publicIp: instance.publicIpAddress,
                  publicDnsName: dnsName(instance.publicIpAddress, regionName, false),
                  ipOwnerId: 'amazon',
                }
              : undefined,
            privateIpAddressesSet: [
              {
                privateIpAddress: instance.privateIpAddress,
                privateDnsName: dnsName(instance.privateIpAddress, regionName, true),
                primary: true,
                association: instance.publicIpAddress
                  ? {
                      publicIp: instance.publicIpAddress,
                      publicDnsName: dnsName(instance.publicIpAddress, regionName, false),
                      ipOwnerId: 'amazon',
                    }
                  : undefined,
              },
            ],
            ipv6AddressesSet: [],
            interfaceType: 'interface',
          },
        ],
    ebsOptimized: false,
    enaSupport: true,
    stateReason:
      terminated || instance.state === 'stopped'
        ? { code: 'Client.UserInitiatedShutdown', message: 'Client.UserInitiatedShutdown: User initiated shutdown' }
        : undefined,
    metadataOptions: {
      state: 'applied',
      httpTokens: instance.metadataHttpTokens,
      httpPutResponseHopLimit: 2,
      httpEndpoint: 'enabled',
      httpProtocolIpv6: 'disabled',
      instanceMetadataTags: 'disabled',
    },
    hibernationOptions: { configured: false },
    platformDetails: 'Linux/UNIX',
    usageOperation: 'RunInstances',
    bootMode: 'uefi-preferred',
  };
}

// ---- operations ------------------------------------------------------------------------------------------------

const vpcFilters: FilterValues<Vpc> = {
  'vpc-id': (v) => [v.vpcId],
  cidr: (v) => [v.cidrBlock],
  'cidr-block-association.cidr-block': (v) => [v.cidrBlock],
  'is-default': (v) => [v.isDefault],
  state: (v) => [v.state],
  'dhcp-options-id': (v) => [v.dhcpOptionsId],
  'owner-id': () => [],
};

const subnetFilters: FilterValues<Subnet> = {
  'subnet-id': (s) => [s.subnetId],
  'vpc-id': (s) => [s.vpcId],
  'cidr-block': (s) => [s.cidrBlock],
  cidr: (s) => [s.cidrBlock],
  'availability-zone': (s) => [s.availabilityZone],
  'availability-zone-id': (s) => [zoneIdOf(s.availabilityZone)],
  'default-for-az': (s) => [s.defaultForAz],
  'map-public-ip-on-launch': (s) => [s.mapPublicIpOnLaunch],
  state: (s) => [s.state],
};

const igwFilters: FilterValues<InternetGateway> = {
  'internet-gateway-id': (g) => [g.internetGatewayId],
  'attachment.vpc-id': (g) => [g.attachedVpcId ?? undefined],
  'attachment.state': (g) => [g.attachedVpcId ? 'available' : undefined],
};

const routeTableFilters: FilterValues<RouteTable> = {
  'route-table-id': (t) => [t.routeTableId],
  'vpc-id': (t) => [t.vpcId],
  'association.subnet-id': (t) => t.associations.map((a) => a.subnetId),
  'association.route-table-association-id': (t) => t.associations.map((a) => a.associationId),
  'association.main': (t) => [t.associations.some((a) => a.main)],
  'route.destination-cidr-block': (t) => t.routes.map((r) => r.destinationCidrBlock),
  'route.gateway-id': (t) => t.routes.map((r) => r.gatewayId),
};

const groupFilters: FilterValues<SecurityGroup> = {
  'group-id': (g) => [g.groupId],
  'group-name': (g) => [g.groupName],
  'vpc-id': (g) => [g.vpcId],
  description: (g) => [g.description],
  'ip-permission.from-port': (g) => g.ingress.map((r) => r.fromPort),
  'ip-permission.to-port': (g) => g.ingress.map((r) => r.toPort),
  'ip-permission.protocol': (g) => g.ingress.map((r) => r.ipProtocol),
  'ip-permission.cidr': (g) => g.ingress.map((r) => r.cidrIpv4),
};

const keyPairFilters: FilterValues<KeyPair> = {
  'key-name': (k) => [k.keyName],
  'key-pair-id': (k) => [k.keyPairId],
  fingerprint: (k) => [k.keyFingerprint],
};

function instanceFilters(region: RegionState): FilterValues<Instance> {
  return {
    'instance-id': (i) => [i.instanceId],
    'instance-state-name': (i) => [i.state],
    'instance-state-code': (i) => [stateCodes[i.state]],
    'instance-type': (i) => [i.instanceType],
    'image-id': (i) => [i.imageId],
    'key-name': (i) => [i.keyName],
    'vpc-id': (i) => [i.vpcId],
    'subnet-id': (i) => [i.subnetId],
    'availability-zone': (i) => [i.availabilityZone],
    'ip-address': (i) => [i.publicIpAddress],
    'private-ip-address': (i) => [i.privateIpAddress],
    'reservation-id': (i) => [i.reservationId],
    'instance.group-id': (i) => i.securityGroupIds,
    'instance.group-name': (i) => i.securityGroupIds.map((id) => region.securityGroups[id]?.groupName),
    'network-interface.mac-address': (i) => [i.macAddress],
  };
}

function describe<T extends { tags: Tag[] }>(
  listName: string,
  items: T[],
  params: QueryParams,
  filters: FilterValues<T>,
  render: (item: T) => XmlValue,
): XmlValue {
  const { page, nextToken } = paginate(applyFilters(items, params, filters), params);
  return { [listName]: page.map(render), nextToken };
}

function requireVpc(region: RegionState, id: string): Vpc {
  return lookup(region.vpcs, 'vpc', id);
}

function defaultVpc(region: RegionState): Vpc | undefined {
  return Object.values(region.vpcs).find((v) => v.isDefault);
}

/** A rule's ports as sent: `-1`/all for every protocol, ICMP type/code, or a TCP/UDP range. */
function readRules(params: QueryParams): Omit<SecurityGroupRule, 'ruleId'>[] {
  const fromPermissions = params.structs('IpPermissions').flatMap((permission) => {
    const protocol = normaliseProtocol(permission.require('IpProtocol'));
    const fromPort = permission.get('FromPort') === undefined ? undefined : permission.int('FromPort', 0, -1, 65535);
    const toPort = permission.get('ToPort') === undefined ? undefined : permission.int('ToPort', 0, -1, 65535);
    const ports = protocol === '-1' ? {} : { fromPort, toPort };
    return [
      ...permission.structs('IpRanges').map((range) => ({
        ipProtocol: protocol,
        ...ports,
        cidrIpv4: checkRuleCidr(range.require('CidrIp')),
        description: range.get('Description'),
      })),
      ...permission.structs('Ipv6Ranges').map((range) => ({
        ipProtocol: protocol,
        ...ports,
        cidrIpv6: range.require('CidrIpv6'),
        description: range.get('Description'),
      })),
      ...permission.structs('Groups').map((group) => ({
        ipProtocol: protocol,
        ...ports,
        referencedGroupId: group.require('GroupId'),
        description: group.get('Description'),
      })),
    ];
  });
  if (fromPermissions.length > 0) return fromPermissions;
  // The older flat form the CLI's --protocol/--port/--cidr shorthand sends.
  const protocolText = params.get('IpProtocol');
  if (protocolText === undefined)
    throw new AwsError('MissingParameter', 'The request must contain the parameter IpPermissions');
  const protocol = normaliseProtocol(protocolText);
  const cidr = params.get('CidrIp');
  return [
    {
      ipProtocol: protocol,
      ...(protocol === '-1'
        ? {}
        : { fromPort: params.int('FromPort', -1, -1, 65535), toPort: params.int('ToPort', -1, -1, 65535) }),
      cidrIpv4: cidr === undefined ? undefined : checkRuleCidr(cidr),
      referencedGroupId: params.get('SourceSecurityGroupId'),
    },
  ];
}

function normaliseProtocol(protocol: string): string {
  const lower = protocol.toLowerCase();
  const byNumber: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', all: '-1' };
  const normal = byNumber[lower] ?? lower;
  if (!['tcp', 'udp', 'icmp', 'icmpv6', '-1'].includes(normal)) {
    throw new AwsError('InvalidParameterValue', `Invalid value '${protocol}' for IP protocol. Unknown protocol.`);
  }
  return normal;
}

function checkRuleCidr(text: string): string {
  const block = parseCidr(text);
  if (isCidrError(block)) throw new AwsError('InvalidParameterValue', `CIDR block ${text} is malformed`);
  return text;
}

function sameRule(a: Omit<SecurityGroupRule, 'ruleId'>, b: Omit<SecurityGroupRule, 'ruleId'>): boolean {
  return (
    a.ipProtocol === b.ipProtocol &&
    a.fromPort === b.fromPort &&
    a.toPort === b.toPort &&
    a.cidrIpv4 === b.cidrIpv4 &&
    a.cidrIpv6 === b.cidrIpv6 &&
    a.referencedGroupId === b.referencedGroupId
  );
}

function describeRule(rule: Omit<SecurityGroupRule, 'ruleId'>): string {
  const peer = rule.cidrIpv4 ?? rule.cidrIpv6 ?? rule.referencedGroupId;
  const protocol = rule.ipProtocol === '-1' ? 'ALL' : rule.ipProtocol.toUpperCase();
  return `peer: ${peer}, ${protocol}, from port: ${rule.fromPort ?? 'ALL'}, to port: ${rule.toPort ?? 'ALL'}, ALLOW`;
}

function changeRules(direction: 'ingress' | 'egress', add: boolean): QueryOperation {
  return {
    run(params, ctx) {
      const region = regionOf(ctx);
      const groupId = params.get('GroupId');
      const group = groupId
        ? lookup(region.securityGroups, 'sg', groupId)
        : findGroupByName(region, params.require('GroupName'));
      const rules = readRules(params);
      for (const rule of rules) {
        if (rule.referencedGroupId && !region.securityGroups[rule.referencedGroupId])
          throw notFound('sg', [rule.referencedGroupId]);
      }
      const list = group[direction];
      if (add) {
        const duplicate = rules.find((rule) => list.some((existing) => sameRule(existing, rule)));
        if (duplicate)
          throw new AwsError(
            'InvalidPermission.Duplicate',
            `the specified rule "${describeRule(duplicate)}" already exists`,
          );
        const added = rules.map((rule) => ({ ruleId: ec2Id('sgr'), ...rule }));
        list.push(...added);
        return {
          return: true,
          securityGroupRuleSet: added.map((rule) => ({
            securityGroupRuleId: rule.ruleId,
            groupId: group.groupId,
            groupOwnerId: ctx.account.accountId,
            isEgress: direction === 'egress',
            ipProtocol: rule.ipProtocol,
            fromPort: rule.fromPort ?? -1,
            toPort: rule.toPort ?? -1,
            cidrIpv4: rule.cidrIpv4,
            tagSet: [],
          })),
        };
      }
      const missing = rules.find((rule) => !list.some((existing) => sameRule(existing, rule)));
      if (missing)
        throw new AwsError('InvalidPermission.NotFound', `The specified rule does not exist in this security group.`);
      group[direction] = list.filter((existing) => !rules.some((rule) => sameRule(existing, rule)));
      return { return: true };
    },
  };
}

function findGroupByName(region: RegionState, name: string): SecurityGroup {
  const vpc = defaultVpc(region);
  const group = Object.values(region.securityGroups).find((g) => g.groupName === name && g.vpcId === vpc?.vpcId);
  if (!group)
    throw new AwsError(
      'InvalidGroup.NotFound',
      `The security group '${name}' does not exist in default VPC '${vpc?.vpcId ?? 'none'}'`,
    );
  return group;
}

function nextPrivateAddress(subnet: Subnet, region: RegionState): string {
  const block = parseCidr(subnet.cidrBlock) as CidrBlock;
  const taken = new Set(
    Object.values(region.instances)
      .filter((i) => i.subnetId === subnet.subnetId && i.state !== 'terminated')
      .map((i) => i.privateIpAddress),
  );
  for (let offset = 4; offset < sizeOf(block) - 1; offset++) {
    const candidate = formatAddress(block.network + offset);
    if (!taken.has(candidate)) return candidate;
  }
  throw new AwsError(
    'InsufficientFreeAddressesInSubnet',
    `There are not enough free addresses in subnet '${subnet.subnetId}' to satisfy the requested number of instances.`,
  );
}

/** A public address from the documentation ranges (RFC 5737), so sandbox addresses never name a real host. */
function newPublicAddress(state: ServiceContext): string {
  const used = new Set(
    Object.values(state.account.regions).flatMap((r) => Object.values(r.instances).map((i) => i.publicIpAddress)),
  );
  for (const base of ['203.0.113', '198.51.100']) {
    for (let host = 10; host < 255; host++) {
      const candidate = `${base}.${host}`;
      if (!used.has(candidate)) return candidate;
    }
  }
  throw new AwsError('AddressLimitExceeded', 'The sandbox has run out of public addresses; terminate some instances.');
}

function changeInstanceStates(
  ctx: ServiceContext,
  ids: string[],
  transition: (
    instance: Instance,
  ) => { from: InstanceStateName; to: InstanceStateName; shown: InstanceStateName } | null,
): XmlValue {
  const region = regionOf(ctx);
  if (ids.length === 0) throw new AwsError('MissingParameter', 'The request must contain the parameter InstanceId');
  const instances = selectByIds(region.instances, 'instance', ids);
  const changes = instances.map((instance) => ({ instance, change: transition(instance) }));
  return {
    instancesSet: changes.map(({ instance, change }) => ({
      instanceId: instance.instanceId,
      currentState: { code: stateCodes[change?.shown ?? instance.state], name: change?.shown ?? instance.state },
      previousState: { code: stateCodes[change?.from ?? instance.state], name: change?.from ?? instance.state },
    })),
  };
}

const reasonTime = (now: Date) =>
  now
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, ' GMT');

const operations: Record<string, QueryOperation> = {
  DescribeRegions: {
    run(params) {
      const names = params.list('RegionName');
      const unknown = names.find((name) => !Object.hasOwn(regionZones, name));
      if (unknown) throw new AwsError('InvalidParameterValue', `Invalid region: ${unknown}`);
      const regions = (names.length ? names : sandboxRegions).map((name) => ({
        regionName: name,
        regionEndpoint: `ec2.${name}.amazonaws.com`,
        optInStatus: 'opt-in-not-required',
      }));
      return { regionInfo: regions };
    },
  },

  DescribeAvailabilityZones: {
    run(params, ctx) {
      const zones = zonesOf(ctx.region).map((zone) => ({ zoneName: zone, zoneId: zoneIdOf(zone), tags: [] as Tag[] }));
      const wanted = params.list('ZoneName');
      const selected = applyFilters(
        zones.filter((z) => wanted.length === 0 || wanted.includes(z.zoneName)),
        params,
        {
          'zone-name': (z) => [z.zoneName],
          'zone-id': (z) => [z.zoneId],
          state: () => ['available'],
          'region-name': () => [ctx.region],
        },
      );
      return {
        availabilityZoneInfo: selected.map((z) => ({
          zoneName: z.zoneName,
          zoneState: 'available',
          regionName: ctx.region,
          zoneId: z.zoneId,
          zoneType: 'availability-zone',
          optInStatus: 'opt-in-not-required',
          groupName: ctx.region,
          networkBorderGroup: ctx.region,
          messageSet: [],
        })),
      };
    },
  },

  DescribeInstanceTypes: {
    run(params) {
      const wanted = params.list('InstanceType');
      const all = Object.entries(instanceTypes).map(([name, info]) => ({ name, ...info, tags: [] as Tag[] }));
      const unknown = wanted.find((name) => !Object.hasOwn(instanceTypes, name));
      if (unknown)
        throw new AwsError('InvalidInstanceType', `The following supplied instance types do not exist: [${unknown}]`);
      const selected = applyFilters(
        all.filter((t) => wanted.length === 0 || wanted.includes(t.name)),
        params,
        {
          'free-tier-eligible': (t) => [t.freeTier],
          'instance-type': (t) => [t.name],
          'vcpu-info.default-vcpus': (t) => [t.vcpus],
          'memory-info.size-in-mib': (t) => [t.memoryMiB],
        },
      );
      return {
        instanceTypeSet: selected.map((t) => ({
          instanceType: t.name,
          currentGeneration: true,
          freeTierEligible: t.freeTier,
          vCpuInfo: { defaultVCpus: t.vcpus },
          memoryInfo: { sizeInMiB: t.memoryMiB },
        })),
      };
    },
  },

  DescribeImages: {
    run(params, ctx) {
      const images = [
        {
          id: amazonLinuxImageId(ctx.region),
          name: 'al2023-ami-2023.9.20251117.1-kernel-6.1-x86_64',
          description: 'Amazon Linux 2023 AMI 2023.9.20251117.1 x86_64 HVM kernel-6.1',
          tags: [] as Tag[],
        },
      ];
      const wanted = params.list('ImageId');
      const missing = wanted.filter((id) => !images.some((image) => image.id === id));
      if (missing.length)
        throw new AwsError('InvalidAMIID.NotFound', `The image id '[${missing.join(', ')}]' does not exist`);
      const selected = applyFilters(
        images.filter((i) => wanted.length === 0 || wanted.includes(i.id)),
        params,
        {
          'image-id': (i) => [i.id],
          name: (i) => [i.name],
          'owner-alias': () => ['amazon'],
          state: () => ['available'],
          architecture: () => ['x86_64'],
        },
      );
      return {
        imagesSet: selected.map((i) => ({
          imageId: i.id,
          imageLocation: `amazon/${i.name}`,
          imageState: 'available',
          imageOwnerId: '137112412989',
          isPublic: true,
          architecture: 'x86_64',
          imageType: 'machine',
          name: i.name,
          description: i.description,
          rootDeviceType: 'ebs',
          rootDeviceName: '/dev/xvda',
          virtualizationType: 'hvm',
          hypervisor: 'xen',
          imageOwnerAlias: 'amazon',
          platformDetails: 'Linux/UNIX',
          creationDate: '2025-11-17T00:00:00.000Z',
        })),
      };
    },
  },

  CreateVpc: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const text = params.require('CidrBlock');
      const block = parseBlock(text, 'CidrBlock');
      const rule = checkVpcBlock(block);
      if (rule) throw new AwsError(rule.code, rule.message);
      const vpc = newVpc(region, text, false, tagsFor(params, 'vpc'));
      return { vpc: renderVpc(vpc, ctx.account.accountId) };
    },
  },

  DescribeVpcs: {
    run(params, ctx) {
      const region = regionOf(ctx);
      return describe('vpcSet', selectByIds(region.vpcs, 'vpc', params.list('VpcId')), params, vpcFilters, (v) =>
        renderVpc(v, ctx.account.accountId),
      );
    },
  },

  DescribeVpcAttribute: {
    run(params, ctx) {
      const vpc = requireVpc(regionOf(ctx), params.require('VpcId'));
      const attribute = params.require('Attribute');
      if (attribute === 'enableDnsSupport')
        return { vpcId: vpc.vpcId, enableDnsSupport: { value: vpc.enableDnsSupport } };
      if (attribute === 'enableDnsHostnames')
        return { vpcId: vpc.vpcId, enableDnsHostnames: { value: vpc.enableDnsHostnames } };
      throw new AwsError(
        'InvalidParameterValue',
        `Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`,
      );
    },
  },

  ModifyVpcAttribute: {
    run(params, ctx) {
      const vpc = requireVpc(regionOf(ctx), params.require('VpcId'));
      const support = params.bool('EnableDnsSupport.Value');
      const hostnames = params.bool('EnableDnsHostnames.Value');
      if (support === undefined && hostnames === undefined)
        throw new AwsError(
          'InvalidParameterCombination',
          'Exactly one attribute must be modified: EnableDnsSupport or EnableDnsHostnames.',
        );
      if (support !== undefined) vpc.enableDnsSupport = support;
      if (hostnames !== undefined) vpc.enableDnsHostnames = hostnames;
      return { return: true };
    },
  },

  DeleteVpc: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const vpc = requireVpc(region, params.require('VpcId'));
      const dependent =
        Object.values(region.subnets).some((s) => s.vpcId === vpc.vpcId) ||
        Object.values(region.internetGateways).some((g) => g.attachedVpcId === vpc.vpcId) ||
        Object.values(region.securityGroups).some((g) => g.vpcId === vpc.vpcId && g.groupName !== 'default') ||
        Object.values(region.routeTables).some((t) => t.vpcId === vpc.vpcId && !t.associations.some((a) => a.main));
      if (dependent)
        throw new AwsError('DependencyViolation', `The vpc '${vpc.vpcId}' has dependencies and cannot be deleted.`);
      for (const [id, table] of Object.entries(region.routeTables))
        if (table.vpcId === vpc.vpcId) delete region.routeTables[id];
      for (const [id, group] of Object.entries(region.securityGroups))
        if (group.vpcId === vpc.vpcId) delete region.securityGroups[id];
      delete region.vpcs[vpc.vpcId];
      return { return: true };
    },
  },

  CreateSubnet: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const vpc = requireVpc(region, params.require('VpcId'));
      const text = params.require('CidrBlock');
      const block = parseBlock(text, 'CidrBlock');
      const siblings = Object.values(region.subnets)
        .filter((s) => s.vpcId === vpc.vpcId)
        .map((s) => parseCidr(s.cidrBlock) as CidrBlock);
      const rule = checkSubnetBlock(block, parseCidr(vpc.cidrBlock) as CidrBlock, siblings);
      if (rule) throw new AwsError(rule.code, rule.message);
      const zones = zonesOf(ctx.region);
      const zoneId = params.get('AvailabilityZoneId');
      const zone =
        params.get('AvailabilityZone') ??
        zones.find((z) => zoneIdOf(z) === zoneId) ??
        zones[Object.keys(region.subnets).length % zones.length]!;
      if (!zones.includes(zone)) {
        throw new AwsError(
          'InvalidParameterValue',
          `Value (${zone}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${zones.join(', ')}.`,
        );
      }
      const subnet: Subnet = {
        subnetId: ec2Id('subnet'),
        vpcId: vpc.vpcId,
        cidrBlock: text,
        availabilityZone: zone,
        mapPublicIpOnLaunch: false,
        defaultForAz: false,
        state: 'available',
        tags: tagsFor(params, 'subnet'),
      };
      region.subnets[subnet.subnetId] = subnet;
      return { subnet: renderSubnet(subnet, ctx.account.accountId, region, ctx.region) };
    },
  },

  DescribeSubnets: {
    run(params, ctx) {
      const region = regionOf(ctx);
      return describe(
        'subnetSet',
        selectByIds(region.subnets, 'subnet', params.list('SubnetId')),
        params,
        subnetFilters,
        (s) => renderSubnet(s, ctx.account.accountId, region, ctx.region),
      );
    },
  },

  ModifySubnetAttribute: {
    run(params, ctx) {
      const subnet = lookup(regionOf(ctx).subnets, 'subnet', params.require('SubnetId'));
      const map = params.bool('MapPublicIpOnLaunch.Value');
      if (map === undefined)
        throw new AwsError(
          'InvalidParameterCombination',
          'Specify one attribute to modify, such as MapPublicIpOnLaunch.',
        );
      subnet.mapPublicIpOnLaunch = map;
      return { return: true };
    },
  },

  DeleteSubnet: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const subnet = lookup(region.subnets, 'subnet', params.require('SubnetId'));
      if (Object.values(region.instances).some((i) => i.subnetId === subnet.subnetId && i.state !== 'terminated')) {
        throw new AwsError(
          'DependencyViolation',
          `The subnet '${subnet.subnetId}' has dependencies and cannot be deleted.`,
        );
      }
      for (const table of Object.values(region.routeTables))
        table.associations = table.associations.filter((a) => a.subnetId !== subnet.subnetId);
      delete region.subnets[subnet.subnetId];
      return { return: true };
    },
  },

  CreateInternetGateway: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const igw: InternetGateway = {
        internetGatewayId: ec2Id('igw'),
        attachedVpcId: null,
        tags: tagsFor(params, 'internet-gateway'),
      };
      region.internetGateways[igw.internetGatewayId] = igw;
      return { internetGateway: renderInternetGateway(igw, ctx.account.accountId) };
    },
  },

  AttachInternetGateway: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const igw = lookup(region.internetGateways, 'igw', params.require('InternetGatewayId'));
      const vpc = requireVpc(region, params.require('VpcId'));
      if (igw.attachedVpcId)
        throw new AwsError(
          'Resource.AlreadyAssociated',
          `resource ${igw.internetGatewayId} is already attached to network ${igw.attachedVpcId}`,
        );
      const other = Object.values(region.internetGateways).find((g) => g.attachedVpcId === vpc.vpcId);
      if (other)
        throw new AwsError('InvalidParameterValue', `Network ${vpc.vpcId} already has an internet gateway attached`);
      igw.attachedVpcId = vpc.vpcId;
      return { return: true };
    },
  },

  DetachInternetGateway: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const igw = lookup(region.internetGateways, 'igw', params.require('InternetGatewayId'));
      const vpcId = params.require('VpcId');
      if (igw.attachedVpcId !== vpcId)
        throw new AwsError(
          'Gateway.NotAttached',
          `resource ${igw.internetGatewayId} is not attached to network ${vpcId}`,
        );
      igw.attachedVpcId = null;
      return { return: true };
    },
  },

  DeleteInternetGateway: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const igw = lookup(region.internetGateways, 'igw', params.require('InternetGatewayId'));
      if (igw.attachedVpcId)
        throw new AwsError(
          'DependencyViolation',
          `The internetGateway '${igw.internetGatewayId}' has dependencies and cannot be deleted.`,
        );
      delete region.internetGateways[igw.internetGatewayId];
      return { return: true };
    },
  },

  DescribeInternetGateways: {
    run(params, ctx) {
      const region = regionOf(ctx);
      return describe(
        'internetGatewaySet',
        selectByIds(region.internetGateways, 'igw', params.list('InternetGatewayId')),
        params,
        igwFilters,
        (g) => renderInternetGateway(g, ctx.account.accountId),
      );
    },
  },

  CreateRouteTable: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const vpc = requireVpc(region, params.require('VpcId'));
      const table: RouteTable = {
        routeTableId: ec2Id('rtb'),
        vpcId: vpc.vpcId,
        routes: [{ destinationCidrBlock: vpc.cidrBlock, gatewayId: 'local', origin: 'CreateRouteTable' }],
        associations: [],
        tags: tagsFor(params, 'route-table'),
      };
      region.routeTables[table.routeTableId] = table;
      return { routeTable: renderRouteTable(table, ctx.account.accountId) };
    },
  },

  DescribeRouteTables: {
    run(params, ctx) {
      const region = regionOf(ctx);
      return describe(
        'routeTableSet',
        selectByIds(region.routeTables, 'rtb', params.list('RouteTableId')),
        params,
        routeTableFilters,
        (t) => renderRouteTable(t, ctx.account.accountId),
      );
    },
  },

  CreateRoute: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const table = lookup(region.routeTables, 'rtb', params.require('RouteTableId'));
      const destination = params.require('DestinationCidrBlock');
      parseBlock(destination, 'DestinationCidrBlock');
      if (table.routes.some((r) => r.destinationCidrBlock === destination)) {
        throw new AwsError('RouteAlreadyExists', `The route identified by ${destination} already exists.`);
      }
      const gatewayId = params.get('GatewayId');
      const natGatewayId = params.get('NatGatewayId');
      const instanceId = params.get('InstanceId');
      if (!gatewayId && !natGatewayId && !instanceId) {
        throw new AwsError(
          'InvalidParameterCombination',
          'The request must contain exactly one of gatewayId, natGatewayId, instanceId.',
        );
      }
      if (gatewayId) {
        const igw = lookup(region.internetGateways, 'igw', gatewayId);
        if (igw.attachedVpcId !== table.vpcId) {
          throw new AwsError(
            'InvalidParameterValue',
            `route table ${table.routeTableId} and network gateway ${gatewayId} belong to different networks`,
          );
        }
      }
      if (instanceId) lookup(region.instances, 'instance', instanceId);
      table.routes.push({
        destinationCidrBlock: destination,
        gatewayId,
        natGatewayId,
        instanceId,
        origin: 'CreateRoute',
      });
      return { return: true };
    },
  },

  DeleteRoute: {
    run(params, ctx) {
      const table = lookup(regionOf(ctx).routeTables, 'rtb', params.require('RouteTableId'));
      const destination = params.require('DestinationCidrBlock');
      const route = table.routes.find((r) => r.destinationCidrBlock === destination);
      if (!route)
        throw new AwsError(
          'InvalidRoute.NotFound',
          `no route with destination-cidr-block ${destination} in route table ${table.routeTableId}`,
        );
      if (route.gatewayId === 'local')
        throw new AwsError(
          'InvalidParameterValue',
          `cannot remove local route ${destination} in route table ${table.routeTableId}`,
        );
      table.routes = table.routes.filter((r) => r !== route);
      return { return: true };
    },
  },

  AssociateRouteTable: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const table = lookup(region.routeTables, 'rtb', params.require('RouteTableId'));
      const subnet = lookup(region.subnets, 'subnet', params.require('SubnetId'));
      if (subnet.vpcId !== table.vpcId)
        throw new AwsError(
          'InvalidParameterValue',
          `Route table ${table.routeTableId} and subnet ${subnet.subnetId} belong to different networks`,
        );
      const current = Object.values(region.routeTables).find((t) =>
        t.associations.some((a) => a.subnetId === subnet.subnetId),
      );
      if (current)
        throw new AwsError(
          'Resource.AlreadyAssociated',
          `the specified association for route table ${current.routeTableId} conflicts with an existing association`,
        );
      const association = { associationId: ec2Id('rtbassoc'), subnetId: subnet.subnetId, main: false };
      table.associations.push(association);
      return { associationId: association.associationId, associationState: { state: 'associated' } };
    },
  },

  DisassociateRouteTable: {
    run(params, ctx) {
      const id = params.require('AssociationId');
      const table = Object.values(regionOf(ctx).routeTables).find((t) =>
        t.associations.some((a) => a.associationId === id && !a.main),
      );
      if (!table) throw new AwsError('InvalidAssociationID.NotFound', `The association ID '${id}' does not exist`);
      table.associations = table.associations.filter((a) => a.associationId !== id);
      return { return: true };
    },
  },

  DeleteRouteTable: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const table = lookup(region.routeTables, 'rtb', params.require('RouteTableId'));
      if (table.associations.length > 0)
        throw new AwsError(
          'DependencyViolation',
          `The routeTable '${table.routeTableId}' has dependencies and cannot be deleted.`,
        );
      delete region.routeTables[table.routeTableId];
      return { return: true };
    },
  },

  CreateSecurityGroup: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const name = params.require('GroupName');
      const description = params.require('GroupDescription');
      const vpcId = params.get('VpcId') ?? defaultVpc(region)?.vpcId;
      if (!vpcId) throw new AwsError('VPCIdNotSpecified', 'No default VPC for this user');
      const vpc = requireVpc(region, vpcId);
      if (name.length > 255 || name.toLowerCase().startsWith('sg-'))
        throw new AwsError(
          'InvalidParameterValue',
          `Invalid value '${name}' for groupName. Group names may not be in the format sg-*.`,
        );
      if (Object.values(region.securityGroups).some((g) => g.vpcId === vpc.vpcId && g.groupName === name)) {
        throw new AwsError(
          'InvalidGroup.Duplicate',
          `The security group '${name}' already exists for VPC '${vpc.vpcId}'`,
        );
      }
      const group: SecurityGroup = {
        groupId: ec2Id('sg'),
        groupName: name,
        description,
        vpcId: vpc.vpcId,
        ingress: [],
        egress: [{ ruleId: ec2Id('sgr'), ipProtocol: '-1', cidrIpv4: '0.0.0.0/0' }],
        tags: tagsFor(params, 'security-group'),
      };
      region.securityGroups[group.groupId] = group;
      return {
        return: true,
        groupId: group.groupId,
        tagSet: renderTags(group.tags),
        securityGroupArn: `arn:aws:ec2:${ctx.region}:${ctx.account.accountId}:security-group/${group.groupId}`,
      };
    },
  },

  DescribeSecurityGroups: {
    run(params, ctx) {
      const region = regionOf(ctx);
      let groups = selectByIds(region.securityGroups, 'sg', params.list('GroupId'));
      const names = params.list('GroupName');
      if (names.length > 0) groups = names.map((name) => findGroupByName(region, name));
      return describe('securityGroupInfo', groups, params, groupFilters, (g) =>
        renderSecurityGroup(g, ctx.account.accountId, ctx.region),
      );
    },
  },

  DescribeSecurityGroupRules: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const rules = Object.values(region.securityGroups).flatMap((group) => [
        ...group.ingress.map((rule) => ({ group, rule, egress: false, tags: [] as Tag[] })),
        ...group.egress.map((rule) => ({ group, rule, egress: true, tags: [] as Tag[] })),
      ]);
      return describe(
        'securityGroupRuleSet',
        rules,
        params,
        { 'group-id': (r) => [r.group.groupId], 'security-group-rule-id': (r) => [r.rule.ruleId] },
        ({ group, rule, egress }) => ({
          securityGroupRuleId: rule.ruleId,
          groupId: group.groupId,
          groupOwnerId: ctx.account.accountId,
          isEgress: egress,
          ipProtocol: rule.ipProtocol,
          fromPort: rule.fromPort ?? -1,
          toPort: rule.toPort ?? -1,
          cidrIpv4: rule.cidrIpv4,
          cidrIpv6: rule.cidrIpv6,
          referencedGroupInfo: rule.referencedGroupId
            ? { groupId: rule.referencedGroupId, userId: ctx.account.accountId }
            : undefined,
          description: rule.description,
          tagSet: [],
        }),
      );
    },
  },

  AuthorizeSecurityGroupIngress: changeRules('ingress', true),
  AuthorizeSecurityGroupEgress: changeRules('egress', true),
  RevokeSecurityGroupIngress: changeRules('ingress', false),
  RevokeSecurityGroupEgress: changeRules('egress', false),

  DeleteSecurityGroup: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const groupId = params.get('GroupId');
      const group = groupId
        ? lookup(region.securityGroups, 'sg', groupId)
        : findGroupByName(region, params.require('GroupName'));
      if (group.groupName === 'default')
        throw new AwsError(
          'CannotDelete',
          `the specified group: "${group.groupId}" name: "default" cannot be deleted by a user`,
        );
      if (
        Object.values(region.instances).some(
          (i) => i.state !== 'terminated' && i.securityGroupIds.includes(group.groupId),
        )
      ) {
        throw new AwsError('DependencyViolation', `resource ${group.groupId} has a dependent object`);
      }
      delete region.securityGroups[group.groupId];
      return { return: true };
    },
  },

  CreateKeyPair: {
    async run(params, ctx) {
      const region = regionOf(ctx);
      const keyName = params.require('KeyName');
      if (region.keyPairs[keyName])
        throw new AwsError('InvalidKeyPair.Duplicate', `The keypair '${keyName}' already exists.`);
      const keyType = (params.get('KeyType') ?? 'rsa') as KeyPair['keyType'];
      if (keyType !== 'rsa' && keyType !== 'ed25519')
        throw new AwsError('InvalidParameterValue', `Invalid value '${keyType}' for keyType.`);
      const material = await createKeyMaterial(keyType);
      const key: KeyPair = {
        keyPairId: ec2Id('key'),
        keyName,
        keyFingerprint: material.fingerprint,
        keyType,
        publicKey: material.publicKey,
        createTime: ctx.now.toISOString(),
        tags: tagsFor(params, 'key-pair'),
      };
      region.keyPairs[keyName] = key;
      return {
        keyName,
        keyFingerprint: key.keyFingerprint,
        keyMaterial: material.privateKey,
        keyPairId: key.keyPairId,
        tagSet: renderTags(key.tags),
      };
    },
  },

  ImportKeyPair: {
    async run(params, ctx) {
      const region = regionOf(ctx);
      const keyName = params.require('KeyName');
      if (region.keyPairs[keyName])
        throw new AwsError('InvalidKeyPair.Duplicate', `The keypair '${keyName}' already exists.`);
      let publicKey: string;
      try {
        publicKey = atob(params.require('PublicKeyMaterial')).trim();
      } catch {
        throw new AwsError('InvalidKeyPair.Format', 'Key is not in valid OpenSSH public key format');
      }
      const fingerprint = await fingerprintOfImportedKey(publicKey);
      if (!fingerprint) throw new AwsError('InvalidKeyPair.Format', 'Key is not in valid OpenSSH public key format');
      const key: KeyPair = {
        keyPairId: ec2Id('key'),
        keyName,
        keyFingerprint: fingerprint,
        keyType: publicKey.startsWith('ssh-ed25519') ? 'ed25519' : 'rsa',
        publicKey,
        createTime: ctx.now.toISOString(),
        tags: tagsFor(params, 'key-pair'),
      };
      region.keyPairs[keyName] = key;
      return { keyFingerprint: key.keyFingerprint, keyName, keyPairId: key.keyPairId, tagSet: renderTags(key.tags) };
    },
  },

  DescribeKeyPairs: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const names = params.list('KeyName');
      const ids = params.list('KeyPairId');
      const all = Object.values(region.keyPairs);
      const missingName = names.find((name) => !region.keyPairs[name]);
      if (missingName) throw new AwsError('InvalidKeyPair.NotFound', `The key pair '${missingName}' does not exist`);
      const missingId = ids.find((id) => !all.some((k) => k.keyPairId === id));
      if (missingId) throw new AwsError('InvalidKeyPair.NotFound', `The key pair '${missingId}' does not exist`);
      const selected = all.filter(
        (k) => (names.length === 0 || names.includes(k.keyName)) && (ids.length === 0 || ids.includes(k.keyPairId)),
      );
      return { keySet: applyFilters(selected, params, keyPairFilters).map(renderKeyPair) };
    },
  },

  DeleteKeyPair: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const name =
        params.get('KeyName') ??
        Object.values(region.keyPairs).find((k) => k.keyPairId === params.require('KeyPairId'))?.keyName;
      const key = name ? region.keyPairs[name] : undefined;
      // EC2 answers success for a key that does not exist.
      if (key) delete region.keyPairs[key.keyName];
      return { return: true, keyPairId: key?.keyPairId };
    },
  },

  RunInstances: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const imageId = params.require('ImageId');
      if (!/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(imageId))
        throw new AwsError('InvalidAMIID.Malformed', `Invalid id: "${imageId}" (expecting "ami-...")`);
      const instanceType = params.get('InstanceType') ?? 'm1.small';
      if (!Object.hasOwn(instanceTypes, instanceType))
        throw new AwsError('InvalidParameterValue', `Invalid value '${instanceType}' for InstanceType.`);
      const minCount = params.int('MinCount', 1, 1, 20);
      const maxCount = params.int('MaxCount', minCount, 1, 20);
      if (minCount > maxCount)
        throw new AwsError('InvalidParameterValue', 'MinCount must be less than or equal to MaxCount');
      const networkInterface = params.structs('NetworkInterface')[0];
      const subnetId = params.get('SubnetId') ?? networkInterface?.get('SubnetId');
      const subnet = subnetId
        ? lookup(region.subnets, 'subnet', subnetId)
        : Object.values(region.subnets).find(
            (s) =>
              s.defaultForAz &&
              s.availabilityZone === (params.get('Placement.AvailabilityZone') ?? zonesOf(ctx.region)[0]),
          );
      if (!subnet)
        throw new AwsError(
          'VPCIdNotSpecified',
          'No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.',
        );
      const keyName = params.get('KeyName');
      if (keyName && !region.keyPairs[keyName])
        throw new AwsError('InvalidKeyPair.NotFound', `The key pair '${keyName}' does not exist`);
      const groupIds = [...params.list('SecurityGroupId'), ...(networkInterface?.list('SecurityGroupId') ?? [])];
      for (const id of groupIds) {
        const group = lookup(region.securityGroups, 'sg', id);
        if (group.vpcId !== subnet.vpcId) {
          throw new AwsError(
            'InvalidParameter',
            `Security group ${id} and subnet ${subnet.subnetId} belong to different networks.`,
          );
        }
      }
      for (const name of params.list('SecurityGroup')) {
        const group = Object.values(region.securityGroups).find(
          (g) => g.groupName === name && g.vpcId === subnet.vpcId,
        );
        if (!group)
          throw new AwsError(
            'InvalidGroup.NotFound',
            `The security group '${name}' does not exist in VPC '${subnet.vpcId}'`,
          );
        groupIds.push(group.groupId);
      }
      if (groupIds.length === 0) {
        groupIds.push(
          Object.values(region.securityGroups).find((g) => g.vpcId === subnet.vpcId && g.groupName === 'default')!
            .groupId,
        );
      }
      const userData = params.get('UserData');
      if (userData !== undefined && userData.length > 21848)
        throw new AwsError('InvalidParameterValue', 'User data is limited to 16384 bytes');
      const httpTokens = params.get('MetadataOptions.HttpTokens') ?? 'optional';
      if (httpTokens !== 'optional' && httpTokens !== 'required')
        throw new AwsError('InvalidParameterValue', `Invalid value '${httpTokens}' for HttpTokens.`);
      const publicIp = networkInterface?.bool('AssociatePublicIpAddress') ?? subnet.mapPublicIpOnLaunch;
      const reservationId = ec2Id('r');
      const tags = tagsFor(params, 'instance');
      const launched: Instance[] = [];
      for (let index = 0; index < maxCount; index++) {
        const instance: Instance = {
          instanceId: ec2Id('i'),
          imageId,
          instanceType,
          keyName,
          vpcId: subnet.vpcId,
          subnetId: subnet.subnetId,
          availabilityZone: subnet.availabilityZone,
          privateIpAddress: nextPrivateAddress(subnet, region),
          publicIpAddress: publicIp ? newPublicAddress(ctx) : undefined,
          macAddress: macAddress(),
          networkInterfaceId: ec2Id('eni'),
          securityGroupIds: [...new Set(groupIds)],
          state: 'running',
          stateTransitionReason: '',
          launchTime: awsTimestamp(ctx.now, { fraction: true }),
          userData,
          metadataHttpTokens: httpTokens,
          tags: tags.map((t) => ({ ...t })),
          reservationId,
          amiLaunchIndex: index,
        };
        region.instances[instance.instanceId] = instance;
        launched.push(instance);
      }
      // RunInstances answers while the instances are still pending; the sandbox boots them at once.
      return {
        reservationId,
        ownerId: ctx.account.accountId,
        groupSet: [],
        instancesSet: launched.map((instance) => {
          const rendered = renderInstance(instance, region, ctx.account.accountId, ctx.region) as Record<
            string,
            XmlValue
          >;
          return { ...rendered, instanceState: { code: 0, name: 'pending' } };
        }),
      };
    },
  },

  DescribeInstances: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const selected = applyFilters(
        selectByIds(region.instances, 'instance', params.list('InstanceId')),
        params,
        instanceFilters(region),
      );
      const { page, nextToken } = paginate(selected, params);
      const reservations = new Map<string, Instance[]>();
      for (const instance of page)
        reservations.set(instance.reservationId, [...(reservations.get(instance.reservationId) ?? []), instance]);
      return {
        reservationSet: [...reservations.entries()].map(([reservationId, instances]) => ({
          reservationId,
          ownerId: ctx.account.accountId,
          groupSet: [],
          instancesSet: instances.map((i) => renderInstance(i, region, ctx.account.accountId, ctx.region)),
        })),
        nextToken,
      };
    },
  },

  DescribeInstanceStatus: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const all = params.bool('IncludeAllInstances') ?? false;
      const instances = selectByIds(region.instances, 'instance', params.list('InstanceId')).filter(
        (i) => all || i.state === 'running',
      );
      return {
        instanceStatusSet: instances.map((i) => ({
          instanceId: i.instanceId,
          availabilityZone: i.availabilityZone,
          instanceState: { code: stateCodes[i.state], name: i.state },
          systemStatus: { status: i.state === 'running' ? 'ok' : 'not-applicable' },
          instanceStatus: { status: i.state === 'running' ? 'ok' : 'not-applicable' },
        })),
      };
    },
  },

  DescribeInstanceAttribute: {
    run(params, ctx) {
      const instance = lookup(regionOf(ctx).instances, 'instance', params.require('InstanceId'));
      const attribute = params.require('Attribute');
      const values: Record<string, XmlValue> = {
        userData: instance.userData === undefined ? {} : { value: instance.userData },
        instanceType: { value: instance.instanceType },
        groupSet: instance.securityGroupIds.map((groupId) => ({ groupId })),
      };
      if (!Object.hasOwn(values, attribute))
        throw new AwsError(
          'InvalidParameterValue',
          `Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`,
        );
      return { instanceId: instance.instanceId, [attribute]: values[attribute] };
    },
  },

  StopInstances: {
    run(params, ctx) {
      return changeInstanceStates(ctx, params.list('InstanceId'), (instance) => {
        if (instance.state === 'terminated')
          throw new AwsError(
            'IncorrectInstanceState',
            `This instance '${instance.instanceId}' is not in a state from which it can be stopped.`,
          );
        if (instance.state === 'stopped') return null;
        const from = instance.state;
        instance.state = 'stopped';
        instance.publicIpAddress = undefined;
        instance.stateTransitionReason = `User initiated (${reasonTime(ctx.now)})`;
        return { from, to: 'stopped', shown: 'stopping' };
      });
    },
  },

  StartInstances: {
    run(params, ctx) {
      const region = regionOf(ctx);
      return changeInstanceStates(ctx, params.list('InstanceId'), (instance) => {
        if (instance.state === 'terminated')
          throw new AwsError(
            'IncorrectInstanceState',
            `The instance '${instance.instanceId}' is not in a state from which it can be started.`,
          );
        if (instance.state === 'running') return null;
        const from = instance.state;
        instance.state = 'running';
        instance.stateTransitionReason = '';
        if (region.subnets[instance.subnetId]?.mapPublicIpOnLaunch) instance.publicIpAddress = newPublicAddress(ctx);
        return { from, to: 'running', shown: 'pending' };
      });
    },
  },

  TerminateInstances: {
    run(params, ctx) {
      return changeInstanceStates(ctx, params.list('InstanceId'), (instance) => {
        if (instance.state === 'terminated') return null;
        const from = instance.state;
        instance.state = 'terminated';
        instance.publicIpAddress = undefined;
        instance.stateTransitionReason = `User initiated (${reasonTime(ctx.now)})`;
        return { from, to: 'terminated', shown: 'shutting-down' };
      });
    },
  },

  CreateTags: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const resources = taggable(region);
      const ids = params.list('ResourceId');
      if (ids.length === 0) throw new AwsError('MissingParameter', 'The request must contain the parameter ResourceId');
      const tags = readTagList(params, 'Tag');
      const unknown = ids.find((id) => !resources.has(id));
      if (unknown) throw new AwsError('InvalidID', `The ID '${unknown}' is not valid`);
      for (const id of ids) setTags(resources.get(id)!.tags, tags);
      return { return: true };
    },
  },

  DeleteTags: {
    run(params, ctx) {
      const resources = taggable(regionOf(ctx));
      const ids = params.list('ResourceId');
      const unknown = ids.find((id) => !resources.has(id));
      if (unknown) throw new AwsError('InvalidID', `The ID '${unknown}' is not valid`);
      const doomed = params.structs('Tag').map((tag) => ({ key: tag.require('Key'), value: tag.get('Value') }));
      for (const id of ids) {
        const tags = resources.get(id)!.tags;
        const keep = tags.filter(
          (t) =>
            doomed.length > 0 && !doomed.some((d) => d.key === t.Key && (d.value === undefined || d.value === t.Value)),
        );
        tags.splice(0, tags.length, ...keep);
      }
      return { return: true };
    },
  },

  DescribeTags: {
    run(params, ctx) {
      const entries = [...taggable(regionOf(ctx)).entries()].flatMap(([id, resource]) =>
        resource.tags.map((tag) => ({ id, type: resource.type, key: tag.Key, value: tag.Value, tags: [] as Tag[] })),
      );
      return describe(
        'tagSet',
        entries,
        params,
        {
          'resource-id': (e) => [e.id],
          'resource-type': (e) => [e.type],
          key: (e) => [e.key],
          value: (e) => [e.value],
        },
        (e) => ({ resourceId: e.id, resourceType: e.type, key: e.key, value: e.value }),
      );
    },
  },

  DescribeAddresses: {
    run() {
      // The course never allocates Elastic IPs; the sandbox has none, as a clean account has none.
      return { addressesSet: [] };
    },
  },

  DescribeNatGateways: {
    run() {
      return { natGatewaySet: [] };
    },
  },
};

/** EC2's query-protocol service. */
export const ec2Service: QueryService = {
  signingName: 'ec2',
  actionPrefix: 'ec2',
  dialect: { style: 'ec2', namespace: 'http://ec2.amazonaws.com/doc/2016-11-15/', version: '2016-11-15' },
  operations,
};

/** EC2 as the sandbox core serves it. */
export const ec2Endpoint = queryEndpoint(ec2Service, { auth: ec2AuthDialect });
