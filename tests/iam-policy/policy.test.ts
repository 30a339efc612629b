import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/iam-policy/parse';
import { lintPolicy, allowedByService } from '../../src/iam-policy/lint';
import { evaluate } from '../../src/iam-policy/evaluate';
import { wildcardMatch } from '../../src/iam-policy/wildcard';
import { jsonErrorOffset, jsonSyntaxProblem } from '../../src/iam-policy/json-position';
import { policyOf } from './policy-of';

const statement = (extra: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/*', ...extra }],
});
const errorsOf = (document: unknown, kind?: 'identity' | 'resource') => {
  const result = parsePolicy(typeof document === 'string' ? document : JSON.stringify(document), kind);
  return 'errors' in result ? result.errors : [];
};

describe('policy grammar', () => {
  it('normalises strings to lists', () => {
    expect(policyOf(statement({})).statements[0]).toMatchObject({
      effect: 'Allow',
      actions: ['s3:GetObject'],
      resources: ['arn:aws:s3:::photos/*'],
      notAction: false,
    });
  });

  it('gives the line and column of a JSON syntax error', () => {
    const [error] = errorsOf('{\n  "Version": "2012-10-17",\n  "Statement": [,]\n}');
    expect(error).toMatchObject({ code: 'MalformedPolicyDocument', message: 'Syntax errors in policy.' });
    expect(error!.explanation).toMatch(/at line 3, column 17/);
  });

  it('says where a JSON syntax error is once, not again in the words of JSON.parse', () => {
    const [error] = errorsOf('{\n  "Version": "2012-10-17",\n  "Statement": [ { "Effect": "Allow", } ]\n}');
    expect(error!.explanation).toMatch(/^The document is not valid JSON at line 3, column 39: [A-Z][^.]*\. Check for/);
    expect(error!.explanation).not.toMatch(/position|line \d+ column|is not valid JSON\./);
  });

  it('refuses a condition operator IAM does not know, and names the one meant', () => {
    const [error, ...others] = errorsOf(statement({ Condition: { StringEqualsFoo: { 'aws:username': 'ana' } } }));
    expect(others).toEqual([]);
    expect(error).toMatchObject({
      code: 'MalformedPolicyDocument',
      message: 'Syntax errors in policy.',
      path: 'Statement[0].Condition.StringEqualsFoo',
    });
    expect(error!.explanation).toMatch(
      /^"StringEqualsFoo" is not an IAM condition operator; did you mean "StringEquals"\?/,
    );
    expect(error!.explanation).toContain('ArnNotLike');
  });

  it('keeps the qualifiers of the operator it suggests', () => {
    const [error] = errorsOf(statement({ Condition: { 'ForAnyValue:StringLikeIfExist': { 'aws:TagKeys': 'a*' } } }));
    expect(error!.explanation).toContain('did you mean "ForAnyValue:StringLikeIfExists"?');
  });

  it('refuses IfExists on Null, which already tests whether the key exists', () => {
    const [error] = errorsOf(statement({ Condition: { NullIfExists: { 'aws:TokenIssueTime': 'true' } } }));
    expect(error).toMatchObject({ message: 'Syntax errors in policy.', path: 'Statement[0].Condition.NullIfExists' });
    expect(error!.explanation).toContain('write "Null"');
  });

  it('accepts every operator with its qualifiers', () => {
    const condition = {
      'ForAllValues:StringLikeIfExists': { 'aws:TagKeys': ['Name', 'Team*'] },
      ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:user/admins/*' },
      NumericLessThanEquals: { 's3:max-keys': 10 },
      Bool: { 'aws:SecureTransport': false },
      DateLessThan: { 'aws:CurrentTime': ['2030-01-01T00:00:00Z', '1893456000'] },
      Null: { 'aws:MultiFactorAuthAge': 'true' },
    };
    expect(errorsOf(statement({ Condition: condition }))).toEqual([]);
  });

  it('refuses a condition value that is an object', () => {
    expect(errorsOf(statement({ Condition: { StringEquals: { 'aws:username': { name: 'ana' } } } }))).toEqual([
      expect.objectContaining({
        message: 'Syntax errors in policy.',
        path: 'Statement[0].Condition.StringEquals.aws:username',
      }),
    ]);
  });

  it('refuses a date condition whose value is not a date', () => {
    const [error] = errorsOf(statement({ Condition: { DateGreaterThan: { 'aws:CurrentTime': 'next Tuesday' } } }));
    expect(error).toMatchObject({
      message: 'The policy failed legacy parsing',
      path: 'Statement[0].Condition.DateGreaterThan.aws:CurrentTime',
    });
    expect(error!.explanation).toContain('"next Tuesday" is not a date');
  });

  it('refuses duplicate Sids', () => {
    const s = { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
    expect(errorsOf({ Version: '2012-10-17', Statement: [s, s] }).map((e) => e.message)).toContain(
      'Statement IDs (SID) in a single policy must be unique.',
    );
  });

  it('requires a Principal in a resource policy and accepts one there', () => {
    expect(errorsOf(statement({}), 'resource').map((e) => e.message)).toContain('Missing required field Principal');
    expect(errorsOf(statement({ Principal: { AWS: 'arn:aws:iam::123456789012:root' } }), 'resource')).toEqual([]);
  });
});

describe('least-privilege lint', () => {
  const codes = (document: unknown) => lintPolicy(policyOf(document)).map((f) => f.code);

  it('finds nothing in a scoped policy', () => {
    expect(codes(statement({}))).toEqual([]);
  });

  it('flags *:* as full admin', () => {
    expect(codes({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] })).toEqual([
      'full-admin',
    ]);
  });

  it('flags service wildcards, and iam:* as privilege escalation', () => {
    expect(
      codes({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['s3:*', 'iam:*'], Resource: 'arn:aws:s3:::x' }],
      }),
    ).toEqual(['iam-wildcard', 'service-wildcard', 'sensitive-without-condition']);
  });

  it('counts wildcard actions that cover resource-scoped ones when Resource is *', () => {
    expect(codes({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] })).toEqual([
      'service-wildcard',
      'resource-wildcard',
    ]);
  });

  it('flags Resource * on actions that accept ARNs, but not on describe actions', () => {
    expect(codes(statement({ Resource: '*' }))).toEqual(['resource-wildcard']);
    expect(
      codes({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*' }],
      }),
    ).toEqual([]);
  });

  it('flags NotAction with Allow, PassRole on *, and sensitive actions without conditions', () => {
    expect(
      codes({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] }),
    ).toEqual(['allow-not-action']);
    expect(
      codes({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] }),
    ).toEqual(['passrole-wildcard', 'resource-wildcard']);
    expect(
      codes({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::123456789012:user/x' }],
      }),
    ).toEqual(['sensitive-without-condition']);
  });

  it('does not lint Deny statements', () => {
    expect(codes({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] })).toEqual([]);
  });

  it('warns about a missing or old Version', () => {
    expect(codes({ Statement: statement({}).Statement })).toEqual(['missing-version']);
    expect(codes({ ...statement({}), Version: '2008-10-17' })).toEqual(['old-version']);
  });

  it('summarises what is allowed per service', () => {
    expect(
      allowedByService(
        policyOf({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 'ec2:Describe*'], Resource: '*' }],
        }),
      ),
    ).toEqual({ s3: ['GetObject'], ec2: ['Describe*'] });
  });

  it('summarises a service prefix named constructor like any other', () => {
    const policy = policyOf({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'constructor:Get', Resource: '*' }],
    });
    expect(Object.entries(allowedByService(policy))).toEqual([['constructor', ['Get']]]);
  });
});

describe('JSON error positions', () => {
  it.each([
    ['{"a": 1,}', 8],
    ['{"a" 1}', 5],
    ['[1, 2', 5],
    ['{"a": tru}', 6],
    ['{"a": 1} x', 9],
  ])('finds the first error in %j at offset %i', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it('finds none in valid JSON', () => {
    expect(jsonErrorOffset('{"a": [1, -2.5e3, "x\\"y", true, null, {}]}')).toBeNull();
  });

  it.each([
    [
      'Expected double-quoted property name in JSON at position 95 (line 4 column 51)',
      'Expected double-quoted property name',
    ],
    ["Expected ',' or '}' after property value in JSON at position 11", "Expected ',' or '}' after property value"],
    ['Unexpected token \']\', "{ "a": [1,] }" is not valid JSON', "Unexpected token ']'"],
    ['JSON.parse: unexpected character at line 1 column 8 of the JSON data', 'Unexpected character'],
    ['Unexpected end of JSON input', 'Unexpected end of JSON input'],
    ["JSON Parse error: Expected '}'", "JSON Parse error: Expected '}'"],
  ])('words %j as %j, without its position', (message, problem) => {
    expect(jsonSyntaxProblem(message)).toBe(problem);
  });
});

describe('evaluation', () => {
  const photos = policyOf({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Read', Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::photos/*' },
      { Sid: 'NoSecrets', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::photos/secret/*' },
    ],
  });

  it('allows by wildcard, case-insensitively for actions', () => {
    expect(evaluate([photos], { action: 's3:getobject', resource: 'arn:aws:s3:::photos/cat.jpg' })).toEqual({
      decision: 'allow',
      matchedStatement: { policy: 0, statement: 0, sid: 'Read' },
    });
  });

  it('lets an explicit deny win over an allow', () => {
    expect(evaluate([photos], { action: 's3:GetObject', resource: 'arn:aws:s3:::photos/secret/key' }).decision).toBe(
      'explicit-deny',
    );
  });

  it('denies implicitly what nothing allows, and matches resources case-sensitively', () => {
    expect(evaluate([photos], { action: 's3:PutObject', resource: 'arn:aws:s3:::photos/cat.jpg' })).toEqual({
      decision: 'implicit-deny',
    });
    expect(evaluate([photos], { action: 's3:GetObject', resource: 'arn:aws:s3:::Photos/cat.jpg' }).decision).toBe(
      'implicit-deny',
    );
  });

  it('applies NotAction and NotResource as complements', () => {
    const everythingButIam = policyOf({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::private/*' }],
    });
    expect(evaluate([everythingButIam], { action: 'ec2:RunInstances', resource: '*' }).decision).toBe('allow');
    expect(evaluate([everythingButIam], { action: 'iam:CreateUser', resource: '*' }).decision).toBe('implicit-deny');
    expect(evaluate([everythingButIam], { action: 's3:GetObject', resource: 'arn:aws:s3:::private/x' }).decision).toBe(
      'implicit-deny',
    );
  });

  it('applies a statement only when its conditions hold', () => {
    const https = policyOf(statement({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } }));
    const request = { action: 's3:GetObject', resource: 'arn:aws:s3:::photos/a' };
    expect(evaluate([https], { ...request, context: { 'aws:SecureTransport': 'true' } }).decision).toBe('allow');
    expect(evaluate([https], { ...request, context: { 'aws:SecureTransport': 'false' } }).decision).toBe(
      'implicit-deny',
    );
  });

  it('lets a Deny with StringNotEqualsIfExists win over an Allow', () => {
    const outsideRegion = policyOf({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'ec2:*', Resource: '*' },
        {
          Effect: 'Deny',
          Action: 'ec2:*',
          Resource: '*',
          Condition: { StringNotEqualsIfExists: { 'aws:RequestedRegion': 'us-east-1' } },
        },
      ],
    });
    const request = { action: 'ec2:RunInstances', resource: '*' };
    expect(evaluate([outsideRegion], { ...request, context: { 'aws:RequestedRegion': 'eu-west-1' } }).decision).toBe(
      'explicit-deny',
    );
    expect(evaluate([outsideRegion], { ...request, context: { 'aws:RequestedRegion': 'us-east-1' } }).decision).toBe(
      'allow',
    );
  });

  it('matches ? as exactly one character', () => {
    expect(wildcardMatch('s3:Get?bject', 's3:GetObject', true)).toBe(true);
    expect(wildcardMatch('s3:Get?bject', 's3:GetObbject', true)).toBe(false);
  });
});
