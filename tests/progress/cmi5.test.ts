import { describe, expect, it } from 'vitest';
import { exerciseIds } from '../../src/lessons/schema';
import {
  type Cmi5Session,
  cmi5Iris,
  cmi5Verbs,
  courseStanding,
  initializedStatement,
  isSessionStatement,
  type LaunchData,
  readLaunchData,
  satisfaction,
  sessionLaunch,
  terminatedStatement,
} from '../../src/progress/cmi5';
import { courseSource } from '../../src/progress/course-source';
import { keepLaunch } from '../../src/progress/keep-launch';
import { emptyProgress, recordVerifyAttempt } from '../../src/progress/record';
import type { Progress, VerifyAttempt } from '../../src/progress/schema';
import { progressStatements } from '../../src/progress/xapi';
import { cmi5Violations } from './cmi5-rules';

const registration = '6f1c1c8e-2a7f-4b53-9a55-0d7b1a6e4f21';
const sessionId = '5ba84750-2bc2-4793-8fad-b2ffde5ea3a3';
const publisherId = 'https://course.example.edu/xapi/au';
const actor = { objectType: 'Agent' as const, account: { homePage: 'https://lms.example.edu', name: 'learner-7' } };
const launch = {
  kind: 'cmi5' as const,
  endpoint: 'https://lms.example.edu/xapi/',
  fetchUrl: 'https://lms.example.edu/fetch/1',
  actor,
  registration,
  activityId: 'https://lms.example.edu/au/aws-1',
};
const ids = { registration, sessionId, activityId: launch.activityId };

/** The launch data of the cmi5 spec's sample scenario 9, with its returnUrl spelling. */
const sampleLaunchData = {
  contextTemplate: {
    contextActivities: { grouping: [{ objectType: 'Activity' as const, id: publisherId }] },
    extensions: { [cmi5Iris.sessionId]: sessionId },
  },
  launchMode: 'Normal',
  returnUrl: 'https://lms.example.edu/courses/aws',
  launchMethod: 'AnyWindow',
  moveOn: 'CompletedAndPassed',
};

function sessionWith(changes: Partial<LaunchData> = {}): Cmi5Session {
  const launchData = readLaunchData({ ...sampleLaunchData, ...changes });
  if (!('contextTemplate' in launchData)) throw new Error(launchData.message);
  return { launch, launchData, initializedAt: '2026-12-04T10:00:00.000Z' };
}

const at = new Date('2026-12-04T10:30:00.000Z');

function passedAttempt(exercise: VerifyAttempt['exercise'], minute: number): VerifyAttempt {
  return {
    exercise,
    at: `2026-12-04T10:${String(minute).padStart(2, '0')}:00.000Z`,
    mode: 'offline',
    status: 'passed',
    checks: [{ id: 'resource-exists', status: 'pass', message: 'Found it.' }],
  };
}

/** A learner who passed the given exercises during the session. */
function progressPassing(exercises: readonly VerifyAttempt['exercise'][]): Progress {
  return exercises.reduce(
    (progress, exercise, index) => recordVerifyAttempt(progress, passedAttempt(exercise, index + 1)),
    emptyProgress('learner-0007', new Date('2026-12-01T00:00:00.000Z')),
  );
}

describe('the LMS launch data', () => {
  it('reads the cmi5 sample’s launch data, taking returnUrl for returnURL', () => {
    expect(readLaunchData(sampleLaunchData)).toEqual({
      contextTemplate: sampleLaunchData.contextTemplate,
      launchMode: 'Normal',
      moveOn: 'CompletedAndPassed',
      returnURL: 'https://lms.example.edu/courses/aws',
    });
  });

  it('keeps a masteryScore between 0 and 1', () => {
    expect(readLaunchData({ ...sampleLaunchData, masteryScore: 0.6 })).toMatchObject({ masteryScore: 0.6 });
    expect(readLaunchData({ ...sampleLaunchData, masteryScore: 6 })).not.toHaveProperty('masteryScore');
  });

  it('refuses launch data without a session id or with an unknown launch mode', () => {
    const noSession = { ...sampleLaunchData, contextTemplate: { extensions: {} } };
    expect(readLaunchData(noSession)).toEqual({
      message: "The LMS's launch data has no session id, so the course cannot report to it.",
    });
    expect(readLaunchData({ ...sampleLaunchData, launchMode: 'Exam' })).toHaveProperty('message');
    expect(readLaunchData('Normal')).toHaveProperty('message');
  });
});

