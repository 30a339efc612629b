import { CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { RunInstancesCommand, StopInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { DeleteLoginProfileCommand, DetachUserPolicyCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import exercise4, { allowsEverything, grantsAction } from '../../checkers/exercise-4';
import { runChecker } from '../../checkers/run';
import { parsePolicy, type NormalisedPolicy } from '../../src/iam-policy/parse';
import { clientsFor, useSandbox } from '../emulator/sandbox-clients';
import { doExercise4, lessonPolicy, lessonTemplate, subnetNamed } from './course-steps';
import { sandboxAws } from './sandbox-aws';

useSandbox();

type Run = Awaited<ReturnType<typeof runChecker>>;
const check = (run: Run, id: string) => run.checks.find((c) => c.id === id)!;
const run = (params: Record<string, unknown> = {}) => runChecker(exercise4, { aws: sandboxAws(), mode: 'offline', params });

function policyOf(statements: unknown[]): NormalisedPolicy {
  const result = parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), 'identity');
  if (!('policy' in result)) throw new Error(JSON.stringify(result.errors));
  return result.policy;
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
    expect(check(result, 'policy-exists')).toMatchObject({ status: 'fail', message: 'No customer-managed policy named edXProjectPolicy.' });
    expect(check(result, 'policy-attached').status).toBe('skip');
    expect(check(result, 'user-exists').hint).toBe('aws iam create-user --user-name edXProjectUser');
  });

  it('names what the policy does not allow', async () => {
    const withoutRekognition = JSON.parse(lessonPolicy());
    withoutRekognition.Statement = withoutRekognition.Statement.filter((s: { Sid: string }) => s.Sid !== 'LabelPhotos');
    await doExercise4(clientsFor(), JSON.stringify(withoutRekognition));
    const result = await run();
    expect(check(result, 'policy-grants')).toMatchObject({ status: 'fail', message: 'The policy does not allow rekognition:DetectLabels.' });
  });

  it('fails a policy that allows "*" on "*"', async () => {
    await doExercise4(clientsFor(), JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Everything', Effect: 'Allow', Action: '*', Resource: '*' }] }));
    const result = await run();
    expect(check(result, 'least-privilege')).toMatchObject({ status: 'fail' });
    expect(check(result, 'least-privilege').message).toContain('Statement Everything allows every action on every resource');
    expect(check(result, 'policy-grants').status).toBe('pass');
  });

  it('fails when the policy is not attached, or the password is gone', async () => {
    const clients = clientsFor();
    const { policyArn } = await doExercise4(clients);
    await clients.iam.send(new DetachUserPolicyCommand({ UserName: 'edXProjectUser', PolicyArn: policyArn }));
    await clients.iam.send(new DeleteLoginProfileCommand({ UserName: 'edXProjectUser' }));
    const result = await run();
    expect(check(result, 'policy-attached')).toMatchObject({ status: 'fail', hint: `aws iam attach-user-policy --user-name edXProjectUser --policy-arn ${policyArn}` });
    expect(check(result, 'console-password')).toMatchObject({ status: 'fail', message: 'edXProjectUser has no console password.' });
  });

  it('fails a stopped instance with the start command, and a wrong type', async () => {
    const clients = clientsFor();
    const { ex4InstanceId } = await doExercise4(clients);
    await clients.ec2.send(new StopInstancesCommand({ InstanceIds: [ex4InstanceId] }));
    const stopped = await run();
    expect(check(stopped, 'instance')).toMatchObject({ status: 'fail', message: `${ex4InstanceId} is stopped, not running.`, hint: `aws ec2 start-instances --instance-ids ${ex4InstanceId} --region us-west-2` });
    const wrongType = await run({ instanceType: 't3.micro' });
    expect(check(wrongType, 'instance').message).toBe(`${ex4InstanceId} is a t2.micro, not a t3.micro.`);
  });

  it('fails an instance in the private subnet', async () => {
    const clients = clientsFor();
    const { ex4InstanceId, groupId } = await doExercise4(clients);
    await clients.ec2.send(new TerminateInstancesCommand({ InstanceIds: [ex4InstanceId] }));
    await clients.ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-0123456789abcdef0',
        InstanceType: 't2.micro',
        MinCount: 1,
        MaxCount: 1,
        SubnetId: await subnetNamed(clients, 'edx-subnet-private-b'),
        SecurityGroupIds: [groupId],
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'Ex4WebServer' }] }],
      }),
    );
    const result = await run();
    expect(check(result, 'instance').message).toContain('edx-subnet-private-b, which is not a public subnet');
  });

  it('says where the exercise-3 VPC is when it is in another region', async () => {
    await clientsFor(undefined, 'eu-west-1').cloudformation.send(new CreateStackCommand({ StackName: 'edx-vpc-stack', TemplateBody: lessonTemplate() }));
    const result = await run();
    expect(check(result, 'instance').hint).toContain('exists in eu-west-1, not in us-west-2');
  });
});

describe('judging a policy', () => {
  it('counts an action allowed by a wildcard or left out of NotAction', () => {
    expect(grantsAction(policyOf([{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }]), 'ec2:DescribeInstances')).toBe(true);
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
    expect(allowsEverything(policyOf([{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::photos-*' }]))).toHaveLength(0);
  });
});
