import { RunInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import {
  CreateAccessKeyCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
  ListAccessKeysCommand,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import keyCleanup from '../../checkers/key-cleanup';
import { runChecker } from '../../checkers/run';
import { clientsFor, useSandbox } from '../emulator/sandbox-clients';
import { doExercise4 } from './course-steps';
import { check } from './results';
import { sandboxAws } from './sandbox-aws';

useSandbox();

/** Exercise 4 done, then the clean-up: the user's keys deleted, its instances and the exercise-3 one terminated. */
async function cleanedUp() {
  const clients = clientsFor();
  const done = await doExercise4(clients);
  for (const key of (await clients.iam.send(new ListAccessKeysCommand({ UserName: 'edXProjectUser' })))
    .AccessKeyMetadata!) {
    await clients.iam.send(new DeleteAccessKeyCommand({ UserName: 'edXProjectUser', AccessKeyId: key.AccessKeyId }));
  }
  await clients.ec2.send(new TerminateInstancesCommand({ InstanceIds: [done.instanceId, done.ex4InstanceId] }));
  return { clients, done };
}

describe('the key-cleanup checker against the sandbox', () => {
  it('passes when the keys are gone, the password stays and nothing runs', async () => {
    await cleanedUp();
    const result = await runChecker(keyCleanup, { aws: sandboxAws(), mode: 'offline', surface: 'cli' });
    expect(result.status).toBe('passed');
    expect(Object.fromEntries(result.checks.map((c) => [c.id, c.status]))).toEqual({
      'no-access-keys': 'pass',
      'console-password': 'pass',
      costs: 'pass',
    });
  });

  it('fails while an inactive key is left, naming it with the delete command', async () => {
    const { clients } = await cleanedUp();
    const key = (await clients.iam.send(new CreateAccessKeyCommand({ UserName: 'edXProjectUser' }))).AccessKey!;
    await clients.iam.send(
      new UpdateAccessKeyCommand({ UserName: 'edXProjectUser', AccessKeyId: key.AccessKeyId, Status: 'Inactive' }),
    );
    const result = await runChecker(keyCleanup, { aws: sandboxAws(), mode: 'offline', surface: 'cli' });
    expect(check(result, 'no-access-keys')).toMatchObject({
      status: 'fail',
      message: `edXProjectUser still has an access key: ${key.AccessKeyId} (Inactive). Inactive keys count too.`,
      hint: `aws iam delete-access-key --user-name edXProjectUser --access-key-id ${key.AccessKeyId}`,
    });
    expect(JSON.stringify(result)).not.toContain(key.SecretAccessKey!);
  });

  it('says so when the check runs with the very key that should be deleted', async () => {
    const clients = clientsFor();
    const { keys } = await doExercise4(clients);
    const readOnly = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['iam:ListAccessKeys', 'iam:GetLoginProfile', 'ec2:Describe*', 'sts:GetCallerIdentity'],
          Resource: '*',
        },
      ],
    });
    await clients.iam.send(
      new PutUserPolicyCommand({ UserName: 'edXProjectUser', PolicyName: 'check-myself', PolicyDocument: readOnly }),
    );
    const result = await runChecker(keyCleanup, {
      aws: sandboxAws(keys),
      mode: 'offline',
      surface: 'cli',
      accessKeyId: keys.accessKeyId,
    });
    expect(check(result, 'no-access-keys').message).toContain(
      `This check is running with edXProjectUser's own key ${keys.accessKeyId}, the very key that should be deleted.`,
    );
    expect(check(result, 'no-access-keys').hint).toContain(
      'Then check as that administrator: add --profile <admin-profile>.',
    );
  });

  it('fails when the console password went with the keys', async () => {
    const { clients } = await cleanedUp();
    await clients.iam.send(new DeleteLoginProfileCommand({ UserName: 'edXProjectUser' }));
    const result = await runChecker(keyCleanup, { aws: sandboxAws(), mode: 'offline', surface: 'cli' });
    expect(check(result, 'console-password')).toMatchObject({
      status: 'fail',
      message: 'edXProjectUser no longer has a console password: the clean-up deletes keys, not the password.',
    });
  });

  it('warns about an instance still running in another region, with the command, and still passes', async () => {
    await cleanedUp();
    const tokyo = clientsFor(undefined, 'ap-northeast-1');
    const instance = (
      await tokyo.ec2.send(
        new RunInstancesCommand({
          ImageId: 'ami-0123456789abcdef0',
          InstanceType: 't2.micro',
          MinCount: 1,
          MaxCount: 1,
          TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'forgotten' }] }],
        }),
      )
    ).Instances![0]!;
    const result = await runChecker(keyCleanup, { aws: sandboxAws(), mode: 'offline', surface: 'cli' });
    expect(result.status).toBe('passed');
    expect(check(result, 'costs')).toMatchObject({
      status: 'warn',
      message: `Still billing: instance ${instance.InstanceId} (forgotten) in ap-northeast-1.`,
      hint: `aws ec2 terminate-instances --instance-ids ${instance.InstanceId} --region ap-northeast-1`,
    });
  });

  it('fails clearly when the user does not exist', async () => {
    const result = await runChecker(keyCleanup, { aws: sandboxAws(), mode: 'offline', surface: 'cli' });
    expect(check(result, 'no-access-keys')).toMatchObject({
      status: 'fail',
      message: 'There is no IAM user named edXProjectUser.',
    });
    expect(check(result, 'no-access-keys').hint).toContain(
      "aws iam list-users --query 'Users[].UserName' --output text",
    );
    expect(result.status).toBe('failed');
  });
});
