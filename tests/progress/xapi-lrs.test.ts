import { describe, expect, it } from 'vitest';
import {
  basicAuthorization,
  LrsError,
  postStatements,
  retryDelayMs,
  statementsUrl,
  xapiVersion,
} from '../../src/progress/xapi-lrs';
import type { XapiStatement } from '../../src/progress/xapi';

const password = 'pa55-w0rd-secret';
const authorization = basicAuthorization(`course-key:${password}`);
const lrs = { endpoint: 'https://lrs.example/xapi/', authorization };

/** A minimal statement; the LRS fake only looks at ids and bytes. */
function statement(n: number, verb = 'attempted'): XapiStatement {
  return {
    id: `00000000-0000-5000-8000-${String(n).padStart(12, '0')}`,
    actor: { objectType: 'Agent', account: { homePage: 'https://course.example/', name: 'learner-0001' } },
    verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { 'en-US': verb } },
    object: {
      objectType: 'Activity',
      id: 'https://course.example/x',
      definition: { type: 't', name: { 'en-US': 'x' } },
    },
    context: { revision: '1', platform: 'awscourse', language: 'en', contextActivities: { grouping: [] } },
    timestamp: '2026-11-24T10:00:00.000Z',
  };
}

interface SeenRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string;
}

/** A fetch that records each request and answers with `answer`'s response. */
function fakeFetch(answer: (request: SeenRequest) => Response | Promise<Response>) {
  const seen: SeenRequest[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = {
      method: init?.method ?? 'GET',
      url: String(input),
      headers: new Headers(init?.headers),
      body: String(init?.body ?? ''),
    };
    seen.push(request);
    return answer(request);
  }) as typeof fetch;
  return { fetchImpl, seen };
}

/** What postStatements threw, as an LrsError. */
async function refusalOf(promise: Promise<unknown>): Promise<LrsError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(LrsError);
  return error as LrsError;
}

/** The message and hint of an error as one text, to check no secret is in either. */
const shownText = (error: LrsError) => `${error.message}\n${error.hint ?? ''}`;

describe('statementsUrl', () => {
  it('joins the endpoint and statements with one slash, whether the endpoint ends in one or not', () => {
    expect(statementsUrl('https://lrs.example/xapi').href).toBe('https://lrs.example/xapi/statements');
    expect(statementsUrl('https://lrs.example/xapi/').href).toBe('https://lrs.example/xapi/statements');
  });

  it('puts a statement id in the query for a PUT', () => {
    expect(statementsUrl('https://lrs.example/data/xAPI', 'a-b').href).toBe(
      'https://lrs.example/data/xAPI/statements?statementId=a-b',
    );
  });

  it('keeps the base’s path whatever follows it, and leaves its query out', () => {
    expect(statementsUrl('https://lrs.example/lrs/xapi?tenant=1').href).toBe('https://lrs.example/lrs/xapi/statements');
  });

  it('refuses an address that is not http or https, saying what to give', () => {
    expect(() => statementsUrl('lrs.example/xapi')).toThrow(/not an http:\/\/ or https:\/\/ address/);
  });
});

describe('basicAuthorization', () => {
  it('encodes USER:PASSWORD as UTF-8 base64', () => {
    expect(basicAuthorization('key:secret')).toBe('Basic a2V5OnNlY3JldA==');
    expect(basicAuthorization('clé:mot')).toBe(`Basic ${Buffer.from('clé:mot').toString('base64')}`);
  });
});

