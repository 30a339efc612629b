import { mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { exerciseIds } from '../../src/lessons/schema';
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
  checks: [
    { id: 'one', status: 'pass', message: 'checked' },
    { id: 'two', status: status === 'passed' ? 'pass' : 'fail', message: '=HYPERLINK("http://evil.example")' },
  ],
});

function learner(id: string, identity: { name?: string; rosterId?: string } = {}): Progress {
  const start = { ...emptyProgress(id, new Date('2026-11-24T09:00:00Z')), learner: { id, ...identity } };
  return recordQuizAnswers(start, 'week-1/cidr', { 0: 0, 1: 0 }, [0, 1], new Date('2026-11-24T09:05:00Z'));
}

/** A class folder: two learners, one of them in two files (the later with their e-mail), and no broken file. */
async function classFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'awscourse-report-csv-'));
  await mkdir(join(dir, 'class', 'monday'), { recursive: true });
  const first = recordVerifyAttempt(
    learner('learner-0001'),
    attempt('exercise-3', '2026-11-24T10:00:00.000Z', 'failed'),
  );
  const later = recordVerifyAttempt(
    { ...first, learner: { id: 'learner-0001', name: '@Student 7', rosterId: 's7@example.edu' } },
    attempt('exercise-3', '2026-11-25T08:15:00.000Z', 'passed'),
  );
  const other = recordVerifyAttempt(
    learner('learner-0002', { rosterId: '20261234' }),
    attempt('exercise-4', '2026-11-24T11:00:00.000Z', 'failed'),
  );
  await writeFile(join(dir, 'class', 'monday', 'student-7.json'), JSON.stringify(first));
  await writeFile(join(dir, 'class', 'student-7-later.json'), JSON.stringify(later));
  await writeFile(join(dir, 'class', 'learner-0002.json'), JSON.stringify(other));
  return dir;
}

const parsed = (text: string) => Papa.parse<string[]>(text, { skipEmptyLines: true }).data;

