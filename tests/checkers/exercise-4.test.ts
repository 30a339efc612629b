import { CreateStackCommand } from '@aws-sdk/client-cloudformation';
import {
  ModifyInstanceAttributeCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreatePolicyVersionCommand, DeleteLoginProfileCommand, DetachUserPolicyCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import exercise4, { allowsEverything, grantsAction } from '../../checkers/exercise-4';
import { runChecker } from '../../checkers/run';
import { parsePolicy, type NormalisedPolicy } from '../../src/iam-policy/parse';
import { amazonLinuxImageId } from '../../src/emulator/services/ec2-images';
import { clientsFor, useSandbox } from '../emulator/sandbox-clients';
import { doExercise4, launchTagged, lessonPolicy, lessonTemplate, subnetNamed } from './course-steps';
import { check } from './results';
import { sandboxAws } from './sandbox-aws';

useSandbox();

const run = (params: Record<string, unknown> = {}) =>
  runChecker(exercise4, { aws: sandboxAws(), mode: 'offline', surface: 'cli', params });

function policyOf(statements: unknown[]): NormalisedPolicy {
  const result = parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), 'identity');
  if (!('policy' in result)) throw new Error(JSON.stringify(result.errors));
  return result.policy;
}

/** The lesson's policy without its Rekognition statement. */
function withoutRekognition(): string {
  const policy = JSON.parse(lessonPolicy()) as { Statement: { Sid: string }[] };
  policy.Statement = policy.Statement.filter((s) => s.Sid !== 'LabelPhotos');
  return JSON.stringify(policy);
}

