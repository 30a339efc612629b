/** IAM groups: users who share the group's policies. */
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { iamUniqueId } from '../ids';
import { iamGroupArn } from '../principals';
import type { QueryOperation, QueryParams } from '../protocols/query';
import { groupsOf, type IamGroup } from '../state';
import type { XmlValue } from '../xml';
import { iamLimits } from './iam-limits';
import { validateName, validatePath } from './iam-names';
import { pageOf } from './iam-paging';
import { policyHolderOperations } from './iam-policy-holders';
import { renderUser, requireUser } from './iam-users';
import { nameRecord } from '../../lib/name-record';
import { awsTimestamp } from '../../lib/aws-timestamp';

/** The group a request names, or IAM's NoSuchEntity. */
export function requireGroup(ctx: ServiceContext, groupName: string): IamGroup {
  const groups = groupsOf(ctx.account);
  const group = Object.hasOwn(groups, groupName) ? groups[groupName] : undefined;
  if (!group) throw new AwsError('NoSuchEntity', `The group with name ${groupName} cannot be found.`, 404);
  return group;
}

/** The ARN of the group a request names (with the path CreateGroup gives a new one). */
function groupResource(params: QueryParams, ctx: ServiceContext): string {
  const groupName = params.get('GroupName') ?? '';
  const groups = groupsOf(ctx.account);
  const group = Object.hasOwn(groups, groupName) ? groups[groupName] : undefined;
  return iamGroupArn(ctx.account.accountId, group ?? { path: params.get('Path') ?? '/', groupName });
}

/** A group as CreateGroup, GetGroup and ListGroups answer it. */
export function renderGroup(ctx: ServiceContext, group: IamGroup): XmlValue {
  return {
    Path: group.path,
    GroupName: group.groupName,
    GroupId: group.groupId,
    Arn: iamGroupArn(ctx.account.accountId, group),
    CreateDate: group.createDate,
  };
}

/** The groups a user is in. */
export function groupsOfUser(ctx: ServiceContext, userName: string): IamGroup[] {
  return Object.values(groupsOf(ctx.account)).filter((group) => group.userNames.includes(userName));
}

/** Why a group cannot be deleted yet, in IAM's words, or null. */
function deleteConflict(group: IamGroup): string | null {
  if (group.userNames.length) return 'Cannot delete entity, must remove users from group first.';
  if (group.attachedPolicyArns.length) return 'Cannot delete entity, must detach all policies first.';
  if (Object.keys(group.inlinePolicies).length) return 'Cannot delete entity, must delete policies first.';
  return null;
}

/** The same group, renamed: its members and policies stay with it. */
function renameGroup(ctx: ServiceContext, group: IamGroup, newName: string): void {
  const groups = groupsOf(ctx.account);
  const oldName = group.groupName;
  if (Object.keys(groups).some((name) => name !== oldName && name.toLowerCase() === newName.toLowerCase()))
    throw new AwsError('EntityAlreadyExists', `Group with name ${newName} already exists.`, 409);
  delete groups[oldName];
  group.groupName = newName;
  groups[newName] = group;
}

