import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { appendAttemptToFile } from '../../src/progress/file-store';
import { emptyProgress } from '../../src/progress/record';
import type { VerifyAttempt } from '../../src/progress/schema';

const root = new URL('../../', import.meta.url).pathname;
const now = new Date('2026-12-03T10:00:00Z');

/** An attempt whose check id says which writer made it. */
const attemptBy = (id: string): VerifyAttempt => ({
  exercise: 'exercise-3',
  at: now.toISOString(),
  mode: 'offline',
  status: 'passed',
  checks: [{ id, status: 'pass', message: 'ok' }],
});

const folder = () => mkdtempSync(join(tmpdir(), 'progress-file-'));
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { attempts: VerifyAttempt[] };

/** A progress file with fields this version does not know, at every level. */
function progressWithUnknownFields() {
  const progress = emptyProgress('learner-0001', now);
  return {
    ...progress,
    instructorNote: 'resubmitted after the lab',
    learner: { ...progress.learner, cohort: 'tuesday' },
    lessons: { 'week-1/cidr': { firstVisitedAt: now.toISOString(), lastVisitedAt: now.toISOString(), seconds: 90 } },
    quizzes: { 'week-1/cidr': { answers: { '0': 1 }, correct: 1, total: 1, attempts: 2 } },
    attempts: [{ ...attemptBy('earlier'), grader: 'ta-1', checks: [{ ...attemptBy('x').checks[0], weight: 2 }] }],
  };
}

/** Writes `count` attempts from each of `processes` separate Node processes at once, through the real store. */
async function appendFromProcesses(file: string, processes: number, count: number): Promise<void> {
  // Beside the packages it imports, under a name of its own: test runs in parallel must not rewrite each other's
  // script while their children load it.
  const writer = join(root, 'node_modules', '.cache', `progress-writer-${process.pid}.mjs`);
  await build({
    stdin: {
      contents: `import { appendAttemptToFile } from './src/progress/file-store';
        const [file, writer, count] = process.argv.slice(2);
        for (let i = 0; i < Number(count); i++) {
          const attempt = { exercise: 'exercise-3', at: new Date().toISOString(), mode: 'offline', status: 'passed',
            checks: [{ id: writer + '-' + i, status: 'pass', message: 'ok' }] };
          const outcome = await appendAttemptToFile(file, attempt, new Date());
          if ('problem' in outcome) { console.error(outcome.problem); process.exitCode = 1; }
        }`,
      resolveDir: root,
      loader: 'ts',
    },
    outfile: writer,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
  });
  await Promise.all(
    Array.from({ length: processes }, (_, index) => {
      const child = spawn(process.execPath, [writer, file, `w${index}`, String(count)], { stdio: 'inherit' });
      return new Promise((resolve) => child.once('exit', resolve));
    }),
  );
}

describe('the progress file', () => {
  it('keeps every attempt when 20 processes append 10 each at the same time', { timeout: 60_000 }, async () => {
    const file = join(folder(), 'progress.json');
    await appendFromProcesses(file, 20, 10);
    const ids = readJson(file).attempts.map((attempt) => attempt.checks[0]!.id);
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
  });

  it('keeps fields this version does not know, at every level, when it appends', async () => {
    const file = join(folder(), 'progress.json');
    const before = progressWithUnknownFields();
    writeFileSync(file, JSON.stringify(before));
    expect(await appendAttemptToFile(file, attemptBy('new'), now)).toEqual({ saved: file });
    const after = readJson(file);
    expect(after).toEqual({
      ...before,
      updatedAt: now.toISOString(),
      attempts: [...before.attempts, attemptBy('new')],
    });
  });

  it('reads a progress file that starts with a UTF-8 byte order mark', async () => {
    const file = join(folder(), 'progress.json');
    writeFileSync(file, `\uFEFF${JSON.stringify(emptyProgress('learner-0001', now))}`);
    expect(await appendAttemptToFile(file, attemptBy('new'), now)).toEqual({ saved: file });
    expect(readJson(file).attempts).toHaveLength(1);
  });

  it('says the progress file is a folder, rather than EISDIR', async () => {
    const file = join(folder(), 'progress.json');
    mkdirSync(file);
    expect(await appendAttemptToFile(file, attemptBy('new'), now)).toEqual({
      problem:
        `${file} is a folder, not a progress file. This result was not saved. Give the path of a file (it is ` +
        'created if missing), or move the folder away.',
    });
  });

  it('creates the file 0600 and its folder 0700', async () => {
    const file = join(folder(), 'home', 'progress.json');
    await appendAttemptToFile(file, attemptBy('new'), now);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);
  });

  it('waits for another process holding the lock, then appends', async () => {
    const file = join(folder(), 'progress.json');
    writeFileSync(`${file}.lock`, `${process.ppid}\n`);
    const appending = appendAttemptToFile(file, attemptBy('new'), now);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(() => statSync(file)).toThrow();
    unlinkSync(`${file}.lock`);
    expect(await appending).toEqual({ saved: file });
  });
});
