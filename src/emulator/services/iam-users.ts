/** IAM users: creating and finding them, their passwords (login profiles), access keys, policies and tags. */
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { iamUniqueId, newAccessKeyPair } from '../ids';
import { iamUserArn, rootArn } from '../principals';
import type { QueryOperation, QueryParams } from '../protocols/query';
import {
  groupsOf,
  mfaDevicesOfUser,
  sessionsOf,
  sshPublicKeysOfUser,
  type AccessKeyRecord,
  type IamUser,
} from '../state';
import type { XmlValue } from '../xml';
import { iamLimits } from './iam-limits';
import { enumValue, validateName, validatePath } from './iam-names';
import { pageOf } from './iam-paging';
import { checkPassword } from './iam-password-policy';
import { policyHolderOperations } from './iam-policy-holders';
import { readTags, renderTags, taggingOperations } from './iam-tags';
import { nameRecord } from '../../lib/name-record';
import { awsTimestamp } from '../../lib/aws-timestamp';

/** The user a request names, or IAM's NoSuchEntity. */
export function requireUser(ctx: ServiceContext, userName: string): IamUser {
  const user = Object.hasOwn(ctx.account.iam.users, userName) ? ctx.account.iam.users[userName] : undefined;
  if (!user) throw new AwsError('NoSuchEntity', `The user with name ${userName} cannot be found.`, 404);
  return user;
}

type LoginProfile = NonNullable<IamUser['loginProfile']>;

/** The user a request names and its login profile; IAM's `NoSuchEntity` when the user has none. */
function requireLoginProfile(ctx: ServiceContext, userName: string): { user: IamUser; profile: LoginProfile } {
  const user = requireUser(ctx, userName);
  if (!user.loginProfile)
    throw new AwsError('NoSuchEntity', `Login Profile for User ${user.userName} cannot be found.`, 404);
  return { user, profile: user.loginProfile };
}

/** A login profile as CreateLoginProfile and GetLoginProfile answer it. */
function renderLoginProfile(user: IamUser, profile: LoginProfile): XmlValue {
  return {
    LoginProfile: {
      UserName: user.userName,
      CreateDate: profile.createDate,
      PasswordResetRequired: profile.passwordResetRequired,
    },
  };
}

/** A user's ARN in the request's account. */
export function userArn(ctx: ServiceContext, user: Pick<IamUser, 'path' | 'userName'>): string {
  return iamUserArn(ctx.account.accountId, user);
}

/** A user as CreateUser, GetUser and ListUsers answer it. */
export function renderUser(ctx: ServiceContext, user: IamUser): XmlValue {
  return {
    Path: user.path,
    UserName: user.userName,
    UserId: user.userId,
    Arn: userArn(ctx, user),
    CreateDate: user.createDate,
    Tags: renderTags(user.tags),
  };
}

/** The access keys of a user in the request's account, or of its root (null). */
export function keysOf(ctx: ServiceContext, userName: string | null): AccessKeyRecord[] {
  return Object.values(ctx.state.accessKeys).filter(
    (k) => k.accountId === ctx.account.accountId && k.userName === userName,
  );
}

/**
 * The user an access-key or login-profile call is about: the named one, or the caller itself (null for the root). A
 * role session is no user, so it must name one, as IAM requires.
 */
function targetUserName(params: QueryParams, ctx: ServiceContext): string | null {
  const named = params.get('UserName');
  if (named !== undefined) return named;
  if (ctx.caller?.roleSession)
    throw new AwsError('ValidationError', 'Must specify userName when calling with non-User credentials');
  return ctx.caller?.userName ?? null;
}

/** The ARN of the user named, with its path (the one CreateUser gives, for a user still to be made). */
function userNameArn(ctx: ServiceContext, name: string, newPath = '/'): string {
  const user = Object.hasOwn(ctx.account.iam.users, name) ? ctx.account.iam.users[name] : undefined;
  return userArn(ctx, user ?? { path: newPath, userName: name });
}

/** The user an operation is about, as IAM authorizes it: the named user, or the caller, or the root. */
export const userResource = (params: QueryParams, ctx: ServiceContext) => {
  const name = targetUserName(params, ctx);
  return name === null ? rootArn(ctx.account.accountId) : userNameArn(ctx, name, params.get('Path'));
};

/** Users as holders of policies. */
const userHolder = {
  noun: 'User' as const,
  find: (params: QueryParams, ctx: ServiceContext) => requireUser(ctx, params.require('UserName')),
  nameOf: (user: IamUser) => user.userName,
  resource: userResource,
  attachedLimit: iamLimits.attachedPoliciesPerUser,
  inlineCharacters: iamLimits.inlinePolicyCharactersPerUser,
};