describe('awscourse report --csv', () => {
  it('writes the tidy CSV by default, a row per check, keeps the table, and says how many rows', async () => {
    const dir = await classFolder();
    const io = captureIo(dir);
    expect(await main(['report', 'class', '--csv', 'out/class.csv'], io)).toBe(0);
    const rows = parsed(await readFile(join(dir, 'out', 'class.csv'), 'utf8'));
    expect(rows[0]?.slice(0, 4)).toEqual(['learner_id', 'roster_id', 'name', 'exercise']);
    // learner-0002's attempt, then learner-0001's two (the first file's attempt once), two checks each.
    expect(rows.slice(1).map((row) => [row[0], row[2], row[3], row[11], row[14]])).toEqual([
      ['learner-0002', '', 'exercise-4', 'one', 'checked'],
      ['learner-0002', '', 'exercise-4', 'two', `'=HYPERLINK("http://evil.example")`],
      ['learner-0001', "'@Student 7", 'exercise-3', 'one', 'checked'],
      ['learner-0001', "'@Student 7", 'exercise-3', 'two', `'=HYPERLINK("http://evil.example")`],
      ['learner-0001', "'@Student 7", 'exercise-3', 'one', 'checked'],
      ['learner-0001', "'@Student 7", 'exercise-3', 'two', `'=HYPERLINK("http://evil.example")`],
    ]);
    const out = io.out.join('');
    expect(out).toMatch(/^Learner +exercise-3/);
    expect(out).toContain('2 learners from 3 files.');
    expect(out.endsWith('Wrote out/class.csv (6 rows).\n')).toBe(true);
    expect((await stat(join(dir, 'out', 'class.csv'))).mode & 0o777).toBe(0o600);
  });

  it('writes a gradebook for Canvas: its student columns, the Points Possible row, a row per learner', async () => {
    const dir = await classFolder();
    const io = captureIo(dir);
    const args = ['report', 'class', '--csv', 'grades.csv', '--csv-format', 'gradebook', '--lms', 'canvas'];
    expect(await main(args, io)).toBe(0);
    expect(parsed(await readFile(join(dir, 'grades.csv'), 'utf8'))).toEqual([
      ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', ...exerciseIds, 'Quiz average'],
      ['Points Possible', '', '', '', '', '100', '100', '100', '100', '100', '100'],
      ['20261234', '', '20261234', '', '', '', '50', '', '', '', '50'],
      ["'@Student 7", '', '', 's7@example.edu', '', '100', '', '', '', '', '50'],
    ]);
    expect(io.out.join('')).toContain('Wrote grades.csv (2 rows).\n');
  });

  it('writes a gradebook for Moodle, with the e-mail and the student number in their own columns', async () => {
    const dir = await classFolder();
    const io = captureIo(dir);
    const args = ['report', 'class', '--csv', 'grades.csv', '--csv-format', 'gradebook', '--lms', 'moodle'];
    expect(await main(args, io)).toBe(0);
    const rows = parsed(await readFile(join(dir, 'grades.csv'), 'utf8'));
    expect(rows.map((row) => row.slice(0, 3))).toEqual([
      ['Email address', 'ID number', 'Name'],
      ['', '20261234', '20261234'],
      ['s7@example.edu', '', "'@Student 7"],
    ]);
  });

  it('writes a plain gradebook without --lms', async () => {
    const dir = await classFolder();
    const io = captureIo(dir);
    expect(await main(['report', 'class', '--csv', 'grades.csv', '--csv-format', 'gradebook'], io)).toBe(0);
    expect(parsed(await readFile(join(dir, 'grades.csv'), 'utf8'))[0]).toEqual([
      'learner_id',
      'roster_id',
      'name',
      ...exerciseIds,
      'quiz_average',
    ]);
  });

  it('still writes the CSV when a file was skipped, and exits 1', async () => {
    const dir = await classFolder();
    await writeFile(join(dir, 'class', 'cut.json'), JSON.stringify(learner('learner-0003')).slice(0, 40));
    const io = captureIo(dir);
    expect(await main(['report', 'class', '--csv', 'class.csv'], io)).toBe(1);
    expect(io.err.join('')).toBe('Skipped class/cut.json: it is cut off: the JSON ends early.\n');
    expect(io.out.join('')).toContain('Wrote class.csv (6 rows).\n');
  });

  it('writes no CSV when no file could be read', async () => {
    const dir = await classFolder();
    await writeFile(join(dir, 'notes.json'), 'hello');
    const io = captureIo(dir);
    expect(await main(['report', 'notes.json', '--csv', 'class.csv'], io)).toBe(2);
    await expect(stat(join(dir, 'class.csv'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('awscourse report --csv usage errors', () => {
  /** Runs the report with `options` on the class; resolves with the exit code and what it said on stderr. */
  async function reportWith(...options: string[]) {
    const dir = await classFolder();
    const io = captureIo(dir);
    const code = await main(['report', 'class', ...options], io);
    return { code, err: io.err.join(''), out: io.out.join(''), dir };
  }

  it('names the allowed formats for an unknown --csv-format', async () => {
    const { code, err, out } = await reportWith('--csv', 'a.csv', '--csv-format', 'wide');
    expect(code).toBe(2);
    expect(err.split('\n')[0]).toBe('--csv-format must be tidy or gradebook, not "wide".');
    expect(out).toBe('');
  });

  it('names the allowed LMSs for an unknown --lms', async () => {
    const { code, err } = await reportWith('--csv', 'a.csv', '--csv-format', 'gradebook', '--lms', 'blackboard');
    expect(code).toBe(2);
    expect(err.split('\n')[0]).toBe('--lms must be canvas or moodle, not "blackboard".');
  });

  it('refuses --lms with the tidy shape, before reading any file', async () => {
    const { code, err, out, dir } = await reportWith('--csv', 'a.csv', '--lms', 'canvas');
    expect(code).toBe(2);
    expect(err).toBe(
      '--lms lays out a gradebook: add --csv-format gradebook.\n' +
        'For example: --csv grades.csv --csv-format gradebook --lms canvas\n',
    );
    expect(out).toBe('');
    await expect(stat(join(dir, 'a.csv'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses --csv-format or --lms without --csv', async () => {
    expect((await reportWith('--csv-format', 'gradebook')).err.split('\n')[0]).toBe('--csv-format needs --csv FILE.');
    expect((await reportWith('--lms', 'moodle')).err.split('\n')[0]).toBe('--lms needs --csv FILE.');
  });

  it('refuses an empty file name', async () => {
    const { code, err } = await reportWith('--csv', '');
    expect(code).toBe(2);
    expect(err.split('\n')[0]).toBe('--csv needs a file name.');
  });

  it('says so when the file cannot be written, with exit 2', async () => {
    const { code, err } = await reportWith('--csv', 'class/learner-0002.json/a.csv');
    expect(code).toBe(2);
    expect(err).toMatch(
      /^Could not write class\/learner-0002\.json\/a\.csv: .*\nName a file in a folder you can write to\.\n$/,
    );
  });
});
