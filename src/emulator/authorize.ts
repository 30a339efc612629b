import { evaluate } from '../iam-policy/evaluate';
import { parsePolicy, type NormalisedPolicy } from '../iam-policy/parse';
import { AwsError } from './aws-error';
import type { Caller } from './context';
import type { AccountState } from './state';

/** How each service words an access denial: code and HTTP status. */
const deniedShapes: Record<string, { code: string; status: number }> = {
  ec2: { code: 'UnauthorizedOperation', status: 403 },
  rekognition: { code: 'AccessDeniedException', status: 400 },
  ssm: { code: 'AccessDeniedException', status: 400 },
};

/**
 * The identity-based policies in force for an IAM user: attached managed policies' default versions and inline ones.
 */
export function policiesOfUser(account: AccountState, userName: string): NormalisedPolicy[] {
  const user = account.iam.users[userName];
  if (!user) return [];
  const documents = [
    ...user.attachedPolicyArns.map((arn) => {
      const policy = account.iam.policies[arn];
      return policy?.versions.find((v) => v.versionId === policy.defaultVersionId)?.document;
    }),
    ...Object.values(user.inlinePolicies),
  ];
  const parsed: NormalisedPolicy[] = [];
  for (const document of documents) {
    if (document === undefined) continue;
    const result = parsePolicy(document, 'identity');
    if ('policy' in result) parsed.push(result.policy);
  }
  return parsed;
}

/**
 * Decides a request as IAM would for identity-based policies: the root key may do anything; a user may do what an
 * Allow grants and no Deny forbids. Throws the service's own denial otherwise, worded like AWS's.
 */
export function authorizeCaller(
  service: string,
  account: AccountState,
  caller: Caller,
  action: string,
  resource: string,
): void {
  if (caller.userName === null) return;
  const decision = evaluate(policiesOfUser(account, caller.userName), { action, resource });
  if (decision.decision === 'allow') return;
  const because =
    decision.decision === 'explicit-deny'
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
