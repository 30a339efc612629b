import { DescribeInstancesCommand, DescribeVpcsCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  DetachUserPolicyCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountAuthorizationDetailsCommand,
  GetLoginProfileCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListPoliciesCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
  paginateListUsers,
} from '@aws-sdk/client-iam';
import { CreateBucketCommand, GetObjectCommand, ListBucketsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { sandboxRootKey } from '../../src/emulator/state';
import { errorOf } from './error-of';
import { userWithPolicy } from './policy-user';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

const projectPolicy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['ec2:Describe*', 'ec2:RunInstances'], Resource: '*' },
    { Effect: 'Allow', Action: ['s3:ListAllMyBuckets'], Resource: '*' },
    { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::photos-bucket/*' },
    { Effect: 'Allow', Action: 'rekognition:DetectLabels', Resource: '*' },
  ],
});

/** edXProjectUser with edXProjectPolicy attached and an access key: the exercise-4 setup. */
async function projectUser() {
  const { iam } = clientsFor();
  await iam.send(new CreateUserCommand({ UserName: 'edXProjectUser' }));
  const policy = (
    await iam.send(new CreatePolicyCommand({ PolicyName: 'edXProjectPolicy', PolicyDocument: projectPolicy }))
  ).Policy!;
  await iam.send(new AttachUserPolicyCommand({ UserName: 'edXProjectUser', PolicyArn: policy.Arn }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'edXProjectUser' }))).AccessKey!;
  return { policy, key: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! } };
}

