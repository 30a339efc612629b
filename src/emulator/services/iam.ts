import { evaluate } from '../../iam-policy/evaluate';
import { parsePolicy } from '../../iam-policy/parse';
import { AwsError } from '../aws-error';
import { type ActionResources, policiesOfUser } from '../authorize';
import type { ServiceContext } from '../context';
import { queryEndpoint } from '../endpoint';
import { iamUniqueId, newAccessKeyPair } from '../ids';
import { iamUserArn, rootArn } from '../principals';
import type { QueryOperation, QueryParams, QueryService } from '../protocols/query';
import type { AccessKeyRecord, IamUser, ManagedPolicy, ManagedPolicyVersion, Tag } from '../state';
import type { XmlValue } from '../xml';
import { awsManagedPolicies, awsManagedPolicyArn } from './iam-managed';
import { nameRecord } from '../../lib/name-record';
import { awsTimestamp } from '../../lib/aws-timestamp';

/** IAM's documented limits the sandbox enforces. */
export const iamLimits = {
  accessKeysPerUser: 2,
  policyVersions: 5,
  attachedPoliciesPerUser: 10,
  inlinePolicyCharacters: 2048,
};

const namePattern = /^[\w+=,.@-]+$/;

function validateName(value: string, member: string, max = 64): string {
  if (value.length < 1 || value.length > max || !namePattern.test(value)) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${value.slice(0, 80)}' at '${member}' failed to satisfy constraint: Member ` +
        `must satisfy regular expression pattern: [\\w+=,.@-]+ and length between 1 and ${max}`,
    );
  }
  return value;
}

function validatePath(value: string | undefined): string {
  const path = value ?? '/';
  if (!/^\/(?:[\x21-\x7e]*\/)?$/.test(path) || path.length > 512) {
    throw new AwsError(
      'ValidationError',
      `The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters ` +
        `and/or / characters.`,
    );
  }
  return path;
}

