/**
 * A learner's progress as xAPI 1.0.3 statements: the one place statements are made, for the site's "Send to my
 * instructor" and for `awscourse report --xapi`. A pure function of the progress record, so the same record always
 * gives the same statements, with the same ids: a second send adds nothing to a Learning Record Store. The launch an
 * attempt or a quiz was first sent under is kept in the record with it, so its statements are the same whoever makes
 * them again: the site under another launch, or `awscourse` from the learner's file.
 */
import { v5 as uuidV5 } from 'uuid';
import { checkStatuses, passedCount } from '../../checkers/status';
import { type ContextTemplate, withContextTemplate } from './context-template';
import type { Progress, QuizProgress, VerifyAttempt } from './schema';
import type { StatementLaunch } from './statement-launch-schema';

/** An xAPI agent (the learner). */
export interface XapiAgent {
  objectType: 'Agent';
  name?: string;
  mbox?: string;
  mbox_sha1sum?: string;
  openid?: string;
  account?: { homePage: string; name: string };
}

/** An xAPI activity: an exercise, one of its checks, a lesson's quiz, or the course. */
export interface XapiActivity {
  objectType: 'Activity';
  id: string;
  definition: { type: string; name: { 'en-US': string } };
}

/** The statements' result: success, score, duration and, for a check, what it found. */
export interface XapiResult {
  success?: boolean;
  completion?: boolean;
  score?: { scaled: number; raw: number; min: number; max: number };
  duration?: string;
  extensions?: Record<string, unknown>;
}

/** One xAPI statement as this course sends it. */
export interface XapiStatement {
  id: string;
  actor: XapiAgent;
  verb: { id: string; display: { 'en-US': string } };
  object: XapiActivity;
  result?: XapiResult;
  context: {
    registration?: string;
    revision: string;
    platform: string;
    language: string;
    contextActivities: { parent?: XapiActivity[]; grouping: XapiActivity[] };
    extensions?: Record<string, unknown>;
  };
  timestamp: string;
}

/**
 * Where the statements come from: the course's address and revision. What a launch (cmi5, xAPI) gave is the record's,
 * kept on each attempt and quiz it sent.
 */
export interface StatementSource {
  /** The course site's address, e.g. `https://course.example.edu`: every activity id is under it. */
  siteUrl: string;
  /** The course's revision (its commit or version), in each statement's context. */
  revision: string;
}

/** The ADL verbs the course uses. */
export const verbs = {
  attempted: 'http://adlnet.gov/expapi/verbs/attempted',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
} as const;

/** The ADL activity types of the course's activities. */
const activityTypes = {
  course: 'http://adlnet.gov/expapi/activities/course',
  assessment: 'http://adlnet.gov/expapi/activities/assessment',
  interaction: 'http://adlnet.gov/expapi/activities/interaction',
} as const;

/** The namespace of the course's statement ids (UUID v5): fixed, so an id depends only on what it names. */
const statementNamespace = '3c1f4e1a-9a43-5d0e-8f0c-6b7d2f3a9e51';

/** The site's address without a trailing slash. */
const siteOf = (source: StatementSource) => source.siteUrl.replace(/\/+$/, '');

/** The IRI of one of the course's own extensions: `SITE/xapi/extensions/NAME`. */
export const extensionIri = (source: StatementSource, name: string) => `${siteOf(source)}/xapi/extensions/${name}`;

function activity(id: string, type: string, name: string): XapiActivity {
  return { objectType: 'Activity', id, definition: { type, name: { 'en-US': name } } };
}

/** The course as a whole: the grouping of every statement. */
export const courseActivity = (source: StatementSource) =>
  activity(`${siteOf(source)}/`, activityTypes.course, 'Building applications on AWS');

/** An exercise, verified as a whole. */
export const exerciseActivity = (source: StatementSource, exercise: string) =>
  activity(`${siteOf(source)}/xapi/exercises/${exercise}`, activityTypes.assessment, `Exercise ${exercise}`);

/** One check of an exercise. */
export const checkActivity = (source: StatementSource, exercise: string, check: { id: string; title?: string }) =>
  activity(
    `${siteOf(source)}/xapi/exercises/${exercise}/checks/${encodeURIComponent(check.id)}`,
    activityTypes.interaction,
    check.title ?? check.id,
  );

/** A lesson's quiz, at its lesson's page: `SITE/week-1/cidr/#quiz`. */
export const quizActivity = (source: StatementSource, lessonId: string) =>
  activity(`${siteOf(source)}/${lessonId}/#quiz`, activityTypes.assessment, `Quiz of ${lessonId}`);

/** A duration in milliseconds as ISO 8601 (`PT1.234S`), as xAPI's result.duration takes it. */
export function isoDuration(ms: number): string {
  return `PT${Number((ms / 1000).toFixed(3))}S`;
}

/** A score out of `max`, scaled to 0..1; none for an empty set. */
function scoreOf(raw: number, max: number): XapiResult['score'] {
  return max > 0 ? { scaled: Number((raw / max).toFixed(4)), raw, min: 0, max } : undefined;
}

/** Drops the keys whose value is undefined, which xAPI's validators (rightly) refuse. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The learner as the statements' actor: the one the launch that sent them named, or the record's id as an account on
 * the site. Not the display name or the roster id: the learner may give or change those after statements were sent,
 * and an LRS refuses a statement it holds whose content changed. The report and the progress files tie the record id
 * to the learner.
 */
