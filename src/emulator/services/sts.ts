/**
 * STS: who is calling (GetCallerIdentity), and temporary credentials: a role's (AssumeRole) or the caller's own
 * (GetSessionToken). Requests signed with them are checked and attributed in ../authenticate.
 */
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { queryEndpoint } from '../endpoint';
import { assumedRoleArn, federatedUserArn, iamRoleArn } from '../principals';
import type { QueryOperation, QueryParams, QueryService } from '../protocols/query';
import { rolesOf, sessionsOf, type IamRole, type TemporarySession } from '../state';
import { newSessionCredentials, storeSession } from '../temporary-credentials';
import { awsTimestamp } from '../../lib/aws-timestamp';
import { ownEntry } from '../../lib/name-record';
import { validateDocument } from './iam-policy-records';
import { trustPolicyAllows } from './iam-trust-policy';

/** The session lengths STS allows, in seconds, as its API reference states them. */
export const sessionSeconds = {
  /** AssumeRole: from 15 minutes up to the role's MaxSessionDuration; an hour unless asked. */
  assumeRole: { min: 900, fallback: 3600 },
  /** A role session assuming another role ("role chaining") gets at most an hour. */
  roleChaining: 3600,
  /** GetSessionToken: 15 minutes to 36 hours for a user, 12 hours unless asked; the root's at most an hour. */
  sessionToken: { min: 900, max: 129600, fallback: 43200, root: 3600 },
  /** GetFederationToken: the same range; a session the root asks for is cut to an hour rather than refused. */
  federationToken: { min: 900, max: 129600, fallback: 43200, root: 3600 },
};

function tooShort(seconds: number, min: number): AwsError {
  return new AwsError(
    'ValidationError',
    `1 validation error detected: Value '${seconds}' at 'durationSeconds' failed to satisfy constraint: Member must ` +
      `have value greater than or equal to ${min}`,
  );
}

/** The credentials part of an answer; the secret and token are the caller's own, so they are answered once, here. */
function renderCredentials(session: TemporarySession) {
  return {
    AccessKeyId: session.accessKeyId,
    SecretAccessKey: session.secretAccessKey,
    SessionToken: session.sessionToken,
    Expiration: session.expiration,
  };
}

/** The role a RoleArn names in the caller's account, if it exists there. */
function roleOf(ctx: ServiceContext, roleArn: string): IamRole | undefined {
  const name = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(roleArn);
  const account = name ? ctx.state.accounts[name[1]!] : undefined;
  const role = account && name ? rolesOf(account)[name[2]!] : undefined;
  return role && account && iamRoleArn(account.accountId, role) === roleArn ? role : undefined;
}

function readSessionName(params: QueryParams): string {
  const name = params.require('RoleSessionName');
  if (!/^[\w+=,.@-]{2,64}$/.test(name))
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${name.slice(0, 80)}' at 'roleSessionName' failed to satisfy constraint: ` +
        'Member must satisfy regular expression pattern: [\\w+=,.@-]* and length between 2 and 64',
    );
  return name;
}

/** How long an AssumeRole session lasts: what the caller asked, within the role's limit (an hour when chaining). */
function assumeRoleSeconds(params: QueryParams, ctx: ServiceContext, role: IamRole): number {
  const seconds = params.int('DurationSeconds', sessionSeconds.assumeRole.fallback);
  if (seconds < sessionSeconds.assumeRole.min) throw tooShort(seconds, sessionSeconds.assumeRole.min);
  if (ctx.caller?.roleSession && seconds > sessionSeconds.roleChaining)
    throw new AwsError(
      'ValidationError',
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  if (seconds > role.maxSessionDuration)
    throw new AwsError(
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  return seconds;
}

/** How long a GetSessionToken session lasts: what the caller asked, up to 36 hours (an hour for the root). */
function sessionTokenSeconds(params: QueryParams, ctx: ServiceContext): number {
  const root = ctx.caller?.userName === null;
  const limits = sessionSeconds.sessionToken;
  const seconds = params.int('DurationSeconds', root ? limits.root : limits.fallback);
  if (seconds < limits.min) throw tooShort(seconds, limits.min);
  const max = root ? limits.root : limits.max;
  if (seconds > max)
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${seconds}' at 'durationSeconds' failed to satisfy constraint: Member ` +
        `must have value less than or equal to ${max}`,
    );
  return seconds;
}

/** The session policy AssumeRole or GetFederationToken is given: at most 2,048 characters of a policy IAM accepts. */
function readSessionPolicy(params: QueryParams): string | undefined {
  const policy = params.get('Policy');
  if (policy === undefined) return undefined;
  if (policy.length > 2048)
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${policy.slice(0, 80)}' at 'policy' failed to satisfy constraint: Member ` +
        'must have length less than or equal to 2048',
    );
  return validateDocument(policy);
}

