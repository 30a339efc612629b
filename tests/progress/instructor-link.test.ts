import { describe, expect, it } from 'vitest';
import { exerciseIds } from '../../src/lessons/exercise-ids';
import { cmi5Verbs } from '../../src/progress/cmi5';
import { cmi5StateKey } from '../../src/progress/cmi5-session';
import { readProgressSource } from '../../src/progress/class-progress';
import { courseSiteUrl, courseSource } from '../../src/progress/course-source';
import { createInstructorLink, type InstructorLinkContext } from '../../src/progress/instructor-link';
import { progressDownload } from '../../src/progress/progress-download';
import { statementsOfRecord } from '../../src/progress/record-statements';
import { waitingMessage } from '../../src/progress/waiting-message';
import { emptyProgress, recordVerifyAttempt } from '../../src/progress/record';
import type { Progress, VerifyAttempt } from '../../src/progress/schema';
import type { XapiStatement } from '../../src/progress/xapi';
import { readLaunchParameters, type SessionStorageLike } from '../../src/progress/xapi-launch';
import { memoryStatementStore } from '../../src/progress/xapi-queue';
import { cmi5Violations, sessionIdIn } from './cmi5-rules';
import { createFakeLms, type FakeLms, lmsActivityId, lmsRegistration } from './fake-lms';

const siteOrigin = 'https://course.example.edu';

function memorySession(): SessionStorageLike & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/** A clock that moves a minute each time it is read, so every statement has its own time. */
function steppingClock(start = Date.parse('2026-12-04T10:00:00.000Z')) {
  let now = start;
  return () => {
    now += 60_000;
    return new Date(now);
  };
}

function attempt(exercise: VerifyAttempt['exercise'], at: Date, status: 'passed' | 'failed' = 'passed'): VerifyAttempt {
  return {
    exercise,
    at: at.toISOString(),
    mode: 'offline',
    status,
    checks: [{ id: 'resource-exists', status: status === 'passed' ? 'pass' : 'fail', message: 'Checked.' }],
  };
}

/**
 * A learner in a course launched from the fake LMS: the tab's sessionStorage and the queue's store are shared by
 * every "page" (link) the test opens, as they are between the course's pages.
 */
function launchedCourse(
  lms: FakeLms,
  browser = {
    store: memoryStatementStore(),
    clock: steppingClock(),
    learner: { progress: emptyProgress('learner-0007', new Date('2026-12-01T00:00:00.000Z')) as Progress },
  },
) {
  const launch = readLaunchParameters(new URLSearchParams(lms.launchQuery()));
  if (!launch || 'code' in launch) throw new Error('the fake LMS gave an unusable launch');
  const storage = memorySession();
  const { store, clock, learner } = browser;
  const timers: { ms: number; work: () => void }[] = [];
  const openPage = (changes: Partial<InstructorLinkContext> = {}) =>
    createInstructorLink({
      lrs: launch,
      store,
      storage,
      fetch: lms.fetch,
      saveProgress: (change) => {
        learner.progress = change(learner.progress);
        return learner.progress;
      },
      now: clock,
      setTimer: (work, ms) => {
        timers.push({ ms, work });
        return () => undefined;
      },
      exclusive: (work) => work(),
      random: () => 0,
      ...changes,
    });
  const verify = (exercise: VerifyAttempt['exercise'], status?: 'passed' | 'failed') => {
    learner.progress = recordVerifyAttempt(learner.progress, attempt(exercise, clock(), status));
  };
  return { openPage, verify, storage, store, timers, clock, browser };
}

/**
 * The statements `awscourse report --send-xapi` makes from the learner's record: the file "Download my progress"
 * gives, read as the command reads a class's files.
 */
function statementsOfDownload(progress: Progress): XapiStatement[] {
  const made = progressDownload(progress, new Date('2026-12-05T00:00:00.000Z'));
  if ('problem' in made) throw new Error(made.problem);
  const read = readProgressSource({ name: made.file.name, text: made.file.text });
  if ('skipped' in read) throw new Error(read.skipped);
  return [...statementsOfRecord(read.progress, { merged: false }, courseSource())].map(({ statement }) => statement);
}

