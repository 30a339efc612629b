import { z } from 'zod';
import { terminalSchema } from './terminal-schema';

import { exerciseIds } from './exercise-ids';

export { type ExerciseId, exerciseIds } from './exercise-ids';

/** The frontmatter every lesson in `content/week-N/*.mdx` declares. */
export const lessonSchema = z
  .object({
    /** The lesson's title, shown as its heading, in the navigation and in the page title. */
    title: z.string().min(3, 'give the lesson a title of at least 3 characters'),
    /** The course week the lesson belongs to; it must match the lesson's folder (`week-1` or `week-2`). */
    week: z.union([z.literal(1), z.literal(2)], { error: 'week must be 1 or 2' }),
    /** The lesson's position within its week, starting at 1; no two lessons of a week share one. */
    order: z.number().int('order must be a whole number').positive('order starts at 1'),
    /** One or two sentences for the course outline and search results. */
    summary: z
      .string()
      .min(20, 'write a summary of at least 20 characters')
      .max(300, 'keep the summary under 300 characters'),
    /** What the learner can do after the lesson, each starting with a verb ("Explain …", "Launch …"). */
    objectives: z.array(z.string().min(5)).min(1, 'list at least one learning objective'),
    /** A realistic estimate of the minutes the lesson takes, hands-on steps included. */
    minutes: z.number().int().min(1).max(240),
    /** The exercise this lesson verifies with its Verify button, if it has one. */
    exercise: z.enum(exerciseIds, { error: `exercise must be one of ${exerciseIds.join(', ')}` }).optional(),
    /** The lab terminal the lesson offers, and the files it starts with; lessons without one ship none of its code. */
    terminal: terminalSchema.optional(),
  })
  .strict();

/** A lesson's validated frontmatter. */
export type LessonFrontmatter = z.infer<typeof lessonSchema>;
