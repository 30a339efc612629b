import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeletePolicyCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetAccountAuthorizationDetailsCommand,
  GetPolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListPolicyTagsCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  ListUserTagsCommand,
  PutRolePolicyCommand,
  SimulatePrincipalPolicyCommand,
  TagPolicyCommand,
  TagRoleCommand,
  TagUserCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { userWithPolicy } from './policy-user';
import { clientsFor, useSandbox } from './sandbox-clients';
import { ec2Trust, trustPolicyFor } from './trust-policies';

useSandbox();

const readPhotos = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/*' }],
});

const trustWith = (extra: Record<string, unknown>) => trustPolicyFor({ Service: 'ec2.amazonaws.com' }, extra);

async function webServerRole(trust = ec2Trust) {
  const { iam } = clientsFor();
  return (await iam.send(new CreateRoleCommand({ RoleName: 'WebServerRole', AssumeRolePolicyDocument: trust }))).Role!;
}

const createRole = (document: string) =>
  errorOf(clientsFor().iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: document })));

describe('IAM roles in the sandbox', () => {
  it('creates a role with its ARN, an AROA id, a one-hour session limit and its trust policy URL-encoded', async () => {
    const role = await webServerRole();
    expect(role).toMatchObject({
      RoleName: 'WebServerRole',
      Path: '/',
      Arn: 'arn:aws:iam::123456789012:role/WebServerRole',
      MaxSessionDuration: 3600,
    });
    expect(role.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!))).toEqual(JSON.parse(ec2Trust));
  });

  it('refuses a second role of the same name, whatever its case', async () => {
    await webServerRole();
    const again = clientsFor().iam.send(
      new CreateRoleCommand({ RoleName: 'webserverrole', AssumeRolePolicyDocument: ec2Trust }),
    );
    expect(await errorOf(again)).toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'Role with name webserverrole already exists.',
      status: 409,
    });
  });

  it('refuses a trust policy with a Resource', async () => {
    expect(await createRole(trustWith({ Resource: '*' }))).toMatchObject({
      name: 'MalformedPolicyDocumentException',
      message: 'Has prohibited field Resource',
      status: 400,
    });
  });

  it('refuses a trust policy without a Principal', async () => {
    const document = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }],
    });
    expect(await createRole(document)).toMatchObject({
      name: 'MalformedPolicyDocumentException',
      message: 'Missing required field Principal',
    });
  });

  it('refuses a trust policy granting anything but assuming the role', async () => {
    expect(await createRole(trustWith({ Action: 's3:GetObject' }))).toMatchObject({
      name: 'MalformedPolicyDocumentException',
      message: 'AssumeRole policy may only specify STS AssumeRole actions.',
    });
  });

  it('refuses a trust policy over 2,048 characters: LimitExceeded ACLSizePerRole', async () => {
    const services = Array.from({ length: 100 }, (_, i) => `service${i}.amazonaws.com`);
    expect(await createRole(trustWith({ Principal: { Service: services } }))).toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for ACLSizePerRole: 2048',
      status: 409,
    });
  });

  it('takes an inline role policy larger than a managed policy may be', async () => {
    await webServerRole();
    const actions = Array.from({ length: 400 }, (_, i) => `s3:Get${i}Object`);
    const large = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
    });
    await clientsFor().iam.send(
      new PutRolePolicyCommand({ RoleName: 'WebServerRole', PolicyName: 'large', PolicyDocument: large }),
    );
  });

  it('refuses a trust policy naming a user the account does not have', async () => {
    const nobody = 'arn:aws:iam::123456789012:user/nobody';
    expect(await createRole(trustWith({ Principal: { AWS: nobody } }))).toMatchObject({
      name: 'MalformedPolicyDocumentException',
      message: `Invalid principal in policy: "AWS":"${nobody}"`,
    });
  });

  it('refuses a service principal that is not a service', async () => {
    expect(await createRole(trustWith({ Principal: { Service: 'ec2' } }))).toMatchObject({
      name: 'MalformedPolicyDocumentException',
      message: 'Invalid principal in policy: "SERVICE":"ec2"',
    });
  });

  it('accepts a trust policy naming a user that exists, or another account', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: 'ana' }));
    const principals = { AWS: ['arn:aws:iam::123456789012:user/ana', '111122223333'] };
    const role = await webServerRole(trustWith({ Principal: principals }));
    expect(role.RoleName).toBe('WebServerRole');
  });

  it('refuses a MaxSessionDuration under an hour', async () => {
    const short = clientsFor().iam.send(
      new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: ec2Trust, MaxSessionDuration: 100 }),
    );
    expect(await errorOf(short)).toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value '100' at 'maxSessionDuration' failed to satisfy constraint: Member must " +
        'have value greater than or equal to 3600',
    });
  });

  it('answers NoSuchEntity (404) for a role it does not have', async () => {
    expect(await errorOf(clientsFor().iam.send(new GetRoleCommand({ RoleName: 'nobody' })))).toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The role with name nobody cannot be found.',
      status: 404,
    });
  });

  it('lists roles by name under a path prefix', async () => {
    const { iam } = clientsFor();
    for (const [name, path] of [
      ['b-role', '/app/'],
      ['a-role', '/app/'],
      ['other', '/'],
    ])
      await iam.send(new CreateRoleCommand({ RoleName: name, Path: path, AssumeRolePolicyDocument: ec2Trust }));
    const listed = (await iam.send(new ListRolesCommand({ PathPrefix: '/app/' }))).Roles!;
    expect(listed.map((r) => r.Arn)).toEqual([
      'arn:aws:iam::123456789012:role/app/a-role',
      'arn:aws:iam::123456789012:role/app/b-role',
    ]);
  });

  it('replaces the trust policy with UpdateAssumeRolePolicy, checked as CreateRole checks it', async () => {
    const { iam } = clientsFor();
    await webServerRole();
    const lambdaTrust = trustWith({ Principal: { Service: 'lambda.amazonaws.com' } });
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'WebServerRole', PolicyDocument: lambdaTrust }));
    const role = (await iam.send(new GetRoleCommand({ RoleName: 'WebServerRole' }))).Role!;
    expect(decodeURIComponent(role.AssumeRolePolicyDocument!)).toBe(lambdaTrust);
    const bad = iam.send(
      new UpdateAssumeRolePolicyCommand({ RoleName: 'WebServerRole', PolicyDocument: trustWith({ Resource: '*' }) }),
    );
    expect((await errorOf(bad)).message).toBe('Has prohibited field Resource');
  });

  it('attaches, lists and detaches managed policies on a role, counting it among the attachments', async () => {
    const { iam } = clientsFor();
    await webServerRole();
    const policy = (await iam.send(new CreatePolicyCommand({ PolicyName: 'read-photos', PolicyDocument: readPhotos })))
      .Policy!;
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'WebServerRole', PolicyArn: policy.Arn }));
    expect(
      (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'WebServerRole' }))).AttachedPolicies,
    ).toEqual([{ PolicyName: 'read-photos', PolicyArn: policy.Arn }]);
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: policy.Arn }))).Policy!.AttachmentCount).toBe(1);
    expect(await errorOf(iam.send(new DeletePolicyCommand({ PolicyArn: policy.Arn })))).toMatchObject({
      name: 'DeleteConflictException',
    });
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'WebServerRole', PolicyArn: policy.Arn }));
    expect(
      (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'WebServerRole' }))).AttachedPolicies,
    ).toEqual([]);
  });

  it('attaches AWS managed policies to a role', async () => {
    const { iam } = clientsFor();
    await webServerRole();
    const arn = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'WebServerRole', PolicyArn: arn }));
    const attached = (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'WebServerRole' })))
      .AttachedPolicies!;
    expect(attached).toEqual([{ PolicyName: 'ReadOnlyAccess', PolicyArn: arn }]);
  });

  it('puts, reads, lists and deletes a role inline policy', async () => {
    const { iam } = clientsFor();
    await webServerRole();
    await iam.send(
      new PutRolePolicyCommand({ RoleName: 'WebServerRole', PolicyName: 'photos', PolicyDocument: readPhotos }),
    );
    const got = await iam.send(new GetRolePolicyCommand({ RoleName: 'WebServerRole', PolicyName: 'photos' }));
    expect(got).toMatchObject({ RoleName: 'WebServerRole', PolicyName: 'photos' });
    expect(decodeURIComponent(got.PolicyDocument!)).toBe(readPhotos);
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'WebServerRole' }))).PolicyNames).toEqual([
      'photos',
    ]);
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'WebServerRole', PolicyName: 'photos' }));
    expect(
      await errorOf(iam.send(new GetRolePolicyCommand({ RoleName: 'WebServerRole', PolicyName: 'photos' }))),
    ).toMatchObject({ name: 'NoSuchEntityException', message: 'The role policy with name photos cannot be found.' });
  });

  it('refuses a role inline policy that names a Principal', async () => {
    const { iam } = clientsFor();
    await webServerRole();
    const put = iam.send(
      new PutRolePolicyCommand({ RoleName: 'WebServerRole', PolicyName: 'p', PolicyDocument: ec2Trust }),
    );
    expect(await errorOf(put)).toMatchObject({ name: 'MalformedPolicyDocumentException' });
  });

  it('refuses to delete a role with attached policies, then deletes it once they are detached', async () => {
    const { iam } = clientsFor();
    await webServerRole();
    const arn = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'WebServerRole', PolicyArn: arn }));
    expect(await errorOf(iam.send(new DeleteRoleCommand({ RoleName: 'WebServerRole' })))).toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must detach all policies first.',
      status: 409,
    });
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'WebServerRole', PolicyArn: arn }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'WebServerRole' }));
    expect((await errorOf(iam.send(new GetRoleCommand({ RoleName: 'WebServerRole' })))).name).toBe(
      'NoSuchEntityException',
    );
  });

  it('refuses to delete a role with inline policies', async () => {
    const { iam } = clientsFor();
    await webServerRole();
    await iam.send(
      new PutRolePolicyCommand({ RoleName: 'WebServerRole', PolicyName: 'p', PolicyDocument: readPhotos }),
    );
    expect((await errorOf(iam.send(new DeleteRoleCommand({ RoleName: 'WebServerRole' })))).message).toBe(
      'Cannot delete entity, must delete policies first.',
    );
  });

  it('tags and untags a role', async () => {
    const { iam } = clientsFor();
    await webServerRole();
    await iam.send(
      new TagRoleCommand({
        RoleName: 'WebServerRole',
        Tags: [
          { Key: 'course', Value: 'aws' },
          { Key: 'week', Value: '2' },
        ],
      }),
    );
    await iam.send(new TagRoleCommand({ RoleName: 'WebServerRole', Tags: [{ Key: 'Week', Value: '3' }] }));
    await iam.send(new UntagRoleCommand({ RoleName: 'WebServerRole', TagKeys: ['course'] }));
    expect((await iam.send(new ListRoleTagsCommand({ RoleName: 'WebServerRole' }))).Tags).toEqual([
      { Key: 'week', Value: '3' },
    ]);
  });

  it('tags users and customer managed policies', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: 'ana' }));
    await iam.send(new TagUserCommand({ UserName: 'ana', Tags: [{ Key: 'team', Value: 'web' }] }));
    expect((await iam.send(new ListUserTagsCommand({ UserName: 'ana' }))).Tags).toEqual([
      { Key: 'team', Value: 'web' },
    ]);
    const policy = (await iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: readPhotos }))).Policy!;
    await iam.send(new TagPolicyCommand({ PolicyArn: policy.Arn, Tags: [{ Key: 'owner', Value: 'ana' }] }));
    expect((await iam.send(new ListPolicyTagsCommand({ PolicyArn: policy.Arn }))).Tags).toEqual([
      { Key: 'owner', Value: 'ana' },
    ]);
  });

  it('lists roles with their policies in GetAccountAuthorizationDetails', async () => {
    const { iam } = clientsFor();
    await webServerRole();
    await iam.send(
      new PutRolePolicyCommand({ RoleName: 'WebServerRole', PolicyName: 'p', PolicyDocument: readPhotos }),
    );
    const details = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'] }));
    expect(details.RoleDetailList).toMatchObject([
      { RoleName: 'WebServerRole', RolePolicyList: [{ PolicyName: 'p' }] },
    ]);
  });

  it('simulates a role’s policies', async () => {
    const { iam } = clientsFor();
    const role = await webServerRole();
    await iam.send(
      new PutRolePolicyCommand({ RoleName: 'WebServerRole', PolicyName: 'p', PolicyDocument: readPhotos }),
    );
    const results = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: role.Arn,
        ActionNames: ['s3:GetObject', 's3:PutObject'],
        ResourceArns: ['arn:aws:s3:::photos/cat.jpg'],
      }),
    );
    expect(results.EvaluationResults!.map((r) => r.EvalDecision)).toEqual(['allowed', 'implicitDeny']);
  });

  it('lets a user create a role only when its policies allow iam:CreateRole on that role', async () => {
    const user = await userWithPolicy('ana', [{ Effect: 'Allow', Action: 'iam:GetRole', Resource: '*' }]);
    const denied = user.iam.send(
      new CreateRoleCommand({ RoleName: 'WebServerRole', AssumeRolePolicyDocument: ec2Trust }),
    );
    expect(await errorOf(denied)).toMatchObject({
      name: 'AccessDenied',
      message:
        'User: arn:aws:iam::123456789012:user/ana is not authorized to perform: iam:CreateRole on resource: ' +
        'arn:aws:iam::123456789012:role/WebServerRole because no identity-based policy allows the iam:CreateRole action',
      status: 403,
    });
  });
});