describe('the cmi5 defined statements', () => {
  it('begin with initialized: the AU as object, the cmi5 category, the template’s context, no result', () => {
    const initialized = initializedStatement(sessionWith());
    expect(cmi5Violations(initialized, 'defined', ids)).toEqual([]);
    expect(initialized).toMatchObject({
      verb: { id: cmi5Verbs.initialized },
      object: { id: launch.activityId },
      timestamp: '2026-12-04T10:00:00.000Z',
    });
    expect(initialized).not.toHaveProperty('result');
    expect(initialized.context.contextActivities.grouping.map((a) => a.id)).toEqual([publisherId]);
  });

  it('end with terminated, whose duration is the session’s length', () => {
    const terminated = terminatedStatement(sessionWith(), at);
    expect(cmi5Violations(terminated, 'defined', ids)).toEqual([]);
    expect(terminated.result).toEqual({ duration: 'PT1800S' });
  });

  it('are recognised as broken by the rules the tests hold them to', () => {
    const initialized = initializedStatement(sessionWith());
    const withoutCategory = {
      ...initialized,
      context: { ...initialized.context, contextActivities: { grouping: [] } },
    };
    expect(cmi5Violations(withoutCategory, 'defined', ids)).toContain('no cmi5 category');
    expect(cmi5Violations({ ...initialized, result: { score: { scaled: 1 } } }, 'defined', ids)).toContain(
      'score outside passed/failed',
    );
  });

  it('give initialized a new id each session, and completed the same in every session of a registration', () => {
    const first = sessionWith();
    const second = sessionWith({
      contextTemplate: { ...sampleLaunchData.contextTemplate, extensions: { [cmi5Iris.sessionId]: 'session-2' } },
    });
    expect(initializedStatement(first).id).not.toBe(initializedStatement(second).id);
    const standing = courseStanding(progressPassing(exerciseIds));
    const none = { completed: false, passed: false };
    const [completedFirst] = satisfaction(first, standing, none, at).statements;
    const [completedSecond] = satisfaction(second, standing, none, at).statements;
    expect(completedFirst?.id).toBe(completedSecond?.id);
  });
});

describe('the course’s criteria', () => {
  it('count an exercise once it has a passed attempt', () => {
    const failed = { ...passedAttempt('exercise-4', 5), status: 'failed' as const };
    const progress = recordVerifyAttempt(progressPassing(['exercise-3']), failed);
    expect(courseStanding(progress)).toEqual({
      passedExercises: ['exercise-3'],
      completed: false,
      passed: false,
      scaled: 0.2,
    });
  });

  it('send completed and passed, once, when every exercise has passed', () => {
    const session = sessionWith();
    const standing = courseStanding(progressPassing(exerciseIds));
    const { statements, recorded } = satisfaction(session, standing, { completed: false, passed: false }, at);
    expect(statements.map((s) => s.verb.id)).toEqual([cmi5Verbs.completed, cmi5Verbs.passed]);
    for (const statement of statements) expect(cmi5Violations(statement, 'defined', ids)).toEqual([]);
    expect(statements[0]?.result).toEqual({ completion: true, duration: 'PT1800S' });
    expect(statements[1]?.result).toEqual({
      success: true,
      score: { scaled: 1, raw: 5, min: 0, max: 5 },
      duration: 'PT1800S',
    });
    expect(recorded).toEqual({ completed: true, passed: true });
    expect(satisfaction(session, standing, recorded, at).statements).toEqual([]);
  });

  it('pass at the LMS’s masteryScore, saying so, before every exercise is done', () => {
    const session = sessionWith({ masteryScore: 0.6 });
    const standing = courseStanding(progressPassing(['exercise-3', 'exercise-4', 'exercise-5']), 0.6);
    const { statements } = satisfaction(session, standing, { completed: false, passed: false }, at);
    expect(statements.map((s) => s.verb.id)).toEqual([cmi5Verbs.passed]);
    expect(statements[0]?.context.extensions?.[cmi5Iris.masteryScore]).toBe(0.6);
    expect(statements[0]?.result?.score?.scaled).toBe(0.6);
  });

  it('send nothing in Browse or Review mode', () => {
    const standing = courseStanding(progressPassing(exerciseIds));
    for (const launchMode of ['Browse', 'Review'] as const)
      expect(
        satisfaction(sessionWith({ launchMode }), standing, { completed: false, passed: false }, at).statements,
      ).toEqual([]);
  });
});

describe('the course’s own statements in a cmi5 session', () => {
  const source = courseSource({ siteUrl: 'https://course.example.edu' });

  it('are cmi5 allowed statements once the record keeps the session: the session id, the registration, the publisher id, no cmi5 category', () => {
    const kept = keepLaunch(progressPassing(['exercise-3']), sessionLaunch(sessionWith()), at);
    const allowed = progressStatements(kept, source);
    expect(allowed).toHaveLength(2);
    for (const statement of allowed) expect(cmi5Violations(statement, 'allowed', ids)).toEqual([]);
    expect(allowed[0]?.actor).toEqual(actor);
    expect(allowed[0]?.context.contextActivities.grouping.map((a) => a.id)).toEqual([
      publisherId,
      'https://course.example.edu/',
    ]);
    expect(allowed[1]?.context.contextActivities.parent?.[0]?.id).toBe(
      'https://course.example.edu/xapi/exercises/exercise-3',
    );
  });

  it('are told apart from another session’s by the session id', () => {
    const kept = keepLaunch(progressPassing(['exercise-3']), sessionLaunch(sessionWith()), at);
    const [statement] = progressStatements(kept, source);
    const another = sessionWith({
      contextTemplate: { extensions: { [cmi5Iris.sessionId]: '0c9a8e0a-79a4-4d7e-9b27-1f2f0a7c5b11' } },
    });
    expect([isSessionStatement(statement!, sessionWith()), isSessionStatement(statement!, another)]).toEqual([
      true,
      false,
    ]);
  });

  it('keep the launch’s actor, registration and context template in the record, not its endpoint or fetch URL', () => {
    expect(sessionLaunch(sessionWith())).toEqual({
      kind: 'cmi5',
      actor,
      registration,
      contextTemplate: sampleLaunchData.contextTemplate,
    });
  });
});
