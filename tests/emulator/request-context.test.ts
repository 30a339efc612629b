import { DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorServer } from '../../src/emulator/node-server';
import { createSandbox } from '../../src/emulator/sandbox';
import { errorOf } from './error-of';
import { type Statement, userWithPolicy } from './policy-user';
import { clientsFor, useSandbox } from './sandbox-clients';

const clock = new Date('2026-03-01T12:00:00Z');
useSandbox(() => ({ now: () => clock }));

const allowVpcs = { Effect: 'Allow', Action: 'ec2:DescribeVpcs', Resource: '*' };
const denyVpcsWhen = (condition: Record<string, unknown>): Statement => ({
  Effect: 'Deny',
  Action: 'ec2:DescribeVpcs',
  Resource: '*',
  Condition: condition,
});

let users = 0;

/** Whether a new user with `allowVpcs` and these statements may call DescribeVpcs. */
async function mayDescribeVpcs(statements: Statement[], region?: string): Promise<boolean> {
  const user = await userWithPolicy(`user${++users}`, [allowVpcs, ...statements], { region });
  try {
    await user.ec2.send(new DescribeVpcsCommand({}));
    return true;
  } catch (error) {
    if ((error as Error).name !== 'UnauthorizedOperation') throw error;
    return false;
  }
}

describe('the request context of a sandbox request', () => {
  it('has aws:SecureTransport true for the https:// AWS endpoints msw and the SDK use', async () => {
    expect(await mayDescribeVpcs([denyVpcsWhen({ Bool: { 'aws:SecureTransport': 'false' } })])).toBe(true);
    expect(await mayDescribeVpcs([denyVpcsWhen({ Bool: { 'aws:SecureTransport': 'true' } })])).toBe(false);
  });

  it('has aws:RequestedRegion, so a Deny with StringNotEqualsIfExists keeps a user in one region', async () => {
    const onlyOregon = denyVpcsWhen({ StringNotEqualsIfExists: { 'aws:RequestedRegion': 'us-west-2' } });
    expect(await mayDescribeVpcs([onlyOregon], 'us-east-1')).toBe(false);
  });

  it('lets the same user work in the region the Deny leaves open', async () => {
    const onlyOregon = denyVpcsWhen({ StringNotEqualsIfExists: { 'aws:RequestedRegion': 'us-west-2' } });
    expect(await mayDescribeVpcs([onlyOregon], 'us-west-2')).toBe(true);
  });

  it('has aws:SourceIp 127.0.0.1 for a request made in this process', async () => {
    expect(await mayDescribeVpcs([denyVpcsWhen({ NotIpAddress: { 'aws:SourceIp': '127.0.0.0/8' } })])).toBe(true);
    expect(await mayDescribeVpcs([denyVpcsWhen({ IpAddress: { 'aws:SourceIp': '127.0.0.1/32' } })])).toBe(false);
  });

  it('has the sandbox clock as aws:CurrentTime and aws:EpochTime', async () => {
    expect(
      await mayDescribeVpcs([denyVpcsWhen({ DateGreaterThan: { 'aws:CurrentTime': '2026-02-28T00:00:00Z' } })]),
    ).toBe(false);
    expect(await mayDescribeVpcs([denyVpcsWhen({ DateLessThan: { 'aws:EpochTime': '1772366400' } })])).toBe(true);
    expect(await mayDescribeVpcs([denyVpcsWhen({ NumericEquals: { 'aws:EpochTime': '1772366400' } })])).toBe(false);
  });

  it('has the principal: aws:username, aws:userid, aws:PrincipalType and aws:PrincipalAccount', async () => {
    expect(await mayDescribeVpcs([denyVpcsWhen({ StringLike: { 'aws:username': 'user*' } })])).toBe(false);
    expect(await mayDescribeVpcs([denyVpcsWhen({ StringLike: { 'aws:userid': 'AIDA*' } })])).toBe(false);
    expect(await mayDescribeVpcs([denyVpcsWhen({ StringEquals: { 'aws:PrincipalType': 'User' } })])).toBe(false);
    expect(await mayDescribeVpcs([denyVpcsWhen({ StringEquals: { 'aws:PrincipalAccount': '123456789012' } })])).toBe(
      false,
    );
  });

  it("has the user's tags as aws:PrincipalTag", async () => {
    const statements = [allowVpcs, denyVpcsWhen({ StringEquals: { 'aws:PrincipalTag/team': 'interns' } })];
    const intern = await userWithPolicy('ana', statements, { tags: [{ Key: 'team', Value: 'interns' }] });
    const staff = await userWithPolicy('bob', statements, { tags: [{ Key: 'team', Value: 'staff' }] });
    expect((await errorOf(intern.ec2.send(new DescribeVpcsCommand({})))).name).toBe('UnauthorizedOperation');
    expect((await staff.ec2.send(new DescribeVpcsCommand({}))).Vpcs).toHaveLength(1);
  });

  it('has no aws:MultiFactorAuthPresent for access keys, so only the IfExists form of an MFA Deny applies', async () => {
    expect(await mayDescribeVpcs([denyVpcsWhen({ Bool: { 'aws:MultiFactorAuthPresent': 'false' } })])).toBe(true);
    expect(await mayDescribeVpcs([denyVpcsWhen({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } })])).toBe(
      false,
    );
  });
});

