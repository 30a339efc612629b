import { describe, expect, it } from 'vitest';
import { learnerChoiceOrder } from '../../src/lessons/choice-order';
import {
  emptyProgress,
  isProgressProblem,
  lessonMarks,
  readStoredProgress,
  recordLessonVisit,
  recordQuizAnswers,
  recordVerifyAttempt,
} from '../../src/progress/record';
import { progressSchema, type VerifyAttempt } from '../../src/progress/schema';

const t0 = new Date('2026-11-24T10:00:00.000Z');
const t1 = new Date('2026-11-24T11:00:00.000Z');
const fresh = emptyProgress('learner-0001', t0);

const passedAttempt: VerifyAttempt = {
  exercise: 'exercise-3',
  at: t1.toISOString(),
  mode: 'offline',
  status: 'passed',
  checks: [{ id: 'vpc-exists', status: 'pass', message: 'VPC vpc-0abc is available.' }],
};

describe('progress record updates', () => {
  it('starts as a record that the zod schema accepts', () => {
    expect(progressSchema.safeParse(fresh).success).toBe(true);
  });

  it('keeps the first visit time and moves the last one', () => {
    const once = recordLessonVisit(fresh, 'week-1/cidr', t0);
    const twice = recordLessonVisit(once, 'week-1/cidr', t1);
    expect(twice.lessons['week-1/cidr']).toEqual({ firstVisitedAt: t0.toISOString(), lastVisitedAt: t1.toISOString() });
    expect(twice.updatedAt).toBe(t1.toISOString());
  });

  it('does not change the record it is given', () => {
    recordLessonVisit(fresh, 'week-1/cidr', t1);
    expect(fresh.lessons).toEqual({});
  });

  it('scores quiz answers against the right answers and leaves an unfinished quiz incomplete', () => {
    const partial = recordQuizAnswers(fresh, 'week-1/cidr', { 0: 1, 1: 0 }, [1, 2, 0], t0);
    expect(partial.quizzes['week-1/cidr']).toEqual({ answers: { '0': 1, '1': 0 }, correct: 1, total: 3 });
  });

  it('marks a quiz completed when every question has an answer, and keeps it completed after starting over', () => {
    const done = recordQuizAnswers(fresh, 'week-1/cidr', { 0: 1, 1: 2, 2: 0 }, [1, 2, 0], t0);
    expect(done.quizzes['week-1/cidr']).toMatchObject({ correct: 3, total: 3, completedAt: t0.toISOString() });
    const cleared = recordQuizAnswers(done, 'week-1/cidr', {}, [1, 2, 0], t1);
    expect(cleared.quizzes['week-1/cidr']).toEqual({
      answers: {},
      correct: 0,
      total: 3,
      completedAt: t0.toISOString(),
    });
  });

  it('scores the chosen choice by its id, wherever the shuffle showed it to the learner', () => {
    const choices = [{ id: 0 }, { id: 1 }, { id: 2, right: true }, { id: 4 }];
    const shownAt = new Set<number>();
    for (const learner of ['learner-0001', 'learner-0002', 'learner-0003', 'learner-0004', 'learner-0005']) {
      const shown = learnerChoiceOrder(learner, 'week-1/cidr', 0, choices.length).map((position) => choices[position]!);
      const position = shown.findIndex((choice) => choice.right);
      shownAt.add(position);
      const record = recordQuizAnswers(emptyProgress(learner, t0), 'week-1/cidr', { 0: shown[position]!.id }, [2], t0);
      expect(record.quizzes['week-1/cidr']).toMatchObject({ answers: { '0': 2 }, correct: 1, total: 1 });
    }
    expect(shownAt.size).toBeGreaterThan(1);
  });

  it('ignores answers to questions the quiz no longer has', () => {
    const record = recordQuizAnswers(fresh, 'week-1/cidr', { 0: 1, 7: 0 }, [1], t0);
    expect(record.quizzes['week-1/cidr']).toMatchObject({ answers: { '0': 1 }, correct: 1, total: 1 });
  });

  it('appends verify attempts in order and stays valid against the schema', () => {
    const failed = { ...passedAttempt, status: 'failed' as const, at: t0.toISOString() };
    const record = recordVerifyAttempt(recordVerifyAttempt(fresh, failed), passedAttempt);
    expect(record.attempts.map((a) => a.status)).toEqual(['failed', 'passed']);
    expect(progressSchema.safeParse(record).success).toBe(true);
  });
});

describe('lesson marks', () => {
  it('shows nothing for a lesson never opened', () => {
    expect(lessonMarks(fresh, 'week-1/cidr')).toEqual({ visited: false, quizDone: false, verified: false });
  });

  it('shows visited, the quiz score and a passed exercise', () => {
    let record = recordLessonVisit(fresh, 'week-1/exercise-3', t0);
    record = recordQuizAnswers(record, 'week-1/exercise-3', { 0: 0, 1: 0 }, [0, 1], t0);
    record = recordVerifyAttempt(record, passedAttempt);
    expect(lessonMarks(record, 'week-1/exercise-3', 'exercise-3')).toEqual({
      visited: true,
      quizDone: true,
      quizScore: { correct: 1, total: 2 },
      verified: true,
    });
  });

  it('does not count a failed attempt as verified', () => {
    const record = recordVerifyAttempt(fresh, { ...passedAttempt, status: 'failed' });
    expect(lessonMarks(record, 'week-1/exercise-3', 'exercise-3').verified).toBe(false);
  });
});

describe('reading stored progress', () => {
  it('reads back what was stored', () => {
    const record = recordLessonVisit(fresh, 'week-1/cidr', t0);
    expect(readStoredProgress(JSON.stringify(record))).toEqual(record);
  });

  it.each([
    ['broken JSON', '{"format":', 'not-json'],
    ["another app's data", '{"theme":"dark"}', 'foreign-format'],
    ['a JSON array', '[]', 'foreign-format'],
    ['a newer version', JSON.stringify({ ...fresh, version: 2 }), 'newer-version'],
    ['lessons of the wrong type', JSON.stringify({ ...fresh, lessons: [] }), 'malformed'],
    [
      'a quiz without answers',
      JSON.stringify({ ...fresh, quizzes: { 'week-1/cidr': { correct: 1, total: 2 } } }),
      'malformed',
    ],
    ['attempts that are not objects', JSON.stringify({ ...fresh, attempts: ['passed'] }), 'malformed'],
  ])('reports %s as a problem with a code', (_, text, code) => {
    const read = readStoredProgress(text);
    expect(isProgressProblem(read)).toBe(true);
    expect(read).toMatchObject({ code });
  });
});
