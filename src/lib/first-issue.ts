import type { z } from 'zod';

/**
 * A failed zod parse's first issue, for a message: where it is (when not at the top) and what is wrong.
 *
 * @example
 * `${file} is damaged${firstIssue(result.error)}.` // "… is damaged at attempts.0.exercise: Invalid option …."
 */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const where = issue.path.length ? ` at ${issue.path.join('.')}` : '';
  return `${where}: ${issue.message}`;
}
