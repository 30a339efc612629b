import { describe, expect, it } from 'vitest';
import { deniedAction, explainAwsError, maskKeys } from '../../checkers/aws-errors';

/** An error shaped like the SDK's service exceptions. */
function sdkError(name: string, message: string, status = 400) {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

describe('explaining AWS errors to a learner', () => {
  it('tells a missing-credentials problem apart and says how to sign in', () => {
    const problem = explainAwsError(
      Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }),
      'us-west-2',
    );
    expect(problem).toMatchObject({ kind: 'credentials', message: 'No AWS credentials were found for the check.' });
    expect(problem.hint).toContain('aws sso login');
  });

  it('tells a learner in the Verify panel how to start the course with credentials, not which flag to pass', () => {
    const missing = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    const { hint } = explainAwsError(missing, 'us-west-2', 'panel');
    expect(hint).toContain('AWS_PROFILE=<profile> npm start');
    expect(hint).not.toContain('--profile');
  });

  it('says a region that does not resolve may be mistyped, rather than blaming the network', () => {
    const error = Object.assign(new Error('getaddrinfo ENOTFOUND ec2.us-west-9.amazonaws.com'), { code: 'ENOTFOUND' });
    expect(explainAwsError(error, 'us-west-9')).toMatchObject({
      kind: 'network',
      message: 'AWS has no region us-west-9 that answers (ENOTFOUND): the name may be mistyped.',
    });
  });

  it('recognises an expired session', () => {
    expect(
      explainAwsError(
        sdkError('ExpiredToken', 'The security token included in the request is expired', 403),
        'us-west-2',
      ),
    ).toMatchObject({ kind: 'credentials', message: 'Your AWS session has expired.' });
    expect(explainAwsError(sdkError('ExpiredTokenException', 'expired'), 'us-west-2').kind).toBe('credentials');
  });

  it('names the action an AccessDenied refused, from each service’s wording', () => {
    const iam = sdkError(
      'AccessDenied',
      'User: arn:aws:iam::123456789012:user/x is not authorized to perform: iam:ListPolicies on resource: policy',
      403,
    );
    expect(explainAwsError(iam, 'us-west-2')).toMatchObject({
      kind: 'access-denied',
      message: 'The credentials running the check may not call iam:ListPolicies.',
    });
    const ec2 = sdkError(
      'UnauthorizedOperation',
      'You are not authorized to perform this operation. User: arn:aws:iam::1:user/x is not authorized to perform: ' +
        'ec2:DescribeVpcs because no identity-based policy allows the ec2:DescribeVpcs action',
      403,
    );
    expect(explainAwsError(ec2, 'us-west-2').message).toContain('ec2:DescribeVpcs');
    expect(deniedAction('is not authorized to perform: rekognition:DetectLabels because')).toBe(
      'rekognition:DetectLabels',
    );
  });

  it('reports throttling after the SDK’s bounded retries', () => {
    expect(explainAwsError(sdkError('RequestLimitExceeded', 'Request limit exceeded.', 503), 'us-west-2').kind).toBe(
      'throttled',
    );
    expect(explainAwsError(sdkError('ThrottlingException', 'Rate exceeded'), 'us-west-2').kind).toBe('throttled');
  });

  it('reports an unreachable network or endpoint with the region and the AWS_ENDPOINT_URL hint', () => {
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' }),
    });
    const problem = explainAwsError(refused, 'eu-west-1');
    expect(problem).toMatchObject({ kind: 'network', message: 'Could not reach AWS in eu-west-1 (ECONNREFUSED).' });
    expect(problem.hint).toContain('AWS_ENDPOINT_URL');
    expect(
      explainAwsError(
        Object.assign(new Error('getaddrinfo ENOTFOUND ec2.eu-west-1.amazonaws.com'), { code: 'ENOTFOUND' }),
        'eu-west-1',
      ).kind,
    ).toBe('network');
  });

  it('never repeats a whole access key id, and keeps only the first line of an unknown error', () => {
    expect(maskKeys('key AKIAIOSFODNN7EXAMPLE is bad')).toBe('key AKIA…MPLE is bad');
    const other = explainAwsError(
      sdkError('WeirdError', 'first line with AKIAIOSFODNN7EXAMPLE\n    at stack (file.js:1:1)', 500),
      'us-west-2',
    );
    expect(other.message).toBe('AWS answered with an error (WeirdError), HTTP 500: first line with AKIA…MPLE');
    expect(other.message).not.toContain('at stack');
  });
});