describe('the exercise-4 checker against the sandbox', () => {
  it('passes the exercise done with the lesson’s policy', async () => {
    await doExercise4(clientsFor());
    const result = await run();
    expect(result.status).toBe('passed');
    expect(Object.fromEntries(result.checks.map((c) => [c.id, c.status]))).toEqual({
      'policy-exists': 'pass',
      'policy-valid': 'pass',
      'policy-grants': 'pass',
      'least-privilege': 'pass',
      'user-exists': 'pass',
      'policy-attached': 'pass',
      'console-password': 'pass',
      instance: 'pass',
    });
  });

  it('fails with the create-policy command when the policy is missing', async () => {
    const result = await run();
    expect(check(result, 'policy-exists')).toMatchObject({
      status: 'fail',
      message: 'No customer-managed policy named edXProjectPolicy.',
    });
    expect(check(result, 'policy-attached').status).toBe('skip');
    expect(check(result, 'user-exists').hint).toBe('aws iam create-user --user-name edXProjectUser');
    expect(check(result, 'instance').hint).toContain(
      'aws cloudformation create-stack --stack-name edx-vpc-stack --template-body file://vpc.yaml --region us-west-2',
    );
  });

  it('names what the policy does not allow, with the command for a fixed default version', async () => {
    const { policyArn } = await doExercise4(clientsFor(), withoutRekognition());
    const result = await run();
    expect(check(result, 'policy-grants')).toMatchObject({
      status: 'fail',
      message: `edXProjectPolicy (${policyArn}) does not allow rekognition:DetectLabels.`,
    });
    expect(check(result, 'policy-grants').hint).toContain(
      '{"Effect":"Allow","Action":["rekognition:DetectLabels"],"Resource":"*"}',
    );
    expect(check(result, 'policy-grants').hint).toMatch(
      new RegExp(
        `:\\naws iam create-policy-version --policy-arn ${policyArn} --policy-document file://edx-policy.json ` +
          `--set-as-default$`,
      ),
    );
  });

  it('deletes the oldest other version first when the policy already has five', async () => {
    const clients = clientsFor();
    const { policyArn } = await doExercise4(clients, withoutRekognition());
    for (let i = 0; i < 4; i++)
      await clients.iam.send(
        new CreatePolicyVersionCommand({
          PolicyArn: policyArn,
          PolicyDocument: withoutRekognition(),
          SetAsDefault: true,
        }),
      );
    const result = await run();
    expect(check(result, 'policy-grants').hint).toContain(
      `aws iam delete-policy-version --policy-arn ${policyArn} --version-id v1\naws iam create-policy-version`,
    );
  });

  it('fails a policy that allows "*" on "*"', async () => {
    await doExercise4(
      clientsFor(),
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: 'Everything', Effect: 'Allow', Action: '*', Resource: '*' }],
      }),
    );
    const result = await run();
    expect(check(result, 'least-privilege')).toMatchObject({ status: 'fail' });
    expect(check(result, 'least-privilege').message).toContain(
      'Statement Everything allows every action on every resource',
    );
    expect(check(result, 'policy-grants').status).toBe('pass');
  });

  it('fails when the policy is not attached, or the password is gone', async () => {
    const clients = clientsFor();
    const { policyArn } = await doExercise4(clients);
    await clients.iam.send(new DetachUserPolicyCommand({ UserName: 'edXProjectUser', PolicyArn: policyArn }));
    await clients.iam.send(new DeleteLoginProfileCommand({ UserName: 'edXProjectUser' }));
    const result = await run();
    expect(check(result, 'policy-attached')).toMatchObject({
      status: 'fail',
      message: `edXProjectPolicy (${policyArn}) is not attached to edXProjectUser.`,
      hint: `aws iam attach-user-policy --user-name edXProjectUser --policy-arn ${policyArn}`,
    });
    expect(check(result, 'console-password')).toMatchObject({
      status: 'fail',
      message: 'edXProjectUser has no console password.',
    });
  });

  it('fails a stopped instance with the start command, and a wrong type with terminate and launch commands', async () => {
    const clients = clientsFor();
    const { ex4InstanceId, publicSubnetId } = await doExercise4(clients);
    await clients.ec2.send(new StopInstancesCommand({ InstanceIds: [ex4InstanceId] }));
    const stopped = await run();
    expect(check(stopped, 'instance')).toMatchObject({
      status: 'fail',
      message: `Ex4WebServer (${ex4InstanceId}) is stopped, not running.`,
      hint: `aws ec2 start-instances --instance-ids ${ex4InstanceId} --region us-west-2`,
    });
    await clients.ec2.send(
      new ModifyInstanceAttributeCommand({ InstanceId: ex4InstanceId, InstanceType: { Value: 't3.medium' } }),
    );
    await clients.ec2.send(new StartInstancesCommand({ InstanceIds: [ex4InstanceId] }));
    const wrongType = check(await run(), 'instance');
    expect(wrongType.message).toBe(
      `Ex4WebServer (${ex4InstanceId}) is a t3.medium, not one of the types the exercise takes: t2.micro, t3.micro, ` +
        't4g.micro.',
    );
    expect(wrongType.hint).toContain(
      `aws ec2 terminate-instances --instance-ids ${ex4InstanceId} --region us-west-2\naws ec2 run-instances --region ` +
        `us-west-2 --instance-type t2.micro --subnet-id ${publicSubnetId}`,
    );
  });

  it.each([
    ['t3.micro', 'x86_64'],
    ['t4g.micro', 'arm64'],
  ] as const)('passes a %s, free-tier eligible like t2.micro, and says that type ran', async (type, architecture) => {
    const clients = clientsFor();
    const { ex4InstanceId, publicSubnetId, groupId } = await doExercise4(clients);
    await clients.ec2.send(new TerminateInstancesCommand({ InstanceIds: [ex4InstanceId] }));
    const launched = await clients.ec2.send(
      new RunInstancesCommand({
        ImageId: amazonLinuxImageId('us-west-2', architecture),
        InstanceType: type,
        MinCount: 1,
        MaxCount: 1,
        SubnetId: publicSubnetId,
        SecurityGroupIds: [groupId],
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'Ex4WebServer' }] }],
      }),
    );
    const instanceId = launched.Instances![0]!.InstanceId!;
    expect(check(await run(), 'instance')).toMatchObject({
      status: 'pass',
      message:
        `Ex4WebServer (${instanceId}), a ${type} (free-tier eligible, accepted for t2.micro), is running in ` +
        `edx-subnet-public-a (${publicSubnetId}).`,
      evidence: expect.objectContaining({ instanceType: type }),
    });
  });

  it('says plainly that a t2.micro ran when the exercise asked for one', async () => {
    const { ex4InstanceId, publicSubnetId } = await doExercise4(clientsFor());
    expect(check(await run(), 'instance').message).toBe(
      `Ex4WebServer (${ex4InstanceId}), a t2.micro, is running in edx-subnet-public-a (${publicSubnetId}).`,
    );
  });

  it('fails a terminated instance with the command that launches it again in the public subnet', async () => {
    const clients = clientsFor();
    const { ex4InstanceId, publicSubnetId, vpcId } = await doExercise4(clients);
    await clients.ec2.send(new TerminateInstancesCommand({ InstanceIds: [ex4InstanceId] }));
    const result = check(await run(), 'instance');
    expect(result).toMatchObject({ status: 'fail', message: `Ex4WebServer (${ex4InstanceId}) is terminated.` });
    expect(result.hint).toContain(`--subnet-id ${publicSubnetId}`);
    expect(result.hint).toContain(`Name=group-name,Values=exercise3-sg Name=vpc-id,Values=${vpcId}`);
    expect(result.hint).toContain(
      "--key-name edx-key --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=Ex4WebServer}]'",
    );
  });

  it('fails an instance in the private subnet', async () => {
    const clients = clientsFor();
    const { ex4InstanceId, groupId, publicSubnetId } = await doExercise4(clients);
    await clients.ec2.send(new TerminateInstancesCommand({ InstanceIds: [ex4InstanceId] }));
    const privateSubnetId = await subnetNamed(clients, 'edx-subnet-private-b');
    const instanceId = await launchTagged(clients, 'Ex4WebServer', privateSubnetId, groupId);
    const result = check(await run(), 'instance');
    expect(result.message).toBe(
      `Ex4WebServer (${instanceId}) is in edx-subnet-private-b (${privateSubnetId}), which is not a public subnet.`,
    );
    expect(result.hint).toContain(`aws ec2 terminate-instances --instance-ids ${instanceId} --region us-west-2`);
    expect(result.hint).toContain(`--subnet-id ${publicSubnetId}`);
  });

  it('says where the exercise-3 VPC is when it is in another region', async () => {
    await clientsFor(undefined, 'eu-west-1').cloudformation.send(
      new CreateStackCommand({ StackName: 'edx-vpc-stack', TemplateBody: lessonTemplate() }),
    );
    const result = await run();
    expect(check(result, 'instance').hint).toContain('exists in eu-west-1, not in us-west-2');
  });
});