describe('IAM and STS in the sandbox', () => {
  it('answers GetCallerIdentity for the root key and for a user key', async () => {
    expect(await clientsFor().sts.send(new GetCallerIdentityCommand({}))).toMatchObject({
      Account: '123456789012',
      Arn: 'arn:aws:iam::123456789012:root',
      UserId: '123456789012',
    });
    const { key } = await projectUser();
    const identity = await clientsFor(key).sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe('arn:aws:iam::123456789012:user/edXProjectUser');
    expect(identity.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
  });

  it('creates users once and finds them by name', async () => {
    const { iam } = clientsFor();
    const user = (await iam.send(new CreateUserCommand({ UserName: 'edXProjectUser' }))).User!;
    expect(user).toMatchObject({
      UserName: 'edXProjectUser',
      Path: '/',
      Arn: 'arn:aws:iam::123456789012:user/edXProjectUser',
    });
    expect(await errorOf(iam.send(new CreateUserCommand({ UserName: 'edxprojectuser' })))).toMatchObject({
      name: 'EntityAlreadyExistsException',
      status: 409,
    });
    expect(await errorOf(iam.send(new GetUserCommand({ UserName: 'nobody' })))).toMatchObject({
      name: 'NoSuchEntityException',
      status: 404,
      message: 'The user with name nobody cannot be found.',
    });
    expect((await errorOf(iam.send(new CreateUserCommand({ UserName: 'bad name!' })))).name).toBe('ValidationError');
  });

  it('pages ListUsers with MaxItems and Marker', async () => {
    const { iam } = clientsFor();
    for (let i = 0; i < 7; i++) await iam.send(new CreateUserCommand({ UserName: `learner-${i}` }));
    const pages: string[][] = [];
    for await (const page of paginateListUsers({ client: iam, pageSize: 3 }, {}))
      pages.push(page.Users!.map((u) => u.UserName!));
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect((await iam.send(new ListUsersCommand({}))).Users).toHaveLength(7);
  });

  it('validates policy documents as IAM does', async () => {
    const { iam } = clientsFor();
    const notJson = await errorOf(
      iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: '{"Version": "2012-10-17", ' })),
    );
    expect(notJson).toMatchObject({ name: 'MalformedPolicyDocumentException', status: 400 });
    const withPrincipal = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }],
    });
    expect(
      (await errorOf(iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: withPrincipal })))).name,
    ).toBe('MalformedPolicyDocumentException');
    const badEffect = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Permit', Action: 's3:*', Resource: '*' }],
    });
    expect(
      (await errorOf(iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: badEffect })))).name,
    ).toBe('MalformedPolicyDocumentException');
  });

  it('refuses a managed policy without Version 2012-10-17, and takes an inline one', async () => {
    const { iam } = clientsFor();
    const unversioned = JSON.stringify({
      Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }],
    });
    expect(await errorOf(iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: unversioned })))).toEqual({
      name: 'MalformedPolicyDocumentException',
      message: 'Policy document must be version 2012-10-17 or greater.',
      status: 400,
    });
    await iam.send(new CreateUserCommand({ UserName: 'ana' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'ana', PolicyName: 'list', PolicyDocument: unversioned }));
  });

  it('names the user whose inline policy is over its size', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: 'ana' }));
    const actions = Array.from({ length: 200 }, (_, i) => `s3:Get${i}Object`);
    const large = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
    });
    const put = iam.send(new PutUserPolicyCommand({ UserName: 'ana', PolicyName: 'large', PolicyDocument: large }));
    expect(await errorOf(put)).toEqual({
      name: 'LimitExceededException',
      message: 'Maximum policy size of 2048 bytes exceeded for user ana',
      status: 409,
    });
  });

  it('refuses a condition operator IAM does not know, wherever a policy is stored', async () => {
    const { iam } = clientsFor();
    const document = (operator: string) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { [operator]: { 'aws:username': 'x' } } },
        ],
      });
    const refused = { name: 'MalformedPolicyDocumentException', message: 'Syntax errors in policy.', status: 400 };
    expect(
      await errorOf(
        iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: document('StringEqualsFoo') })),
      ),
    ).toMatchObject(refused);
    const policy = (
      await iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: document('StringEquals') }))
    ).Policy!;
    expect(
      await errorOf(
        iam.send(new CreatePolicyVersionCommand({ PolicyArn: policy.Arn, PolicyDocument: document('ArnLikeIfExist') })),
      ),
    ).toMatchObject(refused);
    await iam.send(new CreateUserCommand({ UserName: 'ana' }));
    expect(
      await errorOf(
        iam.send(
          new PutUserPolicyCommand({ UserName: 'ana', PolicyName: 'p', PolicyDocument: document('NullIfExists') }),
        ),
      ),
    ).toMatchObject(refused);
  });

  it('keeps policy versions and returns documents URL-encoded, as IAM does', async () => {
    const { iam } = clientsFor();
    const policy = (
      await iam.send(
        new CreatePolicyCommand({
          PolicyName: 'edXProjectPolicy',
          PolicyDocument: projectPolicy,
          Description: 'course',
        }),
      )
    ).Policy!;
    expect(policy).toMatchObject({
      Arn: 'arn:aws:iam::123456789012:policy/edXProjectPolicy',
      DefaultVersionId: 'v1',
      AttachmentCount: 0,
      IsAttachable: true,
    });
    const version = (await iam.send(new GetPolicyVersionCommand({ PolicyArn: policy.Arn, VersionId: 'v1' })))
      .PolicyVersion!;
    expect(JSON.parse(decodeURIComponent(version.Document!))).toEqual(JSON.parse(projectPolicy));
    await iam.send(
      new CreatePolicyVersionCommand({ PolicyArn: policy.Arn, PolicyDocument: projectPolicy, SetAsDefault: true }),
    );
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: policy.Arn }))).Policy!.DefaultVersionId).toBe('v2');
    expect(
      (
        await errorOf(
          iam.send(new CreatePolicyCommand({ PolicyName: 'edXProjectPolicy', PolicyDocument: projectPolicy })),
        )
      ).name,
    ).toBe('EntityAlreadyExistsException');
    const local = (await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies!.map((p) => p.PolicyName);
    expect(local).toEqual(['edXProjectPolicy']);
    const aws = (await iam.send(new ListPoliciesCommand({ Scope: 'AWS', MaxItems: 100 }))).Policies!.map((p) => p.Arn);
    expect(aws).toContain('arn:aws:iam::aws:policy/ReadOnlyAccess');
  });

  it('attaches and detaches managed policies and lists them', async () => {
    const { iam } = clientsFor();
    const { policy } = await projectUser();
    expect(
      (await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'edXProjectUser' }))).AttachedPolicies,
    ).toEqual([{ PolicyName: 'edXProjectPolicy', PolicyArn: policy.Arn }]);
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: policy.Arn }))).Policy!.AttachmentCount).toBe(1);
    await iam.send(new DetachUserPolicyCommand({ UserName: 'edXProjectUser', PolicyArn: policy.Arn }));
    expect(
      (await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'edXProjectUser' }))).AttachedPolicies,
    ).toEqual([]);
    expect(
      (
        await errorOf(
          iam.send(
            new AttachUserPolicyCommand({
              UserName: 'edXProjectUser',
              PolicyArn: 'arn:aws:iam::123456789012:policy/nope',
            }),
          ),
        )
      ).name,
    ).toBe('NoSuchEntityException');
  });

  it('gives a user a console password under the default password policy', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: 'edXProjectUser' }));
    expect((await errorOf(iam.send(new GetLoginProfileCommand({ UserName: 'edXProjectUser' })))).name).toBe(
      'NoSuchEntityException',
    );
    expect(
      (await errorOf(iam.send(new CreateLoginProfileCommand({ UserName: 'edXProjectUser', Password: 'short' })))).name,
    ).toBe('PasswordPolicyViolationException');
    await iam.send(
      new CreateLoginProfileCommand({
        UserName: 'edXProjectUser',
        Password: 'Correct-Horse-42',
        PasswordResetRequired: true,
      }),
    );
    expect((await iam.send(new GetLoginProfileCommand({ UserName: 'edXProjectUser' }))).LoginProfile).toMatchObject({
      UserName: 'edXProjectUser',
      PasswordResetRequired: true,
    });
    expect(
      (
        await errorOf(
          iam.send(new CreateLoginProfileCommand({ UserName: 'edXProjectUser', Password: 'Correct-Horse-42' })),
        )
      ).name,
    ).toBe('EntityAlreadyExistsException');
  });

  it('manages access keys: two at most, inactive keys stop working, deleted keys are gone', async () => {
    const { iam } = clientsFor();
    const { key } = await projectUser();
    await iam.send(new CreateAccessKeyCommand({ UserName: 'edXProjectUser' }));
    expect(await errorOf(iam.send(new CreateAccessKeyCommand({ UserName: 'edXProjectUser' })))).toMatchObject({
      name: 'LimitExceededException',
      status: 409,
    });
    const listed = (await iam.send(new ListAccessKeysCommand({ UserName: 'edXProjectUser' }))).AccessKeyMetadata!;
    expect(listed.map((k) => k.Status)).toEqual(['Active', 'Active']);
    expect(JSON.stringify(listed)).not.toContain(key.secretAccessKey);

    const userSts = clientsFor(key).sts;
    await userSts.send(new GetCallerIdentityCommand({}));
    const lastUsed = (await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key.accessKeyId })))
      .AccessKeyLastUsed!;
    expect(lastUsed).toMatchObject({ ServiceName: 'sts', Region: 'us-west-2' });

    await iam.send(
      new UpdateAccessKeyCommand({ UserName: 'edXProjectUser', AccessKeyId: key.accessKeyId, Status: 'Inactive' }),
    );
    expect(await errorOf(userSts.send(new GetCallerIdentityCommand({})))).toMatchObject({
      name: 'InvalidClientTokenId',
      status: 403,
    });
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'edXProjectUser', AccessKeyId: key.accessKeyId }));
    expect((await iam.send(new ListAccessKeysCommand({ UserName: 'edXProjectUser' }))).AccessKeyMetadata).toHaveLength(
      1,
    );
    expect(
      (
        await errorOf(
          iam.send(new DeleteAccessKeyCommand({ UserName: 'edXProjectUser', AccessKeyId: key.accessKeyId })),
        )
      ).name,
    ).toBe('NoSuchEntityException');
    expect(await errorOf(clientsFor(key).ec2.send(new DescribeVpcsCommand({})))).toMatchObject({
      name: 'AuthFailure',
      status: 401,
    });
  });

  it('refuses to delete a user that still has keys or policies', async () => {
    const { iam } = clientsFor();
    await projectUser();
    expect(await errorOf(iam.send(new DeleteUserCommand({ UserName: 'edXProjectUser' })))).toMatchObject({
      name: 'DeleteConflictException',
      status: 409,
    });
  });

  it('answers GetAccountAuthorizationDetails with policies, their versions and users', async () => {
    const { iam } = clientsFor();
    const { policy } = await projectUser();
    const local = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['LocalManagedPolicy'] }));
    expect(local.Policies!.map((p) => p.PolicyName)).toEqual(['edXProjectPolicy']);
    const version = local.Policies![0]!.PolicyVersionList![0]!;
    expect(version).toMatchObject({ VersionId: 'v1', IsDefaultVersion: true });
    expect(JSON.parse(decodeURIComponent(version.Document!))).toEqual(JSON.parse(projectPolicy));
    const users = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['User'] }));
    expect(users.UserDetailList![0]).toMatchObject({
      UserName: 'edXProjectUser',
      AttachedManagedPolicies: [{ PolicyName: 'edXProjectPolicy', PolicyArn: policy.Arn }],
    });
    expect(users.Policies).toEqual([]);
  });

  it('stores inline policies', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: 'edXProjectUser' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'edXProjectUser',
        PolicyName: 'read-vpcs',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'ec2:DescribeVpcs', Resource: '*' }],
        }),
      }),
    );
    const got = await iam.send(new GetUserPolicyCommand({ UserName: 'edXProjectUser', PolicyName: 'read-vpcs' }));
    expect(JSON.parse(decodeURIComponent(got.PolicyDocument!))).toMatchObject({
      Statement: [{ Action: 'ec2:DescribeVpcs' }],
    });
  });
});