function requireUser(ctx: ServiceContext, userName: string): IamUser {
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

/** The managed policy an ARN names: the account's own or one of AWS's. */
function findPolicy(ctx: ServiceContext, arn: string): ManagedPolicy | undefined {
  const own = Object.hasOwn(ctx.account.iam.policies, arn) ? ctx.account.iam.policies[arn] : undefined;
  if (own) return own;
  const managed = awsManagedPolicies.find((p) => awsManagedPolicyArn(p.policyName) === arn);
  if (!managed) return undefined;
  const created = '2015-02-06T18:39:46Z';
  return {
    arn,
    policyName: managed.policyName,
    policyId: `ANPA${managed.policyName
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '')
      .padEnd(17, 'X')
      .slice(0, 17)}`,
    path: '/',
    description: managed.description,
    createDate: created,
    updateDate: created,
    defaultVersionId: 'v1',
    versions: [{ versionId: 'v1', document: managed.document, createDate: created }],
    tags: [],
  };
}

function requirePolicy(ctx: ServiceContext, arn: string): ManagedPolicy {
  const policy = findPolicy(ctx, arn);
  if (!policy) throw new AwsError('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`, 404);
  return policy;
}

function ownPolicy(ctx: ServiceContext, arn: string): ManagedPolicy {
  const policy = requirePolicy(ctx, arn);
  if (!Object.hasOwn(ctx.account.iam.policies, arn))
    throw new AwsError('AccessDenied', `You cannot change the AWS managed policy ${arn}.`, 403);
  return policy;
}

function attachmentCount(ctx: ServiceContext, arn: string): number {
  return Object.values(ctx.account.iam.users).filter((u) => u.attachedPolicyArns.includes(arn)).length;
}

/** Validates a policy document as IAM does, answering MalformedPolicyDocument with the first problem. */
function validateDocument(text: string, maxCharacters?: number): string {
  const result = parsePolicy(text, 'identity');
  if ('errors' in result) {
    const first = result.errors[0]!;
    const code = first.code === 'LimitExceeded' ? 'LimitExceeded' : 'MalformedPolicyDocument';
    throw new AwsError(code, first.message, code === 'LimitExceeded' ? 409 : 400);
  }
  if (maxCharacters !== undefined && text.replace(/\s/g, '').length > maxCharacters) {
    throw new AwsError('LimitExceeded', `Maximum policy size of ${maxCharacters} bytes exceeded for user.`, 409);
  }
  return text;
}

function userArn(ctx: ServiceContext, user: Pick<IamUser, 'path' | 'userName'>): string {
  return iamUserArn(ctx.account.accountId, user);
}

function renderTags(tags: Tag[]): XmlValue {
  return tags.length ? tags.map((t) => ({ Key: t.Key, Value: t.Value })) : undefined;
}

function renderUser(ctx: ServiceContext, user: IamUser): XmlValue {
  return {
    Path: user.path,
    UserName: user.userName,
    UserId: user.userId,
    Arn: userArn(ctx, user),
    CreateDate: user.createDate,
    Tags: renderTags(user.tags),
  };
}

/** A policy's fields as Policy and ManagedPolicyDetail share them. */
function policyFields(ctx: ServiceContext, policy: ManagedPolicy): Record<string, XmlValue> {
  return {
    PolicyName: policy.policyName,
    DefaultVersionId: policy.defaultVersionId,
    PolicyId: policy.policyId,
    Path: policy.path,
    Arn: policy.arn,
    AttachmentCount: attachmentCount(ctx, policy.arn),
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    Description: policy.description,
    CreateDate: policy.createDate,
    UpdateDate: policy.updateDate,
  };
}

function renderPolicy(ctx: ServiceContext, policy: ManagedPolicy): XmlValue {
  return { ...policyFields(ctx, policy), Tags: renderTags(policy.tags) };
}

/** Every AWS managed policy, as the account sees it. */
function awsManagedPolicyRecords(ctx: ServiceContext): ManagedPolicy[] {
  return awsManagedPolicies.map((p) => findPolicy(ctx, awsManagedPolicyArn(p.policyName))!);
}

/** A user's attached managed policies, as AttachedPolicy entries. */
function attachedPoliciesOf(
  ctx: ServiceContext,
  user: IamUser,
): { PolicyName: string | undefined; PolicyArn: string }[] {
  return user.attachedPolicyArns.map((arn) => ({
    PolicyName: findPolicy(ctx, arn)?.policyName ?? arn.split('/').pop(),
    PolicyArn: arn,
  }));
}

/** The policy's version with this id, or IAM's `NoSuchEntity`. */
function requireVersion(policy: ManagedPolicy, versionId: string): ManagedPolicyVersion {
  const version = policy.versions.find((v) => v.versionId === versionId);
  if (!version)
    throw new AwsError(
      'NoSuchEntity',
      `Policy ${policy.arn} version ${versionId} does not exist or is not attachable.`,
      404,
    );
  return version;
}

function renderVersion(policy: ManagedPolicy, versionId: string): XmlValue {
  const version = requireVersion(policy, versionId);
  return {
    Document: encodeURIComponent(version.document),
    VersionId: version.versionId,
    IsDefaultVersion: version.versionId === policy.defaultVersionId,
    CreateDate: version.createDate,
  };
}

function readTags(params: QueryParams): Tag[] {
  return params.structs('Tags.member').map((tag) => ({ Key: tag.require('Key'), Value: tag.get('Value') ?? '' }));
}

/** IAM's Marker/MaxItems paging. */
function pageOf<T>(items: T[], params: QueryParams): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const maxItems = params.int('MaxItems', 100, 1, 1000);
  const marker = params.get('Marker');
  let start = 0;
  if (marker !== undefined) {
    const match = /^sandbox-(\d+)$/.exec(marker);
    if (!match) throw new AwsError('ValidationError', 'Invalid Marker.');
    start = Number(match[1]);
  }
  const end = start + maxItems;
  return end < items.length
    ? { items: items.slice(start, end), IsTruncated: true, Marker: `sandbox-${end}` }
    : { items: items.slice(start), IsTruncated: false };
}

/** The default password policy IAM applies when the account has not set one. */
function checkPassword(password: string, userName: string): void {
  const kinds = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length;
  if (password.length < 8 || password.length > 128 || kinds < 3 || password === userName) {
    throw new AwsError(
      'PasswordPolicyViolation',
      'Password does not conform to the account password policy: at least 8 characters, at least three of uppercase ' +
        'letters, lowercase letters, numbers and symbols, and not the user name.',
      400,
    );
  }
}

function keysOf(ctx: ServiceContext, userName: string | null): AccessKeyRecord[] {
  return Object.values(ctx.state.accessKeys).filter(
    (k) => k.accountId === ctx.account.accountId && k.userName === userName,
  );
}

/** The user an access-key or login-profile call is about: the named one, or the caller itself. */
function targetUserName(params: QueryParams, ctx: ServiceContext): string | null {
  return params.get('UserName') ?? ctx.caller?.userName ?? null;
}

/** The ARN of the user named, with its path (the one CreateUser gives, for a user still to be made). */
function userNameArn(ctx: ServiceContext, name: string, newPath = '/'): string {
  const user = Object.hasOwn(ctx.account.iam.users, name) ? ctx.account.iam.users[name] : undefined;
  return userArn(ctx, user ?? { path: newPath, userName: name });
}

/** The user an operation is about, as IAM authorizes it: the named user, or the caller, or the root. */
const userResource = (params: QueryParams, ctx: ServiceContext) => {
  const name = targetUserName(params, ctx);
  return name === null ? rootArn(ctx.account.accountId) : userNameArn(ctx, name, params.get('Path'));
};
const policyResource = (params: QueryParams) => params.get('PolicyArn') ?? '*';

/** The user a policy is attached to or detached from, with the policy as `iam:PolicyARN` for conditions. */
const attachmentResource = (params: QueryParams, ctx: ServiceContext): ActionResources => [
  { arn: userResource(params, ctx), context: { 'iam:PolicyARN': params.require('PolicyArn') } },
];

const operations: Record<string, QueryOperation> = {
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

  DeleteUser: {
    resource: userResource,
    run(params, ctx) {
      const user = requireUser(ctx, params.require('UserName'));
      const conflict = keysOf(ctx, user.userName).length
        ? 'Cannot delete entity, must delete access keys first.'
        : user.loginProfile
          ? 'Cannot delete entity, must delete login profile first.'
          : user.attachedPolicyArns.length
            ? 'Cannot delete entity, must detach all policies first.'
            : Object.keys(user.inlinePolicies).length
              ? 'Cannot delete entity, must delete policies first.'
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
      checkPassword(params.require('Password'), user.userName);
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
      if (password !== undefined) checkPassword(password, user.userName);
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
      const status = params.require('Status');
      if (status !== 'Active' && status !== 'Inactive') {
        throw new AwsError(
          'ValidationError',
          `1 validation error detected: Value '${status}' at 'status' failed to satisfy constraint: Member must ` +
            `satisfy enum value set: [Active, Inactive]`,
        );
      }
      key.status = status;
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

  CreatePolicy: {
    resource: (params, ctx) =>
      `arn:aws:iam::${ctx.account.accountId}:policy${params.get('Path') ?? '/'}${params.get('PolicyName') ?? ''}`,
    run(params, ctx) {
      const policyName = validateName(params.require('PolicyName'), 'policyName', 128);
      const path = validatePath(params.get('Path'));
      const document = validateDocument(params.require('PolicyDocument'));
      const arn = `arn:aws:iam::${ctx.account.accountId}:policy${path}${policyName}`;
      if (
        Object.values(ctx.account.iam.policies).some((p) => p.policyName.toLowerCase() === policyName.toLowerCase())
      ) {
        throw new AwsError(
          'EntityAlreadyExists',
          `A policy called ${policyName} already exists. Duplicate names are not allowed.`,
          409,
        );
      }
      const created = awsTimestamp(ctx.now);
      const policy: ManagedPolicy = {
        arn,
        policyName,
        policyId: iamUniqueId('ANPA'),
        path,
        description: params.get('Description'),
        createDate: created,
        updateDate: created,
        defaultVersionId: 'v1',
        versions: [{ versionId: 'v1', document, createDate: created }],
        tags: readTags(params),
      };
      ctx.account.iam.policies[arn] = policy;
      return { Policy: renderPolicy(ctx, policy) };
    },
  },

  GetPolicy: {
    resource: policyResource,
    run(params, ctx) {
      return { Policy: renderPolicy(ctx, requirePolicy(ctx, params.require('PolicyArn'))) };
    },
  },

  GetPolicyVersion: {
    resource: policyResource,
    run(params, ctx) {
      const policy = requirePolicy(ctx, params.require('PolicyArn'));
      return { PolicyVersion: renderVersion(policy, params.require('VersionId')) };
    },
  },

  ListPolicyVersions: {
    resource: policyResource,
    run(params, ctx) {
      const policy = requirePolicy(ctx, params.require('PolicyArn'));
      const versions = [...policy.versions].reverse().map((v) => ({
        VersionId: v.versionId,
        IsDefaultVersion: v.versionId === policy.defaultVersionId,
        CreateDate: v.createDate,
      }));
      return { Versions: versions, IsTruncated: false };
    },
  },

  CreatePolicyVersion: {
    resource: policyResource,
    run(params, ctx) {
      const policy = ownPolicy(ctx, params.require('PolicyArn'));
      const document = validateDocument(params.require('PolicyDocument'));
      if (policy.versions.length >= iamLimits.policyVersions) {
        throw new AwsError(
          'LimitExceeded',
          `A managed policy can have up to ${iamLimits.policyVersions} versions. Before you create a new version, you ` +
            `must delete an existing version.`,
          409,
        );
      }
      const highest = Math.max(...policy.versions.map((v) => Number(v.versionId.slice(1))));
      const version = { versionId: `v${highest + 1}`, document, createDate: awsTimestamp(ctx.now) };
      policy.versions.push(version);
      if (params.bool('SetAsDefault')) policy.defaultVersionId = version.versionId;
      policy.updateDate = version.createDate;
      return {
        PolicyVersion: {
          VersionId: version.versionId,
          IsDefaultVersion: policy.defaultVersionId === version.versionId,
          CreateDate: version.createDate,
        },
      };
    },
  },

  SetDefaultPolicyVersion: {
    resource: policyResource,
    run(params, ctx) {
      const policy = ownPolicy(ctx, params.require('PolicyArn'));
      const versionId = params.require('VersionId');
      requireVersion(policy, versionId);
      policy.defaultVersionId = versionId;
      return undefined;
    },
  },

  DeletePolicyVersion: {
    resource: policyResource,
    run(params, ctx) {
      const policy = ownPolicy(ctx, params.require('PolicyArn'));
      const versionId = params.require('VersionId');
      requireVersion(policy, versionId);
      if (versionId === policy.defaultVersionId)
        throw new AwsError('DeleteConflict', 'Cannot delete the default version of a policy.', 409);
      policy.versions = policy.versions.filter((v) => v.versionId !== versionId);
      return undefined;
    },
  },

  DeletePolicy: {
    resource: policyResource,
    run(params, ctx) {
      const policy = ownPolicy(ctx, params.require('PolicyArn'));
      if (attachmentCount(ctx, policy.arn) > 0)
        throw new AwsError('DeleteConflict', 'Cannot delete a policy attached to entities.', 409);
      if (policy.versions.length > 1)
        throw new AwsError(
          'DeleteConflict',
          'Cannot delete a policy with non-default versions; delete them first.',
          409,
        );
      delete ctx.account.iam.policies[policy.arn];
      return undefined;
    },
  },

  ListPolicies: {
    resource: (_params, ctx) => `arn:aws:iam::${ctx.account.accountId}:policy/`,
    run(params, ctx) {
      const scope = params.get('Scope') ?? 'All';
      if (!['All', 'AWS', 'Local'].includes(scope)) {
        throw new AwsError(
          'ValidationError',
          `1 validation error detected: Value '${scope}' at 'scope' failed to satisfy constraint: Member must satisfy ` +
            `enum value set: [All, AWS, Local]`,
        );
      }
      const local = scope === 'AWS' ? [] : Object.values(ctx.account.iam.policies);
      const aws = scope === 'Local' ? [] : awsManagedPolicyRecords(ctx);
      const onlyAttached = params.bool('OnlyAttached') ?? false;
      const prefix = params.get('PathPrefix') ?? '/';
      const policies = [...local, ...aws].filter(
        (p) => p.path.startsWith(prefix) && (!onlyAttached || attachmentCount(ctx, p.arn) > 0),
      );
      const page = pageOf(policies, params);
      return {
        Policies: page.items.map((p) => renderPolicy(ctx, p)),
        IsTruncated: page.IsTruncated,
        Marker: page.Marker,
      };
    },
  },

  AttachUserPolicy: {
    resource: attachmentResource,
    run(params, ctx) {
      const user = requireUser(ctx, params.require('UserName'));
      const policy = requirePolicy(ctx, params.require('PolicyArn'));
      if (!user.attachedPolicyArns.includes(policy.arn)) {
        if (user.attachedPolicyArns.length >= iamLimits.attachedPoliciesPerUser) {
          throw new AwsError(
            'LimitExceeded',
            `Cannot exceed quota for PoliciesPerUser: ${iamLimits.attachedPoliciesPerUser}`,
            409,
          );
        }
        user.attachedPolicyArns.push(policy.arn);
      }
      return undefined;
    },
  },

  DetachUserPolicy: {
    resource: attachmentResource,
    run(params, ctx) {
      const user = requireUser(ctx, params.require('UserName'));
      const arn = params.require('PolicyArn');
      if (!user.attachedPolicyArns.includes(arn))
        throw new AwsError('NoSuchEntity', `Policy ${arn} was not found.`, 404);
      user.attachedPolicyArns = user.attachedPolicyArns.filter((a) => a !== arn);
      return undefined;
    },
  },

  ListAttachedUserPolicies: {
    resource: userResource,
    run(params, ctx) {
      const user = requireUser(ctx, params.require('UserName'));
      const attached = attachedPoliciesOf(ctx, user);
      const page = pageOf(attached, params);
      return { AttachedPolicies: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
    },
  },

  PutUserPolicy: {
    resource: userResource,
    run(params, ctx) {
      const user = requireUser(ctx, params.require('UserName'));
      const name = validateName(params.require('PolicyName'), 'policyName', 128);
      user.inlinePolicies[name] = validateDocument(params.require('PolicyDocument'), iamLimits.inlinePolicyCharacters);
      return undefined;
    },
  },

  GetUserPolicy: {
    resource: userResource,
    run(params, ctx) {
      const user = requireUser(ctx, params.require('UserName'));
      const name = params.require('PolicyName');
      const document = Object.hasOwn(user.inlinePolicies, name) ? user.inlinePolicies[name] : undefined;
      if (document === undefined)
        throw new AwsError('NoSuchEntity', `The user policy with name ${name} cannot be found.`, 404);
      return { UserName: user.userName, PolicyName: name, PolicyDocument: encodeURIComponent(document) };
    },
  },

  ListUserPolicies: {
    resource: userResource,
    run(params, ctx) {
      const user = requireUser(ctx, params.require('UserName'));
      const page = pageOf(Object.keys(user.inlinePolicies).sort(), params);
      return { PolicyNames: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
    },
  },

  DeleteUserPolicy: {
    resource: userResource,
    run(params, ctx) {
      const user = requireUser(ctx, params.require('UserName'));
      const name = params.require('PolicyName');
      if (!Object.hasOwn(user.inlinePolicies, name))
        throw new AwsError('NoSuchEntity', `The user policy with name ${name} cannot be found.`, 404);
      delete user.inlinePolicies[name];
      return undefined;
    },
  },

  GetAccountAuthorizationDetails: {
    resource: () => '*',
    run(params, ctx) {
      const filters = params.list('Filter.member');
      const wanted = (kind: string) => filters.length === 0 || filters.includes(kind);
      const known = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'];
      const unknown = filters.find((f) => !known.includes(f));
      if (unknown)
        throw new AwsError(
          'ValidationError',
          `1 validation error detected: Value '[${unknown}]' at 'filter' failed to satisfy constraint: Member must ` +
            `satisfy enum value set: [${known.join(', ')}]`,
        );
      const users = wanted('User')
        ? Object.values(ctx.account.iam.users).map((user) => ({
            Path: user.path,
            UserName: user.userName,
            UserId: user.userId,
            Arn: userArn(ctx, user),
            CreateDate: user.createDate,
            UserPolicyList: Object.entries(user.inlinePolicies).map(([name, document]) => ({
              PolicyName: name,
              PolicyDocument: encodeURIComponent(document),
            })),
            GroupList: [],
            AttachedManagedPolicies: attachedPoliciesOf(ctx, user),
            Tags: renderTags(user.tags),
          }))
        : [];
      const local = wanted('LocalManagedPolicy') ? Object.values(ctx.account.iam.policies) : [];
      const aws = wanted('AWSManagedPolicy') ? awsManagedPolicyRecords(ctx) : [];
      const policies = [...local, ...aws].map((policy) => ({
        ...policyFields(ctx, policy),
        PolicyVersionList: policy.versions.map((v) => renderVersion(policy, v.versionId)),
      }));
      const page = pageOf([...users.map((u) => ({ user: u })), ...policies.map((p) => ({ policy: p }))], params);
      return {
        UserDetailList: page.items.flatMap((item) => ('user' in item ? [item.user] : [])),
        GroupDetailList: [],
        RoleDetailList: [],
        Policies: page.items.flatMap((item) => ('policy' in item ? [item.policy] : [])),
        IsTruncated: page.IsTruncated,
        Marker: page.Marker,
      };
    },
  },

  SimulatePrincipalPolicy: {
    resource: (params) => params.get('PolicySourceArn') ?? '*',
    run(params, ctx) {
      const source = params.require('PolicySourceArn');
      const userName = /:user\/(?:.*\/)?([^/]+)$/.exec(source)?.[1];
      if (!userName)
        throw new AwsError('InvalidInput', `Invalid ARN: ${source}. The sandbox simulates IAM users only.`);
      requireUser(ctx, userName);
      const resources = params.list('ResourceArns.member');
      const policies = policiesOfUser(ctx.account, userName);
      return {
        EvaluationResults: params.list('ActionNames.member').flatMap((action) =>
          (resources.length ? resources : ['*']).map((resource) => {
            const decision = evaluate(policies, { action, resource }).decision;
            return {
              EvalActionName: action,
              EvalResourceName: resource,
              EvalDecision:
                decision === 'allow' ? 'allowed' : decision === 'explicit-deny' ? 'explicitDeny' : 'implicitDeny',
            };
          }),
        ),
        IsTruncated: false,
      };
    },
  },
};

/** IAM's query-protocol service (global: signed for us-east-1). */
export const iamService: QueryService = {
  signingName: 'iam',
  actionPrefix: 'iam',
  dialect: { style: 'aws-query', namespace: 'https://iam.amazonaws.com/doc/2010-05-08/', version: '2010-05-08' },
  operations,
};

export const iamEndpoint = queryEndpoint(iamService, { global: true });

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
