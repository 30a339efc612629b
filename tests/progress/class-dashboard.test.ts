import { describe, expect, it } from 'vitest';
import { type ClassLearner, classLearners, type ReadRecord } from '../../src/progress/class-progress';
import {
  cellDetail,
  classDashboard,
  dashboardTime,
  fileSummary,
  matrixColumns,
  matrixPageCount,
  matrixPageLabel,
  mergedRows,
  mostFailedChecks,
  passRateChart,
  percent,
  readClass,
  sortedRows,
} from '../../src/progress/class-dashboard';
import { summarizeProgress } from '../../src/progress/progress-summary';
import { emptyProgress, recordQuizAnswers, recordVerifyAttempt } from '../../src/progress/record';
import type { Progress, VerifyAttempt } from '../../src/progress/schema';

type Check = VerifyAttempt['checks'][number];

const pass = (id: string): Check => ({ id, title: `Title of ${id}`, status: 'pass', message: 'fine' });
const fail = (id: string, message: string): Check => ({ id, title: `Title of ${id}`, status: 'fail', message });

function attempt(exercise: VerifyAttempt['exercise'], at: string, checks: Check[], live?: string): VerifyAttempt {
  return {
    exercise,
    at,
    mode: live ? 'live' : 'offline',
    status: checks.some((check) => check.status === 'fail') ? 'failed' : 'passed',
    ...(live ? { account: live, region: 'eu-west-1' } : {}),
    checks,
  };
}

function progress(id: string, attempts: VerifyAttempt[], name?: string): Progress {
  const start = emptyProgress(id, new Date('2026-11-24T09:00:00Z'));
  const named = name ? { ...start, learner: { id, name } } : start;
  return attempts.reduce(recordVerifyAttempt, named);
}

/** The learners of files read as the report reads them: each record summarised, then merged. */
const classOf = (...files: ReadRecord[]): ClassLearner[] =>
  classLearners(files.map(({ name, progress }) => ({ name, progress: summarizeProgress(progress) })));

const learners = (...records: Progress[]): ClassLearner[] =>
  classOf(...records.map((record, index) => ({ name: `file-${index}.json`, progress: record })));

/**
 * A class of three: one passed exercise 3 live and exercise 4 offline, one failed exercise 3 twice (the second time
 * on another check), one attempted nothing.
 */
function threeLearners(): ClassLearner[] {
  const ana = progress(
    'learner-ana',
    [
      attempt('exercise-3', '2026-11-24T10:00:00Z', [fail('vpc-exists', 'No VPC named edx-build-aws-vpc')]),
      attempt('exercise-3', '2026-11-24T10:30:00Z', [pass('vpc-exists')], '123456789012'),
      attempt('exercise-4', '2026-11-25T08:00:00Z', [pass('user-exists')]),
    ],
    'Student A',
  );
  const ben = progress('learner-ben', [
    attempt('exercise-3', '2026-11-24T11:00:00Z', [fail('vpc-exists', 'No VPC named edx-build-aws-vpc')]),
    attempt('exercise-3', '2026-11-24T11:20:00Z', [
      pass('vpc-exists'),
      fail('subnets-in-vpc', 'Subnet 10.1.0.0/24 lies outside 10.0.0.0/16'),
    ]),
  ]);
  return learners(ana, ben, progress('learner-cal', []));
}

describe('the pass rate per exercise', () => {
  it('counts learners who passed, of the whole class and of those who attempted it', () => {
    const [exercise3, exercise4, exercise5] = classDashboard(threeLearners()).passRates;
    expect(exercise3).toEqual({
      exercise: 'exercise-3',
      passed: 1,
      attempted: 2,
      learners: 3,
      ofLearners: 1 / 3,
      ofAttempted: 1 / 2,
    });
    expect(exercise4).toMatchObject({ passed: 1, attempted: 1, ofLearners: 1 / 3, ofAttempted: 1 });
    expect(exercise5).toEqual({ exercise: 'exercise-5', passed: 0, attempted: 0, learners: 3, ofLearners: 0 });
  });

  it('is 0 of nobody for a class without learners', () => {
    const dashboard = classDashboard([]);
    expect(dashboard.passRates.map((rate) => rate.ofLearners)).toEqual([0, 0, 0, 0, 0]);
    expect(dashboard.rows).toEqual([]);
    expect(fileSummary(dashboard)).toBe('0 learners from 0 files.');
  });
});

