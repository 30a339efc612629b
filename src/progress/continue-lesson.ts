import type { CourseLesson } from './course-summary';
import { isLessonFinished } from './lesson-finished';
import { ownEntry } from '../lib/name-record';
import { lessonMarks } from './record';
import type { Progress } from './schema';

/** The lesson to go back to, and why it is the one. */
export interface ContinueLesson {
  /** The lesson. */
  lesson: CourseLesson;
  /**
   * `last-visited`: the lesson opened last, not finished yet; `next-unfinished`: the lesson opened last is finished,
   * and this is the next one that is not; `all-finished`: every lesson is finished, and this is the one opened last.
   */
  reason: 'last-visited' | 'next-unfinished' | 'all-finished';
}

/**
 * Where the learner should pick the course up: the lesson they opened last while it is unfinished, else the next
 * unfinished lesson after it in reading order (then from the start). Nothing before the first lesson is opened.
 */
export function continueLesson(progress: Progress, lessons: readonly CourseLesson[]): ContinueLesson | undefined {
  const openedAt = (lesson: CourseLesson) => {
    const visit = ownEntry(progress.lessons, lesson.id);
    return visit ? Date.parse(visit.lastVisitedAt) : -Infinity;
  };
  const last = lessons.reduce<CourseLesson | undefined>(
    (latest, lesson) => (openedAt(lesson) > (latest ? openedAt(latest) : -Infinity) ? lesson : latest),
    undefined,
  );
  if (!last) return undefined;
  const unfinished = (lesson: CourseLesson) =>
    !isLessonFinished(lessonMarks(progress, lesson.id, lesson.exercise), lesson.exercise);
  if (unfinished(last)) return { lesson: last, reason: 'last-visited' };
  const after = lessons.indexOf(last) + 1;
  const next = [...lessons.slice(after), ...lessons.slice(0, after)].find(unfinished);
  return next ? { lesson: next, reason: 'next-unfinished' } : { lesson: last, reason: 'all-finished' };
}
