import { maskKeys } from '../../checkers/aws-errors';

/**
 * A run of 40 characters of a secret access key's alphabet (letters, digits, `/` and `+`) standing on its own. Runs
 * of hex digits alone are left: those are hashes (a commit, an ETag), and a random secret is never all hex.
 */
const secretAccessKeyPattern = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/g;
const hexOnly = /^[0-9a-fA-F]+$/;

/** What a removed secret access key reads as. */
export const removedSecretText = '[secret removed]';

/**
 * Text safe to hand to someone else: access key ids masked to their first and last four characters (`AKIA…WXYZ`, by
 * the checkers' own {@link maskKeys}) and secret access keys removed. Checkers already mask what they report; this
 * is the second guard, for text that leaves the learner's machine, in case a checker slips.
 *
 * @example
 * redactCredentials('key AKIAIOSFODNN7EXAMPLE secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
 * // 'key AKIA…MPLE secret [secret removed]'
 */
export function redactCredentials(text: string): string {
  return maskKeys(text).replace(secretAccessKeyPattern, (run) => (hexOnly.test(run) ? run : removedSecretText));
}