describe('the matrix rows', () => {
  it('names where the deciding attempt ran: the last passing one, else the last one', () => {
    const [ana, ben, cal] = classDashboard(threeLearners()).rows;
    expect(ana!.learner).toEqual({ id: 'learner-ana', name: 'Student A', files: ['file-0.json'] });
    expect(ana!.exercises['exercise-3']).toEqual({
      status: 'passed',
      attempts: 2,
      lastAttempt: '2026-11-24T10:30:00Z',
      mode: 'live',
      account: '123456789012',
      region: 'eu-west-1',
    });
    expect(ana!.exercises['exercise-4']).toMatchObject({ status: 'passed', mode: 'offline' });
    expect(ben!.exercises['exercise-3']).toMatchObject({ status: 'failed', attempts: 2, mode: 'offline' });
    expect(cal!.exercises['exercise-3']).toEqual({ status: 'none', attempts: 0 });
  });

  it('keeps the learner’s newest attempt of any exercise and their quiz average', () => {
    const quizzed = recordQuizAnswers(
      progress('learner-dee', [attempt('exercise-4', '2026-11-26T09:00:00Z', [pass('user-exists')])]),
      'week-1/cidr',
      { 0: 0, 1: 1 },
      [0, 0],
      new Date('2026-11-24T09:00:00Z'),
    );
    const [row] = classDashboard(learners(quizzed)).rows;
    expect(row!.lastAttempt).toBe('2026-11-26T09:00:00Z');
    expect(row!.quizAverage).toBe(0.5);
    expect(classDashboard(threeLearners()).rows[2]).not.toHaveProperty('lastAttempt');
  });

  it('says how many attempts a cell counts and where the deciding one ran', () => {
    const [ana, ben, cal] = classDashboard(threeLearners()).rows;
    expect(cellDetail(ana!.exercises['exercise-3'])).toBe('2 attempts · live, account 123456789012, eu-west-1');
    expect(cellDetail(ana!.exercises['exercise-4'])).toBe('1 attempt · offline sandbox');
    expect(cellDetail(ben!.exercises['exercise-3'])).toBe('2 attempts · offline sandbox');
    expect(cellDetail(cal!.exercises['exercise-3'])).toBe('');
  });
});

