import { z } from 'zod';
import { checkStatusIds, runStatusIds } from '../../checkers/status';
import { exerciseIds } from '../lessons/schema';
import { progressFormat, progressVersion } from './format';
import { statementLaunchSchema } from './statement-launch-schema';

export { progressFormat, progressVersion };

const isoTime = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 time such as 2026-11-24T10:00:00Z' });

/** What the learner did on one lesson page. */
export const lessonProgressSchema = z.object({
  /** When the learner first opened the lesson. */
  firstVisitedAt: isoTime,
  /** When the learner last opened the lesson. */
  lastVisitedAt: isoTime,
});

/** The learner's answers to one lesson's quiz; the quiz id is the lesson id. */
export const quizProgressSchema = z.object({
  /**
   * The chosen answer per question, keyed by the question's index: the chosen choice's id (see `quizChoiceSchema`),
   * whatever order the learner saw the choices in. Records from before choices had ids hold the choice's authored
   * index, which is the id those choices kept.
   */
  answers: z.record(z.string().regex(/^\d+$/), z.number().int().min(0)),
  /** How many of the answers are right. */
  correct: z.number().int().min(0),
  /** How many questions the quiz has. */
  total: z.number().int().min(1),
  /** When every question had an answer for the first time; absent while the quiz is unfinished. */
  completedAt: isoTime.optional(),
  /**
   * The launch (an xAPI launch link, a cmi5 session) its statements were first sent under, with the actor and the
   * registration it gave; absent until then, or when no launch sent them.
   */
  launch: statementLaunchSchema.optional(),
});

/** One check of a Verify attempt, as the checker reported it. */
export const checkOutcomeSchema = z.object({
  /** The check's id within its checker, e.g. `vpc-exists`. */
  id: z.string().min(1),
  /** The check's title. */
  title: z.string().optional(),
  /** The outcome; `warn` passes but flags something to act on, such as a resource still costing money. */
  status: z.enum(checkStatusIds),
  /** What the checker found. */
  message: z.string(),
  /** How to fix a failure. */
  hint: z.string().optional(),
  /** Resource ids the check looked at, e.g. `{ vpcId: 'vpc-0abc' }`. */
  evidence: z.record(z.string(), z.unknown()).optional(),
});

/** One press of Verify (or one `awscourse check` run) for one exercise. */
export const verifyAttemptSchema = z.object({
  /** The exercise verified. */
  exercise: z.enum(exerciseIds),
  /** When the attempt finished. */
  at: isoTime,
  /** Offline (the sandbox account) or live (a real AWS account). */
  mode: z.enum(['offline', 'live']),
  /** The overall result. */
  status: z.enum(runStatusIds),
  /** The region checked. */
  region: z.string().optional(),
  /** The AWS account id checked; never a credential. */
  account: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  /** How long the attempt took, in milliseconds. */
  durationMs: z.number().min(0).optional(),
  /** The version of the checker that ran. */
  checkerVersion: z.string().optional(),
  /** Every check with its outcome. */
  checks: z.array(checkOutcomeSchema),
  /**
   * The launch (an xAPI launch link, a cmi5 session) its statements were first sent under, with the actor and the
   * registration it gave; absent until then, or when no launch sent them.
   */
  launch: statementLaunchSchema.optional(),
});

/** A learner's whole progress: the file `awscourse` writes and the record the site keeps in the browser. */
export const progressSchema = z.object({
  /** Always `awscourse-progress`. */
  format: z.literal(progressFormat, { error: `not a course progress file (expected "format": "${progressFormat}")` }),
  /** The schema version, {@link progressVersion} for records written by this code. */
  version: z.literal(progressVersion, {
    error: `unsupported progress version (this course reads version ${progressVersion})`,
  }),
  /** A random id for the learner, made on first use, and how the learner is known to their instructor. */
  learner: z.object({
    /** A random identifier, stable for this learner's browser or machine. */
    id: z.string().min(8).max(100),
    /** A name the learner chose to show their instructor, if any. */
    name: z.string().max(200).optional(),
    /**
     * The id the instructor knows the learner by (an e-mail address or a student number), given before the first
     * download; a class's files are matched to learners by it.
     */
    rosterId: z.string().trim().min(1).max(200).optional(),
  }),
  /** When this record was last changed. */
  updatedAt: isoTime,
  /** Lessons visited, keyed by lesson id (`week-1/cidr`). */
  lessons: z.record(z.string(), lessonProgressSchema),
  /** Quiz answers, keyed by lesson id. */
  quizzes: z.record(z.string(), quizProgressSchema),
  /** Every Verify attempt, oldest first. */
  attempts: z.array(verifyAttemptSchema),
});

/** A learner's validated progress record. */
export type Progress = z.infer<typeof progressSchema>;
/** One quiz's saved answers. */
export type QuizProgress = z.infer<typeof quizProgressSchema>;
/** One Verify attempt. */
export type VerifyAttempt = z.infer<typeof verifyAttemptSchema>;
