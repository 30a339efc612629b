import { readFileSync } from 'node:fs';
import { CreateStackCommand } from '@aws-sdk/client-cloudformation';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateKeyPairCommand,
  CreateSecurityGroupCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateUserCommand,
} from '@aws-sdk/client-iam';
import type { clientsFor } from '../emulator/sandbox-clients';

type Clients = ReturnType<typeof clientsFor>;

/** The VPC template exactly as the CloudFormation lesson prints it. */
export function lessonTemplate(): string {
  const lesson = readFileSync(new URL('../../content/week-1/cloudformation.mdx', import.meta.url), 'utf8');
  return /```yaml\n(AWSTemplateFormatVersion[\s\S]*?)```/.exec(lesson)![1]!;
}

/** The id of the subnet with this Name tag. */
export async function subnetNamed(clients: Clients, name: string): Promise<string> {
  const subnets = (
    await clients.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'tag:Name', Values: [name] }] }))
  ).Subnets!;
  return subnets[0]!.SubnetId!;
}

/** Launches a t2.micro tagged Name=`name` in the subnet with the group (and key pair); returns its id. */
export async function launchTagged(
  clients: Clients,
  name: string,
  subnetId: string,
  groupId: string,
  keyName?: string,
): Promise<string> {
  const launched = await clients.ec2.send(
    new RunInstancesCommand({
      ImageId: 'ami-0123456789abcdef0',
      InstanceType: 't2.micro',
      MinCount: 1,
      MaxCount: 1,
      KeyName: keyName,
      SubnetId: subnetId,
      SecurityGroupIds: [groupId],
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: name }] }],
    }),
  );
  return launched.Instances![0]!.InstanceId!;
}

/** Exercise 3 done as the lesson says: the stack, the security group, a key pair and the web server. */
export async function doExercise3(clients: Clients) {
  await clients.cloudformation.send(
    new CreateStackCommand({ StackName: 'edx-vpc-stack', TemplateBody: lessonTemplate() }),
  );
  const vpcId = (
    await clients.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['edx-build-aws-vpc'] }] }))
  ).Vpcs![0]!.VpcId!;
  const groupId = (
    await clients.ec2.send(
      new CreateSecurityGroupCommand({ GroupName: 'exercise3-sg', Description: 'exercise3-sg', VpcId: vpcId }),
    )
  ).GroupId!;
  for (const port of [22, 80]) {
    await clients.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: groupId,
        IpProtocol: 'tcp',
        FromPort: port,
        ToPort: port,
        CidrIp: '0.0.0.0/0',
      }),
    );
  }
  await clients.ec2.send(new CreateKeyPairCommand({ KeyName: 'edx-key' }));
  const publicSubnetId = await subnetNamed(clients, 'edx-subnet-public-a');
  const instanceId = await launchTagged(clients, 'Ex3WebServer', publicSubnetId, groupId, 'edx-key');
  return { vpcId, groupId, publicSubnetId, instanceId };
}

/** The policy exactly as exercise 4's lesson prints it. */
export function lessonPolicy(): string {
  const lesson = readFileSync(new URL('../../content/week-2/exercise-4.mdx', import.meta.url), 'utf8');
  return /```json\n(\{\n {2}"Version"[\s\S]*?)```/.exec(lesson)![1]!;
}

/**
 * Exercise 4 done as the lesson says (after exercise 3): the policy, the user with a password and a key, Ex4WebServer.
 */
export async function doExercise4(clients: Clients, policyDocument = lessonPolicy()) {
  const ex3 = await doExercise3(clients);
  const policy = (
    await clients.iam.send(new CreatePolicyCommand({ PolicyName: 'edXProjectPolicy', PolicyDocument: policyDocument }))
  ).Policy!;
  await clients.iam.send(new CreateUserCommand({ UserName: 'edXProjectUser' }));
  await clients.iam.send(
    new CreateLoginProfileCommand({
      UserName: 'edXProjectUser',
      Password: 'Correct-Horse-42',
      PasswordResetRequired: true,
    }),
  );
  await clients.iam.send(new AttachUserPolicyCommand({ UserName: 'edXProjectUser', PolicyArn: policy.Arn }));
  const key = (await clients.iam.send(new CreateAccessKeyCommand({ UserName: 'edXProjectUser' }))).AccessKey!;
  const keys = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  const ex4InstanceId = await launchTagged(clients, 'Ex4WebServer', ex3.publicSubnetId, ex3.groupId, 'edx-key');
  return { ...ex3, policyArn: policy.Arn!, keys, ex4InstanceId };
}
