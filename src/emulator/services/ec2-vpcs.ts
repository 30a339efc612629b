/** VPCs, their attributes and their CIDR blocks. */
import { checkVpcBlock, formatCidr, overlaps, parseCidr, type CidrBlock } from '../../cidr/cidr';
import { AwsError } from '../aws-error';
import { ec2Id } from '../ids';
import type { QueryOperation, QueryParams } from '../protocols/query';
import type { RegionState, Vpc } from '../state';
import type { XmlValue } from '../xml';
import { existingResources, newResource, resourcesNamedBy } from './ec2-arns';
import { networkAclsOf } from './ec2-default-network-acls';
import { addDefaultVpc, defaultVpc, newVpc, outboundRules, regionOf } from './ec2-default-vpc';
import { parseBlock } from './ec2-cidr-parameter';
import { describeByIds } from './ec2-describe';
import {
  amazonProvidedIpv6Block,
  type Ipv6CidrBlock,
  ipv6BlockWithin,
  secondaryBlockRefusal,
  type VpcCidrBlock,
  vpcCidrBlocks,
} from './ec2-vpc-cidr-blocks';
import { type FilterValues, withAliases } from './ec2-filters';
import { dependencyViolation, lookup } from './ec2-ids';
import { renderTags, tagsFor } from './ec2-tags';

function renderBlock(block: VpcCidrBlock, state: string): XmlValue {
  return { cidrBlock: block.cidrBlock, associationId: block.associationId, cidrBlockState: { state } };
}

/** A VPC's or subnet's IPv6 block association; a VPC's names the pool and network border group it came from. */
export function renderIpv6Block(block: Ipv6CidrBlock, state: string, regionName?: string): XmlValue {
  return {
    associationId: block.associationId,
    ipv6CidrBlock: block.ipv6CidrBlock,
    ipv6CidrBlockState: { state },
    ...(regionName === undefined ? {} : { networkBorderGroup: regionName, ipv6Pool: 'Amazon' }),
  };
}

function renderVpc(vpc: Vpc, ownerId: string, regionName: string): XmlValue {
  return {
    vpcId: vpc.vpcId,
    ownerId,
    state: vpc.state,
    cidrBlock: vpc.cidrBlock,
    cidrBlockAssociationSet: vpcCidrBlocks(vpc).map((block) => renderBlock(block, 'associated')),
    ipv6CidrBlockAssociationSet: (vpc.ipv6CidrBlocks ?? []).map((b) => renderIpv6Block(b, 'associated', regionName)),
    dhcpOptionsId: vpc.dhcpOptionsId,
    tagSet: renderTags(vpc.tags),
    instanceTenancy: vpc.instanceTenancy,
    isDefault: vpc.isDefault,
  };
}

/** A new association of an Amazon-provided IPv6 /56 with a VPC. */
function newIpv6Association() {
  return { associationId: ec2Id('vpc-cidr-assoc'), ipv6CidrBlock: amazonProvidedIpv6Block() };
}

// `isDefault` is the name the 2014 API reference gave `is-default`; EC2 still answers to it.
const vpcFilters: FilterValues<Vpc> = withAliases<Vpc>(
  {
    'vpc-id': (v) => [v.vpcId],
    cidr: (v) => [v.cidrBlock],
    'cidr-block-association.cidr-block': (v) => vpcCidrBlocks(v).map((b) => b.cidrBlock),
    'cidr-block-association.association-id': (v) => vpcCidrBlocks(v).map((b) => b.associationId),
    'cidr-block-association.state': () => ['associated'],
    'is-default': (v) => [v.isDefault],
    state: (v) => [v.state],
    'dhcp-options-id': (v) => [v.dhcpOptionsId],
    'owner-id': () => [],
    'ipv6-cidr-block-association.ipv6-cidr-block': (v) => (v.ipv6CidrBlocks ?? []).map((b) => b.ipv6CidrBlock),
    'ipv6-cidr-block-association.association-id': (v) => (v.ipv6CidrBlocks ?? []).map((b) => b.associationId),
    'ipv6-cidr-block-association.state': (v) => (v.ipv6CidrBlocks ?? []).map(() => 'associated'),
  },
  { isDefault: 'is-default' },
);

