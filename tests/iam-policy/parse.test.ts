import { describe, expect, it } from 'vitest';
import { parsePolicy, type PolicyKind } from '../../src/iam-policy/parse';

const readPhotos = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/*' };
/** A policy of one statement: read-photos with these elements changed (undefined removes one). */
const policyWith = (changes: Record<string, unknown>, top: Record<string, unknown> = { Version: '2012-10-17' }) => ({
  ...top,
  Statement: [Object.fromEntries(Object.entries({ ...readPhotos, ...changes }).filter(([, v]) => v !== undefined))],
});
const trustEc2 = { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' };
const syntax = 'Syntax errors in policy.';
const legacy = 'The policy failed legacy parsing';
const tooOld = 'Policy document must be version 2012-10-17 or greater.';
const noActions = 'Policy statement must contain actions.';
const noResources = 'Policy statement must contain resources.';
const noVendor = 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.';

/** The message IAM answers with for a document: the first of the problems found. */
function answerTo(document: unknown, kind: PolicyKind = 'managed'): string | undefined {
  const result = parsePolicy(typeof document === 'string' ? document : JSON.stringify(document), kind);
  return 'errors' in result ? result.errors[0]!.message : undefined;
}

describe('what IAM refuses, in its own words and in the order it checks', () => {
  it.each<[string, unknown, string]>([
    ['text that is not JSON', 'read my photos please', syntax],
    ['no Statement', { Version: '2012-10-17' }, syntax],
    ['an empty Statement list', { Version: '2012-10-17', Statement: [] }, syntax],
    ['a statement that is a string', { Version: '2012-10-17', Statement: ['read photos'] }, syntax],
    ['an unknown top-level element', { ...policyWith({}), Comment: 'photos' }, syntax],
    ['an Id that is not a string', { ...policyWith({}), Id: ['photos'] }, syntax],
    ['a Version IAM does not know', policyWith({}, { Version: '2026-01-31' }), syntax],
    ['no Effect', policyWith({ Effect: undefined }), syntax],
    ['an Effect other than Allow or Deny', policyWith({ Effect: 'Permit' }), syntax],
    ['both Action and NotAction', policyWith({ NotAction: 's3:PutObject' }), syntax],
    ['both Action and NotAction, one of them empty', policyWith({ NotAction: [] }), syntax],
    ['both Resource and NotResource', policyWith({ NotResource: '*' }), syntax],
    ['a Resource that is an object', policyWith({ Resource: { bucket: 'arn:aws:s3:::photos' } }), syntax],
    ['an object in the Resource list', policyWith({ Resource: ['arn:aws:s3:::photos', {}] }), syntax],
    ['a list in the Action list', policyWith({ Action: [['s3:GetObject']] }), syntax],
    ['a Sid that is not a string', policyWith({ Sid: {} }), syntax],
    ['an unknown statement element', policyWith({ Effects: 'Allow' }), syntax],
    ['a Condition that is a list', policyWith({ Condition: [] }), syntax],
    ['an operator holding a string', policyWith({ Condition: { DateGreaterThan: '2026-01-31' } }), syntax],
    ['an unknown operator holding a key', policyWith({ Condition: { StringIs: { 'aws:username': 'ana' } } }), syntax],
    [
      'a doubled qualifier colon',
      policyWith({ Condition: { 'ForAnyValue::StringLike': { 's3:prefix': 'a' } } }),
      syntax,
    ],
    ['no Version in a managed policy', policyWith({}, {}), tooOld],
    ['Version 2008-10-17 in a managed policy', policyWith({}, { Version: '2008-10-17' }), tooOld],
    ['no Version and a lower-case Effect', policyWith({ Effect: 'allow' }, {}), tooOld],
    ['an Effect in the wrong case', policyWith({ Effect: 'allow' }), legacy],
    ['a date that is not one', policyWith({ Condition: { DateLessThan: { 'aws:CurrentTime': 'soon' } } }), legacy],
    ['month 13', policyWith({ Condition: { DateLessThan: { 'aws:CurrentTime': '2026-13-01' } } }), legacy],
    ['an ARN missing its account', policyWith({ Resource: 'arn:aws:s3::photos' }), legacy],
    [
      'an ARN without a service, and no Action',
      policyWith({ Action: undefined, Resource: 'arn:aws::::photos' }),
      legacy,
    ],
    [
      'a Sid with a dash',
      policyWith({ Sid: 'read-photos' }),
      'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
    ],
    ['no Action', policyWith({ Action: undefined }), noActions],
    ['an empty Action list', policyWith({ Action: [] }), noActions],
    ['neither Action nor Resource', policyWith({ Action: undefined, Resource: undefined }), noActions],
    [
      'a Principal in an identity policy',
      policyWith({ Principal: '*' }),
      'Policy document should not specify a principal.',
    ],
    [
      'a NotPrincipal in an identity policy',
      policyWith({ NotPrincipal: { AWS: '*' } }),
      'Policy document should not specify a principal.',
    ],
    [
      'a Resource that is no ARN',
      policyWith({ Resource: 'photos/*' }),
      'Resource photos/* must be in ARN format or "*".',
    ],
    ['an empty Resource', policyWith({ Resource: '' }), 'Resource  must be in ARN format or "*".'],
    [
      'an ARN without arn:',
      policyWith({ Resource: 'aws:s3:::photos' }),
      'Partition "s3" is not valid for resource "arn:s3:::photos:*".',
    ],
    [
      'an unknown partition',
      policyWith({ Resource: 'arn:amazon:s3:::photos' }),
      'Partition "amazon" is not valid for resource "arn:amazon:s3:::photos".',
    ],
    [
      'an ARN of a partition only',
      policyWith({ Resource: 'arn:aws' }),
      'Resource vendor must be fully qualified and cannot contain regexes.',
    ],
    [
      'an IAM ARN with a region',
      policyWith({ Resource: 'arn:aws:iam:us-east-1::user/ana' }),
      'IAM resource arn:aws:iam:us-east-1::user/ana cannot contain region information.',
    ],
    [
      'a bucket ARN with a region',
      policyWith({ Resource: 'arn:aws:s3:us-east-1::photos' }),
      'Resource arn:aws:s3:us-east-1::photos can not contain region information.',
    ],
    [
      'an IAM ARN of no kind of entity',
      policyWith({ Resource: 'arn:aws:iam::123456789012:photos' }),
      'IAM resource path must either be "*" or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/.',
    ],
    [
      'a bad Resource and a bad Action',
      policyWith({ Action: 'GetObject', Resource: 'photos' }),
      'Resource photos must be in ARN format or "*".',
    ],
    ['an Action without a service', policyWith({ Action: 'GetObject' }), noVendor],
    ['an empty Action', policyWith({ Action: '' }), noVendor],
    [
      'an Action with two colons',
      policyWith({ Action: 's3:Get:Object' }),
      'Actions/Condition can contain only one colon.',
    ],
    ['a service with a space', policyWith({ Action: 's 3:GetObject' }), 'Vendor s 3 is not valid'],
    [
      'an Action without a service, and no Resource',
      policyWith({ Action: 'GetObject', Resource: undefined }),
      noVendor,
    ],
    ['no Resource', policyWith({ Resource: undefined }), noResources],
    ['an empty Resource list', policyWith({ Resource: [] }), noResources],
  ])('refuses %s', (_, document, message) => {
    expect(answerTo(document)).toBe(message);
  });

  it('reports a repeated Sid before a statement without actions', () => {
    const document = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Photos', ...readPhotos },
        { Sid: 'Photos', Effect: 'Allow' },
      ],
    };
    expect(answerTo(document)).toBe('Statement IDs (SID) in a single policy must be unique.');
  });

  it('reports an Effect in the wrong case before a repeated Sid', () => {
    const document = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Photos', ...readPhotos, Effect: 'aLLow' },
        { Sid: 'Photos', ...readPhotos },
      ],
    };
    expect(answerTo(document)).toBe(legacy);
  });

  it('refuses a Resource in a trust policy', () => {
    expect(answerTo(policyWith({ ...trustEc2, Resource: '*' }), 'trust')).toBe('Has prohibited field Resource');
  });

  it('refuses an action other than assuming the role in a trust policy', () => {
    const document = policyWith({ ...trustEc2, Action: 's3:GetObject', Resource: undefined });
    expect(answerTo(document, 'trust')).toBe('AssumeRole policy may only specify STS AssumeRole actions.');
  });

  it('refuses a managed policy over 6,144 characters, not counting whitespace', () => {
    const actions = Array.from({ length: 400 }, (_, i) => `s3:Get${i}Object`);
    const result = parsePolicy(JSON.stringify(policyWith({ Action: actions })), 'managed');
    expect('errors' in result && result.errors[0]).toMatchObject({
      code: 'LimitExceeded',
      message: 'Cannot exceed quota for PolicySize: 6144',
    });
    expect(answerTo(JSON.stringify(policyWith({}), null, 400))).toBeUndefined();
  });

  it('refuses a trust policy over 2,048 characters', () => {
    const services = Array.from({ length: 100 }, (_, i) => `service${i}.amazonaws.com`);
    const document = policyWith({ ...trustEc2, Principal: { Service: services }, Resource: undefined });
    expect(answerTo(document, 'trust')).toBe('Cannot exceed quota for ACLSizePerRole: 2048');
  });

  it('lets an inline policy exceed the managed quota, which is not its own', () => {
    const actions = Array.from({ length: 400 }, (_, i) => `s3:Get${i}Object`);
    expect(answerTo(policyWith({ Action: actions }), 'identity')).toBeUndefined();
  });

  it('lists every problem, for the policy editor, with IAM answer first', () => {
    const result = parsePolicy(JSON.stringify(policyWith({ Action: 'GetObject', Resource: 'photos', Sid: 'a-b' })));
    expect('errors' in result && result.errors.map((error) => error.path)).toEqual([
      'Statement[0].Sid',
      'Statement[0].Resource',
      'Statement[0].Action',
    ]);
  });
});