describe('the checks learners fail most', () => {
  it('counts only each learner’s latest attempt of the exercise', () => {
    const failed = mostFailedChecks(threeLearners());
    // Both failed vpc-exists once, but both fixed it: only Ben's subnet check still fails.
    expect(failed).toEqual([
      {
        exercise: 'exercise-3',
        check: 'subnets-in-vpc',
        title: 'Title of subnets-in-vpc',
        failed: 1,
        attempted: 2,
        messages: [{ message: 'Subnet 10.1.0.0/24 lies outside 10.0.0.0/16', learners: 1 }],
      },
    ]);
  });

  it('counts each message and ranks the checks by how many learners fail them', () => {
    const record = (id: string, checks: Check[], exercise: VerifyAttempt['exercise'] = 'exercise-4') =>
      progress(id, [attempt(exercise, '2026-11-25T08:00:00Z', checks)]);
    const failed = mostFailedChecks(
      learners(
        record('learner-0001', [
          fail('user-exists', 'No user edXProjectUser'),
          fail('policy-attached', 'Not attached'),
        ]),
        record('learner-0002', [fail('user-exists', 'No user edXProjectUser')]),
        record('learner-0003', [fail('user-exists', 'No user edxprojectuser (names are case-sensitive)')]),
        record('learner-0004', [fail('bucket-exists', 'No bucket')], 'exercise-5'),
      ),
    );
    expect(failed.map((check) => `${check.exercise} ${check.check} ${check.failed}/${check.attempted}`)).toEqual([
      'exercise-4 user-exists 3/3',
      'exercise-4 policy-attached 1/3',
      'exercise-5 bucket-exists 1/1',
    ]);
    expect(failed[0]!.messages).toEqual([
      { message: 'No user edXProjectUser', learners: 2 },
      { message: 'No user edxprojectuser (names are case-sensitive)', learners: 1 },
    ]);
  });

  it('counts a merged learner’s latest attempt, though one of their files holds attempts out of time order', () => {
    const earlier = progress('learner-0001', [
      attempt('exercise-4', '2026-11-26T08:00:00Z', [fail('user-exists', 'No user, newest')]),
      attempt('exercise-4', '2026-11-25T08:00:00Z', [fail('policy-attached', 'Not attached')]),
    ]);
    const later = progress('learner-0001', [attempt('exercise-4', '2026-11-25T09:00:00Z', [pass('user-exists')])]);
    const failed = mostFailedChecks(
      classOf(
        { name: 'a.json', progress: earlier },
        { name: 'b.json', progress: { ...later, updatedAt: '2026-11-27T00:00:00Z' } },
      ),
    );
    expect(failed.map((check) => [check.check, check.messages])).toEqual([
      ['user-exists', [{ message: 'No user, newest', learners: 1 }]],
    ]);
  });

  it('does not count a check that could not run, or one that passed with a warning', () => {
    const failed = mostFailedChecks(
      learners(
        progress('learner-0001', [
          attempt('exercise-6', '2026-11-25T08:00:00Z', [
            { id: 'labels', status: 'error', message: 'AccessDenied' },
            { id: 'instance-stopped', status: 'warn', message: 'Still running' },
          ]),
        ]),
      ),
    );
    expect(failed).toEqual([]);
  });
});

describe('the files behind the dashboard', () => {
  it('reads a class from its files: records merged into learners, the rest skipped with their reasons', () => {
    const record = progress('learner-0001', [attempt('exercise-3', '2026-11-24T10:00:00Z', [pass('vpc-exists')])]);
    const { learners: read, skipped } = readClass([
      { name: 'a.json', text: JSON.stringify(record) },
      { name: 'again.json', text: JSON.stringify(record) },
      { name: 'notes.txt', text: 'hello' },
      { name: 'class.zip', skipped: 'the archive has no .json file' },
    ]);
    expect(read.map((learner) => [learner.id, learner.files])).toEqual([['learner-0001', ['a.json', 'again.json']]]);
    expect(skipped).toEqual([
      { name: 'notes.txt', skipped: 'it is not JSON' },
      { name: 'class.zip', skipped: 'the archive has no .json file' },
    ]);
  });

  it('keeps the skipped files with their reasons and names the merged learners', () => {
    const first = progress('learner-0001', [attempt('exercise-3', '2026-11-24T10:00:00Z', [pass('vpc-exists')])]);
    const later = recordVerifyAttempt(first, attempt('exercise-4', '2026-11-25T10:00:00Z', [pass('user-exists')]));
    const read = classOf(
      { name: 'monday.json', progress: first },
      { name: 'tuesday.json', progress: later },
      { name: 'other.json', progress: progress('learner-0002', []) },
    );
    const skipped = [{ name: 'cut.json', skipped: 'it is cut off: the JSON ends early' }];
    const dashboard = classDashboard(read, skipped);
    expect(dashboard.skipped).toEqual(skipped);
    expect(mergedRows(dashboard).map((row) => row.learner.files)).toEqual([['monday.json', 'tuesday.json']]);
    expect(fileSummary(dashboard)).toBe('2 learners from 3 files; 1 skipped.');
  });
});

