import { DescribeVpcsCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import {
  CreateRoleCommand,
  GetUserCommand,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import {
  AssumeRoleCommand,
  type Credentials,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
} from '@aws-sdk/client-sts';
import { describe, expect, it, vi } from 'vitest';
import { errorOf } from './error-of';
import { type Statement, userWithPolicy } from './policy-user';
import { clientsFor, useSandbox } from './sandbox-clients';
import { trustPolicyFor } from './trust-policies';

const start = new Date('2026-05-04T10:00:00Z');
let clock = start;
const sandbox = useSandbox(() => {
  clock = start;
  return { now: () => clock };
});

/** Moves the sandbox's clock, and the clients' with it, by this many seconds. */
function advance(seconds: number): void {
  clock = new Date(clock.getTime() + seconds * 1000);
  vi.setSystemTime(clock);
}

const roleArn = 'arn:aws:iam::123456789012:role/DeployRole';
const allowAssume: Statement = { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn };
const userTrust = trustPolicyFor({ AWS: 'arn:aws:iam::123456789012:user/ana' });
const rolePermissions = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['ec2:DescribeVpcs', 's3:ListAllMyBuckets'], Resource: '*' }],
});

/** DeployRole, trusting `trust`, allowed to describe VPCs and list buckets. */
async function deployRole(trust = userTrust, maxSessionDuration?: number) {
  const { iam } = clientsFor();
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'DeployRole',
      AssumeRolePolicyDocument: trust,
      MaxSessionDuration: maxSessionDuration,
    }),
  );
  await iam.send(
    new PutRolePolicyCommand({ RoleName: 'DeployRole', PolicyName: 'p', PolicyDocument: rolePermissions }),
  );
}

/** ana, allowed to assume DeployRole, and her clients. */
const ana = (statements: Statement[] = [allowAssume]) => userWithPolicy('ana', statements);

const keysOf = (credentials: Credentials) => ({
  accessKeyId: credentials.AccessKeyId!,
  secretAccessKey: credentials.SecretAccessKey!,
  sessionToken: credentials.SessionToken!,
});

async function assumedByAna(durationSeconds?: number) {
  const user = await ana();
  await deployRole();
  const answer = await user.sts.send(
    new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'deploy', DurationSeconds: durationSeconds }),
  );
  return { answer, role: clientsFor(keysOf(answer.Credentials!)) };
}

