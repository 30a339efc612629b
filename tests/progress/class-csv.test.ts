import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { exerciseIds } from '../../src/lessons/schema';
import { classCsv, classCsvTable, csvPieces } from '../../src/progress/class-csv';
import { type ReadClass, readClass } from '../../src/progress/class-dashboard';
import { emptyProgress, recordQuizAnswers, recordVerifyAttempt } from '../../src/progress/record';
import type { Progress, VerifyAttempt } from '../../src/progress/schema';

type Check = VerifyAttempt['checks'][number];

const check = (id: string, status: Check['status'], extra: Partial<Check> = {}): Check => ({
  id,
  status,
  message: `${id} is ${status}`,
  ...extra,
});

const attempt = (
  exercise: VerifyAttempt['exercise'],
  at: string,
  status: VerifyAttempt['status'],
  checks: Check[],
): VerifyAttempt => ({ exercise, at, mode: 'live', status, region: 'us-west-2', account: '123456789012', checks });

/** A learner's record with the identity and attempts given, and one quiz finished with 1 of 2 right. */
function record(id: string, identity: { name?: string; rosterId?: string }, attempts: VerifyAttempt[]): Progress {
  const start = emptyProgress(id, new Date('2026-11-24T09:00:00Z'));
  const named = { ...start, learner: { id, ...identity } };
  const quizzed = recordQuizAnswers(named, 'week-1/cidr', { 0: 0, 1: 0 }, [0, 1], new Date('2026-11-24T09:05:00Z'));
  return attempts.reduce(recordVerifyAttempt, quizzed);
}

/** The class as `awscourse report` reads it: each record written as a file, read back, and merged. */
function classOf(...records: Progress[]): ReadClass {
  const read = readClass(records.map((progress, index) => ({ name: `${index}.json`, text: JSON.stringify(progress) })));
  expect(read.skipped).toEqual([]);
  return read;
}

/** A CSV parsed back as papaparse reads it: rows of text cells. */
const parsed = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;

/** A CSV with a header line parsed back into one object per row. */
const parsedRows = (csv: string) =>
  Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;

const threeChecks = [check('vpc', 'pass'), check('subnet', 'fail', { hint: 'Add a route.' }), check('sg', 'skip')];

