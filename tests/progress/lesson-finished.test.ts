import { describe, expect, it } from 'vitest';
import { isLessonFinished } from '../../src/progress/lesson-finished';

const noMarks = { visited: false, quizDone: false, verified: false };

describe('isLessonFinished', () => {
  it('does not finish a lesson never opened', () => {
    expect(isLessonFinished({ ...noMarks, quizDone: true })).toBe(false);
  });

  it('finishes a lesson without an exercise once it is opened and its quiz done', () => {
    expect(isLessonFinished({ ...noMarks, visited: true, quizDone: true })).toBe(true);
  });

  it('does not finish a lesson whose quiz is not done', () => {
    expect(isLessonFinished({ ...noMarks, visited: true, verified: true }, 'exercise-3')).toBe(false);
  });

  it('does not finish an exercise lesson until Verify has passed', () => {
    expect(isLessonFinished({ ...noMarks, visited: true, quizDone: true }, 'exercise-3')).toBe(false);
    expect(isLessonFinished({ visited: true, quizDone: true, verified: true }, 'exercise-3')).toBe(true);
  });
});
