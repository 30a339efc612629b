import { evaluate } from '../../src/iam-policy/evaluate';
import { parsePolicy, type NormalisedPolicy } from '../../src/iam-policy/parse';
import type { RequestContext } from '../../src/iam-policy/request-context';

/** Parses a policy the test knows is valid. */
export function policyOf(document: unknown): NormalisedPolicy {
  const result = parsePolicy(JSON.stringify(document));
  if ('errors' in result) throw new Error(result.errors.map((e) => e.message).join('; '));
  return result.policy;
}

/** True when a policy of one Allow statement with this Condition allows `s3:GetObject` in the request context. */
export function conditionAllows(condition: Record<string, unknown>, context: RequestContext): boolean {
  const policy = policyOf({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: condition }],
  });
  return (
    evaluate([policy], { action: 's3:GetObject', resource: 'arn:aws:s3:::photos/cat.jpg', context }).decision ===
    'allow'
  );
}