/** The attributes DescribeVpcAttribute and ModifyVpcAttribute know, each a boolean kept under its own name. */
const vpcAttributes = ['enableDnsSupport', 'enableDnsHostnames', 'enableNetworkAddressUsageMetrics'] as const;

function isVpcAttribute(name: string): name is (typeof vpcAttributes)[number] {
  return (vpcAttributes as readonly string[]).includes(name);
}

/** The VPC an id names, or EC2's `InvalidVpcID` error. */
export function requireVpc(region: RegionState, id: string): Vpc {
  return lookup(region.vpcs, 'vpc', id);
}

/** The VPC and block a CIDR block association id names. */
function requireBlock(region: RegionState, params: QueryParams): { vpc: Vpc; block: VpcCidrBlock } {
  const id = params.require('AssociationId');
  for (const vpc of Object.values(region.vpcs)) {
    const block = vpcCidrBlocks(vpc).find((b) => b.associationId === id);
    if (block) return { vpc, block };
  }
  throw new AwsError(
    'InvalidVpcCidrBlockAssociationID.NotFound',
    `The vpc CIDR block association ID '${id}' does not exist`,
  );
}

/** The VPC and IPv6 block an association id names, if it names one. */
function findIpv6Block(region: RegionState, id: string): { vpc: Vpc; block: Ipv6CidrBlock } | undefined {
  for (const vpc of Object.values(region.vpcs)) {
    const block = vpc.ipv6CidrBlocks?.find((b) => b.associationId === id);
    if (block) return { vpc, block };
  }
  return undefined;
}

/** Removes a VPC's IPv6 block, which no subnet may still use, as DisassociateVpcCidrBlock does. */
function disassociateIpv6Block(region: RegionState, vpc: Vpc, block: Ipv6CidrBlock, regionName: string): XmlValue {
  const inside = Object.values(region.subnets).some(
    (s) =>
      s.vpcId === vpc.vpcId &&
      (s.ipv6CidrBlocks ?? []).some((b) => ipv6BlockWithin(b.ipv6CidrBlock, block.ipv6CidrBlock)),
  );
  if (inside)
    throw new AwsError(
      'DependencyViolation',
      `The vpc CIDR block with association ID ${block.associationId} has dependencies and cannot be disassociated.`,
    );
  vpc.ipv6CidrBlocks = (vpc.ipv6CidrBlocks ?? []).filter((b) => b !== block);
  return { vpcId: vpc.vpcId, ipv6CidrBlockAssociation: renderIpv6Block(block, 'disassociating', regionName) };
}

