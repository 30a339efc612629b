/**
 * A progress record reduced to what a class's report shows of it: the learner, their quiz scores, and each Verify
 * attempt with how many of its checks passed, but not every check's words. A class of thousands of records fits in
 * memory this way; the outputs that need every check of every attempt (the tidy CSV, xAPI) read the records again,
 * one at a time, each with its learner's identity (record-owners.ts).
 */
import { passedCount } from '../../checkers/status';
import type { Progress, QuizProgress, VerifyAttempt } from './schema';

/** A check an attempt failed, as the dashboard's "checks learners fail most" counts it. */
export type CheckFailure = Pick<VerifyAttempt['checks'][number], 'id' | 'title' | 'message'>;

/** One Verify attempt without its checks: where and when it ran, its result, and its checks counted. */
export interface AttemptSummary
  extends Pick<VerifyAttempt, 'exercise' | 'at' | 'mode' | 'status' | 'region' | 'account'> {
  /** How many of its checks passed (a warning passes). */
  passedChecks: number;
  /** How many checks it has. */
  checkCount: number;
  /**
   * Its checks that failed (status `fail`; not one that could not run), with their messages: kept only where the
   * dashboard may count them, on an attempt that can be its exercise's latest (see {@link summarizeProgress}).
   */
  failures?: CheckFailure[];
}

/** A quiz's score: its answers left out. */
export type QuizScore = Omit<QuizProgress, 'answers'>;

/** A learner's progress as a class's report keeps it. */
export interface ProgressSummary {
  learner: Progress['learner'];
  /** When the record was last changed. */
  updatedAt: string;
  /** Each quiz's score, keyed by lesson id. */
  quizzes: Record<string, QuizScore>;
  /** Every Verify attempt, in the record's order. */
  attempts: AttemptSummary[];
}

/** An attempt without its checks' words; with the checks it failed when `latest` says it can be the latest. */
function summarizeAttempt(attempt: VerifyAttempt, latest: boolean): AttemptSummary {
  const { exercise, at, mode, status, region, account, checks } = attempt;
  return {
    exercise,
    at,
    mode,
    status,
    ...(region === undefined ? {} : { region }),
    ...(account === undefined ? {} : { account }),
    passedChecks: passedCount(checks),
    checkCount: checks.length,
    ...(latest
      ? {
          failures: checks
            .filter((check) => check.status === 'fail')
            .map(({ id, title, message }) => (title === undefined ? { id, message } : { id, title, message })),
        }
      : {}),
  };
}

/**
 * The attempts that can be their exercise's latest, by index: the record's last of each exercise (a learner of one
 * file), and its latest in time, the last of those at one instant (a learner of several files, whose attempts are
 * merged in time order, a newer copy of one replacing an older). Records are written in time order, so these are
 * most often the same attempt.
 */
function latestAttempts(attempts: VerifyAttempt[]): Set<number> {
  const last = new Map<string, number>();
  const newest = new Map<string, { index: number; instant: number }>();
  attempts.forEach(({ exercise, at }, index) => {
    last.set(exercise, index);
    const time = instant(at);
    if (time >= (newest.get(exercise)?.instant ?? Number.NEGATIVE_INFINITY))
      newest.set(exercise, { index, instant: time });
  });
  return new Set([...last.values(), ...[...newest.values()].map((latest) => latest.index)]);
}

/** A record as a class's report keeps it. */
export function summarizeProgress(progress: Progress): ProgressSummary {
  const latest = latestAttempts(progress.attempts);
  return {
    learner: progress.learner,
    updatedAt: progress.updatedAt,
    // fromEntries defines each key as the record's own, `__proto__` included, as the schema does.
    quizzes: Object.fromEntries(
      Object.entries(progress.quizzes).map(([lesson, { answers: _answers, ...score }]) => [lesson, score]),
    ),
    attempts: progress.attempts.map((attempt, index) => summarizeAttempt(attempt, latest.has(index))),
  };
}

/**
 * A function that makes the summaries given to it share the strings their attempts repeat (exercise, result, mode,
 * region, account), changing them in place. A summary made on another thread comes as a copy, every string its own:
 * a class's attempts then hold the same few words hundreds of thousands of times.
 */
export function stringSharer(): (summary: ProgressSummary) => void {
  const shared = new Map<string, string>();
  const share = <T extends string | undefined>(text: T): T => {
    if (text === undefined) return text;
    const known = shared.get(text);
    if (known !== undefined) return known as T;
    shared.set(text, text);
    return text;
  };
  return ({ attempts }) => {
    for (const attempt of attempts) {
      attempt.exercise = share(attempt.exercise);
      attempt.status = share(attempt.status);
      attempt.mode = share(attempt.mode);
      if (attempt.region !== undefined) attempt.region = share(attempt.region);
      if (attempt.account !== undefined) attempt.account = share(attempt.account);
    }
  };
}

/** An ISO time as milliseconds, so times written with different offsets compare by the instant they name. */
export const instant = (time: string) => Date.parse(time);

/** What tells one attempt from another of the same learner: its exercise and the instant it finished. */
export const attemptKey = (attempt: { exercise: string; at: string }) => `${attempt.exercise}\n${instant(attempt.at)}`;

/**
 * Two summaries of one learner as one: the newer's identity (a name or roster id from either), the newer quiz
 * scores, each attempt once (by exercise and instant; the newer file's copy), sorted by time.
 */
export function mergeSummaries(a: ProgressSummary, b: ProgressSummary): ProgressSummary {
  const [older, newer] = instant(a.updatedAt) <= instant(b.updatedAt) ? [a, b] : [b, a];
  const attempts = new Map<string, AttemptSummary>();
  for (const attempt of [...older.attempts, ...newer.attempts]) attempts.set(attemptKey(attempt), attempt);
  const name = newer.learner.name ?? older.learner.name;
  const rosterId = newer.learner.rosterId ?? older.learner.rosterId;
  return {
    learner: { ...newer.learner, ...(name ? { name } : {}), ...(rosterId ? { rosterId } : {}) },
    updatedAt: newer.updatedAt,
    quizzes: { ...older.quizzes, ...newer.quizzes },
    attempts: [...attempts.values()].sort((x, y) => instant(x.at) - instant(y.at)),
  };
}
