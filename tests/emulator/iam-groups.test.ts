import { DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeletePolicyCommand,
  GetAccountAuthorizationDetailsCommand,
  DeleteUserCommand,
  GetGroupCommand,
  GetGroupPolicyCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  PutGroupPolicyCommand,
  RemoveUserFromGroupCommand,
  UpdateGroupCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

const describeVpcs = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'ec2:DescribeVpcs', Resource: '*' }],
});

/** ana in the group developers. */
async function developers() {
  const { iam } = clientsFor();
  await iam.send(new CreateUserCommand({ UserName: 'ana' }));
  const group = (await iam.send(new CreateGroupCommand({ GroupName: 'developers' }))).Group!;
  await iam.send(new AddUserToGroupCommand({ GroupName: 'developers', UserName: 'ana' }));
  return group;
}

describe('IAM UpdateGroup in the sandbox', () => {
  it('renames a group, which keeps its id, members and policies', async () => {
    const { iam } = clientsFor();
    const group = await developers();
    await iam.send(
      new PutGroupPolicyCommand({ GroupName: 'developers', PolicyName: 'vpcs', PolicyDocument: describeVpcs }),
    );
    await iam.send(new UpdateGroupCommand({ GroupName: 'developers', NewGroupName: 'engineers', NewPath: '/teams/' }));
    const renamed = await iam.send(new GetGroupCommand({ GroupName: 'engineers' }));
    expect(renamed.Group).toMatchObject({
      GroupId: group.GroupId,
      Arn: 'arn:aws:iam::123456789012:group/teams/engineers',
    });
    expect(renamed.Users!.map((u) => u.UserName)).toEqual(['ana']);
    const policy = await iam.send(new GetGroupPolicyCommand({ GroupName: 'engineers', PolicyName: 'vpcs' }));
    expect(policy.PolicyName).toBe('vpcs');
  });

  it('refuses a new name another group has', async () => {
    const { iam } = clientsFor();
    await developers();
    await iam.send(new CreateGroupCommand({ GroupName: 'admins' }));
    const call = iam.send(new UpdateGroupCommand({ GroupName: 'developers', NewGroupName: 'Admins' }));
    expect(await errorOf(call)).toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'Group with name Admins already exists.',
      status: 409,
    });
  });
});

describe('IAM groups in the sandbox', () => {
  it('creates a group with its ARN and an AGPA id', async () => {
    const group = await developers();
    expect(group).toMatchObject({ GroupName: 'developers', Arn: 'arn:aws:iam::123456789012:group/developers' });
    expect(group.GroupId).toMatch(/^AGPA[A-Z2-7]{17}$/);
  });

  it('lists a group’s users, and a user’s groups', async () => {
    const { iam } = clientsFor();
    await developers();
    expect((await iam.send(new GetGroupCommand({ GroupName: 'developers' }))).Users!.map((u) => u.UserName)).toEqual([
      'ana',
    ]);
    const groups = await iam.send(new ListGroupsForUserCommand({ UserName: 'ana' }));
    expect(groups.Groups!.map((g) => g.GroupName)).toEqual(['developers']);
    expect((await iam.send(new ListGroupsCommand({}))).Groups).toHaveLength(1);
  });

  it('refuses a second group of the same name', async () => {
    await developers();
    const again = clientsFor().iam.send(new CreateGroupCommand({ GroupName: 'Developers' }));
    expect(await errorOf(again)).toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'Group with name Developers already exists.',
    });
  });

  it('answers NoSuchEntity for a group it does not have', async () => {
    expect(await errorOf(clientsFor().iam.send(new GetGroupCommand({ GroupName: 'nope' })))).toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The group with name nope cannot be found.',
      status: 404,
    });
  });

  it('names the missing user when adding an unknown user to an unknown group', async () => {
    const add = new AddUserToGroupCommand({ GroupName: 'nope', UserName: 'nobody' });
    expect(await errorOf(clientsFor().iam.send(add))).toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The user with name nobody cannot be found.',
    });
  });

  it('gives its members the group’s inline policies', async () => {
    const { iam } = clientsFor();
    await developers();
    await iam.send(
      new PutGroupPolicyCommand({ GroupName: 'developers', PolicyName: 'vpcs', PolicyDocument: describeVpcs }),
    );
    const got = await iam.send(new GetGroupPolicyCommand({ GroupName: 'developers', PolicyName: 'vpcs' }));
    expect(got.GroupName).toBe('developers');
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'ana' }))).AccessKey!;
    const ana = clientsFor({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    expect((await ana.ec2.send(new DescribeVpcsCommand({}))).Vpcs!.length).toBeGreaterThan(0);
  });

  it('takes the group’s policies away from a user removed from it', async () => {
    const { iam } = clientsFor();
    await developers();
    await iam.send(
      new PutGroupPolicyCommand({ GroupName: 'developers', PolicyName: 'vpcs', PolicyDocument: describeVpcs }),
    );
    await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'developers', UserName: 'ana' }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'ana' }))).AccessKey!;
    const ana = clientsFor({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    expect((await errorOf(ana.ec2.send(new DescribeVpcsCommand({})))).name).toBe('UnauthorizedOperation');
  });

  it('counts a group among a policy’s attachments, so the policy cannot be deleted', async () => {
    const { iam } = clientsFor();
    await developers();
    const policy = (await iam.send(new CreatePolicyCommand({ PolicyName: 'vpcs', PolicyDocument: describeVpcs })))
      .Policy!;
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'developers', PolicyArn: policy.Arn }));
    expect((await errorOf(iam.send(new DeletePolicyCommand({ PolicyArn: policy.Arn })))).name).toBe(
      'DeleteConflictException',
    );
  });

  it('lists groups with their policies, and each user’s groups, in GetAccountAuthorizationDetails', async () => {
    const { iam } = clientsFor();
    await developers();
    await iam.send(
      new PutGroupPolicyCommand({ GroupName: 'developers', PolicyName: 'vpcs', PolicyDocument: describeVpcs }),
    );
    const details = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['User', 'Group'] }));
    expect(details.GroupDetailList).toMatchObject([
      { GroupName: 'developers', GroupPolicyList: [{ PolicyName: 'vpcs' }] },
    ]);
    expect(details.UserDetailList).toMatchObject([{ UserName: 'ana', GroupList: ['developers'] }]);
  });

  it('refuses to delete a group with members, or a user in a group', async () => {
    const { iam } = clientsFor();
    await developers();
    const conflict = {
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must remove users from group first.',
    };
    expect(await errorOf(iam.send(new DeleteGroupCommand({ GroupName: 'developers' })))).toMatchObject(conflict);
    expect(await errorOf(iam.send(new DeleteUserCommand({ UserName: 'ana' })))).toMatchObject(conflict);
    await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'developers', UserName: 'ana' }));
    await iam.send(new DeleteGroupCommand({ GroupName: 'developers' }));
    await iam.send(new DeleteUserCommand({ UserName: 'ana' }));
    expect((await iam.send(new ListGroupsCommand({}))).Groups).toEqual([]);
  });
});
