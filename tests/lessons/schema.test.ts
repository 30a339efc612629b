import { describe, expect, it } from 'vitest';
import { lessonSchema } from '../../src/lessons/schema';

const valid = {
  title: 'CIDR notation, bit by bit',
  week: 1,
  order: 6,
  summary: 'Read a CIDR block as 32 bits and tell its network part from its host part.',
  objectives: ['Convert 10.0.0.0/24 to binary'],
  minutes: 25,
};

/** The messages zod reports for a frontmatter, one per problem, so a test can look for the one it expects. */
function problemsOf(frontmatter: unknown): string[] {
  const result = lessonSchema.safeParse(frontmatter);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('lesson frontmatter schema', () => {
  it('accepts a complete frontmatter without an exercise', () => {
    expect(problemsOf(valid)).toEqual([]);
  });

  it('accepts each known exercise id', () => {
    for (const exercise of ['exercise-3', 'exercise-4', 'exercise-5', 'exercise-6', 'key-cleanup']) {
      expect(problemsOf({ ...valid, exercise })).toEqual([]);
    }
  });

  it('names the allowed exercise ids when an exercise is unknown', () => {
    expect(problemsOf({ ...valid, exercise: 'exercise-7' })).toEqual([
      'exercise: exercise must be one of exercise-3, exercise-4, exercise-5, exercise-6, key-cleanup',
    ]);
  });

  it('rejects a week other than 1 or 2', () => {
    expect(problemsOf({ ...valid, week: 3 })).toEqual(['week: week must be 1 or 2']);
  });

  it('rejects an order of zero or a fraction', () => {
    expect(problemsOf({ ...valid, order: 0 })).toEqual(['order: order starts at 1']);
    expect(problemsOf({ ...valid, order: 1.5 })).toEqual(['order: order must be a whole number']);
  });

  it('rejects a summary that is too short or too long', () => {
    expect(problemsOf({ ...valid, summary: 'Short.' })).toEqual(['summary: write a summary of at least 20 characters']);
    expect(problemsOf({ ...valid, summary: 'x'.repeat(301) })).toEqual([
      'summary: keep the summary under 300 characters',
    ]);
  });

  it('requires at least one learning objective', () => {
    expect(problemsOf({ ...valid, objectives: [] })).toEqual(['objectives: list at least one learning objective']);
  });

  it('rejects unknown keys so that a typo does not pass silently', () => {
    expect(problemsOf({ ...valid, exercize: 'exercise-3' })).toHaveLength(1);
  });

  it('reports every missing required field', () => {
    const missing = problemsOf({}).map((problem) => problem.split(':')[0]);
    expect(missing).toEqual(['title', 'week', 'order', 'summary', 'objectives', 'minutes']);
  });
});
