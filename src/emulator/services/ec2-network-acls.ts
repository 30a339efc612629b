/**
 * Network ACLs: numbered, stateless allow and deny rules for the traffic entering and leaving a subnet. Each VPC has a
 * default ACL (see ./ec2-default-network-acls) and each subnet exactly one ACL.
 */
import { formatCidr } from '../../cidr/cidr';
import type { ActionResources } from '../authorize';
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { ec2Id } from '../ids';
import type { QueryOperation, QueryParams } from '../protocols/query';
import type { NetworkAcl, NetworkAclEntry, RegionState } from '../state';
import type { XmlValue } from '../xml';
import { existingResources, newResource, resourcesNamedBy } from './ec2-arns';
import { networkAclsOf } from './ec2-default-network-acls';
import { parseBlock } from './ec2-cidr-parameter';
import { regionOf } from './ec2-default-vpc';
import { describeByIds } from './ec2-describe';
import type { FilterValues } from './ec2-filters';
import { dependencyViolation, lookup } from './ec2-ids';
import { allEntries } from './ec2-network-acl-traffic';
import { renderTags, tagsFor } from './ec2-tags';

/** Protocol names EC2 accepts besides numbers, as the numbers it stores them under. */
const protocolNumbers: Record<string, string> = { tcp: '6', udp: '17', icmp: '1', all: '-1' };

function renderEntry(entry: NetworkAclEntry): XmlValue {
  return {
    ruleNumber: entry.ruleNumber,
    protocol: entry.protocol,
    ruleAction: entry.ruleAction,
    egress: entry.egress,
    cidrBlock: entry.cidrBlock,
    portRange: entry.portRange,
    icmpTypeCode: entry.icmpTypeCode,
  };
}

function renderNetworkAcl(acl: NetworkAcl, ownerId: string): XmlValue {
  return {
    networkAclId: acl.networkAclId,
    vpcId: acl.vpcId,
    default: acl.isDefault,
    entrySet: allEntries(acl).map(renderEntry),
    associationSet: acl.associations.map((a) => ({
      networkAclAssociationId: a.associationId,
      networkAclId: acl.networkAclId,
      subnetId: a.subnetId,
    })),
    tagSet: renderTags(acl.tags),
    ownerId,
  };
}

const aclFilters: FilterValues<NetworkAcl> = {
  'network-acl-id': (acl) => [acl.networkAclId],
  'vpc-id': (acl) => [acl.vpcId],
  default: (acl) => [acl.isDefault],
  'owner-id': () => [],
  'association.association-id': (acl) => acl.associations.map((a) => a.associationId),
  'association.network-acl-id': (acl) => acl.associations.map(() => acl.networkAclId),
  'association.subnet-id': (acl) => acl.associations.map((a) => a.subnetId),
  'entry.cidr': (acl) => allEntries(acl).map((e) => e.cidrBlock),
  'entry.egress': (acl) => allEntries(acl).map((e) => e.egress),
  'entry.icmp.code': (acl) => allEntries(acl).map((e) => e.icmpTypeCode?.code),
  'entry.icmp.type': (acl) => allEntries(acl).map((e) => e.icmpTypeCode?.type),
  'entry.port-range.from': (acl) => allEntries(acl).map((e) => e.portRange?.from),
  'entry.port-range.to': (acl) => allEntries(acl).map((e) => e.portRange?.to),
  'entry.protocol': (acl) => allEntries(acl).map((e) => e.protocol),
  'entry.rule-action': (acl) => allEntries(acl).map((e) => e.ruleAction),
  'entry.rule-number': (acl) => allEntries(acl).map((e) => e.ruleNumber),
};

function requireAcl(region: RegionState, id: string): NetworkAcl {
  return lookup(networkAclsOf(region), 'acl', id);
}

/** The rule number and direction an entry operation names. */
function entryKey(params: QueryParams): { ruleNumber: number; egress: boolean } {
  params.require('RuleNumber');
  const ruleNumber = params.int('RuleNumber', 0, 1, 32766);
  const egress = params.bool('Egress');
  if (egress === undefined) throw new AwsError('MissingParameter', 'The request must contain the parameter egress');
  return { ruleNumber, egress };
}

/** An entry as CreateNetworkAclEntry and ReplaceNetworkAclEntry send it, checked as EC2 checks it. */
function readEntry(params: QueryParams): NetworkAclEntry {
  const sent = params.require('Protocol').toLowerCase();
  const protocol = protocolNumbers[sent] ?? sent;
  if (!/^(-1|\d{1,3})$/.test(protocol) || Number(protocol) > 255)
    throw new AwsError('InvalidParameterValue', `Invalid value '${sent}' for protocol. Must be a protocol number.`);
  const ruleAction = params.require('RuleAction');
  if (ruleAction !== 'allow' && ruleAction !== 'deny')
    throw new AwsError('InvalidParameterValue', `Invalid value '${ruleAction}' for ruleAction. Must be allow or deny.`);
  const cidrBlock = formatCidr(parseBlock(params.require('CidrBlock'), 'cidrBlock'));
  const entry: NetworkAclEntry = { ...entryKey(params), protocol, ruleAction, cidrBlock };
  if (protocol === '6' || protocol === '17') {
    if (params.get('PortRange.From') === undefined || params.get('PortRange.To') === undefined)
      throw new AwsError('MissingParameter', 'The request must contain the parameter portRange');
    entry.portRange = { from: params.int('PortRange.From', 0, 0, 65535), to: params.int('PortRange.To', 0, 0, 65535) };
  }
  if (protocol === '1') {
    if (params.get('Icmp.Type') === undefined || params.get('Icmp.Code') === undefined)
      throw new AwsError('MissingParameter', 'The request must contain the parameter icmpTypeCode');
    entry.icmpTypeCode = { type: params.int('Icmp.Type', -1, -1, 255), code: params.int('Icmp.Code', -1, -1, 255) };
  }
  return entry;
}

