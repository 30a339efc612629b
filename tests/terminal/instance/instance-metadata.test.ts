import { describe, expect, it } from 'vitest';
import { launchedInShell, storedInstance } from './launched';

const imds = 'http://169.254.169.254/latest';
const tokenLine = `TOKEN=$(curl -sX PUT ${imds}/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 21600')`;
const get = (path: string) => `curl -s -H "X-aws-ec2-metadata-token: $TOKEN" ${imds}/${path}`;

/** A shell logged in to an instance that requires IMDSv2 tokens, holding a token in $TOKEN. */
async function loggedInWithToken(userData?: string) {
  const launched = await launchedInShell(userData, { extra: '--metadata-options HttpTokens=required' });
  await launched.logIn();
  await launched.shell.run(tokenLine);
  return { ...launched, instance: storedInstance(launched.sandbox, launched.instanceId) };
}

describe('curl on an instance reaches its metadata service', () => {
  it('answers a tokenless GET with 401 when the instance requires tokens, as AWS does', async () => {
    const { shell } = await loggedInWithToken();
    const result = await shell.run(`curl -i ${imds}/meta-data/`);
    expect(result.stdout).toMatch(/^HTTP\/1\.1 401 Unauthorized\r\n/);
    expect(result.stdout).toContain('<title>401 - Unauthorized</title>');
  });

  it('hands out a token for a PUT with its TTL, and answers the instance id with it', async () => {
    const { shell, instanceId } = await loggedInWithToken();
    expect((await shell.run('test -n "$TOKEN"')).exitCode).toBe(0);
    expect((await shell.run(get('meta-data/instance-id'))).stdout).toBe(instanceId);
  });

  it('lists meta-data/ as AWS does, directories with a slash', async () => {
    const { shell } = await loggedInWithToken();
    const listing = (await shell.run(get('meta-data/'))).stdout.split('\n');
    expect(listing).toEqual(
      expect.arrayContaining(['ami-id', 'instance-id', 'mac', 'network/', 'placement/', 'public-ipv4', 'services/']),
    );
  });

  it("answers the instance's public address, MAC, VPC and subnet", async () => {
    const { shell, instance } = await loggedInWithToken();
    expect((await shell.run(get('meta-data/public-ipv4'))).stdout).toBe(instance.publicIpAddress);
    await shell.run(`MAC=$(${get('meta-data/mac')})`);
    expect((await shell.run('echo $MAC')).stdout).toBe(`${instance.macAddress}\n`);
    expect((await shell.run(get('meta-data/network/interfaces/macs/$MAC/vpc-id'))).stdout).toBe(instance.vpcId);
    expect((await shell.run(get('meta-data/network/interfaces/macs/$MAC/subnet-id'))).stdout).toBe(instance.subnetId);
  });

  it('answers placement/ with the zone, its id and the region', async () => {
    const { shell, instance } = await loggedInWithToken();
    expect((await shell.run(get('meta-data/placement/'))).stdout.split('\n')).toEqual([
      'availability-zone',
      'availability-zone-id',
      'region',
    ]);
    expect((await shell.run(get('meta-data/placement/availability-zone'))).stdout).toBe(instance.availabilityZone);
    expect((await shell.run(get('meta-data/placement/region'))).stdout).toBe('us-west-2');
  });

  it("names the instance's security groups by name under security-groups", async () => {
    const { shell } = await loggedInWithToken();
    expect((await shell.run(get('meta-data/security-groups'))).stdout).toBe('default');
  });

  it('answers the user data as it was given', async () => {
    const { shell } = await loggedInWithToken('#!/bin/bash\necho hi\n');
    expect((await shell.run(get('user-data'))).stdout).toBe('#!/bin/bash\necho hi\n');
  });

  it("answers the identity document of that instance, in the sandbox's account and region", async () => {
    const { shell, instance } = await loggedInWithToken();
    const document = JSON.parse((await shell.run(get('dynamic/instance-identity/document'))).stdout);
    expect(document).toMatchObject({
      accountId: '123456789012',
      architecture: 'x86_64',
      instanceId: instance.instanceId,
      availabilityZone: instance.availabilityZone,
      region: 'us-west-2',
      privateIp: instance.privateIpAddress,
    });
  });

  it("gives an arm64 instance's architecture in its identity document", async () => {
    const { shell } = await launchedInShell();
    await shell.run(
      'ARM=$(aws ssm get-parameter --name /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64 ' +
        '--query Parameter.Value --output text)',
    );
    const launched = await shell.run(
      'aws ec2 run-instances --image-id $ARM --instance-type t4g.micro --query Instances[0].InstanceId --output text',
    );
    await shell.enterInstance({
      accountId: '123456789012',
      region: 'us-west-2',
      instanceId: launched.stdout.trim(),
      user: 'ec2-user',
    });
    await shell.run(tokenLine);
    const document = JSON.parse((await shell.run(get('dynamic/instance-identity/document'))).stdout) as {
      architecture: string;
    };
    expect(document.architecture).toBe('arm64');
  });

  it('answers a path it does not have with 404 and its page', async () => {
    const { shell } = await loggedInWithToken();
    const result = await shell.run(`curl -i -H "X-aws-ec2-metadata-token: $TOKEN" ${imds}/meta-data/no-such-thing`);
    expect(result.stdout).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    expect(result.stdout).toContain('<h1>404 - Not Found</h1>');
  });

  it("reaches the logged-in instance's service, not the newest instance's", async () => {
    const { shell, instanceId } = await loggedInWithToken();
    await shell.run('exit');
    await shell.run('aws ec2 run-instances --image-id ami-0123456789abcdef0 --instance-type t3.micro');
    await shell.enterInstance({ accountId: '123456789012', region: 'us-west-2', instanceId, user: 'ec2-user' });
    await shell.run(tokenLine);
    expect((await shell.run(get('meta-data/instance-id'))).stdout).toBe(instanceId);
  });

  it('answers ec2-metadata with the fields asked for, as label: value lines', async () => {
    const { shell, instance } = await loggedInWithToken();
    expect((await shell.run('ec2-metadata -i -z')).stdout).toBe(
      `instance-id: ${instance.instanceId}\nplacement: ${instance.availabilityZone}\n`,
    );
  });

  it("does not answer from the learner's own machine, which is no instance", async () => {
    const { shell } = await launchedInShell();
    const result = await shell.run(`curl ${imds}/meta-data/`);
    expect(result).toMatchObject({ stdout: '', exitCode: 7 });
  });
});
