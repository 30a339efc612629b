/** Instance profiles: the containers through which EC2 instances get (at most) one role. */
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { iamUniqueId } from '../ids';
import { instanceProfileArn } from '../principals';
import type { QueryOperation, QueryParams } from '../protocols/query';
import { instanceProfilesOf, type InstanceProfile } from '../state';
import type { XmlValue } from '../xml';
import { iamLimits } from './iam-limits';
import { validateName, validatePath } from './iam-names';
import { pageOf } from './iam-paging';
import { renderRole, requireRole, roleResource } from './iam-roles';
import { readTags, renderTags, taggingOperations } from './iam-tags';
import { awsTimestamp } from '../../lib/aws-timestamp';

/** The instance profile a request names, or IAM's NoSuchEntity. */
export function requireInstanceProfile(ctx: ServiceContext, name: string): InstanceProfile {
  const profiles = instanceProfilesOf(ctx.account);
  const profile = Object.hasOwn(profiles, name) ? profiles[name] : undefined;
  if (!profile) throw new AwsError('NoSuchEntity', `Instance Profile ${name} cannot be found.`, 404);
  return profile;
}

/** The ARN of the instance profile a request names (with the path CreateInstanceProfile gives a new one). */
function profileResource(params: QueryParams, ctx: ServiceContext): string {
  const name = params.get('InstanceProfileName') ?? '';
  const profiles = instanceProfilesOf(ctx.account);
  const profile = Object.hasOwn(profiles, name) ? profiles[name] : undefined;
  return instanceProfileArn(
    ctx.account.accountId,
    profile ?? { path: params.get('Path') ?? '/', instanceProfileName: name },
  );
}

/** An instance profile as IAM answers it, with its role in full. */
function renderInstanceProfile(ctx: ServiceContext, profile: InstanceProfile): XmlValue {
  return {
    Path: profile.path,
    InstanceProfileName: profile.instanceProfileName,
    InstanceProfileId: profile.instanceProfileId,
    Arn: instanceProfileArn(ctx.account.accountId, profile),
    CreateDate: profile.createDate,
    Roles: profile.roleNames.map((name) => renderRole(ctx, requireRole(ctx, name))),
    Tags: renderTags(profile.tags),
  };
}

/** A page of instance profiles as ListInstanceProfiles and ListInstanceProfilesForRole answer it. */
function listed(ctx: ServiceContext, params: QueryParams, profiles: InstanceProfile[]): XmlValue {
  const sorted = [...profiles].sort((a, b) => a.instanceProfileName.localeCompare(b.instanceProfileName));
  const page = pageOf(sorted, params);
  return {
    InstanceProfiles: page.items.map((p) => renderInstanceProfile(ctx, p)),
    IsTruncated: page.IsTruncated,
    Marker: page.Marker,
  };
}

/** The operations on instance profiles, the role each holds, and their tags. */
export const instanceProfileOperations: Record<string, QueryOperation> = {
  CreateInstanceProfile: {
    resource: profileResource,
    run(params, ctx) {
      const name = validateName(params.require('InstanceProfileName'), 'instanceProfileName', 128);
      const path = validatePath(params.get('Path'));
      const profiles = instanceProfilesOf(ctx.account);
      if (Object.keys(profiles).some((existing) => existing.toLowerCase() === name.toLowerCase()))
        throw new AwsError('EntityAlreadyExists', `Instance Profile ${name} already exists.`, 409);
      const profile: InstanceProfile = {
        instanceProfileName: name,
        instanceProfileId: iamUniqueId('AIPA'),
        path,
        createDate: awsTimestamp(ctx.now),
        roleNames: [],
        tags: readTags(params),
      };
      profiles[name] = profile;
      return { InstanceProfile: renderInstanceProfile(ctx, profile) };
    },
  },

  GetInstanceProfile: {
    resource: profileResource,
    run(params, ctx) {
      const profile = requireInstanceProfile(ctx, params.require('InstanceProfileName'));
      return { InstanceProfile: renderInstanceProfile(ctx, profile) };
    },
  },

  ListInstanceProfiles: {
    resource: (_params, ctx) => `arn:aws:iam::${ctx.account.accountId}:instance-profile/`,
    run(params, ctx) {
      const prefix = params.get('PathPrefix') ?? '/';
      const profiles = Object.values(instanceProfilesOf(ctx.account)).filter((p) => p.path.startsWith(prefix));
      return listed(ctx, params, profiles);
    },
  },

  ListInstanceProfilesForRole: {
    resource: roleResource,
    run(params, ctx) {
      const role = requireRole(ctx, params.require('RoleName'));
      const profiles = Object.values(instanceProfilesOf(ctx.account)).filter((p) =>
        p.roleNames.includes(role.roleName),
      );
      return listed(ctx, params, profiles);
    },
  },

  AddRoleToInstanceProfile: {
    resource: profileResource,
    run(params, ctx) {
      const profile = requireInstanceProfile(ctx, params.require('InstanceProfileName'));
      const role = requireRole(ctx, params.require('RoleName'));
      if (profile.roleNames.length >= iamLimits.rolesPerInstanceProfile)
        throw new AwsError(
          'LimitExceeded',
          `Cannot exceed quota for InstanceSessionsPerInstanceProfile: ${iamLimits.rolesPerInstanceProfile}`,
          409,
        );
      profile.roleNames.push(role.roleName);
      return undefined;
    },
  },

  RemoveRoleFromInstanceProfile: {
    resource: profileResource,
    run(params, ctx) {
      const profile = requireInstanceProfile(ctx, params.require('InstanceProfileName'));
      const roleName = params.require('RoleName');
      if (!profile.roleNames.includes(roleName))
        throw new AwsError('NoSuchEntity', `The role with name ${roleName} cannot be found.`, 404);
      profile.roleNames = profile.roleNames.filter((name) => name !== roleName);
      return undefined;
    },
  },

  DeleteInstanceProfile: {
    resource: profileResource,
    run(params, ctx) {
      const profile = requireInstanceProfile(ctx, params.require('InstanceProfileName'));
      if (profile.roleNames.length)
        throw new AwsError(
          'DeleteConflict',
          'Cannot delete entity, must remove roles from instance profile first.',
          409,
        );
      delete instanceProfilesOf(ctx.account)[profile.instanceProfileName];
      return undefined;
    },
  },

  ...taggingOperations({
    noun: 'InstanceProfile',
    find: (params, ctx) => requireInstanceProfile(ctx, params.require('InstanceProfileName')),
    resource: profileResource,
  }),
};