describe('postStatements', () => {
  it('POSTs the batch as JSON with the xAPI version and the Authorization header', async () => {
    const { fetchImpl, seen } = fakeFetch(() => Response.json(['id']));
    const statements = [statement(1), statement(2)];
    const result = await postStatements(lrs, statements, fetchImpl);
    expect(result).toEqual({ stored: [statements[0]!.id, statements[1]!.id], conflicting: [] });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: 'https://lrs.example/xapi/statements' });
    expect(seen[0]!.headers.get('x-experience-api-version')).toBe(xapiVersion);
    expect(seen[0]!.headers.get('content-type')).toBe('application/json');
    expect(seen[0]!.headers.get('authorization')).toBe(authorization);
    expect(seen[0]!.body).toBe(JSON.stringify(statements));
  });

  it('sends nothing for no statements', async () => {
    const { fetchImpl, seen } = fakeFetch(() => Response.json([]));
    expect(await postStatements(lrs, [], fetchImpl)).toEqual({ stored: [], conflicting: [] });
    expect(seen).toEqual([]);
  });

  it('moves credentials written in the address to the Authorization header', async () => {
    const { fetchImpl, seen } = fakeFetch(() => Response.json([]));
    await postStatements({ endpoint: `https://course-key:${password}@lrs.example/xapi` }, [statement(1)], fetchImpl);
    expect(seen[0]!.url).toBe('https://lrs.example/xapi/statements');
    expect(seen[0]!.headers.get('authorization')).toBe(authorization);
  });

  it('on 409 for the batch, PUTs each statement, acknowledging those held the same and reporting conflicts', async () => {
    const statements = [statement(1), statement(2), statement(3)];
    const { fetchImpl, seen } = fakeFetch(({ method, url }) => {
      if (method === 'POST') return new Response('conflict', { status: 409 });
      return new Response(null, { status: url.endsWith(statements[1]!.id) ? 409 : 204 });
    });
    const result = await postStatements(lrs, statements, fetchImpl);
    expect(result).toEqual({ stored: [statements[0]!.id, statements[2]!.id], conflicting: [statements[1]!.id] });
    const puts = seen.filter((request) => request.method === 'PUT');
    expect(puts.map((request) => new URL(request.url).searchParams.get('statementId'))).toEqual(
      statements.map((s) => s.id),
    );
    expect(puts.map((request) => request.body)).toEqual(statements.map((s) => JSON.stringify(s)));
    expect(puts.every((request) => request.headers.get('x-experience-api-version') === xapiVersion)).toBe(true);
  });

  it('fails with what to fix when a PUT after a 409 is refused for another reason', async () => {
    const { fetchImpl } = fakeFetch(({ method }) => new Response(null, { status: method === 'POST' ? 409 : 403 }));
    const error = await refusalOf(postStatements(lrs, [statement(1)], fetchImpl));
    expect(error).toMatchObject({ status: 403, retryable: false });
  });

  it('says the credentials were not accepted on 401, without the credentials', async () => {
    const { fetchImpl } = fakeFetch(() => new Response(`bad credentials ${authorization}`, { status: 401 }));
    const error = await refusalOf(postStatements(lrs, [statement(1)], fetchImpl));
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect(error.message).toMatch(/did not accept the credentials/);
    expect(error.hint).toMatch(/user name and password/);
    expect(shownText(error)).not.toContain(password);
    expect(shownText(error)).not.toContain(authorization.slice(6));
  });

  it('says credentials are needed on 401 when none were given', async () => {
    const { fetchImpl } = fakeFetch(() => new Response(null, { status: 401 }));
    const error = await refusalOf(postStatements({ endpoint: lrs.endpoint }, [statement(1)], fetchImpl));
    expect(error.hint).toMatch(/needs credentials/);
  });

  it('says the credentials may not write statements on 403', async () => {
    const { fetchImpl } = fakeFetch(() => new Response(null, { status: 403 }));
    const error = await refusalOf(postStatements(lrs, [statement(1)], fetchImpl));
    expect(error).toMatchObject({ status: 403, retryable: false });
    expect(error.hint).toMatch(/statements\/write/);
  });

  it('says the address is wrong on 404', async () => {
    const { fetchImpl } = fakeFetch(() => new Response('Not Found', { status: 404 }));
    const error = await refusalOf(postStatements(lrs, [statement(1)], fetchImpl));
    expect(error).toMatchObject({ status: 404, retryable: false });
    expect(error.message).toContain('https://lrs.example/xapi/statements');
    expect(error.hint).toMatch(/Check the address/);
  });

  it('shows a 400’s reason with any secret the LRS echoed taken out', async () => {
    const { fetchImpl } = fakeFetch(
      () => new Response(JSON.stringify({ message: `Invalid statement; password ${password}` }), { status: 400 }),
    );
    const error = await refusalOf(postStatements(lrs, [statement(1)], fetchImpl));
    expect(error).toMatchObject({ status: 400, retryable: false });
    expect(error.message).toContain('Invalid statement');
    expect(shownText(error)).not.toContain(password);
  });

  it('reports a redirect instead of following it', async () => {
    const { fetchImpl } = fakeFetch(
      () => new Response(null, { status: 301, headers: { location: 'https://lrs.example/xapi/statements/' } }),
    );
    const error = await refusalOf(postStatements(lrs, [statement(1)], fetchImpl));
    expect(error).toMatchObject({ status: 301, retryable: false });
    expect(error.message).toContain('redirects to https://lrs.example/xapi/statements/');
  });

  it.each([408, 429, 500, 502, 503])('makes %i retryable', async (status) => {
    const { fetchImpl } = fakeFetch(() => new Response(null, { status }));
    const error = await refusalOf(postStatements(lrs, [statement(1)], fetchImpl));
    expect(error).toMatchObject({ status, retryable: true });
  });

  it('keeps the Retry-After an LRS gives with a 429', async () => {
    const { fetchImpl } = fakeFetch(() => new Response(null, { status: 429, headers: { 'retry-after': '7' } }));
    const error = await refusalOf(postStatements(lrs, [statement(1)], fetchImpl));
    expect(error.retryAfterMs).toBe(7000);
  });

  it('makes an LRS that cannot be reached retryable, naming the address but not the credentials', async () => {
    const fetchImpl = (async () => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') });
    }) as typeof fetch;
    const endpoint = `https://course-key:${password}@lrs.example/xapi/`;
    const error = await refusalOf(postStatements({ endpoint }, [statement(1)], fetchImpl));
    expect(error).toMatchObject({ retryable: true, status: undefined });
    expect(error.message).toBe(
      'The LRS at https://lrs.example/xapi/statements could not be reached (connect ECONNREFUSED 127.0.0.1:9).',
    );
    expect(shownText(error)).not.toContain(password);
  });
});

describe('retryDelayMs', () => {
  it('doubles from one second up to a minute', () => {
    const none = () => 0;
    expect([1, 2, 3, 4, 10].map((tries) => retryDelayMs(tries, undefined, none))).toEqual([
      1000, 2000, 4000, 8000, 60_000,
    ]);
  });

  it('adds up to half again at random', () => {
    expect(retryDelayMs(2, undefined, () => 0.5)).toBe(2500);
  });

  it('waits at least as long as the LRS asked', () => {
    const error = new LrsError('busy', { retryable: true, status: 429, retryAfterMs: 30_000 });
    expect(retryDelayMs(1, error, () => 0)).toBe(30_000);
  });

  it('waits no more than five minutes, whatever the LRS asked', () => {
    const error = new LrsError('busy', { retryable: true, status: 503, retryAfterMs: 3_600_000 });
    expect(retryDelayMs(1, error, () => 0)).toBe(300_000);
  });
});
