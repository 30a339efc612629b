/** Subnets: a VPC's blocks of addresses in one Availability Zone, default ones included. */
import { checkSubnetBlock, contains, formatCidr, parseCidr, type CidrBlock } from '../../cidr/cidr';
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { ec2Id } from '../ids';
import type { QueryOperation, QueryParams } from '../protocols/query';
import { zoneIdOf, zonesOf } from '../regions';
import type { RegionState, Subnet, Vpc } from '../state';
import type { XmlValue } from '../xml';
import { availableAddresses, instancesInSubnet, natGatewaysInSubnet } from './ec2-addresses';
import { existingResources, newResource, resourcesNamedBy } from './ec2-arns';
import { parseBlock } from './ec2-cidr-parameter';
import { addDefaultSubnet, defaultVpc, regionOf } from './ec2-default-vpc';
import { describeByIds } from './ec2-describe';
import { type FilterValues, withAliases } from './ec2-filters';
import { dependencyViolation, lookup } from './ec2-ids';
import { renderTags, tagsFor } from './ec2-tags';
import { type Ipv6CidrBlock, subnetIpv6BlockRefusal, vpcCidrBlocks } from './ec2-vpc-cidr-blocks';
import { renderIpv6Block, requireVpc } from './ec2-vpcs';

/** How a subnet names its instances in DNS: EC2's defaults (IP names, no resource-name records) until changed. */
function privateDnsNameOptions(subnet: Subnet): NonNullable<Subnet['privateDnsNameOptions']> {
  return (
    subnet.privateDnsNameOptions ?? {
      hostnameType: 'ip-name',
      enableResourceNameDnsARecord: false,
      enableResourceNameDnsAAAARecord: false,
    }
  );
}

/** A subnet as DescribeSubnets and CreateSubnet answer it. */
function renderSubnet(subnet: Subnet, ownerId: string, region: RegionState, regionName: string): XmlValue {
  return {
    subnetId: subnet.subnetId,
    subnetArn: `arn:aws:ec2:${regionName}:${ownerId}:subnet/${subnet.subnetId}`,
    state: subnet.state,
    ownerId,
    vpcId: subnet.vpcId,
    cidrBlock: subnet.cidrBlock,
    ipv6CidrBlockAssociationSet: (subnet.ipv6CidrBlocks ?? []).map((b) => renderIpv6Block(b, 'associated')),
    availableIpAddressCount: availableAddresses(subnet, region),
    availabilityZone: subnet.availabilityZone,
    availabilityZoneId: zoneIdOf(subnet.availabilityZone),
    defaultForAz: subnet.defaultForAz,
    mapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch,
    assignIpv6AddressOnCreation: subnet.assignIpv6AddressOnCreation ?? false,
    ipv6Native: subnet.ipv6Native ?? false,
    privateDnsNameOptionsOnLaunch: privateDnsNameOptions(subnet),
    tagSet: renderTags(subnet.tags),
  };
}

const subnetFilters: FilterValues<Subnet> = withAliases<Subnet>(
  {
    'subnet-id': (s) => [s.subnetId],
    'vpc-id': (s) => [s.vpcId],
    'cidr-block': (s) => [s.cidrBlock],
    'availability-zone': (s) => [s.availabilityZone],
    'availability-zone-id': (s) => [zoneIdOf(s.availabilityZone)],
    'default-for-az': (s) => [s.defaultForAz],
    'map-public-ip-on-launch': (s) => [s.mapPublicIpOnLaunch],
    state: (s) => [s.state],
    'ipv6-cidr-block-association.ipv6-cidr-block': (s) => (s.ipv6CidrBlocks ?? []).map((b) => b.ipv6CidrBlock),
    'ipv6-cidr-block-association.association-id': (s) => (s.ipv6CidrBlocks ?? []).map((b) => b.associationId),
    'ipv6-cidr-block-association.state': (s) => (s.ipv6CidrBlocks ?? []).map(() => 'associated'),
  },
  {
    availabilityZone: 'availability-zone',
    availabilityZoneId: 'availability-zone-id',
    cidr: 'cidr-block',
    cidrBlock: 'cidr-block',
    defaultForAz: 'default-for-az',
  },
);

