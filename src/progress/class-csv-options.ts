/**
 * The layouts a class's CSV comes in (see class-csv.ts for what each holds), apart from the code that writes them:
 * `awscourse report`'s help and option checks name them without loading papaparse.
 */

/** The shapes the CSV comes in: a row per check of every attempt, or a row per learner. */
export const csvShapes = ['tidy', 'gradebook'] as const;
/** A CSV shape. */
export type CsvShape = (typeof csvShapes)[number];

/** The LMSs whose gradebook import the gradebook shape can be laid out for. */
export const lmsIds = ['canvas', 'moodle'] as const;
/** An LMS the gradebook can be laid out for. */
export type LmsId = (typeof lmsIds)[number];

/** How the CSV is laid out. */
export interface ClassCsvOptions {
  shape: CsvShape;
  /** The LMS whose gradebook import the columns are named for; the gradebook shape only. */
  lms?: LmsId;
}
