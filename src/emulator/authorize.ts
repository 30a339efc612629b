import { evaluate, type PolicyDecision, type PolicyRequest } from '../iam-policy/evaluate';
import { parsePolicy, type NormalisedPolicy } from '../iam-policy/parse';
import type { RequestContext } from '../iam-policy/request-context';
import { AwsError } from './aws-error';
import { boundedMemo } from '../lib/bounded-memo';
import type { Caller } from './context';
import { groupsOf, rolesOf, type AccountState, type IamUser } from './state';

/** How each service words an access denial: code and HTTP status. */
const deniedShapes: Record<string, { code: string; status: number }> = {
  ec2: { code: 'UnauthorizedOperation', status: 403 },
  rekognition: { code: 'AccessDeniedException', status: 400 },
  ssm: { code: 'AccessDeniedException', status: 400 },
};

/** The services a federated user may not call at all (beyond STS's GetCallerIdentity, which needs no permission). */
const federationRefuses = ['iam', 'sts'];

/**
 * An identity policy's document as evaluation reads it, or null when it does not parse. Parsed once per document
 * text, not on every request a user makes: a changed policy is a new text, parsed anew.
 */
const parsedIdentityPolicy = boundedMemo((document: string): NormalisedPolicy | null => {
  const result = parsePolicy(document, 'identity');
  return 'policy' in result ? result.policy : null;
}, 256);

/** The policies that parse among these documents (each was checked when it was set). */
function parsedPolicies(documents: (string | undefined)[]): NormalisedPolicy[] {
  const parsed: NormalisedPolicy[] = [];
  for (const document of documents) {
    const policy = document === undefined ? null : parsedIdentityPolicy(document);
    if (policy) parsed.push(policy);
  }
  return parsed;
}

/** The documents of a holder's policies: its attached managed policies' default versions, then its inline ones. */
function documentsOf(
  account: AccountState,
  holder: Pick<IamUser, 'attachedPolicyArns' | 'inlinePolicies'>,
): (string | undefined)[] {
  return [
    ...holder.attachedPolicyArns.map((arn) => {
      const policy = account.iam.policies[arn];
      return policy?.versions.find((v) => v.versionId === policy.defaultVersionId)?.document;
    }),
    ...Object.values(holder.inlinePolicies),
  ];
}

/**
 * The identity-based policies in force for an IAM user: attached managed policies' default versions and inline ones,
 * its own and those of the groups it is in.
 */
export function policiesOfUser(account: AccountState, userName: string): NormalisedPolicy[] {
  const user = account.iam.users[userName];
  if (!user) return [];
  const groups = Object.values(groupsOf(account)).filter((group) => group.userNames.includes(userName));
  return parsedPolicies([user, ...groups].flatMap((holder) => documentsOf(account, holder)));
}

/** The permissions policies of a role, which every session of the role has; none once the role is deleted. */
export function policiesOfRole(account: AccountState, roleName: string): NormalisedPolicy[] {
  const role = rolesOf(account)[roleName];
  return role ? parsedPolicies(documentsOf(account, role)) : [];
}

/** The identity-based policies a caller acts under (its user's, or its role's); null for the root, which may do all. */
export function policiesOfCaller(account: AccountState, caller: Caller): NormalisedPolicy[] | null {
  if (caller.roleSession) return policiesOfRole(account, caller.roleSession.roleName);
  return caller.userName === null ? null : policiesOfUser(account, caller.userName);
}

/**
 * What a caller's identity-based policies decide on a request. A session given a session policy (AssumeRole,
 * GetFederationToken) may do only what both its identity's policies and the session policy allow; a federated user
 * (GetFederationToken) without one may do nothing (STS API reference, "Session policies").
 */
export function identityDecision(
  account: AccountState,
  caller: Caller,
  request: PolicyRequest,
): PolicyDecision['decision'] {
  const policies = policiesOfCaller(account, caller);
  const own = policies === null ? 'allow' : evaluate(policies, request).decision;
  if (caller.sessionPolicy === undefined && !caller.federatedUser) return own;
  const limit = evaluate(parsedPolicies([caller.sessionPolicy]), request).decision;
  if (own === 'explicit-deny' || limit === 'explicit-deny') return 'explicit-deny';
  return own === 'allow' && limit === 'allow' ? 'allow' : 'implicit-deny';
}

/** A resource an action touches: its ARN, and the condition keys it brings along, such as `ec2:ResourceTag/Name`. */
export interface ResourceTarget {
  arn: string;
  context?: RequestContext;
}

/**
 * What an operation acts on, for IAM: one ARN, or every resource it touches (RunInstances: the new instance, its
 * image, subnet, security groups, ...). IAM evaluates each, and the request is allowed only if every one is.
 */
export type ActionResources = string | readonly ResourceTarget[];

/** The resources to evaluate: `*` when an operation names none. */
function targetsOf(resources: ActionResources): readonly ResourceTarget[] {
  if (typeof resources === 'string') return [{ arn: resources }];
  return resources.length > 0 ? resources : [{ arn: '*' }];
}

/**
 * Decides a request as IAM would for identity-based policies: the root key may do anything; a user may do what an
 * Allow grants and no Deny forbids, on every resource the action touches. Throws the service's own denial otherwise,
 * worded like AWS's and naming the resource refused (one explicitly denied, if any is).
 */
export function authorizeCaller(
  service: string,
  account: AccountState,
  caller: Caller,
  action: string,
  resources: ActionResources,
  context: RequestContext,
): void {
  if (policiesOfCaller(account, caller) === null && !caller.federatedUser && caller.sessionPolicy === undefined) return;
  if (caller.federatedUser && federationRefuses.includes(service))
    throw new AwsError('AccessDenied', `User: ${caller.arn} is not authorized to perform: ${action}`, 403);
  const decisions = targetsOf(resources).map((target) => ({
    resource: target.arn,
    decision: identityDecision(account, caller, {
      action,
      resource: target.arn,
      context: { ...context, ...target.context },
    }),
  }));
  const refused =
    decisions.find(({ decision }) => decision === 'explicit-deny') ??
    decisions.find(({ decision }) => decision !== 'allow');
  if (!refused) return;
  const { resource, decision } = refused;
  const because =
    decision === 'explicit-deny'
      ? 'with an explicit deny in an identity-based policy'
      : `because no identity-based policy allows the ${action} action`;
  const onResource = resource === '*' ? '' : ` on resource: ${resource}`;
  const message =
    service === 'ec2'
      ? `You are not authorized to perform this operation. User: ${caller.arn} is not authorized to perform: ` +
        `${action}${onResource} ${because}`
      : `User: ${caller.arn} is not authorized to perform: ${action}${onResource} ${because}`;
  const shape = deniedShapes[service] ?? { code: 'AccessDenied', status: 403 };
  throw new AwsError(shape.code, message, shape.status);
}