/** The VPC operations. */
export const vpcOperations: Record<string, QueryOperation> = {
  CreateVpc: {
    resource: (params, ctx) => [newResource(ctx, 'vpc', tagsFor(params, 'vpc'))],
    run(params, ctx) {
      const region = regionOf(ctx);
      const block = parseBlock(params.require('CidrBlock'), 'CidrBlock');
      const rule = checkVpcBlock(block);
      if (rule) throw new AwsError(rule.code, rule.message);
      const tenancy = params.get('InstanceTenancy') ?? 'default';
      if (tenancy !== 'default' && tenancy !== 'dedicated')
        throw new AwsError('InvalidParameterValue', `Value (${tenancy}) for parameter instanceTenancy is invalid.`);
      const vpc = newVpc(region, formatCidr(block), false, tagsFor(params, 'vpc'));
      vpc.instanceTenancy = tenancy;
      if (params.bool('AmazonProvidedIpv6CidrBlock')) {
        vpc.ipv6CidrBlocks = [newIpv6Association()];
        // The default group, made with the VPC, now lets traffic out over IPv6 as well.
        for (const group of Object.values(region.securityGroups))
          if (group.vpcId === vpc.vpcId) group.egress = outboundRules(vpc);
      }
      return { vpc: renderVpc(vpc, ctx.account.accountId, ctx.region) };
    },
  },

  CreateDefaultVpc: {
    resource: (_params, ctx) => [newResource(ctx, 'vpc')],
    run(_params, ctx) {
      const region = regionOf(ctx);
      if (defaultVpc(region))
        throw new AwsError('DefaultVpcAlreadyExists', 'A Default VPC already exists for this account in this region.');
      return { vpc: renderVpc(addDefaultVpc(region, ctx.region), ctx.account.accountId, ctx.region) };
    },
  },

  DescribeVpcs: describeByIds({
    listName: 'vpcSet',
    idParameter: 'VpcId',
    kind: 'vpc',
    table: (region) => region.vpcs,
    filters: vpcFilters,
    render: (vpc, ctx) => renderVpc(vpc, ctx.account.accountId, ctx.region),
  }),

  DescribeVpcAttribute: {
    run(params, ctx) {
      const vpc = requireVpc(regionOf(ctx), params.require('VpcId'));
      const attribute = params.require('Attribute');
      if (!isVpcAttribute(attribute))
        throw new AwsError(
          'InvalidParameterValue',
          `Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`,
        );
      return { vpcId: vpc.vpcId, [attribute]: { value: vpc[attribute] ?? false } };
    },
  },

  ModifyVpcAttribute: {
    resource: resourcesNamedBy({ vpc: 'VpcId' }),
    run(params, ctx) {
      const vpc = requireVpc(regionOf(ctx), params.require('VpcId'));
      const changes = vpcAttributes.flatMap((attribute) => {
        const value = params.bool(`${attribute.charAt(0).toUpperCase()}${attribute.slice(1)}.Value`);
        return value === undefined ? [] : [[attribute, value] as const];
      });
      if (changes.length === 0)
        throw new AwsError(
          'InvalidParameterCombination',
          'Exactly one attribute must be modified: EnableDnsSupport, EnableDnsHostnames or ' +
            'EnableNetworkAddressUsageMetrics.',
        );
      for (const [attribute, value] of changes) vpc[attribute] = value;
      return { return: true };
    },
  },

  /**
   * A dedicated VPC can be made default, nothing else ("Change the tenancy of a VPC", Amazon EC2 User Guide); EC2's
   * UnsupportedTenancy for any other value. Instances already in the VPC keep their tenancy.
   */
  ModifyVpcTenancy: {
    resource: resourcesNamedBy({ vpc: 'VpcId' }),
    run(params, ctx) {
      const vpc = requireVpc(regionOf(ctx), params.require('VpcId'));
      const tenancy = params.require('InstanceTenancy');
      if (tenancy !== 'default')
        throw new AwsError('UnsupportedTenancy', `The tenancy value ${tenancy} is not supported.`);
      vpc.instanceTenancy = tenancy;
      return { return: true };
    },
  },

  DeleteVpc: {
    resource: resourcesNamedBy({ vpc: 'VpcId' }),
    run(params, ctx) {
      const region = regionOf(ctx);
      const vpc = requireVpc(region, params.require('VpcId'));
      const dependent =
        Object.values(region.subnets).some((s) => s.vpcId === vpc.vpcId) ||
        Object.values(region.internetGateways).some((g) => g.attachedVpcId === vpc.vpcId) ||
        Object.values(region.securityGroups).some((g) => g.vpcId === vpc.vpcId && g.groupName !== 'default') ||
        Object.values(region.routeTables).some((t) => t.vpcId === vpc.vpcId && !t.associations.some((a) => a.main)) ||
        Object.values(networkAclsOf(region)).some((acl) => acl.vpcId === vpc.vpcId && !acl.isDefault) ||
        Object.values(region.natGateways ?? {}).some((n) => n.vpcId === vpc.vpcId && n.state === 'available');
      if (dependent) throw dependencyViolation('vpc', vpc.vpcId);
      for (const [id, table] of Object.entries(region.routeTables))
        if (table.vpcId === vpc.vpcId) delete region.routeTables[id];
      for (const [id, group] of Object.entries(region.securityGroups))
        if (group.vpcId === vpc.vpcId) delete region.securityGroups[id];
      delete region.vpcs[vpc.vpcId];
      return { return: true };
    },
  },

  AssociateVpcCidrBlock: {
    resource: resourcesNamedBy({ vpc: 'VpcId' }),
    run(params, ctx) {
      const region = regionOf(ctx);
      const vpc = requireVpc(region, params.require('VpcId'));
      if (params.bool('AmazonProvidedIpv6CidrBlock')) {
        const added = newIpv6Association();
        vpc.ipv6CidrBlocks = [...(vpc.ipv6CidrBlocks ?? []), added];
        return { vpcId: vpc.vpcId, ipv6CidrBlockAssociation: renderIpv6Block(added, 'associating', ctx.region) };
      }
      const block = parseBlock(params.require('CidrBlock'), 'CidrBlock');
      const existing = vpcCidrBlocks(vpc).map((b) => parseCidr(b.cidrBlock) as CidrBlock);
      const refusal = secondaryBlockRefusal(vpc.vpcId, block, existing);
      if (refusal) throw new AwsError(refusal.code, refusal.message);
      const added = { associationId: ec2Id('vpc-cidr-assoc'), cidrBlock: formatCidr(block) };
      vpc.secondaryCidrBlocks = [...(vpc.secondaryCidrBlocks ?? []), added];
      // AWS routes the new block within the VPC: every route table of it gains a local route.
      for (const table of Object.values(region.routeTables))
        if (table.vpcId === vpc.vpcId)
          table.routes.push({ destinationCidrBlock: added.cidrBlock, gatewayId: 'local', origin: 'CreateRouteTable' });
      return { vpcId: vpc.vpcId, cidrBlockAssociation: renderBlock({ ...added, primary: false }, 'associating') };
    },
  },

  DisassociateVpcCidrBlock: {
    resource: (params, ctx) => {
      const ipv6 = findIpv6Block(regionOf(ctx), params.require('AssociationId'));
      return existingResources(ctx, 'vpc', [(ipv6 ?? requireBlock(regionOf(ctx), params)).vpc.vpcId]);
    },
    run(params, ctx) {
      const region = regionOf(ctx);
      const ipv6 = findIpv6Block(region, params.require('AssociationId'));
      if (ipv6) return disassociateIpv6Block(region, ipv6.vpc, ipv6.block, ctx.region);
      const { vpc, block } = requireBlock(region, params);
      if (block.primary)
        throw new AwsError(
          'OperationNotPermitted',
          `The vpc CIDR block with association ID ${block.associationId} may not be disassociated. ` +
            'It is the primary IPv4 CIDR block of the VPC',
        );
      const range = parseCidr(block.cidrBlock) as CidrBlock;
      const inside = Object.values(region.subnets).some(
        (s) =>
          s.vpcId === vpc.vpcId && s.cidrBlock !== undefined && overlaps(range, parseCidr(s.cidrBlock) as CidrBlock),
      );
      if (inside)
        throw new AwsError(
          'DependencyViolation',
          `The vpc CIDR block with association ID ${block.associationId} has dependencies and cannot be disassociated.`,
        );
      vpc.secondaryCidrBlocks = (vpc.secondaryCidrBlocks ?? []).filter((b) => b.associationId !== block.associationId);
      for (const table of Object.values(region.routeTables))
        if (table.vpcId === vpc.vpcId)
          table.routes = table.routes.filter(
            (r) => r.gatewayId !== 'local' || r.destinationCidrBlock !== block.cidrBlock,
          );
      return { vpcId: vpc.vpcId, cidrBlockAssociation: renderBlock(block, 'disassociating') };
    },
  },
};
