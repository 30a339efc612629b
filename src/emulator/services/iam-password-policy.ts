/** The account's password policy: what console passwords (login profiles) must be, and how it is set and read. */
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import type { QueryOperation, QueryParams } from '../protocols/query';
import type { PasswordPolicy } from '../state';

/** The kinds of character a password policy may require, each with the policy field that requires it. */
const characterRules: { key: keyof PasswordPolicy; pattern: RegExp }[] = [
  { key: 'requireUppercaseCharacters', pattern: /[A-Z]/ },
  { key: 'requireLowercaseCharacters', pattern: /[a-z]/ },
  { key: 'requireNumbers', pattern: /[0-9]/ },
  { key: 'requireSymbols', pattern: /[^A-Za-z0-9]/ },
];

/** IAM's answer to a password the rules refuse; it names no rule, and never the password. */
const violation = () =>
  new AwsError('PasswordPolicyViolation', 'Password does not conform to the account password policy.');

/**
 * Checks a new console password: against the account's password policy when it has one, else IAM's default (at
 * least 8 characters, three of the four kinds, not the user name). IAM's PasswordPolicyViolation otherwise.
 */
export function checkPassword(ctx: ServiceContext, password: string, userName: string): void {
  const policy = ctx.account.iam.passwordPolicy;
  if (!policy) {
    const kinds = characterRules.filter((rule) => rule.pattern.test(password)).length;
    if (password.length < 8 || password.length > 128 || kinds < 3 || password === userName) throw violation();
    return;
  }
  if (password.length < policy.minimumPasswordLength) throw violation();
  if (characterRules.some((rule) => policy[rule.key] === true && !rule.pattern.test(password))) throw violation();
}

/** The numeric settings' ranges, in the order IAM reports them, with the member names its message uses. */
const numericSettings = [
  { name: 'MinimumPasswordLength', member: 'minimumPasswordLength', min: 6, max: 128 },
  { name: 'PasswordReusePrevention', member: 'passwordReusePrevention', min: 1, max: 24 },
  { name: 'MaxPasswordAge', member: 'maxPasswordAge', min: 1, max: 1095 },
];

/** Every numeric setting out of its range, reported together as IAM's ValidationError does. */
function checkRanges(params: QueryParams): void {
  const problems = numericSettings.flatMap(({ name, member, min, max }) => {
    const text = params.get(name);
    if (text === undefined || !/^-?\d+$/.test(text)) return [];
    const value = Number(text);
    if (value >= min && value <= max) return [];
    const bound = value < min ? `greater than or equal to ${min}` : `less than or equal to ${max}`;
    return [`Value '${text}' at '${member}' failed to satisfy constraint: Member must have value ${bound}`];
  });
  if (problems.length === 0) return;
  const count = `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected`;
  throw new AwsError('ValidationError', `${count}: ${problems.join('; ')}`);
}

/** A numeric setting as sent, within its range; undefined when the request leaves it out. */
function numericSetting(params: QueryParams, name: string): number | undefined {
  const { min, max } = numericSettings.find((setting) => setting.name === name)!;
  return params.get(name) === undefined ? undefined : params.int(name, min, min, max);
}

/** The policy a request sets; a setting it leaves out takes IAM's default (a minimum length of 6). */
function readPolicy(params: QueryParams): PasswordPolicy {
  checkRanges(params);
  return {
    minimumPasswordLength: numericSetting(params, 'MinimumPasswordLength') ?? 6,
    requireSymbols: params.bool('RequireSymbols') ?? false,
    requireNumbers: params.bool('RequireNumbers') ?? false,
    requireUppercaseCharacters: params.bool('RequireUppercaseCharacters') ?? false,
    requireLowercaseCharacters: params.bool('RequireLowercaseCharacters') ?? false,
    allowUsersToChangePassword: params.bool('AllowUsersToChangePassword') ?? false,
    maxPasswordAge: numericSetting(params, 'MaxPasswordAge'),
    passwordReusePrevention: numericSetting(params, 'PasswordReusePrevention'),
    hardExpiry: params.bool('HardExpiry') ?? false,
  };
}

/** The account's password policy, as GetAccountPasswordPolicy reads it; NoSuchEntity while there is none. */
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
      if (!ctx.account.iam.passwordPolicy)
        throw new AwsError('NoSuchEntity', 'The account policy with name PasswordPolicy cannot be found.', 404);
      delete ctx.account.iam.passwordPolicy;
      return undefined;
    },
  },
};
