import { DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { ListUsersCommand } from '@aws-sdk/client-iam';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import {
  type Credentials,
  GetAccessKeyInfoCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
} from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { userWithPolicy } from './policy-user';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

const keysOf = (c: Credentials) => ({
  accessKeyId: c.AccessKeyId!,
  secretAccessKey: c.SecretAccessKey!,
  sessionToken: c.SessionToken!,
});

const allowVpcs = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'ec2:DescribeVpcs', Resource: '*' }],
});

/** ana, who may describe VPCs, list buckets and ask for federation tokens. */
const ana = () =>
  userWithPolicy('ana', [
    { Effect: 'Allow', Action: ['ec2:DescribeVpcs', 's3:ListAllMyBuckets', 'sts:GetFederationToken'], Resource: '*' },
  ]);

describe('STS GetFederationToken in the sandbox', () => {
  it('gives credentials that act as the federated user', async () => {
    const { sts } = await ana();
    const token = await sts.send(new GetFederationTokenCommand({ Name: 'Bob', Policy: allowVpcs }));
    expect(token.FederatedUser).toEqual({
      FederatedUserId: '123456789012:Bob',
      Arn: 'arn:aws:sts::123456789012:federated-user/Bob',
    });
    const identity = await clientsFor(keysOf(token.Credentials!)).sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe('arn:aws:sts::123456789012:federated-user/Bob');
  });

  it('lets the session do what both the user and the session policy allow', async () => {
    const { sts } = await ana();
    const token = await sts.send(new GetFederationTokenCommand({ Name: 'Bob', Policy: allowVpcs }));
    const bob = clientsFor(keysOf(token.Credentials!));
    expect((await bob.ec2.send(new DescribeVpcsCommand({}))).Vpcs).toBeDefined();
  });

  it('refuses the session what its session policy does not allow, though the user may', async () => {
    const { sts } = await ana();
    const token = await sts.send(new GetFederationTokenCommand({ Name: 'Bob', Policy: allowVpcs }));
    const bob = clientsFor(keysOf(token.Credentials!));
    expect(await errorOf(bob.s3.send(new ListBucketsCommand({})))).toMatchObject({ name: 'AccessDenied' });
  });

  it('gives a session without a session policy no permissions', async () => {
    const { sts } = await ana();
    const token = await sts.send(new GetFederationTokenCommand({ Name: 'Bob' }));
    const bob = clientsFor(keysOf(token.Credentials!));
    expect(await errorOf(bob.ec2.send(new DescribeVpcsCommand({})))).toMatchObject({ name: 'UnauthorizedOperation' });
  });

  it('refuses the session any IAM call', async () => {
    const token = await clientsFor().sts.send(
      new GetFederationTokenCommand({
        Name: 'Bob',
        Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
      }),
    );
    const bob = clientsFor(keysOf(token.Credentials!));
    expect(await errorOf(bob.iam.send(new ListUsersCommand({})))).toMatchObject({ name: 'AccessDenied' });
  });

  it('cuts a session the root asks for to an hour', async () => {
    const token = await clientsFor().sts.send(new GetFederationTokenCommand({ Name: 'Bob', DurationSeconds: 7200 }));
    const lasts = token.Credentials!.Expiration!.getTime() - Date.now();
    expect(lasts).toBeLessThanOrEqual(3600_000);
  });

  it('refuses a session policy longer than 2,048 characters', async () => {
    const statements = Array.from({ length: 40 }, (_, i) => ({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::course-bucket/folder-${i}/*`,
    }));
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: statements });
    const call = clientsFor().sts.send(new GetFederationTokenCommand({ Name: 'Bob', Policy: policy }));
    expect(await errorOf(call)).toMatchObject({ name: 'ValidationError' });
    expect((await errorOf(call)).message).toContain('less than or equal to 2048');
  });
});

describe('STS GetAccessKeyInfo in the sandbox', () => {
  it('names the account of a key the sandbox issued', async () => {
    const key = (await clientsFor().sts.send(new GetFederationTokenCommand({ Name: 'Bob' }))).Credentials!;
    const info = await clientsFor().sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: key.AccessKeyId }));
    expect(info.Account).toBe('123456789012');
  });

  it('reads the account AWS encodes in a key id it did not issue', async () => {
    const info = await clientsFor().sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: 'ASIAY34FZKBOKMUTVV7A' }));
    expect(info.Account).toBe('609629065308');
  });
});