describe('STS AssumeRole in the sandbox', () => {
  it('gives a trusted, allowed user temporary credentials for an hour', async () => {
    const { answer } = await assumedByAna();
    expect(answer.Credentials!.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(answer.Credentials!.SecretAccessKey).toHaveLength(40);
    expect(answer.Credentials!.SessionToken!.length).toBeGreaterThan(100);
    expect(answer.Credentials!.Expiration).toEqual(new Date(start.getTime() + 3600_000));
    expect(answer.AssumedRoleUser!.Arn).toBe('arn:aws:sts::123456789012:assumed-role/DeployRole/deploy');
  });

  it('answers GetCallerIdentity for the session as the assumed role', async () => {
    const { answer, role } = await assumedByAna();
    const identity = await role.sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe('arn:aws:sts::123456789012:assumed-role/DeployRole/deploy');
    expect(identity.UserId).toBe(answer.AssumedRoleUser!.AssumedRoleId);
    expect(identity.UserId).toMatch(/^AROA[A-Z2-7]{17}:deploy$/);
  });

  it('authorizes the session by the role’s policies', async () => {
    const { role } = await assumedByAna();
    expect((await role.ec2.send(new DescribeVpcsCommand({}))).Vpcs!.length).toBeGreaterThan(0);
    expect((await role.s3.send(new ListBucketsCommand({}))).Buckets).toEqual([]);
  });

  it('limits a session given a session policy to what both it and the role allow', async () => {
    const user = await ana();
    await deployRole();
    const onlyVpcs = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'ec2:DescribeVpcs', Resource: '*' }],
    });
    const answer = await user.sts.send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'deploy', Policy: onlyVpcs }),
    );
    const role = clientsFor(keysOf(answer.Credentials!));
    expect((await role.ec2.send(new DescribeVpcsCommand({}))).Vpcs!.length).toBeGreaterThan(0);
    expect(await errorOf(role.s3.send(new ListBucketsCommand({})))).toMatchObject({ name: 'AccessDenied' });
  });

  it('gives the session aws:PrincipalType AssumedRole and the role’s ARN as aws:PrincipalArn', async () => {
    const { role } = await assumedByAna();
    const onlyFromTheRole = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ 'aws:PrincipalType': 'AssumedRole' }, { 'aws:PrincipalArn': roleArn }].map((expected) => ({
        Effect: 'Deny',
        Action: 'ec2:DescribeVpcs',
        Resource: '*',
        Condition: { StringNotEquals: expected },
      })),
    });
    await clientsFor().iam.send(
      new PutRolePolicyCommand({ RoleName: 'DeployRole', PolicyName: 'deny', PolicyDocument: onlyFromTheRole }),
    );
    expect((await role.ec2.send(new DescribeVpcsCommand({}))).Vpcs!.length).toBeGreaterThan(0);
  });

  it('refuses the session what the role’s policies do not allow, naming the session', async () => {
    const { role } = await assumedByAna();
    const run = role.ec2.send(
      new RunInstancesCommand({ ImageId: 'ami-0123456789abcdef0', InstanceType: 't2.micro', MinCount: 1, MaxCount: 1 }),
    );
    const error = await errorOf(run);
    expect(error.name).toBe('UnauthorizedOperation');
    expect(error.message).toContain(
      'User: arn:aws:sts::123456789012:assumed-role/DeployRole/deploy is not authorized to perform: ec2:RunInstances',
    );
  });

  it('refuses a user whose own policies do not allow sts:AssumeRole', async () => {
    const user = await ana([{ Effect: 'Allow', Action: 'ec2:DescribeVpcs', Resource: '*' }]);
    await deployRole();
    const error = await errorOf(user.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 's1' })));
    expect(error).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(error.message).toBe(
      `User: arn:aws:iam::123456789012:user/ana is not authorized to perform: sts:AssumeRole on resource: ${roleArn} ` +
        'because no identity-based policy allows the sts:AssumeRole action',
    );
  });

  it('refuses a user the role’s trust policy does not name', async () => {
    const user = await ana();
    await deployRole(trustPolicyFor({ Service: 'ec2.amazonaws.com' }));
    const error = await errorOf(user.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 's1' })));
    expect(error).toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::123456789012:user/ana is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      status: 403,
    });
  });

  it('lets any allowed user in when the trust policy names the account', async () => {
    const user = await ana();
    await deployRole(trustPolicyFor({ AWS: 'arn:aws:iam::123456789012:root' }));
    const answer = await user.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 's1' }));
    expect(answer.AssumedRoleUser!.Arn).toBe('arn:aws:sts::123456789012:assumed-role/DeployRole/s1');
  });

  it('answers a role that does not exist exactly as one that does not trust the caller', async () => {
    const user = await ana([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]);
    const missing = 'arn:aws:iam::123456789012:role/Missing';
    const error = await errorOf(user.sts.send(new AssumeRoleCommand({ RoleArn: missing, RoleSessionName: 's1' })));
    expect(error.message).toBe(
      `User: arn:aws:iam::123456789012:user/ana is not authorized to perform: sts:AssumeRole on resource: ${missing}`,
    );
  });

  it('refuses the root: roles may not be assumed by root accounts', async () => {
    await deployRole(trustPolicyFor({ AWS: 'arn:aws:iam::123456789012:root' }));
    const error = await errorOf(
      clientsFor().sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 's1' })),
    );
    expect(error).toMatchObject({ name: 'AccessDenied', message: 'Roles may not be assumed by root accounts.' });
  });

  it('refuses a session longer than the role allows', async () => {
    const user = await ana();
    await deployRole();
    const long = user.sts.send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 's1', DurationSeconds: 7200 }),
    );
    expect(await errorOf(long)).toMatchObject({
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    });
  });

  it('refuses a session shorter than 15 minutes', async () => {
    const user = await ana();
    await deployRole();
    const short = user.sts.send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 's1', DurationSeconds: 60 }),
    );
    expect((await errorOf(short)).message).toBe(
      "1 validation error detected: Value '60' at 'durationSeconds' failed to satisfy constraint: Member must have " +
        'value greater than or equal to 900',
    );
  });

  it('refuses a session name IAM would not accept', async () => {
    const user = await ana();
    await deployRole();
    const bad = user.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'my session' }));
    expect((await errorOf(bad)).name).toBe('ValidationError');
  });

  it('keeps a chained role session to an hour', async () => {
    const user = await ana();
    await deployRole(userTrust, 7200);
    const first = await user.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 's1' }));
    const { iam } = clientsFor();
    const trust = trustPolicyFor({ AWS: ['arn:aws:iam::123456789012:user/ana', roleArn] });
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'DeployRole', PolicyDocument: trust }));
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'DeployRole',
        PolicyName: 'chain',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [allowAssume] }),
      }),
    );
    const chained = clientsFor(keysOf(first.Credentials!)).sts.send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 's2', DurationSeconds: 7200 }),
    );
    expect((await errorOf(chained)).message).toBe(
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  });

  it('refuses the session’s credentials once it has expired', async () => {
    const { role } = await assumedByAna(900);
    advance(901);
    expect(await errorOf(role.sts.send(new GetCallerIdentityCommand({})))).toMatchObject({
      name: 'ExpiredToken',
      message: 'The security token included in the request is expired',
      status: 403,
    });
  });

  it('refuses expired credentials in EC2’s words', async () => {
    const { role } = await assumedByAna(900);
    advance(901);
    expect(await errorOf(role.ec2.send(new DescribeVpcsCommand({})))).toMatchObject({
      name: 'RequestExpired',
      status: 400,
    });
  });

  it('refuses a temporary key sent without its session token', async () => {
    const { answer } = await assumedByAna();
    const { sessionToken: _, ...withoutToken } = keysOf(answer.Credentials!);
    expect(await errorOf(clientsFor(withoutToken).sts.send(new GetCallerIdentityCommand({})))).toMatchObject({
      name: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
      status: 403,
    });
  });

  it('refuses a temporary key sent with another session token', async () => {
    const { answer } = await assumedByAna();
    const wrong = { ...keysOf(answer.Credentials!), sessionToken: 'IQoJb3JpZ2luX2VjEforged' };
    const error = await errorOf(clientsFor(wrong).sts.send(new GetCallerIdentityCommand({})));
    expect(error.name).toBe('InvalidClientTokenId');
    expect(error.message).not.toContain(answer.Credentials!.SessionToken!);
  });

  it('asks a role session to name the user in IAM calls about users', async () => {
    const { role } = await assumedByAna();
    expect(await errorOf(role.iam.send(new GetUserCommand({})))).toMatchObject({
      name: 'ValidationError',
      message: 'Must specify userName when calling with non-User credentials',
    });
  });

  it('keeps the session in the sandbox state, so a saved sandbox still honours it', async () => {
    const { answer } = await assumedByAna();
    const stored = sandbox().state.sessions![answer.Credentials!.AccessKeyId!]!;
    expect(stored).toMatchObject({
      accountId: '123456789012',
      role: { roleName: 'DeployRole', sessionName: 'deploy' },
    });
  });
});

