import { describe, expect, it } from 'vitest';
import { continueLesson } from '../../src/progress/continue-lesson';
import type { CourseLesson } from '../../src/progress/course-summary';
import { emptyProgress, recordLessonVisit, recordQuizAnswers, recordVerifyAttempt } from '../../src/progress/record';
import type { Progress } from '../../src/progress/schema';

const at = (hour: number) => new Date(`2026-12-04T${String(hour).padStart(2, '0')}:00:00.000Z`);
const fresh = emptyProgress('learner-0001', at(8));

const lessons: CourseLesson[] = [
  { id: 'week-1/regions-and-zones', title: 'Regions and zones' },
  { id: 'week-1/cidr', title: 'CIDR' },
  { id: 'week-1/exercise-3', title: 'Exercise 3', exercise: 'exercise-3' },
  { id: 'week-2/s3-basics', title: 'S3 basics' },
];

/** The record after the learner opened a lesson and answered its one-question quiz. */
function finish(progress: Progress, id: string, hour: number): Progress {
  return recordQuizAnswers(recordLessonVisit(progress, id, at(hour)), id, { 0: 0 }, [0], at(hour));
}

describe('continueLesson', () => {
  it('offers nothing before the first lesson is opened', () => {
    expect(continueLesson(fresh, lessons)).toBeUndefined();
  });

  it('offers the lesson opened last while it is unfinished, whatever its place in the course', () => {
    let record = recordLessonVisit(fresh, 'week-2/s3-basics', at(9));
    record = recordLessonVisit(record, 'week-1/cidr', at(10));
    expect(continueLesson(record, lessons)).toEqual({ lesson: lessons[1], reason: 'last-visited' });
  });

  it('goes by the time of the last visit, not the first', () => {
    let record = recordLessonVisit(fresh, 'week-1/cidr', at(9));
    record = recordLessonVisit(record, 'week-2/s3-basics', at(10));
    record = recordLessonVisit(record, 'week-1/cidr', at(11));
    expect(continueLesson(record, lessons)?.lesson.id).toBe('week-1/cidr');
  });

  it('offers the next unfinished lesson once the one opened last is finished', () => {
    const record = finish(fresh, 'week-1/cidr', 9);
    expect(continueLesson(record, lessons)).toEqual({ lesson: lessons[2], reason: 'next-unfinished' });
  });

  it('skips finished lessons after it, and comes back to the start when none after it is unfinished', () => {
    let record = finish(fresh, 'week-2/s3-basics', 9);
    record = finish(record, 'week-1/exercise-3', 10);
    record = recordVerifyAttempt(record, {
      exercise: 'exercise-3',
      at: at(10).toISOString(),
      mode: 'offline',
      status: 'passed',
      checks: [],
    });
    expect(continueLesson(record, lessons)).toEqual({ lesson: lessons[0], reason: 'next-unfinished' });
  });

  it('keeps an exercise lesson as the one to continue until Verify passes', () => {
    const record = finish(fresh, 'week-1/exercise-3', 9);
    expect(continueLesson(record, lessons)).toEqual({ lesson: lessons[2], reason: 'last-visited' });
  });

  it('says so when every lesson is finished, offering the one opened last', () => {
    let record = fresh;
    for (const [index, lesson] of lessons.entries()) record = finish(record, lesson.id, 9 + index);
    record = recordLessonVisit(record, 'week-1/cidr', at(20));
    record = recordVerifyAttempt(record, {
      exercise: 'exercise-3',
      at: at(20).toISOString(),
      mode: 'offline',
      status: 'passed',
      checks: [],
    });
    expect(continueLesson(record, lessons)).toEqual({ lesson: lessons[1], reason: 'all-finished' });
  });

  it('ignores visits to lessons the course no longer has', () => {
    const record = recordLessonVisit(recordLessonVisit(fresh, 'week-1/cidr', at(9)), 'week-3/old', at(10));
    expect(continueLesson(record, lessons)?.lesson.id).toBe('week-1/cidr');
  });
});
