/**
 * Security group rules: each has an `sgr-…` id and tags of its own, and is added (Authorize…), removed (Revoke…, as
 * sent or by id), changed in place (ModifySecurityGroupRules) and listed (DescribeSecurityGroupRules) by it.
 */
import { formatCidr, isCidrError } from '../../cidr/cidr';
import { canonicalBlock } from './ec2-cidr-parameter';
import { AwsError } from '../aws-error';
import { ec2Id } from '../ids';
import type { ServiceContext } from '../context';
import type { QueryOperation, QueryParams } from '../protocols/query';
import type { RegionState, SecurityGroup, SecurityGroupRule, Tag } from '../state';
import type { XmlValue } from '../xml';
import { existingResources } from './ec2-arns';
import { regionOf } from './ec2-default-vpc';
import { describe } from './ec2-describe';
import { readFilters } from './ec2-filters';
import { isIdOf, lookup, notFound, selectByIds } from './ec2-ids';
import { requirePrefixList } from './ec2-prefix-lists';
import { groupResource, requireGroup } from './ec2-security-groups';
import { renderTags, tagsFor } from './ec2-tags';

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
      ...permission.structs('PrefixListIds').map((list) => ({
        ipProtocol: protocol,
        ...ports,
        prefixListId: list.require('PrefixListId'),
        description: list.get('Description'),
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

/** A rule's IPv4 range in its canonical form: EC2 keeps 10.0.0.0/8 for 10.0.0.1/8 rather than refusing it. */
function checkRuleCidr(text: string): string {
  const block = canonicalBlock(text);
  if (isCidrError(block)) throw new AwsError('InvalidParameterValue', `CIDR block ${text} is malformed`);
  return formatCidr(block);
}

function sameRule(a: NewRule, b: NewRule): boolean {
  return (
    a.ipProtocol === b.ipProtocol &&
    a.fromPort === b.fromPort &&
    a.toPort === b.toPort &&
    a.cidrIpv4 === b.cidrIpv4 &&
    a.cidrIpv6 === b.cidrIpv6 &&
    a.referencedGroupId === b.referencedGroupId &&
    a.prefixListId === b.prefixListId
  );
}

function describeRule(rule: NewRule): string {
  const peer = rule.cidrIpv4 ?? rule.cidrIpv6 ?? rule.referencedGroupId ?? rule.prefixListId;
  const protocol = rule.ipProtocol === '-1' ? 'ALL' : rule.ipProtocol.toUpperCase();
  return `peer: ${peer}, ${protocol}, from port: ${rule.fromPort ?? 'ALL'}, to port: ${rule.toPort ?? 'ALL'}, ALLOW`;
}

type Direction = 'ingress' | 'egress';

/** How many inbound, and how many outbound, rules a group may have: the default quota (Amazon VPC User Guide). */
const rulesPerGroup = 60;

/** Adds rules to a group, none of which it may have already, and answers the rules with their new ids. */
function addRules(
  group: SecurityGroup,
  direction: Direction,
  rules: NewRule[],
  ownerId: string,
  tags: Tag[],
): XmlValue {
  const list = group[direction];
  // One request naming a rule twice (such as 10.0.0.0/8 and 10.0.0.1/8, the same block) is refused as a whole.
  if (rules.some((rule, index) => rules.findIndex((other) => sameRule(other, rule)) !== index))
    throw new AwsError('InvalidParameterValue', 'The same permission must not appear multiple times');
  const duplicate = rules.find((rule) => list.some((existing) => sameRule(existing, rule)));
  if (duplicate)
    throw new AwsError('InvalidPermission.Duplicate', `the specified rule "${describeRule(duplicate)}" already exists`);
  if (list.length + rules.length > rulesPerGroup)
    throw new AwsError(
      'RulesPerSecurityGroupLimitExceeded',
      'The maximum number of rules per security group has been reached.',
    );
  const added = rules.map((rule) => ({ ruleId: ec2Id('sgr'), ...rule, tags: tags.map((tag) => ({ ...tag })) }));
  list.push(...added);
  return { return: true, securityGroupRuleSet: added.map((rule) => renderRule(group, rule, direction, ownerId)) };
}

/** Removes rules from a group, all of which it must have: as sent, or by their `sgr-…` ids. */
function revokeRules(group: SecurityGroup, direction: Direction, params: QueryParams): XmlValue {
  const list = group[direction];
  const ids = params.list('SecurityGroupRuleId');
  if (ids.length > 0) {
    const missing = ids.find((id) => !list.some((rule) => rule.ruleId === id));
    if (missing !== undefined) throw notFound('sgr', [missing]);
    group[direction] = list.filter((rule) => !ids.includes(rule.ruleId));
    return { return: true };
  }
  const rules = checkedRules(params);
  const missing = rules.find((rule) => !list.some((existing) => sameRule(existing, rule)));
  if (missing)
    throw new AwsError('InvalidPermission.NotFound', `The specified rule does not exist in this security group.`);
  group[direction] = list.filter((existing) => !rules.some((rule) => sameRule(existing, rule)));
  return { return: true };
}

/** The rules a request sends, each naming only groups and prefix lists that exist. */
function checkedRules(params: QueryParams, ctx?: ServiceContext): NewRule[] {
  const rules = readRules(params);
  const region = ctx && regionOf(ctx);
  for (const rule of rules) {
    if (region && rule.referencedGroupId && !Object.hasOwn(region.securityGroups, rule.referencedGroupId))
      throw notFound('sg', [rule.referencedGroupId]);
    if (ctx && rule.prefixListId) requirePrefixList(ctx, rule.prefixListId);
  }
  return rules;
}

/** Authorize or Revoke, ingress or egress: the rules a request sends, checked and then added or removed. */
function changeRules(direction: Direction, add: boolean): QueryOperation {
  return {
    resource: groupResource,
    run(params, ctx) {
      const region = regionOf(ctx);
      const group = requireGroup(region, params);
      if (!add) return revokeRules(group, direction, params);
      const tags = tagsFor(params, 'security-group-rule');
      return addRules(group, direction, checkedRules(params, ctx), ctx.account.accountId, tags);
    },
  };
}

/** A rule as EC2 lists it on its own (DescribeSecurityGroupRules, Authorize…'s answer). */
function renderRule(group: SecurityGroup, rule: SecurityGroupRule, direction: Direction, ownerId: string): XmlValue {
  return {
    securityGroupRuleId: rule.ruleId,
    groupId: group.groupId,
    groupOwnerId: ownerId,
    isEgress: direction === 'egress',
    ipProtocol: rule.ipProtocol,
    fromPort: rule.fromPort ?? -1,
    toPort: rule.toPort ?? -1,
    cidrIpv4: rule.cidrIpv4,
    cidrIpv6: rule.cidrIpv6,
    referencedGroupInfo: rule.referencedGroupId ? { groupId: rule.referencedGroupId, userId: ownerId } : undefined,
    prefixListId: rule.prefixListId,
    description: rule.description,
    tagSet: renderTags(rule.tags ?? []),
  };
}

/** Every rule of the region with its group and direction, as DescribeSecurityGroupRules filters them. */
interface ListedRule {
  group: SecurityGroup;
  rule: SecurityGroupRule;
  direction: Direction;
  tags: Tag[];
}

function listedRules(region: RegionState): ListedRule[] {
  return Object.values(region.securityGroups).flatMap((group) =>
    (['ingress', 'egress'] as const).flatMap((direction) =>
      group[direction].map((rule) => ({ group, rule, direction, tags: rule.tags ?? [] })),
    ),
  );
}

/** A rule as ModifySecurityGroupRules sends it, under `SecurityGroupRule.N.SecurityGroupRule.`. */
function readRuleRequest(update: QueryParams, region: RegionState): NewRule {
  const field = (name: string) => `SecurityGroupRule.${name}`;
  const protocol = update.get(field('IpProtocol'));
  if (protocol === undefined)
    throw new AwsError(
      'InvalidParameterValue',
      "Invalid value 'null' for protocol. VPC security group rules must specify protocols explicitly.",
    );
  const ipProtocol = normaliseProtocol(protocol);
  const peers = ['CidrIpv4', 'CidrIpv6', 'ReferencedGroupId', 'PrefixListId'].filter((name) => update.get(field(name)));
  if (peers.length === 0)
    throw new AwsError(
      'MissingParameter',
      'The request must contain exactly one of: cidrIp, cidrIpv6, prefixListId, or referencedGroupId',
    );
  if (peers.length > 1)
    throw new AwsError(
      'InvalidParameterCombination',
      'Only one of cidrIp, cidrIpv6, prefixListId, or referencedGroupId can be specified',
    );
  const referencedGroupId = update.get(field('ReferencedGroupId'));
  if (referencedGroupId !== undefined) lookup(region.securityGroups, 'sg', referencedGroupId);
  const prefixListId = update.get(field('PrefixListId'));
  const cidrIpv4 = update.get(field('CidrIpv4'));
  const portsGiven = [field('FromPort'), field('ToPort')].filter((name) => update.get(name) !== undefined).length;
  if ((ipProtocol === 'tcp' || ipProtocol === 'udp') && portsGiven < 2)
    throw new AwsError(
      'InvalidParameterValue',
      'Invalid value for portRange. Must specify both from and to ports with TCP/UDP.',
    );
  const ports = {
    fromPort: update.int(field('FromPort'), -1, -1, 65535),
    toPort: update.int(field('ToPort'), -1, -1, 65535),
  };
  return {
    ipProtocol,
    ...(ipProtocol === '-1' ? {} : ports),
    cidrIpv4: cidrIpv4 === undefined ? undefined : checkRuleCidr(cidrIpv4),
    cidrIpv6: update.get(field('CidrIpv6')),
    referencedGroupId,
    prefixListId,
    description: update.get(field('Description')),
  };
}

/** Changes a group's rules in place, each keeping its id and tags. */
function modifyRules(group: SecurityGroup, params: QueryParams, region: RegionState): void {
  const updates = params.structs('SecurityGroupRule');
  if (updates.length === 0)
    throw new AwsError('MissingParameter', 'The request must contain the parameter SecurityGroupRules');
  for (const update of updates) {
    const id = update.require('SecurityGroupRuleId');
    const direction = (['ingress', 'egress'] as const).find((d) => group[d].some((rule) => rule.ruleId === id));
    if (!direction) throw notFound('sgr', [id]);
    const changed = readRuleRequest(update, region);
    const list = group[direction];
    const duplicate = list.find((rule) => rule.ruleId !== id && sameRule(rule, changed));
    if (duplicate)
      throw new AwsError('InvalidPermission.Duplicate', `the specified rule "${describeRule(changed)}" already exists`);
    group[direction] = list.map((rule) => (rule.ruleId === id ? { ruleId: id, ...changed, tags: rule.tags } : rule));
  }
}

/**
 * UpdateSecurityGroupRuleDescriptions…: each rule sent, which the group must have, takes the description sent with it
 * (none when none is sent).
 */
function updateDescriptions(direction: Direction): QueryOperation {
  return {
    resource: groupResource,
    run(params, ctx) {
      const group = requireGroup(regionOf(ctx), params);
      const list = group[direction];
      const rules = readRules(params);
      const missing = rules.find((rule) => !list.some((existing) => sameRule(existing, rule)));
      if (missing)
        throw new AwsError('InvalidPermission.NotFound', 'The specified rule does not exist in this security group.');
      group[direction] = list.map((existing) => {
        const update = rules.find((rule) => sameRule(existing, rule));
        return update ? { ...existing, description: update.description } : existing;
      });
      return { return: true };
    },
  };
}

/** The security group rule operations. */
export const securityGroupRuleOperations: Record<string, QueryOperation> = {
  AuthorizeSecurityGroupIngress: changeRules('ingress', true),
  AuthorizeSecurityGroupEgress: changeRules('egress', true),
  RevokeSecurityGroupIngress: changeRules('ingress', false),
  RevokeSecurityGroupEgress: changeRules('egress', false),
  UpdateSecurityGroupRuleDescriptionsIngress: updateDescriptions('ingress'),
  UpdateSecurityGroupRuleDescriptionsEgress: updateDescriptions('egress'),

  DescribeSecurityGroupRules: {
    run(params, ctx) {
      const region = regionOf(ctx);
      for (const { name, values } of readFilters(params))
        for (const value of name === 'group-id' ? values : [])
          if (!isIdOf('sg', value))
            throw new AwsError('InvalidGroupId.Malformed', `The security group ID '${value}' is malformed`);
      const byId = Object.fromEntries(listedRules(region).map((listed) => [listed.rule.ruleId, listed]));
      const rules = selectByIds(byId, 'sgr', params.list('SecurityGroupRuleId'));
      return describe(
        'securityGroupRuleSet',
        rules,
        params,
        { 'group-id': (r) => [r.group.groupId], 'security-group-rule-id': (r) => [r.rule.ruleId] },
        ({ group, rule, direction }) => renderRule(group, rule, direction, ctx.account.accountId),
      );
    },
  },

  ModifySecurityGroupRules: {
    resource: (params, ctx) => [
      ...existingResources(ctx, 'sg', [params.require('GroupId')]),
      ...existingResources(
        ctx,
        'sgr',
        params.structs('SecurityGroupRule').map((update) => update.require('SecurityGroupRuleId')),
      ),
    ],
    run(params, ctx) {
      const region = regionOf(ctx);
      modifyRules(lookup(region.securityGroups, 'sg', params.require('GroupId')), params, region);
      return { return: true };
    },
  },
};