describe('the tidy CSV', () => {
  it('has one row per check of every attempt, and one for an attempt without checks', () => {
    const attempts = [
      attempt('exercise-3', '2026-11-24T10:00:00Z', 'failed', threeChecks),
      attempt('exercise-3', '2026-11-24T10:05:00Z', 'error', []),
      attempt('exercise-4', '2026-11-24T10:10:00Z', 'passed', [check('bucket', 'pass')]),
    ];
    const learners = classOf(record('learner-0001', {}, attempts), record('learner-0002', {}, attempts.slice(0, 1)));
    const expected = learners.records
      .flatMap((read) => read.progress.attempts)
      .reduce((sum, each) => sum + Math.max(1, each.checks.length), 0);
    const csv = classCsv(learners, { shape: 'tidy' });
    expect(parsedRows(csv)).toHaveLength(expected);
    expect(parsedRows(csv).filter((row) => row.learner_id === 'learner-0001')).toHaveLength(5);
    expect(new Set(parsed(csv).map((cells) => cells.length))).toEqual(new Set([17]));
  });

  it('gives each row the learner, the attempt and the check, with the evidence as compact JSON', () => {
    const withEvidence = [
      check('vpc', 'pass', { title: 'The VPC', evidence: { vpcId: 'vpc-0abc', cidr: '10.0.0.0/16' } }),
    ];
    const learners = classOf(
      record('learner-0001', { name: 'Student 7', rosterId: 's7@example.edu' }, [
        { ...attempt('exercise-3', '2026-11-24T10:00:00.000Z', 'passed', withEvidence), durationMs: 1234 },
      ]),
    );
    expect(parsedRows(classCsv(learners, { shape: 'tidy' }))).toEqual([
      {
        learner_id: 'learner-0001',
        roster_id: 's7@example.edu',
        name: 'Student 7',
        exercise: 'exercise-3',
        attempted_at: '2026-11-24T10:00:00.000Z',
        mode: 'live',
        region: 'us-west-2',
        account: '123456789012',
        attempt_status: 'passed',
        duration_ms: '1234',
        checker_version: '',
        check_id: 'vpc',
        check_title: 'The VPC',
        check_status: 'pass',
        message: 'vpc is pass',
        hint: '',
        evidence: '{"vpcId":"vpc-0abc","cidr":"10.0.0.0/16"}',
      },
    ]);
  });

  it('leaves the check’s columns empty on the row of an attempt without checks', () => {
    const learners = classOf(record('learner-0001', {}, [attempt('exercise-5', '2026-11-24T10:00:00Z', 'error', [])]));
    const [row] = parsedRows(classCsv(learners, { shape: 'tidy' }));
    expect([row?.attempt_status, row?.check_id, row?.check_status, row?.message, row?.evidence]).toEqual([
      'error',
      '',
      '',
      '',
      '',
    ]);
  });

  it('writes an attempt that two downloads of one record hold once, each under its record id', () => {
    const first = attempt('exercise-3', '2026-11-24T10:00:00.000Z', 'failed', threeChecks);
    const earlier = record('learner-0001', {}, [first]);
    const later = record('learner-0001', { name: 'Student 7', rosterId: 's7@example.edu' }, [
      { ...first, at: '2026-11-24T11:00:00.000+01:00' },
      attempt('exercise-4', '2026-11-25T10:00:00.000Z', 'passed', [check('bucket', 'pass')]),
    ]);
    const rows = parsedRows(classCsv(classOf(earlier, later), { shape: 'tidy' }));
    expect(rows.map((row) => [row.learner_id, row.roster_id, row.exercise, row.check_id])).toEqual([
      ['learner-0001', 's7@example.edu', 'exercise-3', 'vpc'],
      ['learner-0001', 's7@example.edu', 'exercise-3', 'subnet'],
      ['learner-0001', 's7@example.edu', 'exercise-3', 'sg'],
      ['learner-0001', 's7@example.edu', 'exercise-4', 'bucket'],
    ]);
  });

  it('keeps every attempt of a learner’s only file, as the table counts them', () => {
    const twice = attempt('exercise-3', '2026-11-24T10:00:00.000Z', 'passed', [check('vpc', 'pass')]);
    const rows = parsedRows(classCsv(classOf(record('learner-0001', {}, [twice, twice])), { shape: 'tidy' }));
    expect(rows).toHaveLength(2);
  });

  it('counts the rows under the header while writing them in pieces', () => {
    const many = Array.from({ length: 1500 }, (_, minute) =>
      attempt('exercise-3', new Date(Date.UTC(2026, 10, 24, 10, minute)).toISOString(), 'failed', threeChecks),
    );
    const learners = classOf(record('learner-0001', {}, many));
    const tally = { rows: 0 };
    const pieces = [...csvPieces(classCsvTable(learners, { shape: 'tidy' }), tally)];
    expect(tally.rows).toBe(4500);
    expect(pieces.length).toBeGreaterThan(2);
    expect(parsed(pieces.join(''))).toHaveLength(4501);
  });
});

describe('the gradebook CSV', () => {
  const attempts = [
    attempt('exercise-3', '2026-11-24T10:00:00Z', 'failed', threeChecks),
    attempt('exercise-3', '2026-11-24T10:30:00Z', 'passed', [check('vpc', 'pass'), check('subnet', 'warn')]),
    attempt('exercise-4', '2026-11-24T11:00:00Z', 'failed', [check('bucket', 'pass'), check('policy', 'fail')]),
    attempt('exercise-4', '2026-11-24T11:10:00Z', 'failed', [
      check('bucket', 'pass'),
      check('a', 'pass'),
      check('b', 'fail'),
    ]),
    attempt('exercise-5', '2026-11-24T12:00:00Z', 'error', []),
  ];

  it('scores a passed exercise 100, a failed one its best attempt’s share of passing checks, an untried one not at all', () => {
    const learners = classOf(record('learner-0001', { name: 'Student 7', rosterId: '20261234' }, attempts));
    expect(parsed(classCsv(learners, { shape: 'gradebook' }))).toEqual([
      ['learner_id', 'roster_id', 'name', ...exerciseIds, 'quiz_average'],
      ['learner-0001', '20261234', 'Student 7', '100', '66.67', '0', '', '', '50'],
    ]);
  });

  it('writes scores as bare numbers, never quoted or escaped', () => {
    const learners = classOf(record('learner-0001', {}, attempts));
    const line = classCsv(learners, { shape: 'gradebook' }).split('\r\n')[1];
    expect(line).toBe('learner-0001,,,100,66.67,0,,,50');
  });

  it('lays out Canvas’s import: its five student columns, then a Points Possible row', () => {
    const learners = classOf(
      record('learner-0001', { name: 'Student 7', rosterId: 's7@example.edu' }, attempts),
      record('learner-0002', { rosterId: '20261234' }, []),
    );
    expect(parsed(classCsv(learners, { shape: 'gradebook', lms: 'canvas' }))).toEqual([
      ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', ...exerciseIds, 'Quiz average'],
      ['Points Possible', '', '', '', '', '100', '100', '100', '100', '100', '100'],
      ['Student 7', '', '', 's7@example.edu', '', '100', '66.67', '0', '', '', '50'],
      ['20261234', '', '20261234', '', '', '', '', '', '', '', '50'],
    ]);
  });

  it('lays out Moodle’s import: an e-mail roster id under Email address, any other under ID number', () => {
    const learners = classOf(
      record('learner-0001', { name: 'Student 7', rosterId: 's7@example.edu' }, attempts),
      record('learner-0002', { name: 'Student 8', rosterId: '20261234' }, []),
      record('learner-0003', {}, []),
    );
    expect(parsed(classCsv(learners, { shape: 'gradebook', lms: 'moodle' }))).toEqual([
      ['Email address', 'ID number', 'Name', ...exerciseIds, 'Quiz average'],
      ['s7@example.edu', '', 'Student 7', '100', '66.67', '0', '', '', '50'],
      ['', '20261234', 'Student 8', '', '', '', '', '', '50'],
      ['', '', 'learner-0003', '', '', '', '', '', '50'],
    ]);
  });

  it('gives a learner merged from two files one row, scored on both files’ attempts', () => {
    const first = record('learner-0001', { rosterId: 's7@example.edu' }, attempts.slice(0, 1));
    const later = record('learner-0009', { name: 'Student 7', rosterId: 'S7@example.edu' }, attempts.slice(1, 3));
    const rows = parsed(classCsv(classOf(first, later), { shape: 'gradebook' }));
    expect(rows.slice(1)).toEqual([['learner-0009', 'S7@example.edu', 'Student 7', '100', '50', '', '', '', '50']]);
  });
});

