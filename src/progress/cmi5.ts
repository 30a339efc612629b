/**
 * The course as one cmi5 assignable unit (AU): the statements cmi5 defines (`initialized` first, `completed` and
 * `passed` once per registration, `terminated` last), the session as the progress record keeps it on the attempts and
 * quizzes it sends (xapi.ts makes their statements "cmi5 allowed" ones from it), and the course's completion criteria.
 * Pure functions: the launch's network steps are in cmi5-session.ts.
 *
 * The criteria: the course is **completed** when every exercise (exercise-3 to exercise-6 and key-cleanup) has a
 * passed Verify attempt, and **passed** when the share of exercises passed reaches the LMS's `masteryScore` (all five
 * when it gives none). Both are sent only in launch mode `Normal`, and never `failed`: a learner can always try again.
 */
import { v5 as uuidV5 } from 'uuid';
import { isPlainObject } from '../lib/is-plain-object';
import { exerciseIds } from '../lessons/exercise-ids';
import type { Progress } from './schema';
import type { StatementLaunch } from './statement-launch-schema';
import type { Cmi5Launch } from './xapi-launch';
import { courseRevision, courseSource } from './course-source';
import { type ActivityReference, type ContextTemplate, type OwnContext, withContextTemplate } from './context-template';
import { courseActivity, isoDuration, type XapiActivity, type XapiStatement } from './xapi';

/** The IRIs cmi5 defines for its statements' context. */
export const cmi5Iris = {
  /** The category of every cmi5 defined statement (and of no cmi5 allowed one). */
  category: 'https://w3id.org/xapi/cmi5/context/categories/cmi5',
  /** The category of a cmi5 defined statement whose result has `success` or `completion`. */
  moveOnCategory: 'https://w3id.org/xapi/cmi5/context/categories/moveon',
  /** The context extension holding the LMS's session id. */
  sessionId: 'https://w3id.org/xapi/cmi5/context/extensions/sessionid',
  /** The context extension repeating the LMS's masteryScore in a `passed` judged by it. */
  masteryScore: 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore',
} as const;

/** The verbs of the cmi5 defined statements an AU sends. */
export const cmi5Verbs = {
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
} as const;

/** A verb of a cmi5 defined statement. */
export type Cmi5Verb = keyof typeof cmi5Verbs;

/** The launch modes: only `Normal` records satisfaction (`completed`, `passed`). */
export const launchModes = ['Normal', 'Browse', 'Review'] as const;

/** The `LMS.LaunchData` state document, as far as the course uses it (cmi5 section 10). */
export interface LaunchData {
  /** The context every statement starts from; it holds the session id. */
  contextTemplate: ContextTemplate;
  /** `Normal`, `Browse` or `Review`. */
  launchMode: (typeof launchModes)[number];
  /** What satisfies the AU for the LMS, e.g. `Passed`. */
  moveOn: string;
  /** The share of the work (0 to 1) that passes, when the LMS gives one. */
  masteryScore?: number;
  /** Where to send the learner when they leave the course, when the LMS gives one. */
  returnURL?: string;
}

/** Why a launch data document cannot be used. */
export interface LaunchDataProblem {
  /** What is wrong, for the learner. */
  message: string;
}

/** The activity lists of a template's contextActivities, each item an object with a string id. */
function activityListsOk(value: unknown): boolean {
  if (value === undefined) return true;
  if (!isPlainObject(value)) return false;
  return Object.values(value).every(
    (list) => Array.isArray(list) && list.every((item) => isPlainObject(item) && typeof item.id === 'string'),
  );
}

