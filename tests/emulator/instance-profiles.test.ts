import {
  AssociateIamInstanceProfileCommand,
  DescribeIamInstanceProfileAssociationsCommand,
  DescribeInstancesCommand,
  DisassociateIamInstanceProfileCommand,
  RunInstancesCommand,
  type RunInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  DeleteInstanceProfileCommand,
  DeleteRoleCommand,
  GetInstanceProfileCommand,
  ListInstanceProfilesCommand,
  ListInstanceProfilesForRoleCommand,
  RemoveRoleFromInstanceProfileCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { userWithPolicy } from './policy-user';
import { clientsFor, useSandbox } from './sandbox-clients';
import { ec2Trust } from './trust-policies';

useSandbox();

const profileArn = 'arn:aws:iam::123456789012:instance-profile/web-profile';

/** WebServerRole in the instance profile web-profile, as exercise 4's role for its instance would be. */
async function webProfile() {
  const { iam } = clientsFor();
  await iam.send(new CreateRoleCommand({ RoleName: 'WebServerRole', AssumeRolePolicyDocument: ec2Trust }));
  const profile = (await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web-profile' })))
    .InstanceProfile!;
  await iam.send(
    new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web-profile', RoleName: 'WebServerRole' }),
  );
  return profile;
}

const launch = (extra: Partial<RunInstancesCommandInput> = {}) =>
  new RunInstancesCommand({
    ImageId: 'ami-0123456789abcdef0',
    InstanceType: 't2.micro',
    MinCount: 1,
    MaxCount: 1,
    ...extra,
  });

async function describedProfile(instanceId: string) {
  const { ec2 } = clientsFor();
  const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
  return described.Reservations![0]!.Instances![0]!.IamInstanceProfile;
}

describe('instance profiles in IAM', () => {
  it('creates an instance profile with its ARN and an AIPA id, holding no role yet', async () => {
    const { iam } = clientsFor();
    const profile = (await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web-profile' })))
      .InstanceProfile!;
    expect(profile).toMatchObject({ InstanceProfileName: 'web-profile', Arn: profileArn, Roles: [] });
    expect(profile.InstanceProfileId).toMatch(/^AIPA[A-Z2-7]{17}$/);
  });

  it('shows the role a profile holds, and lists the profiles of a role', async () => {
    const { iam } = clientsFor();
    await webProfile();
    const got = (await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'web-profile' })))
      .InstanceProfile!;
    expect(got.Roles!.map((r) => r.Arn)).toEqual(['arn:aws:iam::123456789012:role/WebServerRole']);
    const forRole = await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'WebServerRole' }));
    expect(forRole.InstanceProfiles!.map((p) => p.Arn)).toEqual([profileArn]);
    expect((await iam.send(new ListInstanceProfilesCommand({}))).InstanceProfiles).toHaveLength(1);
  });

  it('refuses a second role in a profile: LimitExceeded', async () => {
    const { iam } = clientsFor();
    await webProfile();
    await iam.send(new CreateRoleCommand({ RoleName: 'OtherRole', AssumeRolePolicyDocument: ec2Trust }));
    const second = iam.send(
      new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web-profile', RoleName: 'OtherRole' }),
    );
    expect(await errorOf(second)).toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1',
      status: 409,
    });
  });

  it('refuses a role the account does not have', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web-profile' }));
    const add = iam.send(
      new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web-profile', RoleName: 'nobody' }),
    );
    expect(await errorOf(add)).toMatchObject({ name: 'NoSuchEntityException', status: 404 });
  });

  it('answers NoSuchEntity for a profile it does not have', async () => {
    const get = clientsFor().iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'nope' }));
    expect(await errorOf(get)).toMatchObject({
      name: 'NoSuchEntityException',
      message: 'Instance Profile nope cannot be found.',
    });
  });

  it('refuses to delete a profile, or its role, while the profile holds the role', async () => {
    const { iam } = clientsFor();
    await webProfile();
    const conflict = {
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must remove roles from instance profile first.',
    };
    expect(
      await errorOf(iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'web-profile' }))),
    ).toMatchObject(conflict);
    expect(await errorOf(iam.send(new DeleteRoleCommand({ RoleName: 'WebServerRole' })))).toMatchObject(conflict);
    await iam.send(
      new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'web-profile', RoleName: 'WebServerRole' }),
    );
    await iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'web-profile' }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'WebServerRole' }));
    expect((await iam.send(new ListInstanceProfilesCommand({}))).InstanceProfiles).toEqual([]);
  });
});