function readFederatedName(params: QueryParams): string {
  const name = params.require('Name');
  if (!/^[\w+=,.@-]{2,32}$/.test(name))
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${name.slice(0, 80)}' at 'name' failed to satisfy constraint: Member ` +
        'must satisfy regular expression pattern: [\\w+=,.@-]* and length between 2 and 32',
    );
  return name;
}

/** How long a federation session lasts: what the caller asked, within 15 minutes and 36 hours (an hour for the root). */
function federationSeconds(params: QueryParams, ctx: ServiceContext): number {
  const limits = sessionSeconds.federationToken;
  const seconds = params.int('DurationSeconds', limits.fallback);
  if (seconds < limits.min) throw tooShort(seconds, limits.min);
  if (seconds > limits.max)
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${seconds}' at 'durationSeconds' failed to satisfy constraint: Member ` +
        `must have value less than or equal to ${limits.max}`,
    );
  return ctx.caller?.userName === null ? Math.min(seconds, limits.root) : seconds;
}

/**
 * The account an access key id belongs to: the sandbox's own keys and sessions by their records; any other id by the
 * account number AWS encodes in the ids it has issued since 2019 (bits 1 to 40 of the Base32 after the prefix).
 */
function accountOfKeyId(ctx: ServiceContext, accessKeyId: string): string {
  const known = ownEntry(ctx.state.accessKeys, accessKeyId) ?? ownEntry(sessionsOf(ctx.state), accessKeyId);
  if (known) return known.accountId;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...accessKeyId.slice(4, 14).toUpperCase()]
    .map((c) => Math.max(alphabet.indexOf(c), 0).toString(2).padStart(5, '0'))
    .join('');
  return String(Number.parseInt(bits.slice(1, 41), 2)).padStart(12, '0');
}

const expiresIn = (ctx: ServiceContext, seconds: number) => awsTimestamp(new Date(ctx.now.getTime() + seconds * 1000));

