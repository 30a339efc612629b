/** IAM roles: their trust policies (who may assume them), permissions policies and tags. */
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { iamUniqueId } from '../ids';
import { iamRoleArn } from '../principals';
import type { QueryOperation, QueryParams } from '../protocols/query';
import { instanceProfilesOf, rolesOf, type IamRole } from '../state';
import type { XmlValue } from '../xml';
import { iamLimits } from './iam-limits';
import { validateName, validatePath } from './iam-names';
import { pageOf } from './iam-paging';
import { policyHolderOperations } from './iam-policy-holders';
import { readTags, renderTags, taggingOperations } from './iam-tags';
import { validateTrustPolicy } from './iam-trust-policy';
import { nameRecord } from '../../lib/name-record';
import { awsTimestamp } from '../../lib/aws-timestamp';

/** How long a role's sessions may last, in seconds, as CreateRole's MaxSessionDuration allows: one to twelve hours. */
export const roleSessionSeconds = { min: 3600, max: 43200, fallback: 3600 };

/** Where service-linked roles live: `/aws-service-role/SERVICE/`. */
export const servicePathPrefix = '/aws-service-role/';

/** Whether a role is service-linked: only its service may delete it (DeleteServiceLinkedRole asks it to). */
export function isServiceLinked(role: IamRole): boolean {
  return role.path.startsWith(servicePathPrefix);
}

/** The role a request names, or IAM's NoSuchEntity. */
export function requireRole(ctx: ServiceContext, roleName: string): IamRole {
  const roles = rolesOf(ctx.account);
  const role = Object.hasOwn(roles, roleName) ? roles[roleName] : undefined;
  if (!role) throw new AwsError('NoSuchEntity', `The role with name ${roleName} cannot be found.`, 404);
  return role;
}

/** The ARN of the role a request names, with its path (the one CreateRole gives, for a role still to be made). */
export function roleResource(params: QueryParams, ctx: ServiceContext): string {
  const roleName = params.get('RoleName') ?? '';
  const roles = rolesOf(ctx.account);
  const role = Object.hasOwn(roles, roleName) ? roles[roleName] : undefined;
  return iamRoleArn(ctx.account.accountId, role ?? { path: params.get('Path') ?? '/', roleName });
}

/** A role as CreateRole, GetRole and ListRoles answer it; the trust policy URL-encoded, as IAM sends documents. */
export function renderRole(ctx: ServiceContext, role: IamRole): XmlValue {
  return {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: iamRoleArn(ctx.account.accountId, role),
    CreateDate: role.createDate,
    AssumeRolePolicyDocument: encodeURIComponent(role.assumeRolePolicyDocument),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
    Tags: renderTags(role.tags),
  };
}

function readMaxSessionDuration(params: QueryParams): number | undefined {
  const text = params.get('MaxSessionDuration');
  if (text === undefined) return undefined;
  const value = Number(text);
  const { min, max } = roleSessionSeconds;
  if (!Number.isInteger(value) || value < min || value > max)
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${text}' at 'maxSessionDuration' failed to satisfy constraint: Member ` +
        `must have value ${value < min ? `greater than or equal to ${min}` : `less than or equal to ${max}`}`,
    );
  return value;
}

/** Why a role cannot be deleted yet, in IAM's words, or null when nothing holds it. */
function deleteConflict(ctx: ServiceContext, role: IamRole): string | null {
  const inProfile = Object.values(instanceProfilesOf(ctx.account)).some((p) => p.roleNames.includes(role.roleName));
  if (inProfile) return 'Cannot delete entity, must remove roles from instance profile first.';
  if (role.attachedPolicyArns.length) return 'Cannot delete entity, must detach all policies first.';
  if (Object.keys(role.inlinePolicies).length) return 'Cannot delete entity, must delete policies first.';
  return null;
}

/** Roles as holders of policies and tags. */
const roleHolder = {
  noun: 'Role' as const,
  find: (params: QueryParams, ctx: ServiceContext) => requireRole(ctx, params.require('RoleName')),
  nameOf: (role: IamRole) => role.roleName,
  resource: roleResource,
  attachedLimit: iamLimits.attachedPoliciesPerRole,
  inlineCharacters: iamLimits.inlinePolicyCharactersPerRole,
};

/** The operations on roles, their trust policies, permissions policies and tags. */
export const roleOperations: Record<string, QueryOperation> = {
  CreateRole: {
    resource: roleResource,
    run(params, ctx) {
      const roleName = validateName(params.require('RoleName'), 'roleName');
      const path = validatePath(params.get('Path'));
      const document = validateTrustPolicy(ctx.account, params.require('AssumeRolePolicyDocument'));
      const maxSessionDuration = readMaxSessionDuration(params) ?? roleSessionSeconds.fallback;
      const roles = rolesOf(ctx.account);
      if (Object.keys(roles).some((name) => name.toLowerCase() === roleName.toLowerCase()))
        throw new AwsError('EntityAlreadyExists', `Role with name ${roleName} already exists.`, 409);
      const role: IamRole = {
        roleName,
        roleId: iamUniqueId('AROA'),
        path,
        createDate: awsTimestamp(ctx.now),
        assumeRolePolicyDocument: document,
        description: params.get('Description'),
        maxSessionDuration,
        tags: readTags(params),
        attachedPolicyArns: [],
        inlinePolicies: nameRecord(),
      };
      roles[roleName] = role;
      return { Role: renderRole(ctx, role) };
    },
  },

  GetRole: {
    resource: roleResource,
    run(params, ctx) {
      return { Role: renderRole(ctx, requireRole(ctx, params.require('RoleName'))) };
    },
  },

  ListRoles: {
    resource: (_params, ctx) => `arn:aws:iam::${ctx.account.accountId}:role/`,
    run(params, ctx) {
      const prefix = params.get('PathPrefix') ?? '/';
      const roles = Object.values(rolesOf(ctx.account))
        .filter((role) => role.path.startsWith(prefix))
        .sort((a, b) => a.roleName.localeCompare(b.roleName));
      const page = pageOf(roles, params);
      return {
        Roles: page.items.map((role) => ({ ...(renderRole(ctx, role) as object), Tags: undefined })),
        IsTruncated: page.IsTruncated,
        Marker: page.Marker,
      };
    },
  },

  UpdateRole: {
    resource: roleResource,
    run(params, ctx) {
      const role = requireRole(ctx, params.require('RoleName'));
      role.maxSessionDuration = readMaxSessionDuration(params) ?? role.maxSessionDuration;
      role.description = params.get('Description') ?? role.description;
      return {};
    },
  },

  UpdateAssumeRolePolicy: {
    resource: roleResource,
    run(params, ctx) {
      const role = requireRole(ctx, params.require('RoleName'));
      role.assumeRolePolicyDocument = validateTrustPolicy(ctx.account, params.require('PolicyDocument'));
      return undefined;
    },
  },

  DeleteRole: {
    resource: roleResource,
    run(params, ctx) {
      const role = requireRole(ctx, params.require('RoleName'));
      if (isServiceLinked(role))
        throw new AwsError(
          'UnmodifiableEntity',
          `Cannot perform the operation on the protected role '${role.roleName}' - this role is only modifiable by AWS`,
        );
      const conflict = deleteConflict(ctx, role);
      if (conflict) throw new AwsError('DeleteConflict', conflict, 409);
      delete rolesOf(ctx.account)[role.roleName];
      return undefined;
    },
  },

  ...policyHolderOperations(roleHolder),
  ...taggingOperations(roleHolder),
};
