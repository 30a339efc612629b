import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { emptyProgress, recordVerifyAttempt } from './record';
import { type Progress, progressSchema, type VerifyAttempt } from './schema';
import { firstIssue } from '../lib/first-issue';
import { lockFile } from '../lib/lock-file';
import { type FileProblem, readTextFile } from '../lib/read-text-file';
import { privateFolderMode, removeLeftoverTemporaries, writeFileDurably } from '../lib/write-file-durably';
import { parseJsonRecords } from '../lib/name-record';

/** Where `awscourse` keeps the learner's progress: `$AWSCOURSE_HOME/progress.json`, by default `~/.awscourse/`. */
export function progressFilePath(env: Record<string, string | undefined>, home: string): string {
  return join(env.AWSCOURSE_HOME ?? join(home, '.awscourse'), 'progress.json');
}

/** The outcome of saving: the file written, or why nothing was written (the file is then left exactly as it was). */
export type SaveOutcome = { saved: string } | { problem: string };

/** How long a save waits for another `awscourse` process to finish writing the same progress file. */
export const progressLockWaitMs = 15_000;

/** What {@link readProgressFile} found: the learner's progress, no file at all, or why the file cannot be used. */
export type ProgressFileRead = { progress: Progress } | { absent: true } | { problem: FileProblem };

/**
 * The progress in `file`, read and checked, changing nothing: `absent` when there is no file, or a problem in two
 * parts (what is wrong, what to do) when it cannot be read or is not a progress record this course reads.
 */
export async function readProgressFile(file: string): Promise<ProgressFileRead> {
  const read = await readTextFile(file, 'progress file');
  if (!('text' in read)) return read;
  const leftAlone = 'The file was left as it is; move it away to start a new one.';
  let json: unknown;
  try {
    json = parseJsonRecords(read.text);
  } catch {
    return { problem: { message: `${file} is not valid JSON.`, hint: leftAlone } };
  }
  const parsed = progressSchema.safeParse(json);
  if (!parsed.success)
    return {
      problem: {
        message: `${file} is not a progress file this course can read${firstIssue(parsed.error)}.`,
        hint: leftAlone,
      },
    };
  // The file's own JSON, not zod's copy: zod drops the fields the schema does not name (kept here) and a
  // `__proto__` key in its records.
  return { progress: json as Progress };
}

/**
 * Appends one Verify attempt to the progress file, creating it (0600, its folder 0700) on first use. Concurrent
 * `awscourse` processes take turns through `FILE.lock`, so none loses another's attempt; fields this version does not
 * know are written back as they were. A file that is not a valid progress record is never overwritten: the attempt
 * is not saved and the caller says why.
 */
export async function appendAttemptToFile(file: string, attempt: VerifyAttempt, now: Date): Promise<SaveOutcome> {
  await mkdir(dirname(file), { recursive: true, mode: privateFolderMode });
  const lock = await lockFile(file, { waitMs: progressLockWaitMs });
  if ('holder' in lock)
    return {
      problem:
        `Another awscourse (process ${lock.holder}) kept ${file} locked for ${progressLockWaitMs / 1000} s, so ` +
        `this result was not saved. If that process is gone, delete ${lock.path}.`,
    };
  try {
    await removeLeftoverTemporaries(file);
    const read = await readProgressFile(file);
    if ('problem' in read)
      return { problem: `${read.problem.message} This result was not saved. ${read.problem.hint}` };
    const progress = 'absent' in read ? emptyProgress(randomUUID(), now) : read.progress;
    await writeFileDurably(file, `${JSON.stringify(recordVerifyAttempt(progress, attempt), null, 2)}\n`);
    return { saved: file };
  } finally {
    await lock.release();
  }
}