describe('policy variables and service keys in sandbox requests', () => {
  const bucket = 'photos-bucket';
  const createBucket = () =>
    clientsFor().s3.send(
      new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } }),
    );

  // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS template
  it('confine a user to its own folder with ${aws:username} in Resource', async () => {
    await createBucket();
    const ana = await userWithPolicy('ana', [
      { Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::${bucket}/\${aws:username}/*` },
    ]);
    await ana.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'ana/cat.jpg', Body: 'meow' }));
    expect(
      (await errorOf(ana.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'bob/cat.jpg', Body: 'x' })))).name,
    ).toBe('AccessDenied');
  });

  it('give ListBucket its s3:prefix', async () => {
    await createBucket();
    const ana = await userWithPolicy('ana', [
      {
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: `arn:aws:s3:::${bucket}`,
        // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS template
        Condition: { StringLike: { 's3:prefix': '${aws:username}/*' } },
      },
    ]);
    await ana.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'ana/' }));
    expect((await errorOf(ana.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'bob/' })))).name).toBe(
      'AccessDenied',
    );
    expect((await errorOf(ana.s3.send(new ListObjectsV2Command({ Bucket: bucket })))).name).toBe('AccessDenied');
  });
});

describe('the request context through the sandbox’s own http:// endpoint', () => {
  const sandbox = createSandbox({ now: () => clock });
  let url = '';
  let stop = () => {};
  beforeAll(async () => {
    const running = await startEmulatorServer({ sandbox, port: 0, host: '127.0.0.1' });
    url = running.url;
    stop = () => running.server.close();
  });
  afterAll(() => stop());

  it('has aws:SecureTransport false, so a Deny on insecure transport applies', async () => {
    const user = await userWithPolicy('ana', [allowVpcs, denyVpcsWhen({ Bool: { 'aws:SecureTransport': 'false' } })], {
      route: { endpoint: url },
    });
    const denied = await errorOf(user.ec2.send(new DescribeVpcsCommand({})));
    expect(denied.name).toBe('UnauthorizedOperation');
    expect(denied.message).toContain('with an explicit deny in an identity-based policy');
    expect((await user.sts.send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws:iam::123456789012:user/ana');
  });

  it("has the client's address as aws:SourceIp", async () => {
    const user = await userWithPolicy(
      'bob',
      [
        {
          Effect: 'Allow',
          Action: 'ec2:DescribeVpcs',
          Resource: '*',
          Condition: { IpAddress: { 'aws:SourceIp': '127.0.0.1' } },
        },
      ],
      { route: { endpoint: url } },
    );
    expect((await user.ec2.send(new DescribeVpcsCommand({}))).Vpcs).toHaveLength(1);
  });
});
