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

/** Every action any of the checkers may call, sorted: what a dedicated checker user or role needs. */
export function checkerActions(checkers: readonly Checker<never, unknown>[]): string[] {
  return [...new Set([...runnerPermissions, ...checkers.flatMap((c) => c.permissions)])].sort();
}

/** The least-privilege IAM policy for running the checkers, as the JSON document `awscourse policy` prints. */
export function checkerPolicyDocument(checkers: readonly Checker<never, unknown>[]): string {
  const document = {
    Version: '2012-10-17',
    Statement: [{ Sid: 'AwsCourseReadOnlyCheckers', Effect: 'Allow', Action: checkerActions(checkers), Resource: '*' }],
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
