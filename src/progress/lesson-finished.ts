import type { LessonMarks } from './record';

/**
 * A lesson is finished once it was opened, its quiz answered in full (every lesson ends with one) and, when it has
 * an exercise, a Verify attempt passed. A module of its own, since the home page's small script needs only this.
 */
export function isLessonFinished(marks: LessonMarks, exercise?: string): boolean {
  return marks.visited && marks.quizDone && (exercise === undefined || marks.verified);
}
