/** The account's managed policies as the IAM operations find, check and count them. */
import { parsePolicy, type PolicyKind } from '../../iam-policy/parse';
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { groupsOf, rolesOf, type ManagedPolicy } from '../state';
import { awsManagedPolicies, awsManagedPolicyArn } from './iam-managed';

/** The managed policy an ARN names: the account's own or one of AWS's. */
export function findPolicy(ctx: ServiceContext, arn: string): ManagedPolicy | undefined {
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

/** The managed policy an ARN names, or IAM's NoSuchEntity. */
export function requirePolicy(ctx: ServiceContext, arn: string): ManagedPolicy {
  const policy = findPolicy(ctx, arn);
  if (!policy) throw new AwsError('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`, 404);
  return policy;
}

/** The account's own managed policy an ARN names; AWS's own may not be changed (AccessDenied). */
export function ownPolicy(ctx: ServiceContext, arn: string): ManagedPolicy {
  const policy = requirePolicy(ctx, arn);
  if (!Object.hasOwn(ctx.account.iam.policies, arn))
    throw new AwsError('AccessDenied', `You cannot change the AWS managed policy ${arn}.`, 403);
  return policy;
}

/** Every AWS managed policy, as the account sees it. */
export function awsManagedPolicyRecords(ctx: ServiceContext): ManagedPolicy[] {
  return awsManagedPolicies.map((p) => findPolicy(ctx, awsManagedPolicyArn(p.policyName))!);
}

/** How many users, groups and roles of the account have the policy attached. */
export function attachmentCount(ctx: ServiceContext, arn: string): number {
  const { account } = ctx;
  const holders = [
    ...Object.values(account.iam.users),
    ...Object.values(groupsOf(account)),
    ...Object.values(rolesOf(account)),
  ];
  return holders.filter((holder) => holder.attachedPolicyArns.includes(arn)).length;
}

/**
 * A policy document as given, once IAM would accept it as this kind of policy; otherwise MalformedPolicyDocument (or
 * LimitExceeded) with the problem IAM reports first. `maxCharacters` is the holder's limit for an inline policy, and
 * `holder` names it as IAM's message does (`user ana`).
 */
export function validateDocument(
  text: string,
  options: { kind?: PolicyKind; maxCharacters?: number; holder?: string } = {},
): string {
  const result = parsePolicy(text, options.kind ?? 'identity');
  if ('errors' in result) {
    const first = result.errors[0]!;
    const code = first.code === 'LimitExceeded' ? 'LimitExceeded' : 'MalformedPolicyDocument';
    throw new AwsError(code, first.message, code === 'LimitExceeded' ? 409 : 400);
  }
  const { maxCharacters } = options;
  if (maxCharacters !== undefined && text.replace(/\s/g, '').length > maxCharacters) {
    throw new AwsError(
      'LimitExceeded',
      `Maximum policy size of ${maxCharacters} bytes exceeded for ${options.holder ?? 'user'}`,
      409,
    );
  }
  return text;
}
