import type { Progress, QuizProgress, VerifyAttempt } from './schema';
import { progressFormat, progressVersion } from './format';
import { isPlainObject } from '../lib/is-plain-object';
import { nameRecord, ownEntry, parseJsonRecords } from '../lib/name-record';

/**
 * Pure updates of a progress record. They never mutate their input and import no zod, so the site's small shared
 * script can use them on every page; full validation with the zod schema happens where files come in (import, CLI).
 * Lessons and quizzes are keyed by lesson id in name records, so any id is an entry like another (`__proto__`).
 */

/** A record for a learner who has done nothing yet. */
export function emptyProgress(learnerId: string, now: Date): Progress {
  return {
    format: progressFormat,
    version: progressVersion,
    learner: { id: learnerId },
    updatedAt: now.toISOString(),
    lessons: nameRecord(),
    quizzes: nameRecord(),
    attempts: [],
  };
}

/** The record after the learner opened a lesson. */
export function recordLessonVisit(progress: Progress, lessonId: string, now: Date): Progress {
  const at = now.toISOString();
  const previous = ownEntry(progress.lessons, lessonId);
  const visit = { firstVisitedAt: previous?.firstVisitedAt ?? at, lastVisitedAt: at };
  return {
    ...progress,
    updatedAt: at,
    lessons: nameRecord([...Object.entries(progress.lessons), [lessonId, visit]]),
  };
}

/**
 * The record after the learner answered a quiz question. `answers` maps each answered question's index to the chosen
 * choice's id (never its position on screen, which differs between learners); `rightAnswers` holds the right choice's
 * id per question, so the score is computed here, in one place. The quiz counts as completed the first time every
 * question has an answer, and stays completed after a retry.
 */
export function recordQuizAnswers(
  progress: Progress,
  lessonId: string,
  answers: Readonly<Record<number, number>>,
  rightAnswers: readonly number[],
  now: Date,
): Progress {
  const at = now.toISOString();
  const total = rightAnswers.length;
  const answered = Object.entries(answers).filter(([index]) => Number(index) < total);
  const correct = answered.filter(([index, choice]) => rightAnswers[Number(index)] === choice).length;
  const previous = ownEntry(progress.quizzes, lessonId);
  const completedAt = previous?.completedAt ?? (answered.length === total ? at : undefined);
  const quiz: QuizProgress = {
    answers: Object.fromEntries(answered.map(([index, choice]) => [String(index), choice])),
    correct,
    total,
    ...(completedAt ? { completedAt } : {}),
    // The launch that sent the finished quiz stays with it: its statement keeps the id it was sent with.
    ...(previous?.launch ? { launch: previous.launch } : {}),
  };
  return { ...progress, updatedAt: at, quizzes: nameRecord([...Object.entries(progress.quizzes), [lessonId, quiz]]) };
}

/** The record with one more Verify attempt appended. Attempts are kept in full: they are the learner's history. */
export function recordVerifyAttempt(progress: Progress, attempt: VerifyAttempt): Progress {
  return { ...progress, updatedAt: attempt.at, attempts: [...progress.attempts, attempt] };
}

/** The learner's latest Verify attempt for an exercise, if any. */
export function lastAttempt(progress: Progress, exercise: string): VerifyAttempt | undefined {
  return progress.attempts.findLast((attempt) => attempt.exercise === exercise);
}

/** What the course frame shows next to a lesson: opened at all, quiz finished, exercise verified. */
export interface LessonMarks {
  /** The learner opened the lesson at least once. */
  visited: boolean;
  /** Every question of the lesson's quiz has an answer. */
  quizDone: boolean;
  /** The right answers of the lesson's quiz, when it has been answered. */
  quizScore?: { correct: number; total: number };
  /** A Verify attempt of the lesson's exercise passed at least once. */
  verified: boolean;
}

/** The marks of one lesson; `exercise` is the exercise the lesson verifies, if any. */
export function lessonMarks(progress: Progress, lessonId: string, exercise?: string): LessonMarks {
  const quiz = ownEntry(progress.quizzes, lessonId);
  return {
    visited: Object.hasOwn(progress.lessons, lessonId),
    quizDone: Boolean(quiz?.completedAt),
    ...(quiz ? { quizScore: { correct: quiz.correct, total: quiz.total } } : {}),
    verified: exercise ? progress.attempts.some((a) => a.exercise === exercise && a.status === 'passed') : false,
  };
}

/** Why a stored value could not be read as a progress record. */
export interface ProgressProblem {
  /** A stable code: `not-json`, `foreign-format`, `newer-version`, `malformed`. */
  code: 'not-json' | 'foreign-format' | 'newer-version' | 'malformed';
  /** What is wrong, for the learner. */
  message: string;
}

/**
 * Reads a stored JSON text as a progress record, checking the structure the course frame relies on (format, version,
 * learner, the lessons/quizzes maps and the attempts list). It is deliberately lighter than the zod schema, which
 * costs more bytes than the whole frame script may ship; files from elsewhere go through the schema instead.
 */
export function readStoredProgress(text: string): Progress | ProgressProblem {
  let value: unknown;
  try {
    value = parseJsonRecords(text);
  } catch {
    return { code: 'not-json', message: 'The saved progress is not valid JSON.' };
  }
  if (!isPlainObject(value) || value.format !== progressFormat) {
    return {
      code: 'foreign-format',
      message: `The saved data is not a course progress record (no "format": "${progressFormat}").`,
    };
  }
  if (typeof value.version !== 'number' || value.version > progressVersion) {
    return {
      code: 'newer-version',
      message: `The saved progress has version ${String(value.version)}; this course reads version ${progressVersion}.`,
    };
  }
  const lessons = value.lessons;
  const quizzes = value.quizzes;
  const wellFormed =
    isPlainObject(value.learner) &&
    typeof value.learner.id === 'string' &&
    typeof value.updatedAt === 'string' &&
    isPlainObject(lessons) &&
    Object.values(lessons).every(
      (l) => isPlainObject(l) && typeof l.firstVisitedAt === 'string' && typeof l.lastVisitedAt === 'string',
    ) &&
    isPlainObject(quizzes) &&
    Object.values(quizzes).every(
      (q) =>
        isPlainObject(q) && isPlainObject(q.answers) && typeof q.correct === 'number' && typeof q.total === 'number',
    ) &&
    Array.isArray(value.attempts) &&
    value.attempts.every((a) => isPlainObject(a) && typeof a.exercise === 'string' && typeof a.status === 'string');
  if (!wellFormed) {
    return { code: 'malformed', message: 'The saved progress is missing fields or has fields of the wrong type.' };
  }
  return value as unknown as Progress;
}

/** Tells a problem from a record. */
export function isProgressProblem(value: Progress | ProgressProblem): value is ProgressProblem {
  return 'code' in value && !('format' in value);
}
