import { describe, expect, it } from 'vitest';
import { type CourseWeek, courseTotals, weekSummaries } from '../../src/progress/course-summary';
import { emptyProgress, recordLessonVisit, recordQuizAnswers, recordVerifyAttempt } from '../../src/progress/record';
import type { VerifyAttempt } from '../../src/progress/schema';

const t0 = new Date('2026-12-04T10:00:00.000Z');
const t1 = new Date('2026-12-04T11:00:00.000Z');
const fresh = emptyProgress('learner-0001', t0);

const weeks: CourseWeek[] = [
  {
    week: 1,
    title: 'Week 1',
    lessons: [
      { id: 'week-1/cidr', title: 'CIDR' },
      { id: 'week-1/exercise-3', title: 'Exercise 3', exercise: 'exercise-3' },
    ],
  },
  { week: 2, title: 'Week 2', lessons: [{ id: 'week-2/s3-basics', title: 'S3 basics' }] },
];

const attempt = (status: VerifyAttempt['status'], at: Date): VerifyAttempt => ({
  exercise: 'exercise-3',
  at: at.toISOString(),
  mode: 'offline',
  status,
  checks: [{ id: 'vpc-exists', status: status === 'passed' ? 'pass' : 'fail', message: 'VPC vpc-0abc.' }],
});

describe('weekSummaries', () => {
  it('shows nothing done for a learner who has not started', () => {
    const [week1, week2] = weekSummaries(fresh, weeks);
    expect(week1?.finished).toBe(0);
    expect(week1?.lessons.map((lesson) => lesson.marks.visited)).toEqual([false, false]);
    expect(week2?.lessons[0]?.lastVisitedAt).toBeUndefined();
  });

  it("gives each lesson its last visit, and an exercise lesson its exercise's attempts, oldest first", () => {
    let record = recordLessonVisit(fresh, 'week-1/exercise-3', t0);
    record = recordLessonVisit(record, 'week-1/exercise-3', t1);
    record = recordVerifyAttempt(record, attempt('failed', t0));
    record = recordVerifyAttempt(record, attempt('passed', t1));
    const [, exercise] = weekSummaries(record, weeks)[0]!.lessons;
    expect(exercise?.lastVisitedAt).toBe(t1.toISOString());
    expect(exercise?.attempts.map((a) => a.status)).toEqual(['failed', 'passed']);
    expect(weekSummaries(record, weeks)[0]!.lessons[0]?.attempts).toEqual([]);
  });

  it("counts a week's finished lessons", () => {
    let record = recordLessonVisit(fresh, 'week-1/cidr', t0);
    record = recordQuizAnswers(record, 'week-1/cidr', { 0: 1 }, [1], t0);
    record = recordLessonVisit(record, 'week-1/exercise-3', t0);
    record = recordQuizAnswers(record, 'week-1/exercise-3', { 0: 0 }, [1], t0);
    expect(weekSummaries(record, weeks).map((week) => week.finished)).toEqual([1, 0]);
    record = recordVerifyAttempt(record, attempt('passed', t1));
    expect(weekSummaries(record, weeks).map((week) => week.finished)).toEqual([2, 0]);
  });
});

describe('courseTotals', () => {
  it('adds up lessons opened, quizzes done with their answers, exercises verified and attempts over every week', () => {
    let record = recordLessonVisit(fresh, 'week-1/cidr', t0);
    record = recordQuizAnswers(record, 'week-1/cidr', { 0: 1, 1: 0 }, [1, 1], t0);
    record = recordLessonVisit(record, 'week-2/s3-basics', t0);
    record = recordQuizAnswers(record, 'week-2/s3-basics', { 0: 2 }, [2, 0, 1], t0);
    record = recordVerifyAttempt(record, attempt('failed', t0));
    expect(courseTotals(weekSummaries(record, weeks))).toEqual({
      lessons: 3,
      visited: 2,
      finished: 1,
      quizzesDone: 1,
      quizAnswers: { correct: 1, total: 2 },
      exercises: 1,
      verified: 0,
      attempts: 1,
    });
  });
});