describe('judging a policy', () => {
  it('counts an action allowed by a wildcard or left out of NotAction', () => {
    expect(
      grantsAction(policyOf([{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }]), 'ec2:DescribeInstances'),
    ).toBe(true);
    expect(grantsAction(policyOf([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]), 's3:GetObject')).toBe(true);
    expect(grantsAction(policyOf([{ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }]), 's3:GetObject')).toBe(false);
  });

  it('lets a Deny on every resource take an allowed action away', () => {
    const policy = policyOf([
      { Effect: 'Allow', Action: 's3:*', Resource: '*' },
      { Effect: 'Deny', Action: 's3:PutObject', Resource: '*' },
    ]);
    expect(grantsAction(policy, 's3:GetObject')).toBe(true);
    expect(grantsAction(policy, 's3:PutObject')).toBe(false);
  });

  it('finds "*" on "*" but not service-wide wildcards', () => {
    expect(allowsEverything(policyOf([{ Effect: 'Allow', Action: '*', Resource: '*' }]))).toHaveLength(1);
    expect(allowsEverything(policyOf([{ Effect: 'Allow', Action: ['s3:*', 'ec2:*'], Resource: '*' }]))).toHaveLength(0);
    expect(
      allowsEverything(policyOf([{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::photos-*' }])),
    ).toHaveLength(0);
  });
});
