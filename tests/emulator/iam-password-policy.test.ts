import {
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteAccountPasswordPolicyCommand,
  GetAccountPasswordPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

const strict = {
  MinimumPasswordLength: 14,
  RequireSymbols: true,
  RequireNumbers: true,
  RequireUppercaseCharacters: true,
  RequireLowercaseCharacters: true,
  AllowUsersToChangePassword: true,
  MaxPasswordAge: 90,
};

describe('the account password policy in the sandbox', () => {
  it('answers NoSuchEntity while the account has none', async () => {
    expect(await errorOf(clientsFor().iam.send(new GetAccountPasswordPolicyCommand({})))).toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The Password Policy with domain name 123456789012 cannot be found.',
      status: 404,
    });
  });

  it('answers a delete while the account has no policy in IAM’s words', async () => {
    expect(await errorOf(clientsFor().iam.send(new DeleteAccountPasswordPolicyCommand({})))).toEqual({
      name: 'NoSuchEntityException',
      message: 'The account policy with name PasswordPolicy cannot be found.',
      status: 404,
    });
  });

  it('keeps the policy set, with ExpirePasswords following MaxPasswordAge', async () => {
    const { iam } = clientsFor();
    await iam.send(new UpdateAccountPasswordPolicyCommand(strict));
    expect((await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy).toMatchObject({
      ...strict,
      ExpirePasswords: true,
      HardExpiry: false,
    });
  });

  it('refuses a console password shorter than the policy asks', async () => {
    const { iam } = clientsFor();
    await iam.send(new UpdateAccountPasswordPolicyCommand(strict));
    await iam.send(new CreateUserCommand({ UserName: 'ana' }));
    const short = iam.send(new CreateLoginProfileCommand({ UserName: 'ana', Password: 'Sh0rt!pass' }));
    expect(await errorOf(short)).toMatchObject({
      name: 'PasswordPolicyViolationException',
      message: 'Password does not conform to the account password policy.',
    });
  });

  it('refuses a password lacking a kind of character the policy requires, in IAM’s words', async () => {
    const { iam } = clientsFor();
    await iam.send(new UpdateAccountPasswordPolicyCommand(strict));
    await iam.send(new CreateUserCommand({ UserName: 'ana' }));
    const weak = iam.send(new CreateLoginProfileCommand({ UserName: 'ana', Password: 'longlowercasepassword' }));
    expect(await errorOf(weak)).toEqual({
      name: 'PasswordPolicyViolationException',
      message: 'Password does not conform to the account password policy.',
      status: 400,
    });
  });

  it('takes a minimum length of 6 when the policy sets none', async () => {
    const { iam } = clientsFor();
    await iam.send(new UpdateAccountPasswordPolicyCommand({}));
    expect((await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy!.MinimumPasswordLength).toBe(6);
  });

  it('reports every setting out of its range at once', async () => {
    const update = clientsFor().iam.send(
      new UpdateAccountPasswordPolicyCommand({
        MinimumPasswordLength: 129,
        PasswordReusePrevention: 25,
        MaxPasswordAge: 0,
      }),
    );
    expect(await errorOf(update)).toEqual({
      name: 'ValidationError',
      message:
        "3 validation errors detected: Value '129' at 'minimumPasswordLength' failed to satisfy constraint: Member " +
        "must have value less than or equal to 128; Value '25' at 'passwordReusePrevention' failed to satisfy " +
        "constraint: Member must have value less than or equal to 24; Value '0' at 'maxPasswordAge' failed to " +
        'satisfy constraint: Member must have value greater than or equal to 1',
      status: 400,
    });
  });

  it('accepts a password the policy allows, though IAM’s default would not', async () => {
    const { iam } = clientsFor();
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 6 }));
    await iam.send(new CreateUserCommand({ UserName: 'ana' }));
    const profile = await iam.send(new CreateLoginProfileCommand({ UserName: 'ana', Password: 'simple' }));
    expect(profile.LoginProfile!.UserName).toBe('ana');
  });

  it('goes back to IAM’s default rules once the policy is deleted', async () => {
    const { iam } = clientsFor();
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 6 }));
    await iam.send(new DeleteAccountPasswordPolicyCommand({}));
    await iam.send(new CreateUserCommand({ UserName: 'ana' }));
    const simple = iam.send(new CreateLoginProfileCommand({ UserName: 'ana', Password: 'simple' }));
    expect((await errorOf(simple)).name).toBe('PasswordPolicyViolationException');
  });
});
