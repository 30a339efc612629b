/**
 * The outcomes a check and a whole run can have, listed once. The progress schema's enums, the marks and colours of
 * `awscourse check`, and the Verify panel's words all derive from these tables.
 */

/** Each check outcome with how it is shown. `warn` passes but flags something to act on (a resource still billing). */
export const checkStatuses = {
  pass: { mark: '✓', words: 'Passed', ansiColour: 32, passing: true },
  fail: { mark: '✗', words: 'Failed', ansiColour: 31, passing: false },
  error: { mark: '!', words: 'Error', ansiColour: 31, passing: false },
  skip: { mark: '–', words: 'Skipped', ansiColour: 90, passing: false },
  warn: { mark: '⚠', words: 'Warning', ansiColour: 33, passing: true },
} as const;

/** A check's outcome. */
export type CheckStatus = keyof typeof checkStatuses;

/** Every check status, for enums (`z.enum(checkStatusIds)`). */
export const checkStatusIds = Object.keys(checkStatuses) as [CheckStatus, ...CheckStatus[]];

/** A whole run's outcome, with the words the Verify panel's heading and the terminal's verdict use. */
export const runStatuses = {
  passed: { heading: 'Passed', verdict: 'passed', shownAs: 'pass' },
  failed: { heading: 'Not yet', verdict: 'failed', shownAs: 'fail' },
  error: { heading: 'Could not check', verdict: 'could not check', shownAs: 'error' },
} as const satisfies Record<string, { heading: string; verdict: string; shownAs: CheckStatus }>;

/** A run's outcome: every check passed, one failed, or the account could not be read (or a check broke). */
export type RunStatus = keyof typeof runStatuses;

/** Every run status, for enums. */
export const runStatusIds = Object.keys(runStatuses) as [RunStatus, ...RunStatus[]];

/** How many of the checks passed, counting warnings (they pass, with advice). */
export function passedCount(checks: readonly { status: CheckStatus }[]): number {
  return checks.filter((check) => checkStatuses[check.status].passing).length;
}

/** The run's outcome from its checks: an error anywhere wins, then a failure, else passed. */
export function runStatusOf(checks: readonly { status: CheckStatus }[]): RunStatus {
  if (checks.some((check) => check.status === 'error')) return 'error';
  if (checks.some((check) => check.status === 'fail')) return 'failed';
  return 'passed';
}
