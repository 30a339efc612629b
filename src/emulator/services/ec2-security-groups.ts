/** Security groups and their ingress and egress rules. */
import { isCidrError, parseCidr } from '../../cidr/cidr';
import type { ActionResources } from '../authorize';
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { ec2Id } from '../ids';
import type { QueryOperation, QueryParams } from '../protocols/query';
import type { RegionState, SecurityGroup, SecurityGroupRule, Tag } from '../state';
import type { XmlValue } from '../xml';
import { existingResources, newResource } from './ec2-arns';
import { defaultVpc, regionOf } from './ec2-default-vpc';
import { describe } from './ec2-describe';
import type { FilterValues } from './ec2-filters';
import { lookup, notFound, selectByIds } from './ec2-ids';
import { renderTags, tagsFor } from './ec2-tags';
import { requireVpc } from './ec2-vpcs';

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

/** A rule as a request sends it, before EC2 gives it an id. */
type NewRule = Omit<SecurityGroupRule, 'ruleId'>;

/** A rule's ports as sent: `-1`/all for every protocol, ICMP type/code, or a TCP/UDP range. */
function readRules(params: QueryParams): NewRule[] {
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

function sameRule(a: NewRule, b: NewRule): boolean {
  return (
    a.ipProtocol === b.ipProtocol &&
    a.fromPort === b.fromPort &&
    a.toPort === b.toPort &&
    a.cidrIpv4 === b.cidrIpv4 &&
    a.cidrIpv6 === b.cidrIpv6 &&
    a.referencedGroupId === b.referencedGroupId
  );
}

function describeRule(rule: NewRule): string {
  const peer = rule.cidrIpv4 ?? rule.cidrIpv6 ?? rule.referencedGroupId;
  const protocol = rule.ipProtocol === '-1' ? 'ALL' : rule.ipProtocol.toUpperCase();
  return `peer: ${peer}, ${protocol}, from port: ${rule.fromPort ?? 'ALL'}, to port: ${rule.toPort ?? 'ALL'}, ALLOW`;
}

type Direction = 'ingress' | 'egress';

/** Adds rules to a group, none of which it may have already, and answers the rules with their new ids. */
function addRules(group: SecurityGroup, direction: Direction, rules: NewRule[], ownerId: string): XmlValue {
  const list = group[direction];
  const duplicate = rules.find((rule) => list.some((existing) => sameRule(existing, rule)));
  if (duplicate)
    throw new AwsError('InvalidPermission.Duplicate', `the specified rule "${describeRule(duplicate)}" already exists`);
  const added = rules.map((rule) => ({ ruleId: ec2Id('sgr'), ...rule }));
  list.push(...added);
  return {
    return: true,
    securityGroupRuleSet: added.map((rule) => ({
      securityGroupRuleId: rule.ruleId,
      groupId: group.groupId,
      groupOwnerId: ownerId,
      isEgress: direction === 'egress',
      ipProtocol: rule.ipProtocol,
      fromPort: rule.fromPort ?? -1,
      toPort: rule.toPort ?? -1,
      cidrIpv4: rule.cidrIpv4,
      tagSet: [],
    })),
  };
}

/** Removes rules from a group, all of which it must have. */
function revokeRules(group: SecurityGroup, direction: Direction, rules: NewRule[]): XmlValue {
  const list = group[direction];
  const missing = rules.find((rule) => !list.some((existing) => sameRule(existing, rule)));
  if (missing)
    throw new AwsError('InvalidPermission.NotFound', `The specified rule does not exist in this security group.`);
  group[direction] = list.filter((existing) => !rules.some((rule) => sameRule(existing, rule)));
  return { return: true };
}

/** Authorize or Revoke, ingress or egress: the rules a request sends, checked and then added or removed. */
function changeRules(direction: Direction, add: boolean): QueryOperation {
  return {
    resource: groupResource,
    run(params, ctx) {
      const region = regionOf(ctx);
      const group = requireGroup(region, params);
      const rules = readRules(params);
      for (const rule of rules) {
        if (rule.referencedGroupId && !region.securityGroups[rule.referencedGroupId])
          throw notFound('sg', [rule.referencedGroupId]);
      }
      return add ? addRules(group, direction, rules, ctx.account.accountId) : revokeRules(group, direction, rules);
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

/** The group a request names by `GroupId`, or else by `GroupName` in the default VPC. */
function requireGroup(region: RegionState, params: QueryParams): SecurityGroup {
  const groupId = params.get('GroupId');
  return groupId ? lookup(region.securityGroups, 'sg', groupId) : findGroupByName(region, params.require('GroupName'));
}

/** The group a request names, for IAM. */
function groupResource(params: QueryParams, ctx: ServiceContext): ActionResources {
  return existingResources(ctx, 'sg', [requireGroup(regionOf(ctx), params).groupId]);
}

/** The VPC a new group goes in: the one named, or the default VPC. */
function vpcIdForGroup(params: QueryParams, region: RegionState): string {
  const vpcId = params.get('VpcId') ?? defaultVpc(region)?.vpcId;
  if (!vpcId) throw new AwsError('VPCIdNotSpecified', 'No default VPC for this user');
  return vpcId;
}

/** The security group and rule operations. */
export const securityGroupOperations: Record<string, QueryOperation> = {
  CreateSecurityGroup: {
    resource: (params, ctx) => [
      newResource(ctx, 'security-group', tagsFor(params, 'security-group')),
      ...existingResources(ctx, 'vpc', [vpcIdForGroup(params, regionOf(ctx))]),
    ],
    run(params, ctx) {
      const region = regionOf(ctx);
      const name = params.require('GroupName');
      const description = params.require('GroupDescription');
      const vpc = requireVpc(region, vpcIdForGroup(params, region));
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
    resource: groupResource,
    run(params, ctx) {
      const region = regionOf(ctx);
      const group = requireGroup(region, params);
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
};
