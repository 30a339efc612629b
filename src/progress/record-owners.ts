/**
 * Whose each record is, for the outputs made record by record (the tidy CSV, the xAPI statements), which need every
 * check of every attempt and so read a class's files one at a time after its learners are known: the learner's
 * identity as merged from all their files, and whether there were several, so that what two files repeat (an earlier
 * and a later download) is written once. Plain data, so that it crosses to a worker thread.
 */
import type { ClassLearner } from './class-progress';

/** What a record's rows and statements need to know of its learner. */
export interface RecordOwner {
  /** The id the instructor knows the learner by, from any of their files. */
  rosterId?: string;
  /** The learner's name, from any of their files. */
  name?: string;
  /** Whether the learner's record came from several files, whose repeats are written once. */
  merged: boolean;
}

/** Each record id of the class with its learner. */
export function recordOwners(learners: ClassLearner[]): Map<string, RecordOwner> {
  return new Map(
    learners.flatMap(({ recordIds, rosterId, name, files }) => {
      const owner: RecordOwner = {
        ...(rosterId ? { rosterId } : {}),
        ...(name ? { name } : {}),
        merged: files.length > 1,
      };
      return recordIds.map((id) => [id, owner] as const);
    }),
  );
}

/**
 * A filter that passes each item once by its key, and every item without one: what a learner of several files
 * repeats carries a key, and only the first copy is written.
 *
 * @example const once = firstOfEachKey(); groups.filter((group) => once(group.key));
 */
export function firstOfEachKey(): (key: string | undefined) => boolean {
  const seen = new Set<string>();
  return (key) => {
    if (key === undefined) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
}