describe('STS GetSessionToken in the sandbox', () => {
  it('gives a user twelve-hour credentials that act as the user', async () => {
    const user = await ana([{ Effect: 'Allow', Action: 'ec2:DescribeVpcs', Resource: '*' }]);
    const { Credentials } = await user.sts.send(new GetSessionTokenCommand({}));
    expect(Credentials!.AccessKeyId).toMatch(/^ASIA/);
    expect(Credentials!.Expiration).toEqual(new Date(start.getTime() + 43200_000));
    const session = clientsFor(keysOf(Credentials!));
    expect((await session.sts.send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws:iam::123456789012:user/ana');
    expect((await session.ec2.send(new DescribeVpcsCommand({}))).Vpcs!.length).toBeGreaterThan(0);
  });

  it('keeps the session once the sandbox is saved, though its name reads like a read', async () => {
    const saves: number[] = [];
    sandbox().subscribe(() => {
      saves.push(1);
    });
    await clientsFor().sts.send(new GetSessionTokenCommand({}));
    expect(saves).toHaveLength(1);
  });

  it('limits the root’s sessions to an hour', async () => {
    const long = clientsFor().sts.send(new GetSessionTokenCommand({ DurationSeconds: 7200 }));
    expect((await errorOf(long)).message).toBe(
      "1 validation error detected: Value '7200' at 'durationSeconds' failed to satisfy constraint: Member must have " +
        'value less than or equal to 3600',
    );
  });

  it('refuses a session asked for with session credentials', async () => {
    const { Credentials } = await clientsFor().sts.send(new GetSessionTokenCommand({}));
    const again = clientsFor(keysOf(Credentials!)).sts.send(new GetSessionTokenCommand({}));
    expect(await errorOf(again)).toMatchObject({
      name: 'AccessDenied',
      message: 'Cannot call GetSessionToken with session credentials',
    });
  });
});