describe('sorting the matrix', () => {
  const labels = (rows: ReturnType<typeof classDashboard>['rows']) => rows.map((row) => row.learner.id);

  it('sorts by learner as text, either way', () => {
    const { rows } = classDashboard(threeLearners());
    // Ana is labelled by her name, "Student A (learner-ana)", which sorts after the bare ids.
    expect(labels(sortedRows(rows, 'learner', 'ascending'))).toEqual(['learner-ben', 'learner-cal', 'learner-ana']);
    expect(labels(sortedRows(rows, 'learner', 'descending'))).toEqual(['learner-ana', 'learner-cal', 'learner-ben']);
  });

  it('sorts an exercise by standing, passed last when ascending, and keeps ties in their order', () => {
    const { rows } = classDashboard(threeLearners());
    expect(labels(sortedRows(rows, 'exercise-3', 'ascending'))).toEqual(['learner-cal', 'learner-ben', 'learner-ana']);
    expect(labels(sortedRows(rows, 'exercise-4', 'ascending'))).toEqual(['learner-ben', 'learner-cal', 'learner-ana']);
  });

  it('sorts by last attempt and quiz average with empty cells first when ascending', () => {
    const { rows } = classDashboard(threeLearners());
    expect(labels(sortedRows(rows, 'last-attempt', 'ascending'))).toEqual([
      'learner-cal',
      'learner-ben',
      'learner-ana',
    ]);
    expect(labels(sortedRows(rows, 'last-attempt', 'descending'))).toEqual([
      'learner-ana',
      'learner-ben',
      'learner-cal',
    ]);
  });

  it('has a column for the learner, each exercise, the last attempt and the quiz average', () => {
    expect(matrixColumns.map((column) => column.id)).toEqual([
      'learner',
      'exercise-3',
      'exercise-4',
      'exercise-5',
      'exercise-6',
      'key-cleanup',
      'last-attempt',
      'quiz-average',
    ]);
  });
});

describe('the matrix’s pages', () => {
  it('has one page for up to 100 learners, one for none, and another for each 100 more', () => {
    expect([0, 1, 100, 101, 10_000].map(matrixPageCount)).toEqual([1, 1, 1, 2, 100]);
  });

  it('names the learners a page shows, the last page up to the last learner', () => {
    expect(matrixPageLabel(0, 250)).toBe('Learners 1–100 of 250');
    expect(matrixPageLabel(2, 250)).toBe('Learners 201–250 of 250');
  });
});

describe('the pass-rate chart', () => {
  const palette = { text: '#111111', grid: '#cccccc', ofLearners: '#0000ff', ofAttempted: '#555555' };

  it('plots both shares per exercise, with no second bar where nobody attempted', () => {
    const chart = passRateChart(classDashboard(threeLearners()), palette);
    expect(chart.data.labels).toEqual(['exercise-3', 'exercise-4', 'exercise-5', 'exercise-6', 'key-cleanup']);
    expect(chart.data.datasets.map((set) => set.data)).toEqual([
      [1 / 3, 1 / 3, 0, 0, 0],
      [1 / 2, 1, null, null, null],
    ]);
    expect(chart.data.datasets.map((set) => set.backgroundColor)).toEqual(['#0000ff', '#555555']);
  });

  it('is plain JSON, so the HTML file can carry it as data', () => {
    const chart = passRateChart(classDashboard(threeLearners()), palette);
    expect(JSON.parse(JSON.stringify(chart))).toEqual(chart);
  });
});

describe('the dashboard’s words', () => {
  it('writes shares as whole percentages and times in UTC, with a dash for none', () => {
    expect(percent(2 / 3)).toBe('67 %');
    expect(percent(undefined)).toBe('–');
    expect(dashboardTime('2026-11-24T11:30:00+01:00')).toBe('2026-11-24 10:30 UTC');
    expect(dashboardTime(undefined)).toBe('–');
  });
});
