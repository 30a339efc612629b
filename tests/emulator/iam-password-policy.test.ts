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
      message: 'Password does not conform to the account password policy: at least 14 characters.',
    });
  });

  it('names the kinds of character a password lacks', async () => {
    const { iam } = clientsFor();
    await iam.send(new UpdateAccountPasswordPolicyCommand(strict));
    await iam.send(new CreateUserCommand({ UserName: 'ana' }));
    const weak = iam.send(new CreateLoginProfileCommand({ UserName: 'ana', Password: 'longlowercasepassword' }));
    expect((await errorOf(weak)).message).toBe(
      'Password does not conform to the account password policy: at least one uppercase letter, at least one ' +
        'number, at least one symbol.',
    );
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
