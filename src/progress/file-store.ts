import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { emptyProgress, recordVerifyAttempt } from './record';
import { progressSchema, type Progress, type VerifyAttempt } from './schema';
import { parseJsonRecords } from '../lib/name-record';

/** Where `awscourse` keeps the learner's progress: `$AWSCOURSE_HOME/progress.json`, by default `~/.awscourse/`. */
export function progressFilePath(env: Record<string, string | undefined>, home: string): string {
  return join(env.AWSCOURSE_HOME ?? join(home, '.awscourse'), 'progress.json');
}

/** The outcome of saving: the file written, or why nothing was written (the file is then left exactly as it was). */
export type SaveOutcome = { saved: string } | { problem: string };

/**
 * Appends one Verify attempt to the progress file, creating it on first use. A file that is not a valid progress
 * record is never overwritten: the attempt is not saved and the caller says why.
 */
export async function appendAttemptToFile(file: string, attempt: VerifyAttempt, now: Date): Promise<SaveOutcome> {
  let progress = emptyProgress(randomUUID(), now);
  if (existsSync(file)) {
    let json: unknown;
    try {
      json = parseJsonRecords(await readFile(file, 'utf8'));
    } catch {
      return {
        problem:
          `${file} is not valid JSON, so this result was not saved. The file was left as it is; move it away ` +
          `to start a new one.`,
      };
    }
    const parsed = progressSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = issue.path.length ? ` at ${issue.path.join('.')}` : '';
      return {
        problem:
          `${file} is not a progress file this course can read${where}: ${issue.message}. This result was not ` +
          `saved and the file was left as it is.`,
      };
    }
    // The schema validates; the record is the file's own JSON, since zod's records drop a `__proto__` key.
    progress = json as Progress;
  }
  const updated = recordVerifyAttempt(progress, attempt);
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}`;
  await writeFile(temporary, `${JSON.stringify(updated, null, 2)}\n`);
  await rename(temporary, file);
  return { saved: file };
}
