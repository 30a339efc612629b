import { nameRecord } from '../lib/name-record';
import type { Progress, QuizProgress, VerifyAttempt } from './schema';
import type { StatementLaunch } from './statement-launch-schema';

/**
 * The record with `launch` kept on every Verify attempt and finished quiz that no launch has sent yet (made at or
 * after `since`, when given): a launch does this before it sends them for the first time, so that statements made
 * again from the record, by the site or by `awscourse report` from the learner's file, are the ones it sent. The
 * record itself when there is nothing to keep, so that nothing is saved for nothing.
 *
 * @example
 * keepLaunch(progress, { kind: 'xapi', registration }, now); // each attempt not sent yet now names the registration
 */
export function keepLaunch(progress: Progress, launch: StatementLaunch, now: Date, since?: string): Progress {
  const due = (at: string | undefined, kept: StatementLaunch | undefined) =>
    at !== undefined && kept === undefined && (since === undefined || Date.parse(at) >= Date.parse(since));
  const attempts = progress.attempts.filter((attempt) => due(attempt.at, attempt.launch));
  const quizzes = Object.entries(progress.quizzes).filter(([, quiz]) => due(quiz.completedAt, quiz.launch));
  if (attempts.length === 0 && quizzes.length === 0) return progress;
  const newlySent = new Set<VerifyAttempt | QuizProgress>([...attempts, ...quizzes.map(([, quiz]) => quiz)]);
  const withLaunch = <T extends VerifyAttempt | QuizProgress>(item: T): T =>
    newlySent.has(item) ? { ...item, launch } : item;
  return {
    ...progress,
    updatedAt: now.toISOString(),
    attempts: progress.attempts.map(withLaunch),
    quizzes: nameRecord(Object.entries(progress.quizzes).map(([lessonId, quiz]) => [lessonId, withLaunch(quiz)])),
  };
}
