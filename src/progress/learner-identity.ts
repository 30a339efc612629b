import type { Progress } from './schema';

/**
 * Who the learner is to their instructor: the name and roster id asked before the first download, within the progress
 * schema's limits (its tests hold the two together). A module apart from record.ts, which ships with the course frame
 * on every page, while these are needed on the Progress page only.
 */

/** What the learner types before their first download: a display name and the id their instructor knows them by. */
export interface LearnerIdentity {
  /** The name the instructor should see; 1 to 200 characters once trimmed. */
  name: string;
  /** An e-mail address or a student number, e.g. `learner@example.edu`; 1 to 200 characters once trimmed. */
  rosterId: string;
}

/** The longest name or roster id the progress schema accepts, in UTF-16 code units as zod counts them. */
export const learnerFieldMaxLength = 200;

/** One field of a {@link LearnerIdentity} that cannot be kept, and what to type instead. */
export interface LearnerIdentityProblem {
  /** The field at fault. */
  field: keyof LearnerIdentity;
  /** What to do, for the learner. */
  message: string;
}

/**
 * Every problem with an identity, one per field at fault; none means {@link recordLearnerIdentity} keeps it. Values
 * are judged trimmed, as they are stored, and within the progress schema's limits (so a kept identity always passes
 * it). The schema allows a record without a name, for files written before names were asked; the form asks for one.
 */
export function learnerIdentityProblems(identity: LearnerIdentity): LearnerIdentityProblem[] {
  const problems: LearnerIdentityProblem[] = [];
  const name = identity.name.trim();
  const rosterId = identity.rosterId.trim();
  if (name.length === 0) problems.push({ field: 'name', message: 'Enter your name as your instructor should see it.' });
  if (name.length > learnerFieldMaxLength)
    problems.push({
      field: 'name',
      message: `Shorten your name to ${learnerFieldMaxLength} characters or fewer (it has ${name.length}).`,
    });
  if (rosterId.length === 0)
    problems.push({
      field: 'rosterId',
      message: 'Enter the e-mail address or student number your instructor knows you by.',
    });
  if (rosterId.length > learnerFieldMaxLength)
    problems.push({
      field: 'rosterId',
      message: `Shorten the id to ${learnerFieldMaxLength} characters or fewer (it has ${rosterId.length}).`,
    });
  return problems;
}

/**
 * The record with the learner's name and roster id, trimmed. An identity with {@link learnerIdentityProblems} leaves
 * the record as it was, so the record never holds one the schema would refuse; callers show the problems instead.
 */
export function recordLearnerIdentity(progress: Progress, identity: LearnerIdentity, now: Date): Progress {
  if (learnerIdentityProblems(identity).length > 0) return progress;
  return {
    ...progress,
    updatedAt: now.toISOString(),
    learner: { ...progress.learner, name: identity.name.trim(), rosterId: identity.rosterId.trim() },
  };
}
