import {
  AuthorizeSecurityGroupIngressCommand,
  CreateKeyPairCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DeleteSecurityGroupCommand,
  DescribeInstancesCommand,
  RunInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  type RunInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import { PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { type Statement, userWithPolicy } from './policy-user';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

const image = 'ami-0123456789abcdef0';
const allowEc2 = { Effect: 'Allow', Action: 'ec2:*', Resource: '*' };

/** Launches one instance as the account's root and returns its id. */
async function rootInstance(extra: Partial<RunInstancesCommandInput> = {}): Promise<string> {
  const { Instances } = await clientsFor().ec2.send(
    new RunInstancesCommand({ ImageId: image, InstanceType: 't2.micro', MinCount: 1, MaxCount: 1, ...extra }),
  );
  return Instances![0]!.InstanceId!;
}

/** A Deny statement, with a condition if one is given. */
const deny = (action: string, resource: string, condition?: Record<string, unknown>): Statement => ({
  Effect: 'Deny',
  Action: action,
  Resource: resource,
  ...(condition ? { Condition: condition } : {}),
});

/** A user allowed every EC2 action but what the Deny statements refuse. */
const userDenied = (...denies: Statement[]) => userWithPolicy('ana', [allowEc2, ...denies]);

/** Creates a security group in the default VPC as the account's root and returns its id. */
async function rootGroup(name: string): Promise<string> {
  return (await clientsFor().ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name }))).GroupId!;
}

const launch = (extra: Partial<RunInstancesCommandInput> = {}) =>
  new RunInstancesCommand({ ImageId: image, InstanceType: 't2.micro', MinCount: 1, MaxCount: 1, ...extra });