/** A new subnet's IPv4 block: inside one of its VPC's, clear of its siblings', of a size EC2 allows. */
function readIpv4Block(params: QueryParams, region: RegionState, vpc: Vpc): CidrBlock {
  const block = parseBlock(params.require('CidrBlock'), 'CidrBlock');
  const siblings = Object.values(region.subnets).flatMap((s) =>
    s.vpcId === vpc.vpcId && s.cidrBlock !== undefined ? [parseCidr(s.cidrBlock) as CidrBlock] : [],
  );
  const vpcBlocks = vpcCidrBlocks(vpc).map((b) => parseCidr(b.cidrBlock) as CidrBlock);
  const home = vpcBlocks.find((vpcBlock) => contains(vpcBlock, block)) ?? vpcBlocks[0]!;
  const rule = checkSubnetBlock(block, home, siblings);
  if (rule) throw new AwsError(rule.code, rule.message);
  return block;
}

/** CreateSubnet's rules for an IPv6-only subnet: an IPv6 block and no IPv4 one, in EC2's words. */
function checkIpv6Only(params: QueryParams): void {
  if (params.get('Ipv6CidrBlock') === undefined && params.get('Ipv6IpamPoolId') === undefined)
    throw new AwsError('MissingParameter', "Either 'ipv6CidrBlock' or 'ipv6IpamPoolId' should be provided.");
  if (params.get('CidrBlock') !== undefined || params.get('Ipv4IpamPoolId') !== undefined)
    throw new AwsError(
      'InvalidParameterCombination',
      'When specifying ipv4 parameters, cidrBlock or ipv4IpamPoolId, you cannot set ipv6Native to true.',
    );
}

/** A subnet's IPv6 blocks from an IPv6 block it asks for: inside its VPC's, clear of its siblings'. */
function subnetIpv6Blocks(text: string | undefined, region: RegionState, vpc: Vpc): Ipv6CidrBlock[] | undefined {
  if (text === undefined) return undefined;
  const siblings = Object.values(region.subnets)
    .filter((s) => s.vpcId === vpc.vpcId)
    .flatMap((s) => (s.ipv6CidrBlocks ?? []).map((b) => b.ipv6CidrBlock));
  const vpcBlocks = (vpc.ipv6CidrBlocks ?? []).map((b) => b.ipv6CidrBlock);
  const refusal = subnetIpv6BlockRefusal(text, vpcBlocks, siblings);
  if (refusal) throw new AwsError(refusal.code, refusal.message);
  return [{ associationId: ec2Id('subnet-cidr-assoc'), ipv6CidrBlock: text }];
}

/**
 * The zone a subnet is made in: `AvailabilityZone`, or the zone `AvailabilityZoneId` names, or else one in turn; EC2's
 * error for a zone the region does not have.
 */
function readZone(params: QueryParams, regionName: string, region: RegionState): string {
  const zones = zonesOf(regionName);
  const invalid = (value: string, parameter: string, names: string[]) =>
    new AwsError(
      'InvalidParameterValue',
      `Value (${value}) for parameter ${parameter} is invalid. Subnets can currently only be created in the ` +
        `following availability zones: ${names.join(', ')}.`,
    );
  const zoneId = params.get('AvailabilityZoneId');
  const zone = params.get('AvailabilityZone');
  if (zone !== undefined) {
    if (!zones.includes(zone)) throw invalid(zone, 'availabilityZone', zones);
    return zone;
  }
  if (zoneId === undefined) return zones[Object.keys(region.subnets).length % zones.length]!;
  const named = zones.find((z) => zoneIdOf(z) === zoneId);
  if (!named) throw invalid(zoneId, 'availabilityZoneId', zones.map(zoneIdOf));
  return named;
}