/** The learner's record id as an account on the site: the actor of statements no launch sent. */
const siteAccount = (learnerId: string) => ({
  objectType: 'Agent',
  account: { homePage: `${courseSiteUrl()}/`, name: learnerId },
});

const verbsOf = (lms: FakeLms) => lms.statements.map((s) => (s.verb as { id: string }).id.split('/').pop());
const sessionIds = (lms: FakeLms) => ({
  registration: lmsRegistration,
  activityId: lmsActivityId,
  sessionId: String(sessionIdIn(lms.statements[0])),
});

describe('a course launched from an LMS with cmi5', () => {
  it('sends initialized first, each Verify attempt as allowed statements, and terminated last on exit', async () => {
    const lms = createFakeLms({ origin: 'https://lms.example.edu', siteOrigin });
    const course = launchedCourse(lms);
    const page = course.openPage();
    expect((await page.sendNow()).session).toBe('active');
    expect(verbsOf(lms)).toEqual(['initialized']);

    course.verify('exercise-3', 'failed');
    await page.sendNow();
    expect(verbsOf(lms)).toEqual(['initialized', 'attempted', 'failed']);

    const ended = await page.exit();
    expect(ended).toMatchObject({ session: 'ended', waiting: 0 });
    expect(verbsOf(lms)).toEqual(['initialized', 'attempted', 'failed', 'terminated']);
    const ids = sessionIds(lms);
    const kinds = ['defined', 'allowed', 'allowed', 'defined'] as const;
    expect(lms.statements.map((statement, index) => cmi5Violations(statement, kinds[index]!, ids))).toEqual(
      kinds.map(() => []),
    );
    const times = lms.statements.map((s) => Date.parse(String(s.timestamp)));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('says the session has ended with nothing waiting only once terminated has reached the LMS', async () => {
    const lms = createFakeLms({ origin: 'https://lms.example.edu', siteOrigin });
    const course = launchedCourse(lms);
    const page = course.openPage();
    const sendingBeforeExit = page.sendNow();
    const seenTooEarly: string[] = [];
    page.subscribe((status) => {
      const looksDone = status.session === 'ended' && status.waiting === 0;
      if (looksDone && verbsOf(lms).at(-1) !== 'terminated') seenTooEarly.push(JSON.stringify(status));
    });
    await Promise.all([sendingBeforeExit, page.exit()]);
    expect(verbsOf(lms)).toEqual(['initialized', 'terminated']);
    expect(seenTooEarly).toEqual([]);
  });

  it('fetches the token once, and keeps one session across the course’s pages', async () => {
    const lms = createFakeLms({ origin: 'https://lms.example.edu', siteOrigin });
    const course = launchedCourse(lms);
    await course.openPage().sendNow();
    course.verify('exercise-3');
    await course.openPage().sendNow();
    expect(lms.requests.filter((r) => r.path.startsWith('/cmi5/fetch/'))).toHaveLength(1);
    expect(verbsOf(lms).filter((verb) => verb === 'initialized')).toHaveLength(1);
    expect(lms.requests.some((r) => r.status >= 400 && r.path.startsWith('/xapi/statements'))).toBe(false);
  });

  it('sends completed and passed once when every exercise has passed', async () => {
    const lms = createFakeLms({ origin: 'https://lms.example.edu', siteOrigin });
    const course = launchedCourse(lms);
    const page = course.openPage();
    await page.sendNow();
    for (const exercise of exerciseIds) {
      course.verify(exercise);
      await page.sendNow();
    }
    course.verify('exercise-3');
    await page.sendNow();
    await page.exit();
    const verbs = verbsOf(lms);
    expect(verbs.filter((verb) => verb === 'completed')).toHaveLength(1);
    // Each exercise's check, exercise-3's again, and the course's own passed.
    expect(verbs.filter((verb) => verb === 'passed')).toHaveLength(exerciseIds.length + 1 + 1);
    const passedAu = lms.statements.filter(
      (s) => (s.verb as { id: string }).id === cmi5Verbs.passed && (s.object as { id: string }).id === lmsActivityId,
    );
    expect(passedAu).toHaveLength(1);
    expect(cmi5Violations(passedAu[0], 'defined', sessionIds(lms))).toEqual([]);
    expect(verbs.at(-1)).toBe('terminated');
  });

  it('does not send completed or passed again when an earlier session of the registration did', async () => {
    const lms = createFakeLms({ origin: 'https://lms.example.edu', siteOrigin });
    lms.statements.push(
      ...[cmi5Verbs.completed, cmi5Verbs.passed].map((verb, index) => ({
        id: `earlier-${index}`,
        verb: { id: verb },
        object: { id: lmsActivityId },
        context: { registration: lmsRegistration },
      })),
    );
    const course = launchedCourse(lms);
    for (const exercise of exerciseIds) course.verify(exercise);
    const page = course.openPage();
    await page.sendNow();
    for (const exercise of exerciseIds) course.verify(exercise);
    await page.sendNow();
    const sent = lms.statements.slice(2).filter((s) => (s.object as { id: string }).id === lmsActivityId);
    expect(sent.map((s) => (s.verb as { id: string }).id)).toEqual([cmi5Verbs.initialized]);
  });

  it('stores no second completed or passed when launched again elsewhere by an LMS that hides statements', async () => {
    const lms = createFakeLms({ origin: 'https://lms.example.edu', siteOrigin });
    lms.refuseQueries = true;
    const first = launchedCourse(lms);
    const firstPage = first.openPage();
    await firstPage.sendNow();
    for (const exercise of exerciseIds) first.verify(exercise);
    await firstPage.exit();
    lms.relaunch();
    // Another browser: its queue has no receipts, so only the ids keep the LRS from storing a second of each.
    const second = launchedCourse(lms, { ...first.browser, store: memoryStatementStore() });
    const secondPage = second.openPage();
    await secondPage.sendNow();
    second.verify('exercise-3');
    expect(await secondPage.exit()).toMatchObject({ waiting: 0, session: 'ended' });
    expect(secondPage.status().problem).toBeUndefined();
    const auVerbs = lms.statements
      .filter((s) => (s.object as { id: string }).id === lmsActivityId)
      .map((s) => (s.verb as { id: string }).id.split('/').pop());
    expect(auVerbs).toEqual(['initialized', 'completed', 'passed', 'terminated', 'initialized', 'terminated']);
    // The second completed and passed were offered, and refused as held already with other content.
    expect(lms.requests.filter((r) => r.method === 'PUT' && r.status === 409)).toHaveLength(2);
  });

  it('sends no completed or passed in Browse mode', async () => {
    const lms = createFakeLms({ origin: 'https://lms.example.edu', siteOrigin, launchData: { launchMode: 'Browse' } });
    const course = launchedCourse(lms);
    const page = course.openPage();
    await page.sendNow();
    for (const exercise of exerciseIds) course.verify(exercise);
    await page.exit();
    const auVerbs = lms.statements
      .filter((s) => (s.object as { id: string }).id === lmsActivityId)
      .map((s) => (s.verb as { id: string }).id);
    expect(auVerbs).toEqual([cmi5Verbs.initialized, cmi5Verbs.terminated]);
  });

  it('keeps statements while offline, says how many wait, and sends them once when back', async () => {
    const lms = createFakeLms({ origin: 'https://lms.example.edu', siteOrigin });
    const course = launchedCourse(lms);
    const page = course.openPage();
    await page.sendNow();
    lms.online = false;
    course.verify('exercise-3');
    const offline = await page.sendNow();
    expect(offline.waiting).toBe(2);
    expect(waitingMessage(offline.waiting)).toBe('2 statements are waiting to be sent.');
    expect(offline.problem?.message).toMatch(/could not be reached/);
    expect(course.timers.at(-1)?.ms).toBe(1000);
    lms.online = true;
    course.timers.at(-1)!.work();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(page.status()).toMatchObject({ waiting: 0, sending: false });
    expect(page.status().problem).toBeUndefined();
    const ids = lms.statements.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(verbsOf(lms)).toEqual(['initialized', 'attempted', 'passed']);
  });

  it('tries again to start when the LMS cannot be reached at launch, fetching the token only once', async () => {
    const lms = createFakeLms({ origin: 'https://lms.example.edu', siteOrigin });
    lms.online = false;
    const course = launchedCourse(lms);
    const page = course.openPage();
    expect(await page.sendNow()).toMatchObject({ session: 'starting', problem: { message: expect.any(String) } });
    lms.online = true;
    await page.sendNow();
    expect(page.status().session).toBe('active');
    expect(verbsOf(lms)).toEqual(['initialized']);
  });

  it('sends terminated in a keepalive request when the learner leaves, and nothing after it', async () => {
    const lms = createFakeLms({ origin: 'https://lms.example.edu', siteOrigin });
    const course = launchedCourse(lms);
    const keptAlive: boolean[] = [];
    const page = course.openPage({
      fetch: (input, init) => {
        keptAlive.push(init?.keepalive === true);
        return lms.fetch(input, init);
      },
    });
    await page.sendNow();
    page.leaving();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(keptAlive.at(-1)).toBe(true);
    expect(verbsOf(lms)).toEqual(['initialized', 'terminated']);
    course.verify('exercise-3');
    const after = course.openPage();
    expect((await after.sendNow()).session).toBe('ended');
    expect(verbsOf(lms)).toEqual(['initialized', 'terminated']);
    expect(lms.refused).toEqual([]);
  });

  it('keeps the token out of everything but the tab’s session storage', async () => {
    const lms = createFakeLms({ origin: 'https://lms.example.edu', siteOrigin });
    const course = launchedCourse(lms);
    const page = course.openPage();
    lms.online = false;
    await page.sendNow();
    lms.online = true;
    await page.sendNow();
    const { authToken: token } = JSON.parse(course.storage.items.get(cmi5StateKey)!) as { authToken: string };
    expect(token.length).toBeGreaterThan(10);
    const seen = JSON.stringify([page.status(), [...course.store.entries.values()], lms.statements]);
    expect(seen).not.toContain(token);
  });

  it('keeps the session on what it sends, so the downloaded file makes the very statements the LMS holds', async () => {
    const lms = createFakeLms({ origin: 'https://lms.example.edu', siteOrigin });
    const course = launchedCourse(lms);
    course.verify('exercise-3', 'failed');
    const page = course.openPage();
    await page.sendNow();
    course.verify('exercise-4', 'failed');
    await page.sendNow();
    course.verify('exercise-3');
    await page.exit();
    const ofTheCourse = lms.statements.filter((s) => (s.object as { id: string }).id !== lmsActivityId);
    expect(ofTheCourse.map((statement) => cmi5Violations(statement, 'allowed', sessionIds(lms)))).toEqual(
      ofTheCourse.map(() => []),
    );
    const fromFile = statementsOfDownload(course.browser.learner.progress);
    // The attempt made before the session began was not the session's to send: it stays the site account's.
    expect(fromFile.slice(0, 2).map((statement) => [statement.actor, statement.context.registration])).toEqual([
      [siteAccount('learner-0007'), undefined],
      [siteAccount('learner-0007'), undefined],
    ]);
    expect(fromFile.slice(2)).toEqual(ofTheCourse);
  });

  it('keeps the token and the fetch URL out of the record it keeps the session in', async () => {
    const lms = createFakeLms({ origin: 'https://lms.example.edu', siteOrigin });
    const course = launchedCourse(lms);
    const fetchUrl = lms.fetchUrl;
    const page = course.openPage();
    await page.sendNow();
    course.verify('exercise-3');
    await page.exit();
    const record = JSON.stringify(course.browser.learner.progress);
    expect(course.browser.learner.progress.attempts[0]?.launch).toMatchObject({ kind: 'cmi5' });
    expect(record).not.toContain(lms.authToken);
    expect(record).not.toContain(fetchUrl);
  });

  it('goes back to the LMS’s returnURL only when it is a web address', async () => {
    for (const [returnURL, expected] of [
      ['https://lms.example.edu/courses/aws', 'https://lms.example.edu/courses/aws'],
      ['javascript:alert(1)', undefined],
    ] as const) {
      const lms = createFakeLms({ origin: 'https://lms.example.edu', siteOrigin, launchData: { returnURL } });
      const page = launchedCourse(lms).openPage();
      expect((await page.sendNow()).returnUrl).toBe(expected);
    }
  });
});

describe('a course built to send to an LRS', () => {
  const endpoint = 'https://lrs.example.edu/xapi/';

  function configuredCourse(answer: (request: Request) => Response) {
    const requests: Request[] = [];
    const learner = { progress: emptyProgress('learner-0007', new Date('2026-12-01T00:00:00.000Z')) as Progress };
    learner.progress = recordVerifyAttempt(learner.progress, attempt('exercise-3', new Date('2026-11-30T10:00:00Z')));
    const link = createInstructorLink({
      lrs: { kind: 'configured', endpoint, authorization: 'Basic d3JpdGU6b25seQ==' },
      store: memoryStatementStore(),
      fetch: async (input, init) => {
        const request = new Request(input, init);
        requests.push(request.clone());
        return answer(request);
      },
      saveProgress: (change) => {
        learner.progress = change(learner.progress);
        return learner.progress;
      },
      now: () => new Date('2026-12-04T10:00:00Z'),
      setTimer: () => () => undefined,
      exclusive: (work) => work(),
    });
    return { link, requests, learner };
  }

  it('sends every statement of the record, earlier attempts too, as the learner’s site account', async () => {
    const { link, requests } = configuredCourse(
      (request) => new Response(JSON.stringify([]), { status: request.method === 'POST' ? 200 : 405 }),
    );
    expect(await link.sendNow()).toMatchObject({ waiting: 0, kind: 'configured', destination: 'lrs.example.edu' });
    const sent = (await requests[0]!.json()) as { actor: { account: { name: string } } }[];
    expect(sent).toHaveLength(2);
    expect(sent[0]?.actor.account.name).toBe('learner-0007');
    expect(requests[0]?.headers.get('authorization')).toBe('Basic d3JpdGU6b25seQ==');
    await link.sendNow();
    expect(requests).toHaveLength(1);
  });

  it('sends as the actor an xAPI launch names, in its registration, grouped under its activity_id', async () => {
    const sent: {
      actor: unknown;
      context: { registration?: string; contextActivities: { grouping: { id: string }[] } };
    }[] = [];
    let learner = recordVerifyAttempt(
      emptyProgress('learner-0007', new Date('2026-12-01T00:00:00.000Z')),
      attempt('exercise-3', new Date('2026-12-02T10:00:00Z')),
    );
    const launch = readLaunchParameters(
      new URLSearchParams({
        endpoint,
        auth: 'Basic bGF1bmNoOnRva2Vu',
        actor: JSON.stringify({ mbox: 'mailto:learner@example.edu' }),
        registration: lmsRegistration,
        activity_id: 'https://portal.example.edu/courses/aws',
      }),
    );
    if (!launch || 'code' in launch) throw new Error('unusable launch');
    const link = createInstructorLink({
      lrs: launch,
      store: memoryStatementStore(),
      fetch: async (input, init) => {
        const request = new Request(input, init);
        expect(request.headers.get('authorization')).toBe('Basic bGF1bmNoOnRva2Vu');
        sent.push(...((await request.json()) as typeof sent));
        return new Response('[]', { status: 200 });
      },
      saveProgress: (change) => {
        learner = change(learner);
        return learner;
      },
      now: () => new Date('2026-12-04T10:00:00Z'),
      setTimer: () => () => undefined,
      exclusive: (work) => work(),
    });
    expect((await link.sendNow()).kind).toBe('xapi');
    expect(sent).toHaveLength(2);
    for (const statement of sent) {
      expect(statement.actor).toEqual({ objectType: 'Agent', mbox: 'mailto:learner@example.edu' });
      expect(statement.context.registration).toBe(lmsRegistration);
      expect(statement.context.contextActivities.grouping.map((activity) => activity.id)).toContain(
        'https://portal.example.edu/courses/aws',
      );
    }
  });

  /** A course opened with an xAPI launch link naming the learner by `mbox`, with the progress record it keeps. */
  function xapiLaunchedCourse(mbox: string, learner: { progress: Progress }) {
    const sent: XapiStatement[] = [];
    const launch = readLaunchParameters(
      new URLSearchParams({
        endpoint,
        auth: 'Basic bGF1bmNoOnRva2Vu',
        actor: JSON.stringify({ mbox }),
        registration: lmsRegistration,
        activity_id: 'https://portal.example.edu/courses/aws',
      }),
    );
    if (!launch || 'code' in launch) throw new Error('unusable launch');
    const link = createInstructorLink({
      lrs: launch,
      store: memoryStatementStore(),
      fetch: async (input, init) => {
        sent.push(...((await new Request(input, init).json()) as XapiStatement[]));
        return new Response('[]', { status: 200 });
      },
      saveProgress: (change) => {
        learner.progress = change(learner.progress);
        return learner.progress;
      },
      now: () => new Date('2026-12-04T10:00:00Z'),
      setTimer: () => () => undefined,
      exclusive: (work) => work(),
    });
    return { link, sent };
  }

  it('keeps an xAPI launch on what it sends, so the downloaded file makes the very statements it sent', async () => {
    const learner = {
      progress: recordVerifyAttempt(
        emptyProgress('learner-0007', new Date('2026-12-01T00:00:00.000Z')),
        attempt('exercise-3', new Date('2026-12-02T10:00:00Z'), 'failed'),
      ),
    };
    const { link, sent } = xapiLaunchedCourse('mailto:learner@example.edu', learner);
    await link.sendNow();
    expect(sent.map((statement) => [statement.actor.mbox, statement.context.registration])).toEqual([
      ['mailto:learner@example.edu', lmsRegistration],
      ['mailto:learner@example.edu', lmsRegistration],
    ]);
    expect(statementsOfDownload(learner.progress)).toEqual(sent);
    expect(JSON.stringify(learner.progress)).not.toContain('bGF1bmNoOnRva2Vu');
  });

  it('sends what an earlier launch sent as that launch sent it, and keeps the new launch on what is new', async () => {
    const learner = {
      progress: recordVerifyAttempt(
        emptyProgress('learner-0007', new Date('2026-12-01T00:00:00.000Z')),
        attempt('exercise-3', new Date('2026-12-02T10:00:00Z'), 'failed'),
      ),
    };
    const first = xapiLaunchedCourse('mailto:learner@example.edu', learner);
    await first.link.sendNow();
    learner.progress = recordVerifyAttempt(learner.progress, attempt('exercise-3', new Date('2026-12-03T10:00:00Z')));
    const second = xapiLaunchedCourse('mailto:learner@school.example', learner);
    await second.link.sendNow();
    expect(second.sent.map((statement) => statement.actor.mbox)).toEqual([
      'mailto:learner@example.edu',
      'mailto:learner@example.edu',
      'mailto:learner@school.example',
      'mailto:learner@school.example',
    ]);
    expect(second.sent.slice(0, 2)).toEqual(first.sent);
    expect(statementsOfDownload(learner.progress)).toEqual(second.sent);
  });

  it('shows a refusal in plain words, keeps the statements, and does not retry by itself', async () => {
    const { link } = configuredCourse(() => new Response('nope', { status: 401 }));
    const status = await link.sendNow();
    expect(status.waiting).toBe(2);
    expect(status.problem?.message).toBe(
      'The LRS at https://lrs.example.edu/xapi/statements did not accept the credentials (401 Unauthorized).',
    );
    expect(JSON.stringify(status)).not.toContain('d3JpdGU6b25seQ==');
  });
});