/** The issuer a web identity token (a JWT) names, if it is one. */
function tokenIssuer(token: string): string | undefined {
  try {
    const claims: unknown = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
    const issuer = (claims as { iss?: unknown } | null)?.iss;
    return typeof issuer === 'string' ? issuer : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The federated sign-ins, answered as a gap left on purpose: the sandbox holds no OpenID Connect or SAML provider, so
 * no token can be verified, and STS refuses it as it refuses a token from a provider the account does not trust.
 */
const federatedOperations: Record<string, QueryOperation> = {
  AssumeRoleWithWebIdentity: {
    alwaysAllowed: true,
    run(params) {
      params.require('RoleArn');
      readSessionName(params);
      const issuer = tokenIssuer(params.require('WebIdentityToken'));
      throw new AwsError(
        'InvalidIdentityToken',
        issuer === undefined
          ? 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)'
          : `No OpenIDConnect provider found in your account for ${issuer}`,
      );
    },
  },
  AssumeRoleWithSAML: {
    alwaysAllowed: true,
    run(params) {
      params.require('RoleArn');
      params.require('PrincipalArn');
      params.require('SAMLAssertion');
      throw new AwsError('InvalidIdentityToken', 'Response signature invalid');
    },
  },
};

const operations: Record<string, QueryOperation> = {
  ...federatedOperations,
  GetCallerIdentity: {
    alwaysAllowed: true,
    run(_params, ctx) {
      const caller = ctx.caller!;
      return { Arn: caller.arn, UserId: caller.userId, Account: caller.accountId };
    },
  },

  AssumeRole: {
    resource: (params) => params.get('RoleArn') ?? '*',
    run(params, ctx) {
      const caller = ctx.caller!;
      const roleArn = params.require('RoleArn');
      const sessionName = readSessionName(params);
      if (caller.userName === null && !caller.roleSession)
        throw new AwsError('AccessDenied', 'Roles may not be assumed by root accounts.', 403);
      const role = roleOf(ctx, roleArn);
      const account = ctx.state.accounts[roleArn.split(':')[4] ?? ''];
      if (!role || !account || !trustPolicyAllows(account, role, { caller }, ctx.conditionKeys))
        throw new AwsError(
          'AccessDenied',
          `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
          403,
        );
      const seconds = assumeRoleSeconds(params, ctx, role);
      const session: TemporarySession = {
        ...newSessionCredentials(),
        accountId: account.accountId,
        expiration: expiresIn(ctx, seconds),
        userName: null,
        role: { roleName: role.roleName, roleId: role.roleId, sessionName },
        sessionPolicy: readSessionPolicy(params),
      };
      storeSession(ctx.state, session, ctx.now);
      return {
        Credentials: renderCredentials(session),
        AssumedRoleUser: {
          AssumedRoleId: `${role.roleId}:${sessionName}`,
          Arn: assumedRoleArn(account.accountId, role.roleName, sessionName),
        },
      };
    },
  },

  GetFederationToken: {
    resource: (params, ctx) => federatedUserArn(ctx.account.accountId, params.get('Name') ?? ''),
    changesState: true,
    run(params, ctx) {
      const caller = ctx.caller!;
      if (caller.roleSession || caller.accessKeyId.startsWith('ASIA'))
        throw new AwsError('AccessDenied', 'Cannot call GetFederationToken with session credentials', 403);
      const name = readFederatedName(params);
      const policy = readSessionPolicy(params);
      const session: TemporarySession = {
        ...newSessionCredentials(),
        accountId: caller.accountId,
        expiration: expiresIn(ctx, federationSeconds(params, ctx)),
        userName: caller.userName,
        federatedUser: { name },
        sessionPolicy: policy,
      };
      storeSession(ctx.state, session, ctx.now);
      return {
        Credentials: renderCredentials(session),
        FederatedUser: {
          FederatedUserId: `${caller.accountId}:${name}`,
          Arn: federatedUserArn(caller.accountId, name),
        },
      };
    },
  },

  GetAccessKeyInfo: {
    run(params, ctx) {
      const accessKeyId = params.require('AccessKeyId');
      if (!/^\w{16,128}$/.test(accessKeyId))
        throw new AwsError(
          'ValidationError',
          `1 validation error detected: Value '${accessKeyId.slice(0, 80)}' at 'accessKeyId' failed to satisfy ` +
            'constraint: Member must satisfy regular expression pattern: [\\w]* and length between 16 and 128',
        );
      return { Account: accountOfKeyId(ctx, accessKeyId) };
    },
  },

  GetSessionToken: {
    // Any user may ask for a session of its own; no policy grants or denies it.
    alwaysAllowed: true,
    changesState: true,
    run(params, ctx) {
      const caller = ctx.caller!;
      if (caller.roleSession || caller.accessKeyId.startsWith('ASIA'))
        throw new AwsError('AccessDenied', 'Cannot call GetSessionToken with session credentials', 403);
      const seconds = sessionTokenSeconds(params, ctx);
      const session: TemporarySession = {
        ...newSessionCredentials(),
        accountId: caller.accountId,
        expiration: expiresIn(ctx, seconds),
        userName: caller.userName,
      };
      storeSession(ctx.state, session, ctx.now);
      return { Credentials: renderCredentials(session) };
    },
  },
};

/** STS's query-protocol service. */
export const stsService: QueryService = {
  signingName: 'sts',
  actionPrefix: 'sts',
  dialect: { style: 'aws-query', namespace: 'https://sts.amazonaws.com/doc/2011-06-15/', version: '2011-06-15' },
  operations,
};

export const stsEndpoint = queryEndpoint(stsService, { unsignedActions: Object.keys(federatedOperations) });