/** The subnet one of its IPv6 blocks' association ids names, or EC2's error. */
function requireIpv6Association(ctx: ServiceContext, id: string): Subnet {
  const subnet = Object.values(regionOf(ctx).subnets).find((s) =>
    s.ipv6CidrBlocks?.some((b) => b.associationId === id),
  );
  if (!subnet)
    throw new AwsError(
      'InvalidSubnetCidrBlockAssociationID.NotFound',
      `The subnet CIDR block association ID '${id}' does not exist`,
    );
  return subnet;
}

/** The subnet operations. */
export const subnetOperations: Record<string, QueryOperation> = {
  CreateSubnet: {
    resource: (params, ctx) => [
      newResource(ctx, 'subnet', tagsFor(params, 'subnet')),
      ...existingResources(ctx, 'vpc', [params.require('VpcId')]),
    ],
    run(params, ctx) {
      const region = regionOf(ctx);
      const vpc = requireVpc(region, params.require('VpcId'));
      const ipv6Native = params.bool('Ipv6Native') === true;
      if (ipv6Native) checkIpv6Only(params);
      const block = ipv6Native ? undefined : readIpv4Block(params, region, vpc);
      const ipv6CidrBlocks = subnetIpv6Blocks(params.get('Ipv6CidrBlock'), region, vpc);
      const zone = readZone(params, ctx.region, region);
      const subnet: Subnet = {
        subnetId: ec2Id('subnet'),
        vpcId: vpc.vpcId,
        ...(block && { cidrBlock: formatCidr(block) }),
        availabilityZone: zone,
        mapPublicIpOnLaunch: false,
        defaultForAz: false,
        state: 'available',
        ...(ipv6CidrBlocks && { ipv6CidrBlocks }),
        // An IPv6-only subnet gives every instance an IPv6 address, the only kind it has (Amazon VPC User Guide).
        ...(ipv6Native && { ipv6Native, assignIpv6AddressOnCreation: true }),
        tags: tagsFor(params, 'subnet'),
      };
      region.subnets[subnet.subnetId] = subnet;
      return { subnet: renderSubnet(subnet, ctx.account.accountId, region, ctx.region) };
    },
  },

  CreateDefaultSubnet: {
    resource: (_params, ctx) => [newResource(ctx, 'subnet')],
    run(params, ctx) {
      const region = regionOf(ctx);
      const zone = readZone(params, ctx.region, region);
      const vpc = defaultVpc(region);
      if (!vpc) throw new AwsError('DefaultVpcDoesNotExist', 'No default VPC exists for this account in this region.');
      const existing = Object.values(region.subnets).find((s) => s.defaultForAz && s.availabilityZone === zone);
      if (existing)
        throw new AwsError(
          'DefaultSubnetAlreadyExistsInAvailabilityZone',
          `'${existing.subnetId}' is already the default subnet in ${zone}.`,
        );
      const subnet = addDefaultSubnet(region, vpc, zone);
      if (!subnet)
        throw new AwsError('InsufficientFreeAddressesInSubnet', `The default VPC ${vpc.vpcId} has no free /20 left.`);
      return { subnet: renderSubnet(subnet, ctx.account.accountId, region, ctx.region) };
    },
  },

  DescribeSubnets: describeByIds({
    listName: 'subnetSet',
    idParameter: 'SubnetId',
    kind: 'subnet',
    table: (region) => region.subnets,
    filters: subnetFilters,
    render: (subnet, ctx, region) => renderSubnet(subnet, ctx.account.accountId, region, ctx.region),
  }),

  ModifySubnetAttribute: {
    resource: resourcesNamedBy({ subnet: 'SubnetId' }),
    run(params, ctx) {
      const subnet = lookup(regionOf(ctx).subnets, 'subnet', params.require('SubnetId'));
      const map = params.bool('MapPublicIpOnLaunch.Value');
      const aRecord = params.bool('EnableResourceNameDnsARecordOnLaunch.Value');
      const aaaaRecord = params.bool('EnableResourceNameDnsAAAARecordOnLaunch.Value');
      const hostnameType = params.get('PrivateDnsHostnameTypeOnLaunch');
      const assignIpv6 = params.bool('AssignIpv6AddressOnCreation.Value');
      if ([map, aRecord, aaaaRecord, hostnameType, assignIpv6].every((value) => value === undefined))
        throw new AwsError(
          'InvalidParameterCombination',
          'Specify one attribute to modify, such as MapPublicIpOnLaunch.',
        );
      if (hostnameType !== undefined && hostnameType !== 'ip-name' && hostnameType !== 'resource-name')
        throw new AwsError(
          'InvalidParameterValue',
          `Value (${hostnameType}) for parameter privateDnsHostnameTypeOnLaunch is invalid.`,
        );
      if (assignIpv6 === true && !subnet.ipv6CidrBlocks?.length)
        throw new AwsError(
          'InvalidParameterValue',
          "Invalid value 'true' for assign-ipv6-address-on-creation. Cannot set assign-ipv6-address-on-creation to " +
            `true unless the subnet (${subnet.subnetId}) has an IPv6 CIDR block associated with it.`,
        );
      if (map !== undefined) subnet.mapPublicIpOnLaunch = map;
      if (assignIpv6 !== undefined) subnet.assignIpv6AddressOnCreation = assignIpv6;
      if ([aRecord, aaaaRecord, hostnameType].some((value) => value !== undefined)) {
        const options = privateDnsNameOptions(subnet);
        subnet.privateDnsNameOptions = {
          hostnameType: hostnameType ?? options.hostnameType,
          enableResourceNameDnsARecord: aRecord ?? options.enableResourceNameDnsARecord,
          enableResourceNameDnsAAAARecord: aaaaRecord ?? options.enableResourceNameDnsAAAARecord,
        };
      }
      return { return: true };
    },
  },

  AssociateSubnetCidrBlock: {
    resource: resourcesNamedBy({ subnet: 'SubnetId' }),
    run(params, ctx) {
      const region = regionOf(ctx);
      const subnet = lookup(region.subnets, 'subnet', params.require('SubnetId'));
      const [added] = subnetIpv6Blocks(params.require('Ipv6CidrBlock'), region, region.vpcs[subnet.vpcId]!)!;
      subnet.ipv6CidrBlocks = [...(subnet.ipv6CidrBlocks ?? []), added!];
      return { subnetId: subnet.subnetId, ipv6CidrBlockAssociation: renderIpv6Block(added!, 'associating') };
    },
  },

  DisassociateSubnetCidrBlock: {
    resource: (params, ctx) =>
      existingResources(ctx, 'subnet', [requireIpv6Association(ctx, params.require('AssociationId')).subnetId]),
    run(params, ctx) {
      const subnet = requireIpv6Association(ctx, params.require('AssociationId'));
      const block = subnet.ipv6CidrBlocks!.find((b) => b.associationId === params.require('AssociationId'))!;
      subnet.ipv6CidrBlocks = subnet.ipv6CidrBlocks!.filter((b) => b !== block);
      return { subnetId: subnet.subnetId, ipv6CidrBlockAssociation: renderIpv6Block(block, 'disassociating') };
    },
  },

  DeleteSubnet: {
    resource: resourcesNamedBy({ subnet: 'SubnetId' }),
    run(params, ctx) {
      const region = regionOf(ctx);
      const subnet = lookup(region.subnets, 'subnet', params.require('SubnetId'));
      const users = [
        ...instancesInSubnet(region, subnet.subnetId),
        ...natGatewaysInSubnet(region, subnet.subnetId),
        ...Object.values(region.networkInterfaces ?? {}).filter((eni) => eni.subnetId === subnet.subnetId),
      ];
      if (users.length > 0) throw dependencyViolation('subnet', subnet.subnetId);
      for (const table of Object.values(region.routeTables))
        table.associations = table.associations.filter((a) => a.subnetId !== subnet.subnetId);
      delete region.subnets[subnet.subnetId];
      return { return: true };
    },
  },
};
