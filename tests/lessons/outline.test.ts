import { describe, expect, it } from 'vitest';
import {
  courseOutline,
  lessonsInOrder,
  neighbours,
  outlineProblems,
  type OutlineLesson,
} from '../../src/lessons/outline';

function lesson(id: string, week: 1 | 2, order: number, exercise?: OutlineLesson['data']['exercise']): OutlineLesson {
  return {
    id,
    data: {
      title: id,
      week,
      order,
      summary: 'A summary that is long enough.',
      objectives: ['Do it'],
      minutes: 10,
      exercise,
    },
  };
}

const lessons = [lesson('week-2/apis', 2, 1), lesson('week-1/cidr', 1, 2), lesson('week-1/regions', 1, 1)];

describe('course outline', () => {
  it('orders lessons by week, then by order', () => {
    expect(lessonsInOrder(lessons).map((l) => l.id)).toEqual(['week-1/regions', 'week-1/cidr', 'week-2/apis']);
  });

  it('groups lessons by week', () => {
    expect(courseOutline(lessons).map((week) => week.lessons.map((l) => l.id))).toEqual([
      ['week-1/regions', 'week-1/cidr'],
      ['week-2/apis'],
    ]);
  });

  it('links across the week boundary and has no previous for the first lesson', () => {
    expect(neighbours(lessons, 'week-1/cidr')).toMatchObject({
      previous: { id: 'week-1/regions' },
      next: { id: 'week-2/apis' },
    });
    expect(neighbours(lessons, 'week-1/regions').previous).toBeUndefined();
    expect(neighbours(lessons, 'week-2/apis').next).toBeUndefined();
  });

  it('finds no problems in a sound outline', () => {
    expect(outlineProblems(lessons)).toEqual([]);
  });

  it('reports a lesson in the wrong folder, a shared order and an exercise verified twice', () => {
    expect(
      outlineProblems([
        lesson('week-1/a', 2, 1),
        lesson('week-1/b', 1, 1, 'exercise-3'),
        lesson('week-1/c', 1, 1, 'exercise-3'),
      ]),
    ).toEqual([
      'week-1/a: says week 2 but lives in week-1/',
      'week-1/c: order 1 is already used by week-1/b',
      'week-1/c: exercise exercise-3 is already verified by week-1/b',
    ]);
  });
});
