import { describe, expect, it } from 'vitest';
import { readProgressSource } from '../../src/progress/class-progress';
import { emptyProgress, recordVerifyAttempt } from '../../src/progress/record';
import { progressSchema } from '../../src/progress/schema';
import type { StatementLaunch } from '../../src/progress/statement-launch-schema';

const sessionIdIri = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';

/** A record whose one attempt was sent under `launch`, as its file's text. */
function fileWith(launch: unknown): string {
  const progress = recordVerifyAttempt(emptyProgress('learner-0001', new Date('2026-12-01T00:00:00.000Z')), {
    exercise: 'exercise-3',
    at: '2026-12-02T10:00:00.000Z',
    mode: 'offline',
    status: 'failed',
    checks: [],
  });
  return JSON.stringify({ ...progress, attempts: progress.attempts.map((attempt) => ({ ...attempt, launch })) });
}

const cmi5Launch: StatementLaunch = {
  kind: 'cmi5',
  actor: { objectType: 'Agent', account: { homePage: 'https://lms.example.edu', name: 'learner-7' } },
  registration: '6f1c1c8e-2a7f-4b53-9a55-0d7b1a6e4f21',
  contextTemplate: {
    extensions: { [sessionIdIri]: '5ba84750-2bc2-4793-8fad-b2ffde5ea3a3' },
    contextActivities: { grouping: [{ objectType: 'Activity', id: 'https://course.example.edu/xapi/au' }] },
    'x-lms-own': { kept: true },
  },
};

describe('the launch kept on an attempt, in a progress file', () => {
  it('is optional: a file written before it existed still reads', () => {
    const file = JSON.parse(fileWith(undefined));
    expect(progressSchema.safeParse(file).success).toBe(true);
  });

  it('reads a cmi5 session’s context template exactly as the LMS gave it, every key in its order', () => {
    const read = readProgressSource({ name: 'learner.json', text: fileWith(cmi5Launch) });
    if ('skipped' in read) throw new Error(read.skipped);
    const kept = read.progress.attempts[0]?.launch;
    expect(kept).toEqual(cmi5Launch);
    expect(JSON.stringify(kept)).toBe(JSON.stringify(cmi5Launch));
  });

  it('refuses an actor with two identifiers', () => {
    const actor = { objectType: 'Agent', mbox: 'mailto:a@example.edu', openid: 'https://id.example.edu/a' };
    const read = readProgressSource({ name: 'learner.json', text: fileWith({ kind: 'xapi', actor }) });
    expect(read).toMatchObject({
      skipped: expect.stringMatching(/exactly one of mbox, mbox_sha1sum, openid or account/),
    });
  });

  it('refuses a context template whose activities are not lists', () => {
    const launch = { ...cmi5Launch, contextTemplate: { contextActivities: { grouping: 'the course' } } };
    const read = readProgressSource({ name: 'learner.json', text: fileWith(launch) });
    expect(read).toMatchObject({ skipped: expect.stringMatching(/contextTemplate: a cmi5 context template lists/) });
  });

  it('refuses a cmi5 launch without its registration', () => {
    const { registration: _registration, ...launch } = cmi5Launch;
    const read = readProgressSource({ name: 'learner.json', text: fileWith(launch) });
    expect(read).toMatchObject({ skipped: expect.stringMatching(/registration/) });
  });
});