function requireKey(ctx: ServiceContext, params: QueryParams): AccessKeyRecord {
  const id = params.require('AccessKeyId');
  const userName = targetUserName(params, ctx);
  if (userName !== null) requireUser(ctx, userName);
  const key = ctx.state.accessKeys[id];
  if (!key || key.accountId !== ctx.account.accountId || key.userName !== userName) {
    throw new AwsError('NoSuchEntity', `The Access Key with id ${id} cannot be found.`, 404);
  }
  return key;
}

/** The same user, renamed: its access keys, groups and STS sessions follow it to the new name. */
function renameUser(ctx: ServiceContext, user: IamUser, newName: string): void {
  const oldName = user.userName;
  const taken = Object.keys(ctx.account.iam.users).some(
    (name) => name !== oldName && name.toLowerCase() === newName.toLowerCase(),
  );
  if (taken) throw new AwsError('EntityAlreadyExists', `User with name ${newName} already exists.`, 409);
  const owned = (record: { accountId: string; userName: string | null }) =>
    record.accountId === ctx.account.accountId && record.userName === oldName;
  for (const key of Object.values(ctx.state.accessKeys).filter(owned)) key.userName = newName;
  for (const session of Object.values(sessionsOf(ctx.state)).filter(owned)) session.userName = newName;
  for (const group of Object.values(groupsOf(ctx.account)))
    group.userNames = group.userNames.map((name) => (name === oldName ? newName : name));
  delete ctx.account.iam.users[oldName];
  user.userName = newName;
  ctx.account.iam.users[newName] = user;
}