describe('IAM enforcement in the sandbox', () => {
  it('lets a user do what its policy allows', async () => {
    const { key } = await projectUser();
    const user = clientsFor(key);
    expect((await user.ec2.send(new DescribeVpcsCommand({}))).Vpcs).toHaveLength(1);
    expect(
      (
        await user.ec2.send(
          new RunInstancesCommand({
            ImageId: 'ami-0123456789abcdef0',
            InstanceType: 't2.micro',
            MinCount: 1,
            MaxCount: 1,
          }),
        )
      ).Instances,
    ).toHaveLength(1);
    expect((await user.ec2.send(new DescribeInstancesCommand({}))).Reservations).toHaveLength(1);
  });

  it('denies what no policy allows, in each service’s own words', async () => {
    const { key } = await projectUser();
    const user = clientsFor(key);
    const iamDenied = await errorOf(user.iam.send(new ListUsersCommand({})));
    expect(iamDenied).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(iamDenied.message).toBe(
      'User: arn:aws:iam::123456789012:user/edXProjectUser is not authorized to perform: iam:ListUsers on resource: ' +
        'arn:aws:iam::123456789012:user/ because no identity-based policy allows the iam:ListUsers action',
    );
    const ec2Denied = await errorOf(
      user.ec2.send(new (await import('@aws-sdk/client-ec2')).CreateVpcCommand({ CidrBlock: '10.1.0.0/16' })),
    );
    expect(ec2Denied).toMatchObject({ name: 'UnauthorizedOperation', status: 403 });
    expect(ec2Denied.message).toContain('ec2:CreateVpc');
  });

  it('checks S3 actions against the object ARN', async () => {
    const root = clientsFor();
    await root.s3.send(
      new CreateBucketCommand({
        Bucket: 'photos-bucket',
        CreateBucketConfiguration: { LocationConstraint: 'us-west-2' },
      }),
    );
    await root.s3.send(
      new CreateBucketCommand({
        Bucket: 'other-bucket',
        CreateBucketConfiguration: { LocationConstraint: 'us-west-2' },
      }),
    );
    await root.s3.send(new PutObjectCommand({ Bucket: 'other-bucket', Key: 'secret.txt', Body: 'secret' }));
    const { key } = await projectUser();
    const user = clientsFor(key);
    await user.s3.send(new PutObjectCommand({ Bucket: 'photos-bucket', Key: 'cat.jpg', Body: 'meow' }));
    expect(
      await (
        await user.s3.send(new GetObjectCommand({ Bucket: 'photos-bucket', Key: 'cat.jpg' }))
      ).Body!.transformToString(),
    ).toBe('meow');
    expect((await user.s3.send(new ListBucketsCommand({}))).Buckets!.map((b) => b.Name)).toEqual([
      'other-bucket',
      'photos-bucket',
    ]);
    const denied = await errorOf(user.s3.send(new GetObjectCommand({ Bucket: 'other-bucket', Key: 'secret.txt' })));
    expect(denied).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(denied.message).toContain('s3:GetObject on resource: "arn:aws:s3:::other-bucket/secret.txt"');
  });

  it('lets an explicit Deny win over an Allow', async () => {
    const { iam } = clientsFor();
    const { key } = await projectUser();
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'edXProjectUser',
        PolicyName: 'no-run',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Action: 'ec2:RunInstances', Resource: '*' }],
        }),
      }),
    );
    const denied = await errorOf(
      clientsFor(key).ec2.send(
        new RunInstancesCommand({
          ImageId: 'ami-0123456789abcdef0',
          InstanceType: 't2.micro',
          MinCount: 1,
          MaxCount: 1,
        }),
      ),
    );
    expect(denied.name).toBe('UnauthorizedOperation');
    expect(denied.message).toContain('with an explicit deny in an identity-based policy');
  });

  it('gives the policy attached or detached to conditions as iam:PolicyARN', async () => {
    const admin = await userWithPolicy('helpdesk', [
      {
        Effect: 'Allow',
        Action: ['iam:AttachUserPolicy', 'iam:DetachUserPolicy'],
        Resource: 'arn:aws:iam::*:user/*',
        Condition: { ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/ReadOnlyAccess' } },
      },
    ]);
    await admin.iam.send(
      new AttachUserPolicyCommand({ UserName: 'helpdesk', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
    );
    const escalation = await errorOf(
      admin.iam.send(
        new AttachUserPolicyCommand({ UserName: 'helpdesk', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }),
      ),
    );
    expect(escalation).toMatchObject({ name: 'AccessDenied', status: 403 });
    await admin.iam.send(
      new DetachUserPolicyCommand({ UserName: 'helpdesk', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
    );
  });

  it('lets GetCallerIdentity through whatever the policies say', async () => {
    const { iam } = clientsFor();
    const { key } = await projectUser();
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'edXProjectUser',
        PolicyName: 'deny-all',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }],
        }),
      }),
    );
    expect((await clientsFor(key).sts.send(new GetCallerIdentityCommand({}))).Arn).toContain('edXProjectUser');
  });

  it('refuses a wrong secret with SignatureDoesNotMatch and an unknown key with the service’s own code', async () => {
    const wrongSecret = clientsFor({ accessKeyId: sandboxRootKey.accessKeyId, secretAccessKey: 'x'.repeat(40) });
    expect(await errorOf(wrongSecret.sts.send(new GetCallerIdentityCommand({})))).toMatchObject({
      name: 'SignatureDoesNotMatch',
      status: 403,
    });
    expect(await errorOf(wrongSecret.ec2.send(new DescribeVpcsCommand({})))).toMatchObject({
      name: 'SignatureDoesNotMatch',
    });
    expect(await errorOf(wrongSecret.s3.send(new ListBucketsCommand({})))).toMatchObject({
      name: 'SignatureDoesNotMatch',
      status: 403,
    });
    const unknown = clientsFor({ accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x'.repeat(40) });
    expect(await errorOf(unknown.iam.send(new ListUsersCommand({})))).toMatchObject({
      name: 'InvalidClientTokenId',
      status: 403,
    });
    expect(await errorOf(unknown.s3.send(new ListBucketsCommand({})))).toMatchObject({
      name: 'InvalidAccessKeyId',
      status: 403,
    });
  });
});
