/** Security groups; their rules are in ./ec2-security-group-rules. */
import type { ActionResources } from '../authorize';
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { ec2Id } from '../ids';
import type { QueryOperation, QueryParams } from '../protocols/query';
import type { RegionState, SecurityGroup, SecurityGroupRule } from '../state';
import type { XmlValue } from '../xml';
import { existingResources, newResource } from './ec2-arns';
import { defaultVpc, outboundRules, regionOf } from './ec2-default-vpc';
import { describe } from './ec2-describe';
import type { FilterValues } from './ec2-filters';
import { lookup, selectByIds } from './ec2-ids';
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
    prefixListIds: same
      .filter((r) => r.prefixListId)
      .map((r) => ({ prefixListId: r.prefixListId, description: r.description })),
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
  'ip-permission.ipv6-cidr': (g) => g.ingress.map((r) => r.cidrIpv6),
  'ip-permission.group-id': (g) => g.ingress.map((r) => r.referencedGroupId),
  'ip-permission.prefix-list-id': (g) => g.ingress.map((r) => r.prefixListId),
  'egress.ip-permission.from-port': (g) => g.egress.map((r) => r.fromPort),
  'egress.ip-permission.to-port': (g) => g.egress.map((r) => r.toPort),
  'egress.ip-permission.protocol': (g) => g.egress.map((r) => r.ipProtocol),
  'egress.ip-permission.cidr': (g) => g.egress.map((r) => r.cidrIpv4),
  'egress.ip-permission.ipv6-cidr': (g) => g.egress.map((r) => r.cidrIpv6),
  'egress.ip-permission.group-id': (g) => g.egress.map((r) => r.referencedGroupId),
  'egress.ip-permission.prefix-list-id': (g) => g.egress.map((r) => r.prefixListId),
  // A rule's group pair names its group by id and owner only (renderPermissions), as EC2 answers for groups in a
  // VPC, so a filter on the pair's group name finds no group (the EC2 API reference lists these filters).
  'ip-permission.group-name': () => [],
  'egress.ip-permission.group-name': () => [],
};

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
export function requireGroup(region: RegionState, params: QueryParams): SecurityGroup {
  const groupId = params.get('GroupId');
  return groupId ? lookup(region.securityGroups, 'sg', groupId) : findGroupByName(region, params.require('GroupName'));
}

/** The group a request names, for IAM. */
export function groupResource(params: QueryParams, ctx: ServiceContext): ActionResources {
  return existingResources(ctx, 'sg', [requireGroup(regionOf(ctx), params).groupId]);
}

/** The VPC a new group goes in: the one named, or the default VPC. */
function vpcIdForGroup(params: QueryParams, region: RegionState): string {
  const vpcId = params.get('VpcId') ?? defaultVpc(region)?.vpcId;
  if (!vpcId) throw new AwsError('VPCIdNotSpecified', 'No default VPC for this user');
  return vpcId;
}

/** The security group operations; their rules' are in ./ec2-security-group-rules. */
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
        egress: outboundRules(vpc),
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
      const users = [
        ...Object.values(region.instances)
          .filter((i) => i.state !== 'terminated')
          .map((i) => i.securityGroupIds),
        ...Object.values(region.networkInterfaces ?? {}).map((eni) => eni.groupIds),
      ];
      if (users.some((groupIds) => groupIds.includes(group.groupId))) {
        throw new AwsError('DependencyViolation', `resource ${group.groupId} has a dependent object`);
      }
      delete region.securityGroups[group.groupId];
      return { return: true };
    },
  },
};
