/** Roles' trust policies: checking one as IAM does when it is set, and deciding whether it lets a caller in. */
import { evaluate } from '../../iam-policy/evaluate';
import { parsePolicy } from '../../iam-policy/parse';
import type { RequestContext } from '../../iam-policy/request-context';
import { isPlainObject } from '../../lib/is-plain-object';
import { AwsError } from '../aws-error';
import type { Caller } from '../context';
import { iamRoleArn, iamUserArn, rootArn } from '../principals';
import { rolesOf, type AccountState, type IamRole } from '../state';
import { validateDocument } from './iam-policy-records';

/** The principals a statement names, by kind (`AWS`, `Service`, ...); `*` alone as `{ AWS: ['*'] }`. */
function principalsOf(principal: unknown): Record<string, string[]> {
  if (principal === '*') return { AWS: ['*'] };
  if (!isPlainObject(principal)) return {};
  return Object.fromEntries(
    Object.entries(principal).map(([kind, value]) => [
      kind,
      (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string'),
    ]),
  );
}

const awsPrincipalPattern =
  /^(\*|\d{12}|arn:aws:iam::\d{12}:(root|(user|role)(\/[\x21-\x7e]*)?\/[\w+=,.@-]+)|arn:aws:sts::\d{12}:assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+)$/;
const servicePrincipalPattern = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/;

/** True when an AWS principal is well formed and, for the account's own users and roles, names one that exists. */
function awsPrincipalExists(account: AccountState, value: string): boolean {
  if (!awsPrincipalPattern.test(value)) return false;
  const own = new RegExp(`^arn:aws:iam::${account.accountId}:(user|role)(?:/.*)?/([^/]+)$`).exec(value);
  if (!own) return true;
  const name = own[2]!;
  if (own[1] === 'user') {
    const user = account.iam.users[name];
    return user !== undefined && iamUserArn(account.accountId, user) === value;
  }
  const role = rolesOf(account)[name];
  return role !== undefined && iamRoleArn(account.accountId, role) === value;
}

function invalidPrincipal(kind: string, value: string): AwsError {
  return new AwsError('MalformedPolicyDocument', `Invalid principal in policy: "${kind}":"${value}"`, 400);
}

/**
 * A role's trust policy as given, once IAM would accept it: valid JSON and grammar with a Principal, no Resource,
 * STS actions only, and principals that exist (the account's own users and roles) or are well formed (services,
 * other accounts). Otherwise IAM's MalformedPolicyDocument.
 */
export function validateTrustPolicy(account: AccountState, text: string): string {
  validateDocument(text, { kind: 'trust' });
  const parsed = parsePolicy(text, 'trust');
  if (!('policy' in parsed)) return text;
  for (const statement of parsed.policy.statements) {
    for (const [kind, values] of Object.entries(principalsOf(statement.principal))) {
      for (const value of values) {
        const valid =
          kind === 'AWS'
            ? awsPrincipalExists(account, value)
            : kind === 'Service'
              ? servicePrincipalPattern.test(value)
              : kind === 'Federated' || kind === 'CanonicalUser';
        if (!valid) throw invalidPrincipal(kind === 'Service' ? 'SERVICE' : kind, value);
      }
    }
  }
  return text;
}

/** The ARNs and ids a caller answers to in a Principal: itself, its role (for a session), its account. */
function namesOf(caller: Caller): string[] {
  const names = [caller.arn, caller.accountId, rootArn(caller.accountId)];
  if (caller.roleSession) names.push(caller.roleSession.roleArn);
  return names;
}

/** Who may assume a role: an AWS principal (a user, a role session, an account) or a service (`ec2.amazonaws.com`). */
export type TrustedParty = { caller: Caller } | { service: string };

/**
 * True when the role's trust policy allows `sts:AssumeRole` for this party: a statement names it (or `*`), its
 * conditions hold, and no statement naming it denies.
 */
export function trustPolicyAllows(
  account: AccountState,
  role: IamRole,
  party: TrustedParty,
  context: RequestContext = {},
): boolean {
  const parsed = parsePolicy(role.assumeRolePolicyDocument, 'trust');
  if (!('policy' in parsed)) return false;
  const statements = parsed.policy.statements.filter((statement) => {
    const principals = principalsOf(statement.principal);
    if ('service' in party) return (principals.Service ?? []).includes(party.service);
    const names = namesOf(party.caller);
    return (principals.AWS ?? []).some((name) => name === '*' || names.includes(name));
  });
  const resource = iamRoleArn(account.accountId, role);
  return (
    evaluate([{ ...parsed.policy, statements }], { action: 'sts:AssumeRole', resource, context }).decision === 'allow'
  );
}
