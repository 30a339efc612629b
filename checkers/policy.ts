import type { Checker } from './contract';
import { runnerPermissions } from './run';

/** Read-only, as IAM names them: the prefixes and the two exceptions the checkers are allowed. */
export function isReadOnlyAction(action: string): boolean {
  const name = action.split(':')[1] ?? '';
  return (
    /^(Describe|List|Get|Head)/.test(name) ||
    action === 'sts:GetCallerIdentity' ||
    action === 'rekognition:DetectLabels'
  );
}

/**
 * Every action any of the checkers may call, and any `also` (the account diagram's reads), sorted: what a dedicated
 * checker user or role needs.
 */
export function checkerActions(checkers: readonly Checker<never, unknown>[], also: readonly string[] = []): string[] {
  return [...new Set([...runnerPermissions, ...checkers.flatMap((c) => c.permissions), ...also])].sort();
}

/** The least-privilege IAM policy for running the checkers, as the JSON document `awscourse policy` prints. */
export function checkerPolicyDocument(
  checkers: readonly Checker<never, unknown>[],
  also: readonly string[] = [],
): string {
  const document = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AwsCourseReadOnlyCheckers', Effect: 'Allow', Action: checkerActions(checkers, also), Resource: '*' },
    ],
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
