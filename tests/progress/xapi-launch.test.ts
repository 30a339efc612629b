import { describe, expect, it } from 'vitest';
import {
  addressWithoutLaunch,
  allowedLaunchOrigins,
  checkEndpoint,
  configuredLrs,
  type LaunchContext,
  parseActor,
  readLaunchParameters,
  type SessionStorageLike,
  takeLaunch,
} from '../../src/progress/xapi-launch';
import { launchStorageKey } from '../../src/progress/xapi-launch-hint';

const actor = { objectType: 'Agent', name: 'Learner 7', account: { homePage: 'https://lms.example.edu', name: 'l-7' } };
const registration = '6f1c1c8e-2a7f-4b53-9a55-0d7b1a6e4f21';

const cmi5Params = (changes: Record<string, string | undefined> = {}) => {
  const values: Record<string, string | undefined> = {
    endpoint: 'https://lms.example.edu/xapi/',
    fetch: 'https://lms.example.edu/cmi5/fetch/abc',
    actor: JSON.stringify(actor),
    registration,
    activityId: 'https://lms.example.edu/au/1',
    ...changes,
  };
  return new URLSearchParams(
    Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
};

/** An in-memory stand-in for sessionStorage. */
function memorySession(): SessionStorageLike & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/** A page at `href` with a sessionStorage and the build's settings; records what replaced the address. */
function page(href: string, env: Partial<ImportMetaEnv> = {}, storage = memorySession()) {
  const replaced: string[] = [];
  const context: LaunchContext = {
    href,
    replaceAddress: (next) => replaced.push(next),
    storage,
    env: env as ImportMetaEnv,
  };
  return { context, replaced, storage };
}

describe('reading a launch link', () => {
  it('reads a cmi5 launch from its five parameters', () => {
    expect(readLaunchParameters(cmi5Params())).toEqual({
      kind: 'cmi5',
      endpoint: 'https://lms.example.edu/xapi/',
      fetchUrl: 'https://lms.example.edu/cmi5/fetch/abc',
      actor,
      registration,
      activityId: 'https://lms.example.edu/au/1',
    });
  });

  it('names the parameters a cmi5 launch lacks', () => {
    expect(readLaunchParameters(cmi5Params({ registration: undefined, activityId: undefined }))).toMatchObject({
      code: 'missing-parameter',
      message: 'The LMS launch link has no registration, activityId (cmi5 needs them all).',
    });
  });

  it('refuses a cmi5 actor without an account', () => {
    const withMbox = JSON.stringify({ objectType: 'Agent', mbox: 'mailto:learner@example.edu' });
    expect(readLaunchParameters(cmi5Params({ actor: withMbox }))).toMatchObject({ code: 'bad-actor' });
  });

  it('refuses a registration that is not a UUID', () => {
    expect(readLaunchParameters(cmi5Params({ registration: 'reg-1' }))).toMatchObject({ code: 'bad-registration' });
  });

  it('reads an xAPI launch with its auth, actor, registration and activity_id', () => {
    const params = new URLSearchParams({
      endpoint: 'https://lrs.example.edu/xapi/',
      auth: 'Basic a2V5OnNlY3JldA==',
      actor: JSON.stringify({ mbox: 'mailto:learner@example.edu', name: 'Learner 7' }),
      registration,
      activity_id: 'https://portal.example.edu/courses/aws',
    });
    expect(readLaunchParameters(params)).toEqual({
      kind: 'xapi',
      endpoint: 'https://lrs.example.edu/xapi/',
      authorization: 'Basic a2V5OnNlY3JldA==',
      actor: { objectType: 'Agent', name: 'Learner 7', mbox: 'mailto:learner@example.edu' },
      registration,
      activityId: 'https://portal.example.edu/courses/aws',
    });
  });

  it('reads the old launch style’s actor, whose values are one-element arrays', () => {
    const old = JSON.stringify({
      name: ['Learner 7'],
      account: [{ accountServiceHomePage: 'https://portal.example.edu', accountName: 'l-7' }],
    });
    expect(parseActor(old, true)).toEqual({
      objectType: 'Agent',
      name: 'Learner 7',
      account: { homePage: 'https://portal.example.edu', name: 'l-7' },
    });
  });

  it('refuses an actor with two identifiers, or none', () => {
    const two = JSON.stringify({ mbox: 'mailto:a@example.edu', openid: 'https://id.example.edu/a' });
    expect(parseActor(two, false)).toMatchObject({ code: 'bad-actor' });
    expect(parseActor('{"name": "Nobody"}', false)).toMatchObject({ code: 'bad-actor' });
    expect(parseActor('not json', false)).toMatchObject({ code: 'bad-actor' });
  });

  it('gives nothing for an ordinary visit', () => {
    expect(readLaunchParameters(new URLSearchParams('lang=en'))).toBeUndefined();
  });
});

describe('where statements may go', () => {
  it('takes https anywhere and http only on this machine', () => {
    expect(checkEndpoint('https://lrs.example.edu/xapi/')).toBe('https://lrs.example.edu/xapi/');
    expect(checkEndpoint('http://127.0.0.1:8080/xapi/')).toBe('http://127.0.0.1:8080/xapi/');
    expect(checkEndpoint('http://lrs.example.edu/xapi/')).toMatchObject({ code: 'bad-endpoint' });
    expect(checkEndpoint('javascript:alert(1)')).toMatchObject({ code: 'bad-endpoint' });
  });

  it('keeps to the origins the build allows, when it lists them', () => {
    const allowed = allowedLaunchOrigins(' https://lms.example.edu/ , not a url,https://lrs.example.org');
    expect(allowed).toEqual(['https://lms.example.edu', 'https://lrs.example.org']);
    expect(checkEndpoint('https://lms.example.edu/xapi/', allowed)).toBe('https://lms.example.edu/xapi/');
    expect(checkEndpoint('https://evil.example.com/xapi/', allowed)).toMatchObject({
      code: 'endpoint-not-allowed',
      hint: expect.stringContaining('https://lms.example.edu, https://lrs.example.org'),
    });
  });

  it('reads the build’s LRS and its public credentials', () => {
    expect(configuredLrs({})).toBeUndefined();
    expect(
      configuredLrs({
        PUBLIC_XAPI_ENDPOINT: 'https://lrs.example.edu/xapi/',
        PUBLIC_XAPI_AUTH: 'Basic d3JpdGU6b25seQ==',
      }),
    ).toEqual({
      kind: 'configured',
      endpoint: 'https://lrs.example.edu/xapi/',
      authorization: 'Basic d3JpdGU6b25seQ==',
    });
    expect(configuredLrs({ PUBLIC_XAPI_ENDPOINT: 'http://lrs.example.edu/' })).toMatchObject({
      code: 'bad-endpoint',
      hint: 'Build the course with PUBLIC_XAPI_ENDPOINT set to an https:// address.',
    });
  });
});

describe('taking the launch on a page', () => {
  it('removes the launch parameters from the address, keeping the rest', () => {
    expect(addressWithoutLaunch(`https://course.example.edu/week-1/?${cmi5Params()}&lang=en#quiz`)).toBe(
      'https://course.example.edu/week-1/?lang=en#quiz',
    );
  });

  it('keeps a launch for the tab’s session and takes the parameters out of the address bar', () => {
    const { context, replaced, storage } = page(`https://course.example.edu/?${cmi5Params()}`);
    expect(takeLaunch(context).lrs).toMatchObject({ kind: 'cmi5', registration });
    expect(replaced).toEqual(['https://course.example.edu/']);
    expect(storage.items.get(launchStorageKey)).toContain('fetch=');

    const next = page('https://course.example.edu/week-1/cidr/', {}, storage);
    expect(takeLaunch(next.context).lrs).toMatchObject({ kind: 'cmi5', registration });
    expect(next.replaced).toEqual([]);
  });

  it('takes an unusable launch out of the address bar too, and says why', () => {
    const auth = 'Basic c2VjcmV0LXRva2Vu';
    const { context, replaced, storage } = page(
      `https://course.example.edu/?endpoint=http%3A%2F%2Flrs.example.edu%2F&auth=${encodeURIComponent(auth)}`,
    );
    const taken = takeLaunch(context);
    expect(taken).toEqual({ problem: expect.objectContaining({ code: 'bad-endpoint' }) });
    expect(replaced).toEqual(['https://course.example.edu/']);
    expect(JSON.stringify(taken)).not.toContain('c2VjcmV0LXRva2Vu');
    expect(storage.items.size).toBe(0);
  });

  it('falls back to the build’s LRS when there is no launch', () => {
    const { context } = page('https://course.example.edu/', { PUBLIC_XAPI_ENDPOINT: 'https://lrs.example.edu/xapi/' });
    expect(takeLaunch(context)).toEqual({ lrs: { kind: 'configured', endpoint: 'https://lrs.example.edu/xapi/' } });
  });

  it('lets a launch win over the build’s LRS', () => {
    const { context } = page(`https://course.example.edu/?${cmi5Params()}`, {
      PUBLIC_XAPI_ENDPOINT: 'https://lrs.example.edu/xapi/',
    });
    expect(takeLaunch(context).lrs?.kind).toBe('cmi5');
  });

  it('refuses a launch to an origin the build does not list', () => {
    const { context } = page(`https://course.example.edu/?${cmi5Params()}`, {
      PUBLIC_XAPI_LAUNCH_ORIGINS: 'https://lrs.example.org',
    });
    expect(takeLaunch(context).problem?.code).toBe('endpoint-not-allowed');
  });

  it('sends nowhere on an ordinary visit to a course built without an LRS', () => {
    expect(takeLaunch(page('https://course.example.edu/').context)).toEqual({});
  });
});