/** The operations on groups, their members and their policies. */
export const groupOperations: Record<string, QueryOperation> = {
  CreateGroup: {
    resource: groupResource,
    run(params, ctx) {
      const groupName = validateName(params.require('GroupName'), 'groupName', 128);
      const groups = groupsOf(ctx.account);
      if (Object.keys(groups).some((name) => name.toLowerCase() === groupName.toLowerCase()))
        throw new AwsError('EntityAlreadyExists', `Group with name ${groupName} already exists.`, 409);
      const group: IamGroup = {
        groupName,
        groupId: iamUniqueId('AGPA'),
        path: validatePath(params.get('Path')),
        createDate: awsTimestamp(ctx.now),
        userNames: [],
        attachedPolicyArns: [],
        inlinePolicies: nameRecord(),
      };
      groups[groupName] = group;
      return { Group: renderGroup(ctx, group) };
    },
  },

  GetGroup: {
    resource: groupResource,
    run(params, ctx) {
      const group = requireGroup(ctx, params.require('GroupName'));
      const page = pageOf([...group.userNames].sort(), params);
      return {
        Group: renderGroup(ctx, group),
        Users: page.items.map((name) => renderUser(ctx, requireUser(ctx, name))),
        IsTruncated: page.IsTruncated,
        Marker: page.Marker,
      };
    },
  },

  ListGroups: {
    resource: (_params, ctx) => `arn:aws:iam::${ctx.account.accountId}:group/`,
    run(params, ctx) {
      const prefix = params.get('PathPrefix') ?? '/';
      const groups = Object.values(groupsOf(ctx.account))
        .filter((group) => group.path.startsWith(prefix))
        .sort((a, b) => a.groupName.localeCompare(b.groupName));
      const page = pageOf(groups, params);
      return { Groups: page.items.map((g) => renderGroup(ctx, g)), IsTruncated: page.IsTruncated, Marker: page.Marker };
    },
  },

  ListGroupsForUser: {
    resource: (params, ctx) => `arn:aws:iam::${ctx.account.accountId}:user/${params.get('UserName') ?? ''}`,
    run(params, ctx) {
      const user = requireUser(ctx, params.require('UserName'));
      const page = pageOf(groupsOfUser(ctx, user.userName), params);
      return { Groups: page.items.map((g) => renderGroup(ctx, g)), IsTruncated: page.IsTruncated, Marker: page.Marker };
    },
  },

  AddUserToGroup: {
    resource: groupResource,
    run(params, ctx) {
      // IAM looks for the user before the group: with neither there, it names the user.
      const user = requireUser(ctx, params.require('UserName'));
      const group = requireGroup(ctx, params.require('GroupName'));
      if (group.userNames.includes(user.userName)) return undefined;
      if (groupsOfUser(ctx, user.userName).length >= iamLimits.groupsPerUser)
        throw new AwsError('LimitExceeded', `Cannot exceed quota for GroupsPerUser: ${iamLimits.groupsPerUser}`, 409);
      group.userNames.push(user.userName);
      return undefined;
    },
  },

  RemoveUserFromGroup: {
    resource: groupResource,
    run(params, ctx) {
      const group = requireGroup(ctx, params.require('GroupName'));
      const user = requireUser(ctx, params.require('UserName'));
      if (!group.userNames.includes(user.userName))
        throw new AwsError('NoSuchEntity', `The user with name ${user.userName} cannot be found.`, 404);
      group.userNames = group.userNames.filter((name) => name !== user.userName);
      return undefined;
    },
  },

  UpdateGroup: {
    resource: groupResource,
    run(params, ctx) {
      const group = requireGroup(ctx, params.require('GroupName'));
      const newName = params.get('NewGroupName');
      const newPath = params.get('NewPath');
      const path = newPath === undefined ? group.path : validatePath(newPath);
      if (newName !== undefined) renameGroup(ctx, group, validateName(newName, 'newGroupName', 128));
      group.path = path;
      return undefined;
    },
  },

  DeleteGroup: {
    resource: groupResource,
    run(params, ctx) {
      const group = requireGroup(ctx, params.require('GroupName'));
      const conflict = deleteConflict(group);
      if (conflict) throw new AwsError('DeleteConflict', conflict, 409);
      delete groupsOf(ctx.account)[group.groupName];
      return undefined;
    },
  },

  ...policyHolderOperations({
    noun: 'Group',
    find: (params, ctx) => requireGroup(ctx, params.require('GroupName')),
    nameOf: (group: IamGroup) => group.groupName,
    resource: groupResource,
    attachedLimit: iamLimits.attachedPoliciesPerGroup,
    inlineCharacters: iamLimits.inlinePolicyCharactersPerGroup,
  }),
};
