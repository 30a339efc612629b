import { DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import {
  AddUserToGroupCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateUserCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListGroupsForUserCommand,
  ListUserPoliciesCommand,
  PutUserPolicyCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

const describeVpcs = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'ec2:DescribeVpcs', Resource: '*' }],
});

describe('IAM UpdateUser in the sandbox', () => {
  it('renames a user, who keeps its id, keys, policies and groups', async () => {
    const { iam } = clientsFor();
    const ana = (await iam.send(new CreateUserCommand({ UserName: 'ana' }))).User!;
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'ana' }))).AccessKey!;
    await iam.send(new PutUserPolicyCommand({ UserName: 'ana', PolicyName: 'vpcs', PolicyDocument: describeVpcs }));
    await iam.send(new CreateGroupCommand({ GroupName: 'developers' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'developers', UserName: 'ana' }));
    await iam.send(new UpdateUserCommand({ UserName: 'ana', NewUserName: 'ana-maria' }));
    const renamed = (await iam.send(new GetUserCommand({ UserName: 'ana-maria' }))).User!;
    expect(renamed).toMatchObject({ UserId: ana.UserId, Arn: 'arn:aws:iam::123456789012:user/ana-maria' });
    const keys = (await iam.send(new ListAccessKeysCommand({ UserName: 'ana-maria' }))).AccessKeyMetadata!;
    expect(keys.map((k) => k.AccessKeyId)).toEqual([key.AccessKeyId]);
    expect((await iam.send(new ListUserPoliciesCommand({ UserName: 'ana-maria' }))).PolicyNames).toEqual(['vpcs']);
    const groups = (await iam.send(new ListGroupsForUserCommand({ UserName: 'ana-maria' }))).Groups!;
    expect(groups.map((g) => g.GroupName)).toEqual(['developers']);
  });

  it('lets the renamed user’s key go on working under the new name', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: 'ana' }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'ana' }))).AccessKey!;
    await iam.send(new PutUserPolicyCommand({ UserName: 'ana', PolicyName: 'vpcs', PolicyDocument: describeVpcs }));
    await iam.send(new UpdateUserCommand({ UserName: 'ana', NewUserName: 'bea' }));
    const { ec2, sts } = clientsFor({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    await ec2.send(new DescribeVpcsCommand({}));
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws:iam::123456789012:user/bea');
  });

  it('moves a user to a new path', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: 'ana' }));
    await iam.send(new UpdateUserCommand({ UserName: 'ana', NewPath: '/staff/' }));
    expect((await iam.send(new GetUserCommand({ UserName: 'ana' }))).User!.Arn).toBe(
      'arn:aws:iam::123456789012:user/staff/ana',
    );
  });

  it('refuses a new name another user has', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: 'ana' }));
    await iam.send(new CreateUserCommand({ UserName: 'bea' }));
    expect(await errorOf(iam.send(new UpdateUserCommand({ UserName: 'ana', NewUserName: 'Bea' })))).toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'User with name Bea already exists.',
      status: 409,
    });
  });

  it('answers NoSuchEntity for a user it does not have', async () => {
    const call = clientsFor().iam.send(new UpdateUserCommand({ UserName: 'nobody', NewUserName: 'somebody' }));
    expect(await errorOf(call)).toMatchObject({ name: 'NoSuchEntityException', status: 404 });
  });
});