describe('EC2 actions evaluated against their resources’ ARNs', () => {
  it('refuses to terminate the instance a Deny names, and terminates another', async () => {
    const [kept, other] = [await rootInstance(), await rootInstance()];
    const user = await userDenied(deny('ec2:TerminateInstances', `arn:aws:ec2:*:*:instance/${kept}`));
    const denied = await errorOf(user.ec2.send(new TerminateInstancesCommand({ InstanceIds: [kept] })));
    expect(denied).toMatchObject({ name: 'UnauthorizedOperation', status: 403 });
    expect(denied.message).toBe(
      'You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/ana is not authorized ' +
        `to perform: ec2:TerminateInstances on resource: arn:aws:ec2:us-west-2:123456789012:instance/${kept} with ` +
        'an explicit deny in an identity-based policy',
    );
    const done = await user.ec2.send(new TerminateInstancesCommand({ InstanceIds: [other] }));
    expect(done.TerminatingInstances![0]!.CurrentState!.Name).toBe('shutting-down');
  });

  it('refuses a request naming several instances when one of them is denied', async () => {
    const [kept, other] = [await rootInstance(), await rootInstance()];
    const user = await userDenied(deny('ec2:StopInstances', `arn:aws:ec2:*:*:instance/${kept}`));
    expect((await errorOf(user.ec2.send(new StopInstancesCommand({ InstanceIds: [other, kept] })))).name).toBe(
      'UnauthorizedOperation',
    );
    const states = await clientsFor().ec2.send(new DescribeInstancesCommand({ InstanceIds: [other] }));
    expect(states.Reservations![0]!.Instances![0]!.State!.Name).toBe('running');
  });

  it('allows an action on an instance only by its ARN when Resource names instances', async () => {
    const instance = await rootInstance();
    const user = await userWithPolicy('ana', [
      { Effect: 'Allow', Action: 'ec2:StopInstances', Resource: 'arn:aws:ec2:us-west-2:123456789012:instance/*' },
    ]);
    await user.ec2.send(new StopInstancesCommand({ InstanceIds: [instance] }));
    const elsewhere = await userWithPolicy('bob', [
      { Effect: 'Allow', Action: 'ec2:StopInstances', Resource: 'arn:aws:ec2:eu-west-1:123456789012:instance/*' },
    ]);
    expect((await errorOf(elsewhere.ec2.send(new StopInstancesCommand({ InstanceIds: [instance] })))).name).toBe(
      'UnauthorizedOperation',
    );
  });

  it('evaluates Describe calls against "*", so an Allow on instance ARNs does not grant them', async () => {
    const user = await userWithPolicy('ana', [
      { Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: 'arn:aws:ec2:*:*:instance/*' },
    ]);
    const denied = await errorOf(user.ec2.send(new DescribeInstancesCommand({})));
    expect(denied.name).toBe('UnauthorizedOperation');
    expect(denied.message).toContain('ec2:DescribeInstances because no identity-based policy allows');
  });

  it('checks RunInstances against the image it launches', async () => {
    const user = await userDenied(deny('ec2:RunInstances', `arn:aws:ec2:*::image/${image}`));
    const denied = await errorOf(user.ec2.send(launch()));
    expect(denied.message).toContain(`on resource: arn:aws:ec2:us-west-2::image/${image} with an explicit deny`);
    expect((await user.ec2.send(launch({ ImageId: 'ami-0fedcba9876543210' }))).Instances).toHaveLength(1);
  });

  it('checks RunInstances against the subnet and the security groups it launches into', async () => {
    const GroupId = await rootGroup('web');
    const user = await userDenied(deny('ec2:RunInstances', `arn:aws:ec2:*:*:security-group/${GroupId}`));
    expect((await errorOf(user.ec2.send(launch({ SecurityGroupIds: [GroupId] })))).message).toContain(
      `security-group/${GroupId} with an explicit deny`,
    );
    expect((await user.ec2.send(launch())).Instances).toHaveLength(1);
    const noSubnets = await userWithPolicy('bob', [allowEc2, deny('ec2:RunInstances', 'arn:aws:ec2:*:*:subnet/*')]);
    expect((await errorOf(noSubnets.ec2.send(launch()))).message).toMatch(
      /on resource: arn:aws:ec2:us-west-2:\d+:subnet\//,
    );
  });

  it('checks RunInstances against the key pair it names', async () => {
    await clientsFor().ec2.send(new CreateKeyPairCommand({ KeyName: 'admin-key' }));
    await clientsFor().ec2.send(new CreateKeyPairCommand({ KeyName: 'lab-key' }));
    const user = await userDenied(deny('ec2:RunInstances', 'arn:aws:ec2:*:*:key-pair/admin-key'));
    expect((await errorOf(user.ec2.send(launch({ KeyName: 'admin-key' })))).name).toBe('UnauthorizedOperation');
    expect((await user.ec2.send(launch({ KeyName: 'lab-key' }))).Instances).toHaveLength(1);
  });

  it('needs every resource of a launch to be allowed, not only the new instance', async () => {
    const user = await userWithPolicy('ana', [
      { Effect: 'Allow', Action: 'ec2:RunInstances', Resource: 'arn:aws:ec2:*:*:instance/*' },
    ]);
    expect((await errorOf(user.ec2.send(launch()))).message).toContain(
      'because no identity-based policy allows the ec2:RunInstances action',
    );
  });

  it('checks CreateTags against each resource tagged', async () => {
    const [kept, other] = [await rootInstance(), await rootInstance()];
    const user = await userDenied(deny('ec2:CreateTags', `arn:aws:ec2:*:*:instance/${kept}`));
    const tags = [{ Key: 'Name', Value: 'web' }];
    expect((await errorOf(user.ec2.send(new CreateTagsCommand({ Resources: [kept], Tags: tags })))).name).toBe(
      'UnauthorizedOperation',
    );
    await user.ec2.send(new CreateTagsCommand({ Resources: [other], Tags: tags }));
  });

  it('checks DeleteSecurityGroup against the group, named by id or by name', async () => {
    const GroupId = await rootGroup('db');
    const user = await userDenied(deny('ec2:DeleteSecurityGroup', `arn:aws:ec2:*:*:security-group/${GroupId}`));
    expect((await errorOf(user.ec2.send(new DeleteSecurityGroupCommand({ GroupName: 'db' })))).name).toBe(
      'UnauthorizedOperation',
    );
    expect((await errorOf(user.ec2.send(new DeleteSecurityGroupCommand({ GroupId })))).name).toBe(
      'UnauthorizedOperation',
    );
  });

  it('checks AuthorizeSecurityGroupIngress against the group it changes', async () => {
    const GroupId = await rootGroup('web');
    const user = await userDenied(deny('ec2:Authorize*', `arn:aws:ec2:*:*:security-group/${GroupId}`));
    const ssh = { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] };
    const denied = await errorOf(
      user.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [ssh] })),
    );
    expect(denied.message).toContain(
      `ec2:AuthorizeSecurityGroupIngress on resource: arn:aws:ec2:us-west-2:123456789012:security-group/${GroupId}`,
    );
  });

  it('checks CreateSubnet against the VPC it goes in as well as the new subnet', async () => {
    const { Vpc } = await clientsFor().ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    const user = await userDenied(deny('ec2:CreateSubnet', `arn:aws:ec2:*:*:vpc/${Vpc!.VpcId}`));
    expect(
      (await errorOf(user.ec2.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId, CidrBlock: '10.0.1.0/24' })))).message,
    ).toContain(`vpc/${Vpc!.VpcId} with an explicit deny`);
    const newOnly = await userWithPolicy('bob', [
      { Effect: 'Allow', Action: 'ec2:CreateSubnet', Resource: 'arn:aws:ec2:*:*:subnet/*' },
    ]);
    expect(
      (await errorOf(newOnly.ec2.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId, CidrBlock: '10.0.1.0/24' }))))
        .message,
    ).toContain(`on resource: arn:aws:ec2:us-west-2:123456789012:vpc/${Vpc!.VpcId} because no identity-based policy`);
  });

  it('gives a resource’s tags to conditions as ec2:ResourceTag and aws:ResourceTag', async () => {
    const production = await rootInstance({
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'env', Value: 'prod' }] }],
    });
    const test = await rootInstance();
    const user = await userDenied(
      deny('ec2:StopInstances', '*', { StringEquals: { 'ec2:ResourceTag/env': 'prod' } }),
      deny('ec2:TerminateInstances', '*', { StringEquals: { 'aws:ResourceTag/env': 'prod' } }),
    );
    expect((await errorOf(user.ec2.send(new StopInstancesCommand({ InstanceIds: [production] })))).name).toBe(
      'UnauthorizedOperation',
    );
    expect((await errorOf(user.ec2.send(new TerminateInstancesCommand({ InstanceIds: [production] })))).name).toBe(
      'UnauthorizedOperation',
    );
    await user.ec2.send(new StopInstancesCommand({ InstanceIds: [test] }));
  });

  it('gives the tags a launch asks for to conditions as aws:RequestTag and aws:TagKeys', async () => {
    const newInstances = 'arn:aws:ec2:*:*:instance/*';
    const user = await userDenied(
      deny('ec2:RunInstances', newInstances, { Null: { 'aws:RequestTag/project': 'true' } }),
      deny('ec2:RunInstances', newInstances, { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'owner' } }),
    );
    const tagged = (tags: { Key: string; Value: string }[]) =>
      launch({ TagSpecifications: [{ ResourceType: 'instance', Tags: tags }] });
    expect((await errorOf(user.ec2.send(launch()))).name).toBe('UnauthorizedOperation');
    expect(
      (
        await errorOf(
          user.ec2.send(
            tagged([
              { Key: 'project', Value: 'x' },
              { Key: 'owner', Value: 'y' },
            ]),
          ),
        )
      ).name,
    ).toBe('UnauthorizedOperation');
    expect((await user.ec2.send(tagged([{ Key: 'project', Value: 'course' }]))).Instances).toHaveLength(1);
  });
});

describe('a user’s policies, parsed once per document', () => {
  it('deny what a replaced inline policy no longer allows, though the old document was parsed before', async () => {
    const user = await userWithPolicy('ana', [allowEc2]);
    await user.ec2.send(new DescribeInstancesCommand({}));
    await clientsFor().iam.send(
      new PutUserPolicyCommand({
        UserName: 'ana',
        PolicyName: 'under-test',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [deny('ec2:*', '*')] }),
      }),
    );
    expect(await errorOf(user.ec2.send(new DescribeInstancesCommand({})))).toMatchObject({
      name: 'UnauthorizedOperation',
    });
  });
});
