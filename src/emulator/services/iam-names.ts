import { AwsError } from '../aws-error';

/** The characters IAM allows in user, role, policy and instance profile names. */
const namePattern = /^[\w+=,.@-]+$/;

/**
 * An IAM name as given, or IAM's ValidationError for one that is empty, too long or has a character IAM refuses.
 *
 * @example
 * validateName('edXProjectUser', 'userName') // 'edXProjectUser'
 */
export function validateName(value: string, member: string, max = 64): string {
  if (value.length < 1 || value.length > max || !namePattern.test(value)) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${value.slice(0, 80)}' at '${member}' failed to satisfy constraint: Member ` +
        `must satisfy regular expression pattern: [\\w+=,.@-]+ and length between 1 and ${max}`,
    );
  }
  return value;
}

/** An IAM path (`/` when none is given), or IAM's ValidationError for one that does not begin and end with `/`. */
export function validatePath(value: string | undefined): string {
  const path = value ?? '/';
  if (!/^\/(?:[\x21-\x7e]*\/)?$/.test(path) || path.length > 512) {
    throw new AwsError(
      'ValidationError',
      `The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters ` +
        `and/or / characters.`,
    );
  }
  return path;
}

/**
 * A value that must be one of a parameter's allowed values, or IAM's ValidationError naming them.
 *
 * @example
 * enumValue('Inactive', 'status', ['Active', 'Inactive']) // 'Inactive'
 */
export function enumValue<const T extends string>(value: string, member: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new AwsError(
    'ValidationError',
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must ` +
      `satisfy enum value set: [${allowed.join(', ')}]`,
  );
}
