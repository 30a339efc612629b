import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { emptyProgress, recordQuizAnswers, recordVerifyAttempt } from '../../src/progress/record';
import type { Progress, VerifyAttempt } from '../../src/progress/schema';

function captureIo(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (text) => out.push(text), stderr: (text) => err.push(text), env: {}, cwd };
}

const attempt = (exercise: VerifyAttempt['exercise'], at: string, status: VerifyAttempt['status']): VerifyAttempt => ({
  exercise,
  at,
  mode: 'live',
  status,
  account: '123456789012',
  checks: [{ id: 'one', status: status === 'passed' ? 'pass' : 'fail', message: 'checked' }],
});

function learner(id: string, name?: string): Progress {
  const start = emptyProgress(id, new Date('2026-11-24T09:00:00Z'));
  const named = name ? { ...start, learner: { id, name } } : start;
  return recordQuizAnswers(named, 'week-1/cidr', { 0: 0, 1: 0 }, [0, 1], new Date('2026-11-24T09:05:00Z'));
}

/** A class folder: two learners, one of them in two files, and a broken file. */
async function classFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'awscourse-report-'));
  await mkdir(join(dir, 'class', 'monday'), { recursive: true });
  const first = recordVerifyAttempt(
    learner('learner-0001', 'Student 7'),
    attempt('exercise-3', '2026-11-24T10:00:00.000Z', 'passed'),
  );
  const again = recordVerifyAttempt(first, attempt('exercise-4', '2026-11-25T08:15:00.000Z', 'failed'));
  const other = recordVerifyAttempt(
    learner('learner-0002'),
    attempt('exercise-3', '2026-11-24T11:00:00.000Z', 'failed'),
  );
  await writeFile(join(dir, 'class', 'monday', 'student-7.json'), JSON.stringify(first));
  await writeFile(join(dir, 'class', 'student-7-later.json'), JSON.stringify(again));
  await writeFile(join(dir, 'class', 'learner-0002.json'), JSON.stringify(other));
  await writeFile(join(dir, 'class', 'cut.json'), JSON.stringify(other).slice(0, 40));
  return dir;
}

describe('awscourse report', () => {
  it('prints the class matrix from a folder, merges one learner’s two files, and skips a broken one with exit 1', async () => {
    const dir = await classFolder();
    const io = captureIo(dir);
    expect(await main(['report', 'class'], io)).toBe(1);
    expect(io.err.join('')).toBe('Skipped class/cut.json: it is cut off: the JSON ends early.\n');
    expect(io.out.join('')).toBe(
      [
        'Learner                   exercise-3  exercise-4  exercise-5  exercise-6  key-cleanup  Last attempt          Quiz average',
        'learner-0002              ✗           –           –           –           –            2026-11-24 11:00 UTC  50 %',
        'Student 7 (learner-0001)  ✓           ✗           –           –           –            2026-11-25 08:15 UTC  50 %',
        '',
        '2 learners from 3 files; 1 skipped.',
        'Merged 2 files of learner-0001: class/monday/student-7.json, class/student-7-later.json.',
        '',
      ].join('\n'),
    );
  });

  it('exits 0 when every file was read', async () => {
    const dir = await classFolder();
    const io = captureIo(dir);
    expect(await main(['report', 'class/learner-0002.json'], io)).toBe(0);
    expect(io.err).toEqual([]);
    expect(io.out.join('')).toContain('1 learner from 1 file.');
  });

  it('says so, with exit 2, when nothing could be read', async () => {
    const dir = await classFolder();
    const io = captureIo(dir);
    expect(await main(['report', 'class/cut.json', 'missing.json'], io)).toBe(2);
    expect(io.err.join('')).toBe(
      'Skipped class/cut.json: it is cut off: the JSON ends early.\n' +
        'Skipped missing.json: there is no such file or folder.\n' +
        'No progress file could be read, so there is nothing to report.\n',
    );
  });

  it('reads the progress files of a .zip, in its folders and in a zip inside it, as an LMS download gives them', async () => {
    const dir = await classFolder();
    const text = (progress: Progress) => strToU8(JSON.stringify(progress));
    const inner = zipSync({ 'late/learner-0003.json': text(learner('learner-0003')) });
    const archive = zipSync({
      'submissions/learner-0002_progress.json': text(learner('learner-0002')),
      'submissions/readme.txt': strToU8('not read'),
      '__MACOSX/submissions/._learner-0002_progress.json': strToU8('resource fork'),
      'submissions/late.zip': inner,
      'submissions/cut.json': strToU8('{"format": "awscourse-progress"'),
    });
    await writeFile(join(dir, 'class', 'submissions.zip'), archive);
    await writeFile(join(dir, 'damaged.zip'), archive.slice(0, 100));
    const io = captureIo(dir);
    expect(await main(['report', 'class/submissions.zip', 'damaged.zip'], io)).toBe(1);
    const skipped = io.err.join('').split('\n');
    expect(skipped[0]).toBe('Skipped class/submissions.zip/submissions/cut.json: it is cut off: the JSON ends early.');
    expect(skipped[1]).toMatch(/^Skipped damaged\.zip: it is not a zip archive, or it is damaged \(.+\)\.$/);
    expect(skipped.length).toBe(3);
    expect(io.out.join('')).toMatch(/^learner-0002 .*\nlearner-0003 .*\n\n2 learners from 2 files; 2 skipped\.\n$/m);
  });

  it('reads the .zip files of a folder with its .json files', async () => {
    const dir = await classFolder();
    await writeFile(
      join(dir, 'class', 'monday', 'more.zip'),
      zipSync({ 'learner-0003.json': strToU8(JSON.stringify(learner('learner-0003'))) }),
    );
    const io = captureIo(dir);
    expect(await main(['report', 'class'], io)).toBe(1);
    expect(io.out.join('')).toContain('3 learners from 4 files; 1 skipped.');
  });

  it('asks for the files when given none', async () => {
    const io = captureIo(process.cwd());
    expect(await main(['report'], io)).toBe(2);
    expect(io.err.join('')).toMatch(/^Name the progress files or folders to report on\.\nUsage: awscourse report/);
  });
});
