/** S3's own authorization: the caller's identity policies and the bucket policy, combined as S3 combines them. */
import { evaluate } from '../../iam-policy/evaluate';
import { type NormalisedPolicy, parsePolicy } from '../../iam-policy/parse';
import type { RequestContext } from '../../iam-policy/request-context';
import { identityDecision } from '../authorize';
import { AwsError } from '../aws-error';
import type { Caller, ServiceContext } from '../context';
import { rootArn } from '../principals';
import type { Bucket } from '../state';

/** The ARN of a bucket, or of one of its objects. */
export function bucketArn(name: string, key?: string): string {
  return key === undefined ? `arn:aws:s3:::${name}` : `arn:aws:s3:::${name}/${key}`;
}

function isPublicPrincipal(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal && typeof principal === 'object' && 'AWS' in principal) {
    const aws = (principal as { AWS: unknown }).AWS;
    return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
  }
  return false;
}

function principalNames(principal: unknown): string[] {
  if (principal === '*') return ['*'];
  if (principal && typeof principal === 'object' && 'AWS' in principal) {
    const aws = (principal as { AWS: unknown }).AWS;
    return (Array.isArray(aws) ? aws : [aws]).filter((v): v is string => typeof v === 'string');
  }
  return [];
}

function principalMatches(principal: unknown, caller: Caller | null): boolean {
  const names = principalNames(principal);
  if (names.includes('*')) return true;
  if (!caller) return false;
  return names.some((name) => name === caller.arn || name === caller.accountId || name === rootArn(caller.accountId));
}

function bucketPolicyFor(bucket: Bucket, caller: Caller | null): NormalisedPolicy | null {
  if (!bucket.policy) return null;
  const parsed = parsePolicy(bucket.policy, 'resource');
  if (!('policy' in parsed)) return null;
  const restrict = bucket.publicAccessBlock?.RestrictPublicBuckets ?? false;
  const statements = parsed.policy.statements.filter(
    (s) =>
      principalMatches(s.principal, caller) &&
      !(restrict && s.effect === 'Allow' && isPublicPrincipal(s.principal) && caller?.accountId !== bucket.accountId),
  );
  return { ...parsed.policy, statements };
}

/** True when the bucket policy grants anyone on the internet something. */
export function bucketPolicyIsPublic(policyText: string | null): boolean {
  if (!policyText) return false;
  const parsed = parsePolicy(policyText, 'resource');
  return (
    'policy' in parsed &&
    parsed.policy.statements.some(
      (s) => s.effect === 'Allow' && isPublicPrincipal(s.principal) && Object.keys(s.condition).length === 0,
    )
  );
}

/**
 * S3's decision for a request: the caller's identity policies and the bucket policy together, as AWS combines
 * them (an explicit Deny anywhere wins; the bucket owner's principals need either to allow; anyone else needs the
 * bucket policy, and an anonymous caller only a public one). `serviceKeys` are the action's own condition keys.
 */
export function authorizeS3(
  ctx: ServiceContext,
  action: string,
  resource: string,
  bucket: Bucket | undefined,
  serviceKeys: RequestContext = {},
): void {
  const caller = ctx.caller;
  const request = { action, resource, context: { ...ctx.conditionKeys, ...serviceKeys } };
  const identity =
    caller === null ? 'implicit-deny' : identityDecision(ctx.state.accounts[caller.accountId]!, caller, request);
  const policy = bucket ? bucketPolicyFor(bucket, caller) : null;
  const resourceDecision = policy ? evaluate([policy], request).decision : 'implicit-deny';
  const sameAccount = caller !== null && (bucket === undefined || bucket.accountId === caller.accountId);
  const allowed =
    identity !== 'explicit-deny' &&
    resourceDecision !== 'explicit-deny' &&
    (sameAccount
      ? identity === 'allow' || resourceDecision === 'allow'
      : resourceDecision === 'allow' && (caller === null || identity === 'allow'));
  if (allowed) return;
  if (caller === null) throw new AwsError('AccessDenied', 'Access Denied', 403);
  const explicit = identity === 'explicit-deny' || resourceDecision === 'explicit-deny';
  const because = explicit
    ? `with an explicit deny in ${identity === 'explicit-deny' ? 'an identity-based' : 'a resource-based'} policy`
    : `because no ${sameAccount ? 'identity-based' : 'resource-based'} policy allows the ${action} action`;
  throw new AwsError(
    'AccessDenied',
    `User: ${caller.arn} is not authorized to perform: ${action} on resource: "${resource}" ${because}`,
    403,
  );
}