describe('what IAM accepts', () => {
  it.each<[string, unknown, PolicyKind?]>([
    ['a single statement object rather than a list', { Version: '2012-10-17', Statement: readPhotos }],
    ['an inline policy without Version', policyWith({}, {}), 'identity'],
    ['an inline policy in the 2008-10-17 language', policyWith({}, { Version: '2008-10-17' }), 'identity'],
    [
      'a 2008 policy with a variable, which is then plain text',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS template
      policyWith({ Resource: 'arn:aws:s3:::photos/${aws:username}/*' }, {}),
      'identity',
    ],
    ['a trust policy without Version', { Statement: trustEc2 }, 'trust'],
    ['a service prefix with dots and dashes', policyWith({ Action: ['my-service.beta:Do-Thing', 'ec2:Describe*'] })],
    ['any characters after the colon', policyWith({ Action: 'iam: Get User ' })],
    ['an ARN with placeholder segments', policyWith({ Resource: 'arn:aws:ec2:region:account-id:instance/*' })],
    ['a short ARN without empty segments', policyWith({ Resource: 'arn:aws:photos' })],
    [
      'an S3 access point, which has a region',
      policyWith({ Resource: 'arn:aws:s3:us-west-2:123456789012:accesspoint/photos' }),
    ],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS template
    ['an IAM user ARN', policyWith({ Resource: 'arn:aws:iam::*:user/${aws:username}' })],
    ['a null in the Resource list', policyWith({ Resource: ['arn:aws:s3:::photos/*', null] })],
    [
      'two empty Sids',
      {
        Version: '2012-10-17',
        Statement: [
          { Sid: '', ...readPhotos },
          { Sid: '', ...readPhotos },
        ],
      },
    ],
    ['an empty Condition', policyWith({ Condition: {} })],
    ['an operator over no keys', policyWith({ Condition: { DateGreaterThan: {} } })],
    ['a key with no values', policyWith({ Condition: { DateGreaterThan: { 'aws:CurrentTime': [] } } })],
    ['an unknown operator over no keys', policyWith({ Condition: { Sometimes: {} } })],
    [
      'booleans in Bool and Null',
      policyWith({ Condition: { Bool: { 'aws:SecureTransport': true }, Null: { 'aws:TokenIssueTime': false } } }),
    ],
    ['a Sid with spaces in a resource policy', policyWith({ Sid: 'Public read', Principal: '*' }), 'resource'],
  ])('accepts %s', (_, document, kind = 'managed') => {
    expect(answerTo(document, kind)).toBeUndefined();
  });

  it('leaves a null out of the resources it matches', () => {
    const result = parsePolicy(JSON.stringify(policyWith({ Resource: ['arn:aws:s3:::photos/*', null] })));
    expect('policy' in result && result.policy.statements[0]!.resources).toEqual(['arn:aws:s3:::photos/*']);
  });
});