function entryNotFound(acl: NetworkAcl, ruleNumber: number, egress: boolean): AwsError {
  return new AwsError(
    'InvalidNetworkAclEntry.NotFound',
    `The network acl entry identified by ${ruleNumber} (${egress ? 'egress' : 'ingress'}) does not exist in ` +
      `${acl.networkAclId}.`,
  );
}

/** The association a request names, and the ACL that holds it. */
function requireAclAssociation(region: RegionState, id: string): { acl: NetworkAcl; subnetId: string } {
  for (const acl of Object.values(networkAclsOf(region))) {
    const association = acl.associations.find((a) => a.associationId === id);
    if (association) return { acl, subnetId: association.subnetId };
  }
  throw new AwsError('InvalidAssociationID.NotFound', `The association ID '${id}' does not exist`);
}

/** What ReplaceNetworkAclAssociation touches: the ACL it moves the subnet to, and the ACL it leaves. */
function replacementResources(params: QueryParams, ctx: ServiceContext): ActionResources {
  const region = regionOf(ctx);
  const { acl } = requireAclAssociation(region, params.require('AssociationId'));
  const target = requireAcl(region, params.require('NetworkAclId'));
  return existingResources(ctx, 'acl', [...new Set([target.networkAclId, acl.networkAclId])]);
}

/** The network ACL operations. */
export const networkAclOperations: Record<string, QueryOperation> = {
  CreateNetworkAcl: {
    resource: (params, ctx) => [
      newResource(ctx, 'network-acl', tagsFor(params, 'network-acl')),
      ...existingResources(ctx, 'vpc', [params.require('VpcId')]),
    ],
    run(params, ctx) {
      const region = regionOf(ctx);
      const vpc = lookup(region.vpcs, 'vpc', params.require('VpcId'));
      const acl: NetworkAcl = {
        networkAclId: ec2Id('acl'),
        vpcId: vpc.vpcId,
        isDefault: false,
        entries: [],
        associations: [],
        tags: tagsFor(params, 'network-acl'),
      };
      networkAclsOf(region)[acl.networkAclId] = acl;
      return { networkAcl: renderNetworkAcl(acl, ctx.account.accountId) };
    },
  },

  DescribeNetworkAcls: describeByIds({
    listName: 'networkAclSet',
    idParameter: 'NetworkAclId',
    kind: 'acl',
    table: networkAclsOf,
    filters: aclFilters,
    render: (acl, ctx) => renderNetworkAcl(acl, ctx.account.accountId),
  }),

  CreateNetworkAclEntry: {
    resource: resourcesNamedBy({ acl: 'NetworkAclId' }),
    run(params, ctx) {
      const acl = requireAcl(regionOf(ctx), params.require('NetworkAclId'));
      const entry = readEntry(params);
      if (acl.entries.some((e) => e.ruleNumber === entry.ruleNumber && e.egress === entry.egress))
        throw new AwsError(
          'NetworkAclEntryAlreadyExists',
          `The network acl entry identified by ${entry.ruleNumber} already exists.`,
        );
      acl.entries.push(entry);
      return { return: true };
    },
  },

  ReplaceNetworkAclEntry: {
    resource: resourcesNamedBy({ acl: 'NetworkAclId' }),
    run(params, ctx) {
      const acl = requireAcl(regionOf(ctx), params.require('NetworkAclId'));
      const entry = readEntry(params);
      const index = acl.entries.findIndex((e) => e.ruleNumber === entry.ruleNumber && e.egress === entry.egress);
      if (index < 0) throw entryNotFound(acl, entry.ruleNumber, entry.egress);
      acl.entries[index] = entry;
      return { return: true };
    },
  },

  DeleteNetworkAclEntry: {
    resource: resourcesNamedBy({ acl: 'NetworkAclId' }),
    run(params, ctx) {
      const acl = requireAcl(regionOf(ctx), params.require('NetworkAclId'));
      const { ruleNumber, egress } = entryKey(params);
      const kept = acl.entries.filter((e) => e.ruleNumber !== ruleNumber || e.egress !== egress);
      if (kept.length === acl.entries.length) throw entryNotFound(acl, ruleNumber, egress);
      acl.entries = kept;
      return { return: true };
    },
  },

  ReplaceNetworkAclAssociation: {
    resource: replacementResources,
    run(params, ctx) {
      const region = regionOf(ctx);
      const { acl, subnetId } = requireAclAssociation(region, params.require('AssociationId'));
      const target = requireAcl(region, params.require('NetworkAclId'));
      if (target.vpcId !== acl.vpcId)
        throw new AwsError(
          'InvalidParameterValue',
          `Network ACL ${target.networkAclId} and subnet ${subnetId} belong to different networks`,
        );
      acl.associations = acl.associations.filter((a) => a.subnetId !== subnetId);
      const association = { associationId: ec2Id('aclassoc'), subnetId };
      target.associations.push(association);
      return { newAssociationId: association.associationId };
    },
  },

  DeleteNetworkAcl: {
    resource: resourcesNamedBy({ acl: 'NetworkAclId' }),
    run(params, ctx) {
      const region = regionOf(ctx);
      const acl = requireAcl(region, params.require('NetworkAclId'));
      if (acl.isDefault)
        throw new AwsError('InvalidParameterValue', `cannot delete default network ACL ${acl.networkAclId}`);
      if (acl.associations.length > 0) throw dependencyViolation('acl', acl.networkAclId);
      delete networkAclsOf(region)[acl.networkAclId];
      return { return: true };
    },
  },
};