describe('instance profiles in EC2', () => {
  it('launches an instance with a profile named by name, and DescribeInstances shows it', async () => {
    const profile = await webProfile();
    const { ec2 } = clientsFor();
    const instance = (await ec2.send(launch({ IamInstanceProfile: { Name: 'web-profile' } }))).Instances![0]!;
    expect(instance.IamInstanceProfile).toEqual({ Arn: profileArn, Id: profile.InstanceProfileId });
    expect(await describedProfile(instance.InstanceId!)).toEqual({ Arn: profileArn, Id: profile.InstanceProfileId });
  });

  it('launches an instance with a profile named by ARN', async () => {
    await webProfile();
    const instance = (await clientsFor().ec2.send(launch({ IamInstanceProfile: { Arn: profileArn } }))).Instances![0]!;
    expect(instance.IamInstanceProfile?.Arn).toBe(profileArn);
  });

  it('refuses a profile name the account does not have, in EC2’s words', async () => {
    const run = clientsFor().ec2.send(launch({ IamInstanceProfile: { Name: 'missing' } }));
    expect(await errorOf(run)).toMatchObject({
      name: 'InvalidParameterValue',
      message: 'Value (missing) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name',
      status: 400,
    });
  });

  it('refuses a profile ARN the account does not have', async () => {
    const arn = 'arn:aws:iam::123456789012:instance-profile/missing';
    const run = clientsFor().ec2.send(launch({ IamInstanceProfile: { Arn: arn } }));
    expect((await errorOf(run)).message).toBe(
      `Value (${arn}) for parameter iamInstanceProfile.arn is invalid. Invalid IAM Instance Profile ARN`,
    );
  });

  it('refuses a launch with a profile whose role the user may not pass', async () => {
    await webProfile();
    const user = await userWithPolicy('ana', [{ Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' }]);
    const run = user.ec2.send(launch({ IamInstanceProfile: { Name: 'web-profile' } }));
    expect(await errorOf(run)).toMatchObject({
      name: 'UnauthorizedOperation',
      message:
        'You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/ana is not ' +
        'authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/WebServerRole because no ' +
        'identity-based policy allows the iam:PassRole action',
    });
  });

  it('lets a user allowed iam:PassRole launch with the profile', async () => {
    await webProfile();
    const user = await userWithPolicy('ana', [
      { Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' },
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::123456789012:role/WebServerRole' },
    ]);
    const instance = (await user.ec2.send(launch({ IamInstanceProfile: { Name: 'web-profile' } }))).Instances![0]!;
    expect(instance.IamInstanceProfile?.Arn).toBe(profileArn);
  });

  it('associates a profile with a running instance, describes the association and disassociates it', async () => {
    await webProfile();
    const { ec2 } = clientsFor();
    const instanceId = (await ec2.send(launch())).Instances![0]!.InstanceId!;
    const associated = (
      await ec2.send(
        new AssociateIamInstanceProfileCommand({ InstanceId: instanceId, IamInstanceProfile: { Name: 'web-profile' } }),
      )
    ).IamInstanceProfileAssociation!;
    expect(associated).toMatchObject({
      InstanceId: instanceId,
      State: 'associating',
      IamInstanceProfile: { Arn: profileArn },
    });
    expect(associated.AssociationId).toMatch(/^iip-assoc-0[0-9a-f]{16}$/);
    const described = await ec2.send(
      new DescribeIamInstanceProfileAssociationsCommand({ Filters: [{ Name: 'instance-id', Values: [instanceId] }] }),
    );
    expect(described.IamInstanceProfileAssociations).toMatchObject([
      { AssociationId: associated.AssociationId, State: 'associated' },
    ]);
    const gone = await ec2.send(new DisassociateIamInstanceProfileCommand({ AssociationId: associated.AssociationId }));
    expect(gone.IamInstanceProfileAssociation!.State).toBe('disassociating');
    expect(await describedProfile(instanceId)).toBeUndefined();
  });

  it('refuses a second association for an instance: IncorrectState', async () => {
    await webProfile();
    const { ec2 } = clientsFor();
    const instanceId = (await ec2.send(launch({ IamInstanceProfile: { Name: 'web-profile' } }))).Instances![0]!
      .InstanceId!;
    const again = ec2.send(
      new AssociateIamInstanceProfileCommand({ InstanceId: instanceId, IamInstanceProfile: { Name: 'web-profile' } }),
    );
    expect(await errorOf(again)).toMatchObject({
      name: 'IncorrectState',
      message: `There is an existing association for instance ${instanceId}`,
    });
  });

  it('refuses to disassociate an association it does not have', async () => {
    const disassociate = clientsFor().ec2.send(
      new DisassociateIamInstanceProfileCommand({ AssociationId: 'iip-assoc-0123456789abcdef0' }),
    );
    expect(await errorOf(disassociate)).toMatchObject({
      name: 'InvalidAssociationID.NotFound',
      message: "An invalid association-id of 'iip-assoc-0123456789abcdef0' was given",
    });
  });
});