function actorOf(progress: Progress, source: StatementSource, launch: StatementLaunch | undefined): XapiAgent {
  if (launch?.actor) return launch.actor;
  return { objectType: 'Agent', account: { homePage: `${siteOf(source)}/`, name: progress.learner.id } };
}

/** A stable statement id: the same learner, thing and time always give the same UUID. */
function statementId(progress: Progress, ...parts: string[]): string {
  return uuidV5([progress.learner.id, ...parts].join('\n'), statementNamespace);
}

/**
 * A statement's context, in the registration of the launch that sent it: grouped under the course, and under the id
 * an xAPI launch's portal knows the course by, so the portal finds it; a cmi5 session's context template merged in,
 * which makes it a "cmi5 allowed" statement of that session.
 */
function contextOf(
  source: StatementSource,
  launch: StatementLaunch | undefined,
  parent: XapiActivity | undefined,
  extensions?: Record<string, unknown>,
): XapiStatement['context'] {
  const course = courseActivity(source);
  const portalCourse = launch?.kind === 'xapi' && launch.activityId ? [{ ...course, id: launch.activityId }] : [];
  const own = defined({
    registration: launch?.registration,
    revision: source.revision,
    platform: 'awscourse',
    language: 'en',
    contextActivities: defined({ parent: parent && [parent], grouping: [course, ...portalCourse] }),
    extensions,
  });
  if (launch?.kind !== 'cmi5') return own;
  // The schema checked the template's lists and extensions (statement-launch-schema.ts).
  return withContextTemplate(own, launch.contextTemplate as ContextTemplate, launch.registration);
}

/** Where an attempt checked: mode, region and account id (never a credential). */
function whereChecked(source: StatementSource, attempt: VerifyAttempt) {
  return defined({
    [extensionIri(source, 'mode')]: attempt.mode,
    [extensionIri(source, 'region')]: attempt.region,
    [extensionIri(source, 'account')]: attempt.account,
  });
}

/**
 * A Verify attempt's statements: `attempted` on the exercise (success when every check passed, the passed share as
 * score, the duration), then `passed` or `failed` on each check that ran, with its message, hint and evidence in a
 * result extension and the exercise as parent. A skipped check (its prerequisite failed) was not checked and gets no
 * statement.
 */
export function attemptStatements(
  progress: Progress,
  attempt: VerifyAttempt,
  source: StatementSource,
): XapiStatement[] {
  const actor = actorOf(progress, source, attempt.launch);
  const exercise = exerciseActivity(source, attempt.exercise);
  const where = whereChecked(source, attempt);
  const whole: XapiStatement = {
    id: statementId(progress, 'attempt', attempt.exercise, attempt.at),
    actor,
    verb: { id: verbs.attempted, display: { 'en-US': 'attempted' } },
    object: exercise,
    result: defined({
      success: attempt.status === 'passed',
      score: scoreOf(passedCount(attempt.checks), attempt.checks.length),
      duration: attempt.durationMs === undefined ? undefined : isoDuration(attempt.durationMs),
    }),
    context: contextOf(source, attempt.launch, undefined, where),
    timestamp: attempt.at,
  };
  const checks = attempt.checks
    .filter((check) => check.status !== 'skip')
    .map((check): XapiStatement => {
      const success = checkStatuses[check.status].passing;
      return {
        id: statementId(progress, 'check', attempt.exercise, attempt.at, check.id),
        actor,
        verb: success
          ? { id: verbs.passed, display: { 'en-US': 'passed' } }
          : { id: verbs.failed, display: { 'en-US': 'failed' } },
        object: checkActivity(source, attempt.exercise, check),
        result: {
          success,
          extensions: {
            [extensionIri(source, 'check')]: defined({
              status: check.status,
              message: check.message,
              hint: check.hint,
              evidence: check.evidence,
            }),
          },
        },
        context: contextOf(source, attempt.launch, exercise, where),
        timestamp: attempt.at,
      };
    });
  return [whole, ...checks];
}

/** A finished quiz's statement: `completed` on the lesson's quiz, with the right answers' share as score. */
export function quizStatement(
  progress: Progress,
  lessonId: string,
  quiz: QuizProgress & { completedAt: string },
  source: StatementSource,
): XapiStatement {
  return {
    id: statementId(progress, 'quiz', lessonId, quiz.completedAt),
    actor: actorOf(progress, source, quiz.launch),
    verb: { id: verbs.completed, display: { 'en-US': 'completed' } },
    object: quizActivity(source, lessonId),
    result: defined({ completion: true, score: scoreOf(quiz.correct, quiz.total) }),
    context: contextOf(source, quiz.launch, undefined),
    timestamp: quiz.completedAt,
  };
}

/** Every statement of a learner's progress: each Verify attempt's, oldest first, then each finished quiz's. */
export function progressStatements(progress: Progress, source: StatementSource): XapiStatement[] {
  const attempts = progress.attempts.flatMap((attempt) => attemptStatements(progress, attempt, source));
  const quizzes = Object.entries(progress.quizzes)
    .filter((entry): entry is [string, QuizProgress & { completedAt: string }] => entry[1].completedAt !== undefined)
    .map(([lessonId, quiz]) => quizStatement(progress, lessonId, quiz, source));
  return [...attempts, ...quizzes];
}
