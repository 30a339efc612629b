/**
 * The identity of a progress record, kept apart from the zod schema so that code shipped on every page can stamp
 * and recognise records without bundling zod.
 */

/** The name every progress record carries, so a foreign JSON file is told apart from ours. */
export const progressFormat = 'awscourse-progress';

/** The version of the progress record this code writes. Newer versions are refused rather than misread. */
export const progressVersion = 1;
