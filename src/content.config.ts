import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './lessons/schema';

/**
 * Lessons live in the top-level `content/` folder, one MDX file each, under `week-1/` or `week-2/`.
 * An entry's id is its path without the extension, e.g. `week-1/cidr`; it is also its URL.
 */
const lessons = defineCollection({
  loader: glob({ pattern: 'week-*/*.mdx', base: './content' }),
  schema: lessonSchema,
});

export const collections = { lessons };
