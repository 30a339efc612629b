import type { CheckerRun } from '../../checkers/run';
import type { ExerciseId } from '../lessons/schema';
import type { VerifyAttempt } from '../progress/schema';

/** A checker's result as the progress record keeps it: when, how, and each check (key ids already masked). */
export function verifyAttemptOf(run: CheckerRun, at: Date = new Date()): VerifyAttempt {
  return {
    exercise: run.exercise as ExerciseId,
    at: at.toISOString(),
    mode: run.mode,
    status: run.status,
    region: run.region,
    account: run.account,
    durationMs: run.durationMs,
    checkerVersion: run.checkerVersion,
    checks: run.checks.map(({ id, title, status, message, hint, evidence }) => ({
      id,
      title,
      status,
      message,
      hint,
      evidence,
    })),
  };
}
