import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/iam-policy/evaluate';
import type { RequestContext } from '../../src/iam-policy/request-context';
import { conditionAllows, policyOf } from './policy-of';

/** Whether a 2012-10-17 (or `version`) policy allowing s3:GetObject on `pattern` allows it on `resource`. */
function resourceAllowed(pattern: string, resource: string, context: RequestContext, version?: string): boolean {
  const policy = policyOf({
    ...(version ? { Version: version } : {}),
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: pattern }],
  });
  return evaluate([policy], { action: 's3:GetObject', resource, context }).decision === 'allow';
}

const ana = { 'aws:username': 'ana' };
// biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS template
const own = 'arn:aws:s3:::photos/${aws:username}/*';

describe('policy variables', () => {
  it("put the caller's user name into a Resource", () => {
    expect(resourceAllowed(own, 'arn:aws:s3:::photos/ana/cat.jpg', ana, '2012-10-17')).toBe(true);
    expect(resourceAllowed(own, 'arn:aws:s3:::photos/bob/cat.jpg', ana, '2012-10-17')).toBe(false);
  });

  it('match nothing when the request has no value for the key', () => {
    expect(resourceAllowed(own, 'arn:aws:s3:::photos//cat.jpg', {}, '2012-10-17')).toBe(false);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS template
    expect(resourceAllowed(own, 'arn:aws:s3:::photos/${aws:username}/cat.jpg', {}, '2012-10-17')).toBe(false);
  });

  it('use their default when the request has no value for the key', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS template
    const pattern = "arn:aws:s3:::photos/${aws:username, 'guest'}/*";
    expect(resourceAllowed(pattern, 'arn:aws:s3:::photos/guest/cat.jpg', {}, '2012-10-17')).toBe(true);
    expect(resourceAllowed(pattern, 'arn:aws:s3:::photos/ana/cat.jpg', ana, '2012-10-17')).toBe(true);
  });

  it('are plain text in a policy without Version 2012-10-17', () => {
    expect(resourceAllowed(own, 'arn:aws:s3:::photos/ana/cat.jpg', ana)).toBe(false);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS template
    expect(resourceAllowed(own, 'arn:aws:s3:::photos/${aws:username}/cat.jpg', ana, '2008-10-17')).toBe(true);
  });

  // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS template
  it('write * and ? literally with ${*} and ${?}', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS template
    const pattern = 'arn:aws:s3:::photos/${*}${?}';
    expect(resourceAllowed(pattern, 'arn:aws:s3:::photos/*?', {}, '2012-10-17')).toBe(true);
    expect(resourceAllowed(pattern, 'arn:aws:s3:::photos/ab', {}, '2012-10-17')).toBe(false);
  });

  it('substitute values literally, so a * in a tag is no wildcard', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS template
    const pattern = 'arn:aws:s3:::photos/${aws:PrincipalTag/team}/*';
    const context = { 'aws:PrincipalTag/team': 'a*' };
    expect(resourceAllowed(pattern, 'arn:aws:s3:::photos/a*/cat.jpg', context, '2012-10-17')).toBe(true);
    expect(resourceAllowed(pattern, 'arn:aws:s3:::photos/abc/cat.jpg', context, '2012-10-17')).toBe(false);
  });

  it('are substituted in string and ARN condition values', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS template
    const prefix = { StringLike: { 's3:prefix': '${aws:username}/*' } };
    expect(conditionAllows(prefix, { ...ana, 's3:prefix': 'ana/2026/' })).toBe(true);
    expect(conditionAllows(prefix, { ...ana, 's3:prefix': 'bob/2026/' })).toBe(false);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS template
    const self = { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::*:user/${aws:username}' } };
    expect(conditionAllows(self, { ...ana, 'aws:PrincipalArn': 'arn:aws:iam::123456789012:user/ana' })).toBe(true);
  });

  it('are not substituted in numeric conditions', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS template
    const limit = { NumericLessThan: { 's3:max-keys': '${test:limit}' } };
    expect(conditionAllows(limit, { 'test:limit': '100', 's3:max-keys': '10' })).toBe(false);
  });
});