/** Reads `LMS.LaunchData`: a context template with a session id, a known launch mode and a moveOn are required. */
export function readLaunchData(value: unknown): LaunchData | LaunchDataProblem {
  const bad = (what: string) => ({ message: `The LMS's launch data ${what}, so the course cannot report to it.` });
  if (!isPlainObject(value)) return bad('is not a JSON object');
  const template = value.contextTemplate;
  if (!isPlainObject(template) || !activityListsOk(template.contextActivities))
    return bad('has no usable contextTemplate');
  const extensions = template.extensions;
  if (!isPlainObject(extensions) || typeof extensions[cmi5Iris.sessionId] !== 'string') return bad('has no session id');
  const launchMode = launchModes.find((mode) => mode === value.launchMode);
  if (!launchMode) return bad('has no launchMode of Normal, Browse or Review');
  if (typeof value.moveOn !== 'string') return bad('has no moveOn');
  const mastery = value.masteryScore;
  const masteryOk = typeof mastery === 'number' && mastery >= 0 && mastery <= 1;
  // The spec names it returnURL; some LMSs (and the spec's own samples) write returnUrl.
  const returnURL = value.returnURL ?? value.returnUrl;
  return {
    contextTemplate: template as ContextTemplate,
    launchMode,
    moveOn: value.moveOn,
    ...(masteryOk ? { masteryScore: mastery } : {}),
    ...(typeof returnURL === 'string' ? { returnURL } : {}),
  };
}

/** Tells a launch data problem from launch data. */
export function isLaunchDataProblem(value: LaunchData | LaunchDataProblem): value is LaunchDataProblem {
  return !('contextTemplate' in value);
}

/** One launch session of the AU: the launch, its launch data and when the course sent `initialized`. */
export interface Cmi5Session {
  /** The launch link's parameters. */
  launch: Cmi5Launch;
  /** The LMS's launch data. */
  launchData: LaunchData;
  /** When the session began (the `initialized` statement's timestamp). */
  initializedAt: string;
}

/** The LMS's session id, from the context template. */
export const sessionIdOf = (session: Pick<Cmi5Session, 'launchData'>) =>
  session.launchData.contextTemplate.extensions?.[cmi5Iris.sessionId] as string;

/** The namespace of the ids of cmi5 defined statements (UUID v5), so each id depends only on what it names. */
const cmi5StatementNamespace = '8a0d3c52-5b9e-5f6a-9d41-2e7b8c1f4a60';

/**
 * A stable id: `initialized` and `terminated` once per session; `completed` and `passed` once per registration, so
 * that an LRS holding one already will not store a second.
 */
function definedStatementId(session: Cmi5Session, verb: Cmi5Verb): string {
  const perRegistration = verb === 'completed' || verb === 'passed';
  const scope = perRegistration ? [session.launch.registration] : [session.launch.registration, sessionIdOf(session)];
  return uuidV5([...scope, session.launch.activityId, verb].join('\n'), cmi5StatementNamespace);
}

/** The course's context merged with the session's template, in the launch's registration. */
const contextFrom = (session: Cmi5Session, own: OwnContext) =>
  withContextTemplate(own, session.launchData.contextTemplate, session.launch.registration);

/**
 * The session as the record keeps it on each attempt and quiz it sends: the launch's actor and registration and the
 * LMS's context template (the session id, the publisher id), never the session's token or its fetch URL.
 */
export function sessionLaunch(session: Cmi5Session): StatementLaunch {
  const { actor, registration } = session.launch;
  return { kind: 'cmi5', actor, registration, contextTemplate: session.launchData.contextTemplate };
}

/** Whether a statement is one of the session's: in its registration, with its session id (the template's). */
export function isSessionStatement(statement: XapiStatement, session: Cmi5Session): boolean {
  const { registration, extensions } = statement.context;
  return registration === session.launch.registration && extensions?.[cmi5Iris.sessionId] === sessionIdOf(session);
}

/** A cmi5 category, an activity given by its id alone. */
const categoryActivity = (id: string): ActivityReference => ({ objectType: 'Activity', id });

/** The AU itself, the course as its statements name it but with the id the LMS launched it with. */
const auActivity = (session: Cmi5Session): XapiActivity => ({
  ...courseActivity(courseSource()),
  id: session.launch.activityId,
});

/** The milliseconds between the session's start and `at`. */
const sessionMs = (session: Cmi5Session, at: Date) => Math.max(0, at.getTime() - Date.parse(session.initializedAt));

