/**
 * A class's progress from many learners' files, as an instructor's report reads it: each file read or skipped with
 * its reason, a learner's files merged into one summary of their record, and the learners × exercises matrix. Pure
 * functions of the files' texts, so `awscourse report` and the site's Instructor page give the same answer.
 */
import { exerciseIds, type ExerciseId } from '../lessons/schema';
import { firstIssue } from '../lib/first-issue';
import { isPlainObject } from '../lib/is-plain-object';
import type { SkippedSource } from './progress-archive';
import { type AttemptSummary, mergeSummaries, type ProgressSummary, summarizeProgress } from './progress-summary';
import { type Progress, progressFormat, progressSchema, progressVersion } from './schema';

/** One file given to a report: its name (a path, or an entry of a zip) and its text. */
export interface ProgressSource {
  name: string;
  text: string;
}

/** A file read as a learner's progress record. */
export interface ReadRecord {
  name: string;
  progress: Progress;
}

/** A file read and reduced to the summary of its record (see progress-summary.ts). */
export interface ReadSummary {
  name: string;
  progress: ProgressSummary;
}

/** A file read as a learner's progress, or skipped with the reason an instructor is shown. */
export type ReadProgress = ReadRecord | { name: string; skipped: string };

/** Whether JSON.parse failed where the text ends (a file cut off in a download), not on something wrong before. */
function endsEarly(error: unknown, text: string): boolean {
  if (!(error instanceof SyntaxError)) return false;
  if (/end of (JSON )?input/i.test(error.message)) return true;
  const at = /at position (\d+)/.exec(error.message)?.[1];
  return at !== undefined && Number(at) >= text.trimEnd().length && text.trimStart().startsWith('{');
}

/**
 * Reads one file as a progress record. A file is skipped, with its reason, when it is not JSON, ends early (cut off
 * in a download), is another program's JSON, was written by a newer course, or breaks the schema (with where).
 */
export function readProgressSource({ name, text }: ProgressSource): ReadProgress {
  let json: unknown;
  try {
    // Plain JSON.parse, not parseJsonRecords: the schema below rebuilds every object and record from its own keys
    // (and drops a `__proto__` one), so prototype-free maps here would be thrown away, and their reviver made reading
    // a class of thousands of files several times slower.
    json = JSON.parse(text);
  } catch (error) {
    return { name, skipped: endsEarly(error, text) ? 'it is cut off: the JSON ends early' : 'it is not JSON' };
  }
  if (!isPlainObject(json) || json.format !== progressFormat)
    return { name, skipped: `it is not a course progress file (no "format": "${progressFormat}")` };
  if (typeof json.version === 'number' && json.version > progressVersion)
    return {
      name,
      skipped: `it was written by a newer course (version ${json.version}; this one reads version ${progressVersion})`,
    };
  const parsed = progressSchema.safeParse(json);
  if (!parsed.success) return { name, skipped: `it is not a valid progress record${firstIssue(parsed.error)}` };
  return { name, progress: parsed.data };
}

/**
 * One source read as a progress record, or skipped with its reason; a source can come skipped already (an archive
 * that could not be opened).
 */
export const readSource = (source: ProgressSource | SkippedSource): ReadProgress =>
  'skipped' in source ? source : readProgressSource(source);

/**
 * A file read, reduced at once to its record's summary (progress-summary.ts), or skipped with its reason: what a
 * class's report keeps of each file, so that a class of thousands is never held whole.
 */
export const summarizeRead = (read: ReadProgress): ReadSummary | SkippedSource =>
  'skipped' in read ? read : { name: read.name, progress: summarizeProgress(read.progress) };

/** A learner of the class: the summary of one record, merged from every file that is theirs. */
export interface ClassLearner {
  /** How the report names the learner: the id their instructor knows them by, or else their record's random id. */
  id: string;
  name?: string;
  /** The id the instructor knows the learner by (e-mail or student number), when the learner gave one. */
  rosterId?: string;
  /** The files the record came from; more than one means they were merged. */
  files: string[];
  /** The random ids of the records in those files: more than one when the learner used two browsers. */
  recordIds: string[];
  progress: ProgressSummary;
}

/** A roster id as the class matches it: `Ana@Example.edu ` and `ana@example.edu` are one learner. */
const rosterKey = (rosterId: string) => `roster:${rosterId.trim().toLowerCase()}`;

/**
 * The class's learners, in order of first appearance, each merged from all their files. Files are one learner's
 * when they carry the same roster id (e-mail or student number, in any case), or the same record id: a file written
 * before the learner gave a roster id joins the files of that record id that carry one.
 */
export function classLearners(read: ReadSummary[]): ClassLearner[] {
  const rosterOfRecord = new Map<string, string>();
  for (const { progress } of read)
    if (progress.learner.rosterId) rosterOfRecord.set(progress.learner.id, rosterKey(progress.learner.rosterId));
  const learners = new Map<string, ClassLearner>();
  for (const { name, progress } of read) {
    const key = rosterOfRecord.get(progress.learner.id) ?? `record:${progress.learner.id}`;
    const known = learners.get(key);
    const merged = known ? mergeSummaries(known.progress, progress) : progress;
    const { name: displayName, rosterId } = merged.learner;
    const recordIds = known?.recordIds ?? [];
    learners.set(key, {
      id: rosterId ?? merged.learner.id,
      ...(displayName ? { name: displayName } : {}),
      ...(rosterId ? { rosterId } : {}),
      files: [...(known?.files ?? []), name],
      recordIds: recordIds.includes(progress.learner.id) ? recordIds : [...recordIds, progress.learner.id],
      progress: merged,
    });
  }
  return [...learners.values()];
}

/** One learner's standing on one exercise: passed at least once, attempted without passing, or not attempted. */
export interface ExerciseStanding {
  status: 'passed' | 'failed' | 'none';
  attempts: number;
  /** When the learner last pressed Verify on it. */
  lastAttempt?: string;
}

/** One row of the class matrix. */
export interface ClassRow {
  learner: ClassLearner;
  exercises: Record<ExerciseId, ExerciseStanding>;
  /** The mean share of right answers over the learner's finished quizzes, 0..1; absent with none finished. */
  quizAverage?: number;
}

/** A learner's standing on each exercise, from their attempts in one pass. */
function standingsOf(attempts: AttemptSummary[]): Record<ExerciseId, ExerciseStanding> {
  const standings = Object.fromEntries(
    exerciseIds.map((exercise): [ExerciseId, ExerciseStanding] => [exercise, { status: 'none', attempts: 0 }]),
  ) as Record<ExerciseId, ExerciseStanding>;
  for (const { exercise, status, at } of attempts) {
    const standing = standings[exercise];
    standing.attempts += 1;
    standing.lastAttempt = at;
    if (status === 'passed') standing.status = 'passed';
    else if (standing.status === 'none') standing.status = 'failed';
  }
  return standings;
}

/** The learners × exercises matrix, with each learner's quiz average. */
export function classMatrix(learners: ClassLearner[]): ClassRow[] {
  return learners.map((learner) => {
    const finished = Object.values(learner.progress.quizzes).filter((quiz) => quiz.completedAt);
    const quizAverage = finished.length
      ? finished.reduce((sum, quiz) => sum + quiz.correct / quiz.total, 0) / finished.length
      : undefined;
    return {
      learner,
      exercises: standingsOf(learner.progress.attempts),
      ...(quizAverage === undefined ? {} : { quizAverage }),
    };
  });
}
