import type { LessonFrontmatter } from './schema';

/** A lesson as the outline needs it: its id (`week-1/cidr`, also its URL path) and its frontmatter. */
export interface OutlineLesson {
  id: string;
  data: LessonFrontmatter;
}

/** One week of the course with its lessons in order. */
export interface OutlineWeek {
  week: 1 | 2;
  title: string;
  lessons: OutlineLesson[];
}

/** The heading each week carries in the outline and the navigation. */
export const weekTitles = {
  1: 'Week 1: AWS foundations, EC2 and VPCs',
  2: 'Week 2: IAM, the SDKs, S3 and Rekognition',
} as const;

/** A lesson's URL path, e.g. `/week-1/cidr/`. */
export function lessonPath(id: string): string {
  return `/${id}/`;
}

/** The course's lessons in reading order: week 1 then week 2, each by its `order`. */
export function lessonsInOrder<T extends OutlineLesson>(lessons: readonly T[]): T[] {
  return [...lessons].sort((a, b) => a.data.week - b.data.week || a.data.order - b.data.order);
}

/** The lessons grouped by week, each week in order. */
export function courseOutline(lessons: readonly OutlineLesson[]): OutlineWeek[] {
  const ordered = lessonsInOrder(lessons);
  return ([1, 2] as const).map((week) => ({
    week,
    title: weekTitles[week],
    lessons: ordered.filter((lesson) => lesson.data.week === week),
  }));
}

/** The lessons before and after `id` in reading order, across the week boundary. */
export function neighbours<T extends OutlineLesson>(lessons: readonly T[], id: string): { previous?: T; next?: T } {
  const ordered = lessonsInOrder(lessons);
  const index = ordered.findIndex((lesson) => lesson.id === id);
  if (index < 0) return {};
  return { previous: ordered[index - 1], next: ordered[index + 1] };
}

/**
 * Problems in the outline that a schema cannot see, since it checks one lesson at a time: a lesson in the wrong
 * folder for its `week`, two lessons of a week sharing an `order`, an exercise verified by two lessons.
 */
export function outlineProblems(lessons: readonly OutlineLesson[]): string[] {
  const problems: string[] = [];
  const seenOrder = new Map<string, string>();
  const seenExercise = new Map<string, string>();
  for (const { id, data } of lessons) {
    const folder = id.split('/')[0];
    if (folder !== `week-${data.week}`) problems.push(`${id}: says week ${data.week} but lives in ${folder}/`);
    const orderKey = `${data.week}:${data.order}`;
    const sameOrder = seenOrder.get(orderKey);
    if (sameOrder) problems.push(`${id}: order ${data.order} is already used by ${sameOrder}`);
    seenOrder.set(orderKey, id);
    if (data.exercise) {
      const sameExercise = seenExercise.get(data.exercise);
      if (sameExercise) problems.push(`${id}: exercise ${data.exercise} is already verified by ${sameExercise}`);
      seenExercise.set(data.exercise, id);
    }
  }
  return problems;
}
