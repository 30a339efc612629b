import { CreateAccessKeyCommand, GetUserCommand } from '@aws-sdk/client-iam';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { userWithPolicy } from './policy-user';
import { useSandbox } from './sandbox-clients';

useSandbox();

describe('a user’s path in its ARN', () => {
  const adminsDenied = [
    { Effect: 'Allow', Action: ['iam:*', 's3:*'], Resource: '*' },
    { Effect: 'Deny', Action: 'iam:*', Resource: 'arn:aws:iam::*:user/admins/*' },
  ];

  it('is in the ARN GetCallerIdentity answers', async () => {
    const boss = await userWithPolicy('boss', adminsDenied, { path: '/admins/' });
    expect((await boss.sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(
      'arn:aws:iam::123456789012:user/admins/boss',
    );
  });

  it('is in the resource ARN of IAM actions on the user, so a Deny on the path applies', async () => {
    const boss = await userWithPolicy('boss', adminsDenied, { path: '/admins/' });
    const denied = await errorOf(boss.iam.send(new CreateAccessKeyCommand({})));
    expect(denied).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(denied.message).toBe(
      'User: arn:aws:iam::123456789012:user/admins/boss is not authorized to perform: iam:CreateAccessKey on ' +
        'resource: arn:aws:iam::123456789012:user/admins/boss with an explicit deny in an identity-based policy',
    );
    expect((await errorOf(boss.iam.send(new GetUserCommand({ UserName: 'boss' })))).name).toBe('AccessDenied');
  });

  it('leaves users outside the path alone', async () => {
    const ana = await userWithPolicy('ana', adminsDenied, { path: '/staff/' });
    expect((await ana.iam.send(new GetUserCommand({}))).User!.Arn).toBe('arn:aws:iam::123456789012:user/staff/ana');
  });

  it('is the aws:PrincipalArn conditions see', async () => {
    const boss = await userWithPolicy(
      'boss',
      [
        { Effect: 'Allow', Action: 's3:*', Resource: '*' },
        {
          Effect: 'Deny',
          Action: 's3:*',
          Resource: '*',
          Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:user/admins/*' } },
        },
      ],
      { path: '/admins/' },
    );
    expect((await errorOf(boss.s3.send(new ListBucketsCommand({})))).name).toBe('AccessDenied');
  });
});
