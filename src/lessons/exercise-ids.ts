/**
 * The exercises that have a Verify button, in course order, without the lesson schema's zod: the pages' lazily loaded
 * code (the course's cmi5 criteria) needs the list, and zod would add some 90 kB to it. Checkers use the same ids.
 */
export const exerciseIds = ['exercise-3', 'exercise-4', 'exercise-5', 'exercise-6', 'key-cleanup'] as const;

/** An exercise id, such as `exercise-3`. */
export type ExerciseId = (typeof exerciseIds)[number];
