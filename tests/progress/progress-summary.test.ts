import { describe, expect, it } from 'vitest';
import { mergeSummaries, stringSharer, summarizeProgress } from '../../src/progress/progress-summary';
import { emptyProgress, recordQuizAnswers, recordVerifyAttempt } from '../../src/progress/record';
import type { Progress, VerifyAttempt } from '../../src/progress/schema';

type Check = VerifyAttempt['checks'][number];

const attempt = (at: string, checks: Check[], extra: Partial<VerifyAttempt> = {}): VerifyAttempt => ({
  exercise: 'exercise-3',
  at,
  mode: 'offline',
  status: checks.every((check) => check.status !== 'fail') ? 'passed' : 'failed',
  checks,
  ...extra,
});

const failing: Check[] = [
  { id: 'vpc', title: 'The VPC', status: 'pass', message: 'found', evidence: { vpcId: 'vpc-0abc' } },
  { id: 'subnet', title: 'The subnet', status: 'fail', message: 'no subnet', hint: 'Create it.' },
  { id: 'route', status: 'fail', message: 'no route' },
  { id: 'instance', status: 'skip', message: 'skipped' },
  { id: 'labels', status: 'error', message: 'AccessDenied' },
];

function record(id: string, updatedAt: string, attempts: VerifyAttempt[]): Progress {
  const start = emptyProgress(id, new Date('2026-11-24T09:00:00Z'));
  const quizzed = recordQuizAnswers(start, 'week-1/cidr', { 0: 0, 1: 1 }, [0, 0], new Date('2026-11-24T09:05:00Z'));
  return { ...attempts.reduce(recordVerifyAttempt, quizzed), updatedAt };
}

describe('a record’s summary', () => {
  it('keeps where and when each attempt ran, its checks counted, and only the failed checks’ words', () => {
    const progress = record('learner-0001', '2026-11-24T10:00:00Z', [
      attempt('2026-11-24T10:00:00Z', failing, { mode: 'live', account: '123456789012', region: 'eu-west-1' }),
    ]);
    expect(summarizeProgress(progress).attempts).toEqual([
      {
        exercise: 'exercise-3',
        at: '2026-11-24T10:00:00Z',
        mode: 'live',
        status: 'failed',
        region: 'eu-west-1',
        account: '123456789012',
        passedChecks: 1,
        checkCount: 5,
        failures: [
          { id: 'subnet', title: 'The subnet', message: 'no subnet' },
          { id: 'route', message: 'no route' },
        ],
      },
    ]);
  });

  it('keeps the failed checks only of attempts that can be their exercise’s latest: the last, the newest', () => {
    const progress = record('learner-0001', '2026-11-24T12:00:00Z', [
      attempt('2026-11-24T10:00:00Z', failing),
      attempt('2026-11-24T11:00:00Z', failing),
      attempt('2026-11-24T09:00:00Z', failing),
      attempt('2026-11-24T10:30:00Z', failing, { exercise: 'exercise-4' }),
    ]);
    expect(summarizeProgress(progress).attempts.map((each) => each.failures?.length)).toEqual([undefined, 2, 2, 2]);
  });

  it('keeps the learner, the time of the record and each quiz’s score, without the answers', () => {
    const summary = summarizeProgress(record('learner-0001', '2026-11-24T10:00:00Z', []));
    expect(summary).toEqual({
      learner: { id: 'learner-0001' },
      updatedAt: '2026-11-24T10:00:00Z',
      quizzes: { 'week-1/cidr': { correct: 1, total: 2, completedAt: '2026-11-24T09:05:00.000Z' } },
      attempts: [],
    });
  });

  it('keeps a quiz keyed __proto__ as a quiz of its own', () => {
    const progress = record('learner-0001', '2026-11-24T10:00:00Z', []);
    const quizzes = JSON.parse('{"__proto__": {"answers": {}, "correct": 1, "total": 4}}') as Progress['quizzes'];
    const summary = summarizeProgress({ ...progress, quizzes });
    expect(Object.keys(summary.quizzes)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(summary.quizzes)).toBe(Object.prototype);
  });
});

describe('two summaries of one learner', () => {
  const early = record('learner-0001', '2026-11-24T10:00:00Z', [attempt('2026-11-24T10:00:00.000Z', failing)]);
  const later = record('learner-0001', '2026-11-25T10:00:00Z', [
    attempt('2026-11-24T11:00:00.000+01:00', failing),
    attempt('2026-11-25T09:00:00.000Z', []),
  ]);

  it('hold each attempt once, by exercise and instant, in time order, whichever is given first', () => {
    for (const [a, b] of [
      [early, later],
      [later, early],
    ]) {
      const merged = mergeSummaries(summarizeProgress(a!), summarizeProgress(b!));
      expect(merged.attempts.map((each) => each.at)).toEqual([
        '2026-11-24T11:00:00.000+01:00',
        '2026-11-25T09:00:00.000Z',
      ]);
      expect(merged.updatedAt).toBe('2026-11-25T10:00:00Z');
    }
  });

  it('keep the failed checks of the exercise’s latest attempt, whichever file it comes from', () => {
    const outOfOrder = record('learner-0001', '2026-11-26T10:00:00Z', [
      attempt('2026-11-25T12:00:00.000Z', [{ id: 'newest', status: 'fail', message: 'newest' }]),
      attempt('2026-11-25T08:00:00.000Z', failing),
    ]);
    for (const [a, b] of [
      [early, outOfOrder],
      [outOfOrder, early],
    ]) {
      const merged = mergeSummaries(summarizeProgress(a!), summarizeProgress(b!));
      expect(merged.attempts.at(-1)?.failures).toEqual([{ id: 'newest', message: 'newest' }]);
    }
  });

  it('take a name or roster id from whichever file has one', () => {
    const named = { ...early, learner: { id: 'learner-0001', name: 'Student 7', rosterId: 's7@example.edu' } };
    const merged = mergeSummaries(summarizeProgress(named), summarizeProgress(later));
    expect(merged.learner).toEqual({ id: 'learner-0001', name: 'Student 7', rosterId: 's7@example.edu' });
  });
});

describe('sharing the strings of summaries', () => {
  it('leaves every attempt as it was', () => {
    const progress = record('learner-0001', '2026-11-24T10:00:00Z', [
      attempt('2026-11-24T10:00:00Z', failing, { mode: 'live', account: '123456789012', region: 'eu-west-1' }),
      attempt('2026-11-24T11:00:00Z', []),
    ]);
    const summary = summarizeProgress(progress);
    const copy = structuredClone(summary);
    stringSharer()(copy);
    expect(copy).toEqual(summary);
  });
});
