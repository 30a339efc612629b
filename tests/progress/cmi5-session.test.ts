import { describe, expect, it } from 'vitest';
import {
  cmi5StateKey,
  fetchAuthToken,
  getLaunchData,
  lmsEndpoint,
  loadCmi5State,
  registrationHas,
  saveCmi5State,
} from '../../src/progress/cmi5-session';
import { readLaunchParameters } from '../../src/progress/xapi-launch';
import { LrsError } from '../../src/progress/xapi-lrs';
import { createFakeLms } from './fake-lms';

const origin = 'https://lms.example.edu';
const siteOrigin = 'https://course.example.edu';

function launchOf(query: string) {
  const launch = readLaunchParameters(new URLSearchParams(query));
  if (!launch || !('kind' in launch) || launch.kind !== 'cmi5') throw new Error('not a cmi5 launch');
  return launch;
}

/** What a call threw, for asserting on. */
async function thrown(work: Promise<unknown>): Promise<LrsError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof LrsError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

const answering = (status: number, body: unknown) => async () =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('the cmi5 fetch URL', () => {
  it('hands out the token once; a second POST gets error code 1, which says to launch again', async () => {
    const lms = createFakeLms({ origin, siteOrigin });
    expect(await fetchAuthToken(lms.fetchUrl, lms.fetch)).toMatch(/^[A-Za-z0-9+/=]+$/);
    const again = await thrown(fetchAuthToken(lms.fetchUrl, lms.fetch));
    expect(again).toMatchObject({
      message: 'Your LMS has already handed out the key to this launch, or the launch has expired.',
      hint: 'Close this tab and launch the course again from your LMS.',
      retryable: false,
    });
  });

  it('posts, never gets, so that nothing caches the token', async () => {
    const methods: string[] = [];
    await fetchAuthToken('https://lms.example.edu/fetch/1', async (_input, init) => {
      methods.push(init?.method ?? 'GET');
      return answering(200, { 'auth-token': 'dG9rZW4=' })();
    });
    expect(methods).toEqual(['POST']);
  });

  it('may be tried again when the LMS cannot be reached or is busy', async () => {
    const unreachable = await thrown(
      fetchAuthToken('https://lms.example.edu/fetch/1', async () => {
        throw new TypeError('fetch failed');
      }),
    );
    expect(unreachable).toMatchObject({ retryable: true, message: expect.stringContaining('could not be reached') });
    expect(await thrown(fetchAuthToken('https://lms.example.edu/fetch/1', answering(503, {})))).toMatchObject({
      retryable: true,
      status: 503,
    });
  });
});

describe('the launch data', () => {
  it('is read from the State API with the launch’s activity, agent and registration', async () => {
    const lms = createFakeLms({ origin, siteOrigin, launchData: { masteryScore: 0.8 } });
    const launch = launchOf(lms.launchQuery());
    const token = await fetchAuthToken(lms.fetchUrl, lms.fetch);
    expect(await getLaunchData(lms.fetch, lmsEndpoint(launch, token), launch)).toMatchObject({
      launchMode: 'Normal',
      moveOn: 'Passed',
      masteryScore: 0.8,
    });
  });

  it('missing, stops the launch with what to do', async () => {
    const lms = createFakeLms({ origin, siteOrigin });
    const launch = { ...launchOf(lms.launchQuery()), activityId: 'https://lms.example.edu/au/other' };
    const token = await fetchAuthToken(lms.fetchUrl, lms.fetch);
    expect(await thrown(getLaunchData(lms.fetch, lmsEndpoint(launch, token), launch))).toMatchObject({
      status: 404,
      retryable: false,
      hint: 'Close this tab and launch the course again from your LMS.',
    });
  });

  it('unusable, says so', async () => {
    const launch = launchOf(createFakeLms({ origin, siteOrigin }).launchQuery());
    const problem = await thrown(
      getLaunchData(answering(200, { launchMode: 'Normal' }), lmsEndpoint(launch, 't'), launch),
    );
    expect(problem.message).toBe(
      "The LMS's launch data has no usable contextTemplate, so the course cannot report to it.",
    );
  });
});

describe('what the registration has recorded', () => {
  const launch = () => launchOf(createFakeLms({ origin, siteOrigin }).launchQuery());

  it('is asked of the LRS by agent, verb, activity and registration', async () => {
    const asked: URLSearchParams[] = [];
    const has = await registrationHas(
      async (input) => {
        asked.push(new URL(String(input)).searchParams);
        return answering(200, { statements: [{ id: 'earlier' }], more: '' })();
      },
      lmsEndpoint(launch(), 't'),
      launch(),
      'passed',
    );
    expect(has).toBe(true);
    expect(asked[0]?.get('verb')).toBe('http://adlnet.gov/expapi/verbs/passed');
    expect(asked[0]?.get('registration')).toBe(launch().registration);
  });

  it('counts as nothing when the LMS does not let the AU read statements', async () => {
    expect(await registrationHas(answering(403, {}), lmsEndpoint(launch(), 't'), launch(), 'completed')).toBe(false);
  });

  it('is asked again later when the LMS is busy', async () => {
    expect(
      await thrown(registrationHas(answering(503, {}), lmsEndpoint(launch(), 't'), launch(), 'completed')),
    ).toMatchObject({ retryable: true });
  });
});

describe('the tab’s session state', () => {
  it('is the kept one for the same launch, and a fresh one for a new launch', () => {
    const items = new Map<string, string>();
    const storage = {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
    };
    const first = launchOf(createFakeLms({ origin, siteOrigin }).launchQuery());
    saveCmi5State(storage, { fetchUrl: first.fetchUrl, authToken: 'dG9rZW4=' });
    expect(loadCmi5State(storage, first).authToken).toBe('dG9rZW4=');
    const second = launchOf(createFakeLms({ origin, siteOrigin }).launchQuery());
    expect(loadCmi5State(storage, second)).toEqual({ fetchUrl: second.fetchUrl });
    items.set(cmi5StateKey, '{broken');
    expect(loadCmi5State(storage, first)).toEqual({ fetchUrl: first.fetchUrl });
  });
});