/** A cmi5 defined statement: the AU as object, the cmi5 category, and moveOn's when the result judges. */
function definedStatement(
  session: Cmi5Session,
  verb: Cmi5Verb,
  at: Date,
  result?: XapiStatement['result'],
  extensions?: Record<string, unknown>,
): XapiStatement {
  const judges = result?.success !== undefined || result?.completion !== undefined;
  const category = [
    categoryActivity(cmi5Iris.category),
    ...(judges ? [categoryActivity(cmi5Iris.moveOnCategory)] : []),
  ];
  return {
    id: definedStatementId(session, verb),
    actor: session.launch.actor,
    verb: { id: cmi5Verbs[verb], display: { 'en-US': verb } },
    object: auActivity(session),
    ...(result ? { result } : {}),
    context: contextFrom(session, {
      // As in the course's other statements (xapi.ts).
      revision: courseRevision,
      platform: 'awscourse',
      language: 'en',
      contextActivities: { grouping: [], category },
      extensions,
    }),
    timestamp: at.toISOString(),
  };
}

/** The session's first statement. */
export function initializedStatement(session: Cmi5Session): XapiStatement {
  return definedStatement(session, 'initialized', new Date(session.initializedAt));
}

/** The session's last statement, with the session's length as its duration. */
export function terminatedStatement(session: Cmi5Session, at: Date): XapiStatement {
  return definedStatement(session, 'terminated', at, { duration: isoDuration(sessionMs(session, at)) });
}

/** How far the learner is towards the course's criteria. */
export interface CourseStanding {
  /** The exercises with a passed Verify attempt, in course order. */
  passedExercises: string[];
  /** Every exercise passed. */
  completed: boolean;
  /** The share passed reaches the mastery score (all of them without one). */
  passed: boolean;
  /** The share of exercises passed, 0 to 1. */
  scaled: number;
}

/** The learner's standing against the course's criteria, from their progress record. */
export function courseStanding(progress: Progress, masteryScore?: number): CourseStanding {
  const passedExercises = exerciseIds.filter((exercise) =>
    progress.attempts.some((attempt) => attempt.exercise === exercise && attempt.status === 'passed'),
  );
  const scaled = Number((passedExercises.length / exerciseIds.length).toFixed(4));
  return {
    passedExercises,
    completed: passedExercises.length === exerciseIds.length,
    passed: scaled >= (masteryScore ?? 1),
    scaled,
  };
}

/** Which satisfaction statements the registration already has (in the LMS, or queued in this session). */
export interface Recorded {
  /** The registration has a `completed`. */
  completed: boolean;
  /** The registration has a `passed`. */
  passed: boolean;
}

/**
 * The `completed` and `passed` statements the learner's standing now calls for, and what the registration then has:
 * none outside launch mode `Normal`, and none it has already. `passed` carries the score and, when the LMS gave one,
 * its masteryScore.
 */
export function satisfaction(
  session: Cmi5Session,
  standing: CourseStanding,
  recorded: Recorded,
  at: Date,
): { statements: XapiStatement[]; recorded: Recorded } {
  if (session.launchData.launchMode !== 'Normal') return { statements: [], recorded };
  const duration = isoDuration(sessionMs(session, at));
  const statements: XapiStatement[] = [];
  if (standing.completed && !recorded.completed)
    statements.push(definedStatement(session, 'completed', at, { completion: true, duration }));
  if (standing.passed && !recorded.passed) {
    const { masteryScore } = session.launchData;
    const score = { scaled: standing.scaled, raw: standing.passedExercises.length, min: 0, max: exerciseIds.length };
    const mastery = masteryScore === undefined ? undefined : { [cmi5Iris.masteryScore]: masteryScore };
    statements.push(definedStatement(session, 'passed', at, { success: true, score, duration }, mastery));
  }
  return {
    statements,
    recorded: { completed: recorded.completed || standing.completed, passed: recorded.passed || standing.passed },
  };
}
