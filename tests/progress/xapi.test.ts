import validation from '@learninglocker/xapi-validation';
import { describe, expect, it } from 'vitest';
import { emptyProgress, recordQuizAnswers, recordVerifyAttempt } from '../../src/progress/record';
import type { Progress, VerifyAttempt } from '../../src/progress/schema';
import { extensionIri, isoDuration, progressStatements, verbs, type XapiStatement } from '../../src/progress/xapi';

// The package is CommonJS with exports.default: Node's loader hands that over as the default import's `default`,
// Vite's as the default import itself.
type Validate = (statement: unknown) => { path: string[] }[];
const validate: Validate = (validation as unknown as { default?: Validate }).default ?? (validation as Validate);

const source = { siteUrl: 'https://course.example.edu/', revision: 'abc1234' };
const at = '2026-11-24T11:00:00.000Z';

const failedAttempt: VerifyAttempt = {
  exercise: 'exercise-3',
  at,
  mode: 'live',
  status: 'failed',
  region: 'us-west-2',
  account: '123456789012',
  durationMs: 1234,
  checks: [
    { id: 'vpc-exists', title: 'The VPC exists', status: 'pass', message: 'VPC vpc-0abc is available.' },
    {
      id: 'security-group',
      title: 'The group allows SSH and HTTP',
      status: 'fail',
      message: 'exercise3-sg does not allow tcp/22.',
      hint: 'Add an inbound rule for port 22.',
      evidence: { groupId: 'sg-0abc' },
    },
    { id: 'instance', status: 'skip', message: 'Skipped: the group check failed.' },
    { id: 'costs', status: 'warn', message: 'Ex3WebServer is still running.' },
  ],
};

/** A learner with a failed exercise-3 attempt and a finished quiz of two questions, one right. */
function learnerProgress(): Progress {
  const start = emptyProgress('learner-0001', new Date('2026-11-24T10:00:00.000Z'));
  // Two questions answered, the right choices being 1 and 1: one right.
  const quizzed = recordQuizAnswers(start, 'week-1/cidr', { 0: 1, 1: 2 }, [1, 1], new Date(at));
  return { ...recordVerifyAttempt(quizzed, failedAttempt), learner: { id: 'learner-0001', name: 'Student 42' } };
}

const byVerb = (statements: XapiStatement[], verb: string) => statements.filter((s) => s.verb.id === verb);

describe('xAPI statements of a progress record', () => {
  it('are valid xAPI 1.0.3 statements, by Learning Locker’s validator', () => {
    const statements = progressStatements(learnerProgress(), source);
    expect(statements).toHaveLength(5);
    for (const statement of statements) expect(validate(statement)).toEqual([]);
    // The validator does refuse a broken statement: a verb id that is not an IRI, a score above 1.
    const [first] = statements;
    expect(validate({ ...first, verb: { id: 'attempted' } })).not.toEqual([]);
    expect(validate({ ...first, result: { score: { scaled: 2 } } })).not.toEqual([]);
  });

  it('make one attempted statement per Verify attempt, with success, score and duration', () => {
    const [attempted] = byVerb(progressStatements(learnerProgress(), source), verbs.attempted);
    expect(attempted).toMatchObject({
      object: { id: 'https://course.example.edu/xapi/exercises/exercise-3' },
      result: { success: false, score: { scaled: 0.5, raw: 2, min: 0, max: 4 }, duration: 'PT1.234S' },
      timestamp: at,
      context: { revision: 'abc1234', contextActivities: { grouping: [{ id: 'https://course.example.edu/' }] } },
    });
    expect(attempted!.context.extensions).toEqual({
      [extensionIri(source, 'mode')]: 'live',
      [extensionIri(source, 'region')]: 'us-west-2',
      [extensionIri(source, 'account')]: '123456789012',
    });
  });

  it('make passed or failed per check that ran, its message in a result extension, its exercise as parent', () => {
    const statements = progressStatements(learnerProgress(), source);
    const checks = [...byVerb(statements, verbs.passed), ...byVerb(statements, verbs.failed)];
    expect(checks.map((s) => [s.verb.display['en-US'], s.object.id.split('/checks/')[1]]).sort()).toEqual([
      ['failed', 'security-group'],
      ['passed', 'costs'],
      ['passed', 'vpc-exists'],
    ]);
    const failed = byVerb(statements, verbs.failed)[0]!;
    expect(failed.result!.extensions![extensionIri(source, 'check')]).toEqual({
      status: 'fail',
      message: 'exercise3-sg does not allow tcp/22.',
      hint: 'Add an inbound rule for port 22.',
      evidence: { groupId: 'sg-0abc' },
    });
    expect(failed.context.contextActivities.parent).toEqual([
      expect.objectContaining({ id: 'https://course.example.edu/xapi/exercises/exercise-3' }),
    ]);
  });

  it('make a completed statement per finished quiz, with its score, at the lesson page', () => {
    const [quiz] = byVerb(progressStatements(learnerProgress(), source), verbs.completed);
    expect(quiz).toMatchObject({
      object: { id: 'https://course.example.edu/week-1/cidr/#quiz' },
      result: { completion: true, score: { scaled: 0.5, raw: 1, min: 0, max: 2 } },
    });
  });

  it('give the same ids to the same record, and different ids to different statements', () => {
    const ids = progressStatements(learnerProgress(), source).map((s) => s.id);
    expect(progressStatements(learnerProgress(), source).map((s) => s.id)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    const other = { ...learnerProgress(), learner: { id: 'learner-0002' } };
    expect(
      progressStatements(other, source)
        .map((s) => s.id)
        .some((id) => ids.includes(id)),
    ).toBe(false);
  });

  it('name the learner as an account on the site, in no registration, when no launch sent them', () => {
    const statements = progressStatements(learnerProgress(), source);
    for (const statement of statements) {
      expect(statement.actor).toEqual({
        objectType: 'Agent',
        account: { homePage: 'https://course.example.edu/', name: 'learner-0001' },
      });
      expect(statement.context.registration).toBeUndefined();
    }
    // A name or roster id given later changes no statement, so the LRS never refuses a second send as a conflict.
    const identified = { ...learnerProgress(), learner: { id: 'learner-0001', name: 'Another', rosterId: 's1' } };
    expect(progressStatements(identified, source)).toEqual(statements);
  });

  it('name the learner as the launch that sent them did, in its registration, under its id of the course too', () => {
    const launch = {
      kind: 'xapi' as const,
      registration: 'a3d1c2b4-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      actor: { objectType: 'Agent' as const, mbox: 'mailto:learner@example.edu' },
      activityId: 'https://portal.example.edu/courses/aws',
    };
    const progress = learnerProgress();
    const launched = { ...progress, attempts: progress.attempts.map((attempt) => ({ ...attempt, launch })) };
    const [attempted, ...checks] = progressStatements(launched, source);
    for (const statement of [attempted!, ...checks.slice(0, -1)]) {
      expect(statement.actor).toEqual(launch.actor);
      expect(statement.context.registration).toBe(launch.registration);
      expect(statement.context.contextActivities.grouping.map((activity) => activity.id)).toEqual([
        'https://course.example.edu/',
        launch.activityId,
      ]);
      expect(validate(statement)).toEqual([]);
    }
    // The quiz no launch sent is still the site account's.
    expect(checks.at(-1)?.actor.account?.name).toBe('learner-0001');
  });

  it('writes durations as ISO 8601', () => {
    expect([isoDuration(0), isoDuration(1500), isoDuration(61_000)]).toEqual(['PT0S', 'PT1.5S', 'PT61S']);
  });
});