describe('formula injection', () => {
  const hostile = [
    '=HYPERLINK("http://evil.example","click")',
    '@SUM(1)',
    '+1',
    '-1',
    '\t=1',
    '\r=1',
    '=1+1\nsecond line',
    'He said "hi", then left\nfor good',
  ];
  const neutralised = [
    `'=HYPERLINK("http://evil.example","click")`,
    `'@SUM(1)`,
    `'+1`,
    `'-1`,
    `'\t=1`,
    `'\r=1`,
    `'=1+1\nsecond line`,
    'He said "hi", then left\nfor good',
  ];

  it('puts a quote before every message that a spreadsheet would run, and keeps the rest as they were', () => {
    const checks = hostile.map((message, index) => check(`c${index}`, 'fail', { message, hint: message }));
    const learners = classOf(
      record('learner-0001', {}, [attempt('exercise-3', '2026-11-24T10:00:00Z', 'failed', checks)]),
    );
    const rows = parsedRows(classCsv(learners, { shape: 'tidy' }));
    expect(rows.map((row) => row.message)).toEqual(neutralised);
    expect(rows.map((row) => row.hint)).toEqual(neutralised);
  });

  it('neutralises a learner’s name and roster id in every layout', () => {
    const tried = [attempt('exercise-3', '2026-11-24T10:00:00Z', 'failed', [check('a', 'pass'), check('b', 'fail')])];
    const learners = classOf(
      ...hostile.map((name, index) => record(`learner-000${index}`, { name, rosterId: `-${index}` }, tried)),
    );
    const tidy = parsedRows(classCsv(learners, { shape: 'tidy' }));
    expect(tidy.map((row) => [row.name, row.check_id])).toEqual(
      neutralised.flatMap((name) => [
        [name, 'a'],
        [name, 'b'],
      ]),
    );
    const gradebook = parsedRows(classCsv(learners, { shape: 'gradebook' }));
    expect(gradebook.map((row) => row.name)).toEqual(neutralised);
    expect(gradebook.map((row) => row.roster_id)).toEqual(hostile.map((_, index) => `'-${index}`));
    const canvas = parsedRows(classCsv(learners, { shape: 'gradebook', lms: 'canvas' })).slice(1);
    expect(canvas.map((row) => row.Student)).toEqual(neutralised);
    expect(canvas.map((row) => row['SIS User ID'])).toEqual(hostile.map((_, index) => `'-${index}`));
    const moodle = parsedRows(classCsv(learners, { shape: 'gradebook', lms: 'moodle' }));
    expect(moodle.map((row) => row.Name)).toEqual(neutralised);
  });

  it('neutralises the evidence’s JSON only when it starts like a formula, which an object never does', () => {
    const evidence = { '=cmd': '@x' };
    const learners = classOf(
      record('learner-0001', {}, [
        attempt('exercise-3', '2026-11-24T10:00:00Z', 'passed', [check('a', 'pass', { evidence })]),
      ]),
    );
    expect(parsedRows(classCsv(learners, { shape: 'tidy' }))[0]?.evidence).toBe('{"=cmd":"@x"}');
  });
});