/** The operations on users, their login profiles, access keys, policies and tags. */
export const userOperations: Record<string, QueryOperation> = {
  CreateUser: {
    resource: userResource,
    run(params, ctx) {
      const userName = validateName(params.require('UserName'), 'userName');
      if (Object.keys(ctx.account.iam.users).some((name) => name.toLowerCase() === userName.toLowerCase())) {
        throw new AwsError('EntityAlreadyExists', `User with name ${userName} already exists.`, 409);
      }
      const user: IamUser = {
        userName,
        userId: iamUniqueId('AIDA'),
        path: validatePath(params.get('Path')),
        createDate: awsTimestamp(ctx.now),
        tags: readTags(params),
        attachedPolicyArns: [],
        inlinePolicies: nameRecord(),
      };
      ctx.account.iam.users[userName] = user;
      return { User: renderUser(ctx, user) };
    },
  },

  GetUser: {
    resource: userResource,
    run(params, ctx) {
      const name = targetUserName(params, ctx);
      if (name === null) {
        return {
          User: {
            UserId: ctx.account.accountId,
            Arn: rootArn(ctx.account.accountId),
            CreateDate: awsTimestamp(new Date(0)),
          },
        };
      }
      return { User: renderUser(ctx, requireUser(ctx, name)) };
    },
  },

  ListUsers: {
    resource: (_params, ctx) => `arn:aws:iam::${ctx.account.accountId}:user/`,
    run(params, ctx) {
      const prefix = params.get('PathPrefix') ?? '/';
      const users = Object.values(ctx.account.iam.users)
        .filter((u) => u.path.startsWith(prefix))
        .sort((a, b) => a.userName.localeCompare(b.userName));
      const page = pageOf(users, params);
      return { Users: page.items.map((u) => renderUser(ctx, u)), IsTruncated: page.IsTruncated, Marker: page.Marker };
    },
  },

  UpdateUser: {
    resource: userResource,
    run(params, ctx) {
      const user = requireUser(ctx, params.require('UserName'));
      const newName = params.get('NewUserName');
      const newPath = params.get('NewPath');
      const path = newPath === undefined ? user.path : validatePath(newPath);
      if (newName !== undefined) renameUser(ctx, user, validateName(newName, 'newUserName'));
      user.path = path;
      return undefined;
    },
  },

  DeleteUser: {
    resource: userResource,
    run(params, ctx) {
      const user = requireUser(ctx, params.require('UserName'));
      const inGroup = Object.values(groupsOf(ctx.account)).some((group) => group.userNames.includes(user.userName));
      const conflict = keysOf(ctx, user.userName).length
        ? 'Cannot delete entity, must delete access keys first.'
        : inGroup
          ? 'Cannot delete entity, must remove users from group first.'
          : user.loginProfile
            ? 'Cannot delete entity, must delete login profile first.'
            : user.attachedPolicyArns.length
              ? 'Cannot delete entity, must detach all policies first.'
              : Object.keys(user.inlinePolicies).length
                ? 'Cannot delete entity, must delete policies first.'
                : mfaDevicesOfUser(ctx.account, user.userName).length
                  ? 'Cannot delete entity, must delete MFA device first.'
                  : sshPublicKeysOfUser(ctx.account, user.userName).length
                    ? 'Cannot delete entity, must delete SSH public keys first.'
                    : null;
      if (conflict) throw new AwsError('DeleteConflict', conflict, 409);
      delete ctx.account.iam.users[user.userName];
      return undefined;
    },
  },

  CreateLoginProfile: {
    resource: userResource,
    run(params, ctx) {
      const user = requireUser(ctx, params.require('UserName'));
      if (user.loginProfile)
        throw new AwsError('EntityAlreadyExists', `Login Profile for user ${user.userName} already exists.`, 409);
      checkPassword(ctx, params.require('Password'), user.userName);
      user.loginProfile = {
        createDate: awsTimestamp(ctx.now),
        passwordResetRequired: params.bool('PasswordResetRequired') ?? false,
      };
      return renderLoginProfile(user, user.loginProfile);
    },
  },

  GetLoginProfile: {
    resource: userResource,
    run(params, ctx) {
      const { user, profile } = requireLoginProfile(ctx, params.require('UserName'));
      return renderLoginProfile(user, profile);
    },
  },

  UpdateLoginProfile: {
    resource: userResource,
    run(params, ctx) {
      const { user, profile } = requireLoginProfile(ctx, params.require('UserName'));
      const password = params.get('Password');
      if (password !== undefined) checkPassword(ctx, password, user.userName);
      const reset = params.bool('PasswordResetRequired');
      if (reset !== undefined) profile.passwordResetRequired = reset;
      return undefined;
    },
  },

  DeleteLoginProfile: {
    resource: userResource,
    run(params, ctx) {
      const { user } = requireLoginProfile(ctx, params.require('UserName'));
      delete user.loginProfile;
      return undefined;
    },
  },

  CreateAccessKey: {
    resource: userResource,
    run(params, ctx) {
      const userName = targetUserName(params, ctx);
      if (userName !== null) requireUser(ctx, userName);
      if (keysOf(ctx, userName).length >= iamLimits.accessKeysPerUser) {
        throw new AwsError(
          'LimitExceeded',
          `Cannot exceed quota for AccessKeysPerUser: ${iamLimits.accessKeysPerUser}`,
          409,
        );
      }
      const pair = newAccessKeyPair();
      const key: AccessKeyRecord = {
        ...pair,
        accountId: ctx.account.accountId,
        userName,
        status: 'Active',
        createDate: awsTimestamp(ctx.now),
      };
      ctx.state.accessKeys[key.accessKeyId] = key;
      return {
        AccessKey: {
          UserName: userName ?? undefined,
          AccessKeyId: key.accessKeyId,
          Status: key.status,
          SecretAccessKey: key.secretAccessKey,
          CreateDate: key.createDate,
        },
      };
    },
  },

  ListAccessKeys: {
    resource: userResource,
    run(params, ctx) {
      const userName = targetUserName(params, ctx);
      if (userName !== null) requireUser(ctx, userName);
      const page = pageOf(keysOf(ctx, userName), params);
      return {
        AccessKeyMetadata: page.items.map((k) => ({
          UserName: k.userName ?? undefined,
          AccessKeyId: k.accessKeyId,
          Status: k.status,
          CreateDate: k.createDate,
        })),
        IsTruncated: page.IsTruncated,
        Marker: page.Marker,
      };
    },
  },

  UpdateAccessKey: {
    resource: userResource,
    run(params, ctx) {
      const key = requireKey(ctx, params);
      key.status = enumValue(params.require('Status'), 'status', ['Active', 'Inactive']);
      return undefined;
    },
  },

  DeleteAccessKey: {
    resource: userResource,
    run(params, ctx) {
      const key = requireKey(ctx, params);
      delete ctx.state.accessKeys[key.accessKeyId];
      return undefined;
    },
  },

  GetAccessKeyLastUsed: {
    resource: (params, ctx) => {
      const key = ctx.state.accessKeys[params.get('AccessKeyId') ?? ''];
      return key?.userName ? userNameArn(ctx, key.userName) : '*';
    },
    run(params, ctx) {
      const id = params.require('AccessKeyId');
      const key = ctx.state.accessKeys[id];
      if (!key || key.accountId !== ctx.account.accountId)
        throw new AwsError(
          'AccessDenied',
          `The Access Key with id ${id} cannot be found or is not in your account.`,
          403,
        );
      return {
        UserName: key.userName ?? undefined,
        AccessKeyLastUsed: key.lastUsed
          ? {
              LastUsedDate: awsTimestamp(new Date(key.lastUsed.date)),
              ServiceName: key.lastUsed.service,
              Region: key.lastUsed.region,
            }
          : { ServiceName: 'N/A', Region: 'N/A' },
      };
    },
  },
  ...policyHolderOperations(userHolder),
  ...taggingOperations(userHolder),
};
