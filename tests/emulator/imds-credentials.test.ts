import { DescribeVpcsCommand, RunInstancesCommand, type RunInstancesCommandInput } from '@aws-sdk/client-ec2';
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it, vi } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';
import { ec2Trust, trustPolicyFor } from './trust-policies';

const start = new Date('2026-06-01T08:00:00Z');
let clock = start;
const sandbox = useSandbox(() => {
  clock = start;
  return { now: () => clock };
});

const describeVpcsOnly = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'ec2:DescribeVpcs', Resource: '*' }],
});

/** WebServerRole (trusting `trust`, allowed DescribeVpcs) in web-profile. */
async function webProfile(trust = ec2Trust) {
  const { iam } = clientsFor();
  await iam.send(new CreateRoleCommand({ RoleName: 'WebServerRole', AssumeRolePolicyDocument: trust }));
  await iam.send(
    new PutRolePolicyCommand({ RoleName: 'WebServerRole', PolicyName: 'p', PolicyDocument: describeVpcsOnly }),
  );
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web-profile' }));
  await iam.send(
    new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web-profile', RoleName: 'WebServerRole' }),
  );
}

async function launch(extra: Partial<RunInstancesCommandInput> = {}): Promise<string> {
  const run = new RunInstancesCommand({
    ImageId: 'ami-0123456789abcdef0',
    InstanceType: 't2.micro',
    MinCount: 1,
    MaxCount: 1,
    ...extra,
  });
  return (await clientsFor().ec2.send(run)).Instances![0]!.InstanceId!;
}

/** GET a metadata path as the instance itself does, with an IMDSv2 token (its image requires one). */
async function imds(instanceId: string, path: string) {
  const token = await (
    await fetch('http://169.254.169.254/latest/api/token', {
      method: 'PUT',
      headers: { 'x-sandbox-instance-id': instanceId, 'x-aws-ec2-metadata-token-ttl-seconds': '300' },
    })
  ).text();
  return fetch(`http://169.254.169.254/latest/meta-data/${path}`, {
    headers: { 'x-sandbox-instance-id': instanceId, 'x-aws-ec2-metadata-token': token },
  });
}

async function roleCredentials(instanceId: string) {
  return JSON.parse(await (await imds(instanceId, 'iam/security-credentials/WebServerRole')).text()) as Record<
    string,
    string
  >;
}

describe('the metadata service of an instance with a role', () => {
  it('lists the role under iam/security-credentials/', async () => {
    await webProfile();
    const instanceId = await launch({ IamInstanceProfile: { Name: 'web-profile' } });
    expect(await (await imds(instanceId, 'iam/security-credentials/')).text()).toBe('WebServerRole');
    expect((await (await imds(instanceId, '')).text()).split('\n')).toContain('iam/');
  });

  it('serves the role’s temporary credentials, valid for six hours', async () => {
    await webProfile();
    const instanceId = await launch({ IamInstanceProfile: { Name: 'web-profile' } });
    const credentials = await roleCredentials(instanceId);
    expect(credentials).toMatchObject({ Code: 'Success', Type: 'AWS-HMAC', Expiration: '2026-06-01T14:00:00Z' });
    expect(credentials.AccessKeyId).toMatch(/^ASIA/);
    expect(credentials.Token!.length).toBeGreaterThan(100);
  });

  it('serves credentials that act in the sandbox as the role’s session named after the instance', async () => {
    await webProfile();
    const instanceId = await launch({ IamInstanceProfile: { Name: 'web-profile' } });
    const c = await roleCredentials(instanceId);
    const onInstance = clientsFor({
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.Token,
    });
    expect((await onInstance.sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(
      `arn:aws:sts::123456789012:assumed-role/WebServerRole/${instanceId}`,
    );
    expect((await onInstance.ec2.send(new DescribeVpcsCommand({}))).Vpcs!.length).toBeGreaterThan(0);
    const run = onInstance.ec2.send(
      new RunInstancesCommand({ ImageId: 'ami-0123456789abcdef0', InstanceType: 't2.micro', MinCount: 1, MaxCount: 1 }),
    );
    expect((await errorOf(run)).name).toBe('UnauthorizedOperation');
  });

  it('hands out the same credentials until five minutes before they expire, then new ones', async () => {
    await webProfile();
    const instanceId = await launch({ IamInstanceProfile: { Name: 'web-profile' } });
    const first = await roleCredentials(instanceId);
    clock = new Date(start.getTime() + 5 * 3600_000);
    expect((await roleCredentials(instanceId)).AccessKeyId).toBe(first.AccessKeyId);
    clock = new Date(start.getTime() + 6 * 3600_000 - 60_000);
    vi.setSystemTime(clock);
    expect((await roleCredentials(instanceId)).AccessKeyId).not.toBe(first.AccessKeyId);
  });

  it('has the sandbox save the credentials it issues, and only then', async () => {
    await webProfile();
    const instanceId = await launch({ IamInstanceProfile: { Name: 'web-profile' } });
    const saves: number[] = [];
    sandbox().subscribe(() => {
      saves.push(1);
    });
    await roleCredentials(instanceId);
    await roleCredentials(instanceId);
    expect(saves).toHaveLength(1);
  });

  it('describes the instance profile in iam/info', async () => {
    await webProfile();
    const instanceId = await launch({ IamInstanceProfile: { Name: 'web-profile' } });
    const info = JSON.parse(await (await imds(instanceId, 'iam/info')).text()) as Record<string, string>;
    expect(info).toMatchObject({
      Code: 'Success',
      InstanceProfileArn: 'arn:aws:iam::123456789012:instance-profile/web-profile',
    });
    expect(info.InstanceProfileId).toMatch(/^AIPA/);
  });

  it('says in iam/info that EC2 cannot assume a role whose trust policy leaves EC2 out, and serves no credentials', async () => {
    await webProfile(trustPolicyFor({ Service: 'lambda.amazonaws.com' }));
    const instanceId = await launch({ IamInstanceProfile: { Name: 'web-profile' } });
    const info = JSON.parse(await (await imds(instanceId, 'iam/info')).text()) as Record<string, string>;
    expect(info.Code).toBe('AssumeRoleUnauthorizedAccess');
    expect(info.Message).toContain('EC2 cannot assume the role WebServerRole');
    expect((await imds(instanceId, 'iam/security-credentials/WebServerRole')).status).toBe(404);
  });
});

describe('the metadata service of an instance without a role', () => {
  it('has no iam/ tree', async () => {
    const instanceId = await launch();
    expect((await imds(instanceId, 'iam/info')).status).toBe(404);
    expect((await (await imds(instanceId, '')).text()).split('\n')).not.toContain('iam/');
  });
});
