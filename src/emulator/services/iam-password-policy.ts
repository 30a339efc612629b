/** The account's password policy: what console passwords (login profiles) must be, and how it is set and read. */
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import type { QueryOperation, QueryParams } from '../protocols/query';
import type { PasswordPolicy } from '../state';

/** What each rule of a password policy demands, in the words of the error that names it. */
const characterRules: { key: keyof PasswordPolicy; pattern: RegExp; words: string }[] = [
  { key: 'requireUppercaseCharacters', pattern: /[A-Z]/, words: 'at least one uppercase letter' },
  { key: 'requireLowercaseCharacters', pattern: /[a-z]/, words: 'at least one lowercase letter' },
  { key: 'requireNumbers', pattern: /[0-9]/, words: 'at least one number' },
  { key: 'requireSymbols', pattern: /[^A-Za-z0-9]/, words: 'at least one symbol' },
];

function violation(what: string): AwsError {
  return new AwsError('PasswordPolicyViolation', `Password does not conform to the account password policy: ${what}.`);
}

/**
 * Checks a new console password: against the account's password policy when it has one, else IAM's default (at
 * least 8 characters, three of the four kinds, not the user name). IAM's PasswordPolicyViolation otherwise; the
 * message never repeats the password.
 */
export function checkPassword(ctx: ServiceContext, password: string, userName: string): void {
  const policy = ctx.account.iam.passwordPolicy;
  if (!policy) {
    const kinds = characterRules.filter((rule) => rule.pattern.test(password)).length;
    if (password.length < 8 || password.length > 128 || kinds < 3 || password === userName)
      throw violation(
        'at least 8 characters, at least three of uppercase letters, lowercase letters, numbers and symbols, and ' +
          'not the user name',
      );
    return;
  }
  if (password.length < policy.minimumPasswordLength)
    throw violation(`at least ${policy.minimumPasswordLength} characters`);
  const missing = characterRules.filter((rule) => policy[rule.key] === true && !rule.pattern.test(password));
  if (missing.length) throw violation(missing.map((rule) => rule.words).join(', '));
}

function readPolicy(params: QueryParams): PasswordPolicy {
  const maxPasswordAge =
    params.get('MaxPasswordAge') === undefined ? undefined : params.int('MaxPasswordAge', 0, 1, 1095);
  const reuse = params.get('PasswordReusePrevention');
  return {
    minimumPasswordLength: params.int('MinimumPasswordLength', 8, 6, 128),
    requireSymbols: params.bool('RequireSymbols') ?? false,
    requireNumbers: params.bool('RequireNumbers') ?? false,
    requireUppercaseCharacters: params.bool('RequireUppercaseCharacters') ?? false,
    requireLowercaseCharacters: params.bool('RequireLowercaseCharacters') ?? false,
    allowUsersToChangePassword: params.bool('AllowUsersToChangePassword') ?? false,
    maxPasswordAge,
    passwordReusePrevention: reuse === undefined ? undefined : params.int('PasswordReusePrevention', 0, 1, 24),
    hardExpiry: params.bool('HardExpiry') ?? false,
  };
}

function requirePolicy(ctx: ServiceContext): PasswordPolicy {
  const policy = ctx.account.iam.passwordPolicy;
  if (!policy)
    throw new AwsError(
      'NoSuchEntity',
      `The Password Policy with domain name ${ctx.account.accountId} cannot be found.`,
      404,
    );
  return policy;
}

/** The account password policy operations. */
export const passwordPolicyOperations: Record<string, QueryOperation> = {
  UpdateAccountPasswordPolicy: {
    run(params, ctx) {
      ctx.account.iam.passwordPolicy = readPolicy(params);
      return undefined;
    },
  },

  GetAccountPasswordPolicy: {
    run(_params, ctx) {
      const policy = requirePolicy(ctx);
      return {
        PasswordPolicy: {
          MinimumPasswordLength: policy.minimumPasswordLength,
          RequireSymbols: policy.requireSymbols,
          RequireNumbers: policy.requireNumbers,
          RequireUppercaseCharacters: policy.requireUppercaseCharacters,
          RequireLowercaseCharacters: policy.requireLowercaseCharacters,
          AllowUsersToChangePassword: policy.allowUsersToChangePassword,
          ExpirePasswords: policy.maxPasswordAge !== undefined,
          MaxPasswordAge: policy.maxPasswordAge,
          PasswordReusePrevention: policy.passwordReusePrevention,
          HardExpiry: policy.hardExpiry,
        },
      };
    },
  },

  DeleteAccountPasswordPolicy: {
    run(_params, ctx) {
      requirePolicy(ctx);
      delete ctx.account.iam.passwordPolicy;
      return undefined;
    },
  },
};
