import { randomUUID } from 'node:crypto';

/**
 * An LMS with its LRS, as much as a cmi5 AU meets of one, as a web-standard handler (`Request` → `Response`): unit
 * tests use it as `fetch`, the browser test serves it over HTTP on another port. It hands out the session's token once
 * from its fetch URL, serves `LMS.LaunchData` from the State API, answers statement queries, stores statements (409 for
 * a POST carrying an id it holds, as ADL's LRS does), refuses statements of a session after its `terminated`, and
 * answers CORS preflights for the course's origin; `/return` is its page to come back to. It can be taken offline.
 */
export interface FakeLms {
  /** Its xAPI endpoint, ending in `/xapi/`. */
  endpoint: string;
  /** Its one-time fetch URL. */
  fetchUrl: string;
  /** The session's token, which the fetch URL hands out once. */
  authToken: string;
  /** Prepares a new launch (a new session, token and fetch URL) in the same registration, as launching again does. */
  relaunch: () => void;
  /** When true, the LMS does not let the AU query statements (403), as some do not. */
  refuseQueries: boolean;
  /** The cmi5 launch parameters, as an LMS appends them to the AU's url. */
  launchQuery: () => string;
  /** The statements it stored, in the order they came. */
  statements: Record<string, unknown>[];
  /** Every request: method, path and status. */
  requests: { method: string; path: string; status: number }[];
  /** Statements it refused, and why. */
  refused: string[];
  /** When false, every request fails as a network failure does. */
  online: boolean;
  /** Answers one request. */
  handle: (request: Request) => Promise<Response>;
  /** `handle` as `fetch`, for code under test. */
  fetch: typeof fetch;
}

/** What a test can change about the launch. */
export interface FakeLmsOptions {
  /** The LMS's own address, e.g. `http://127.0.0.1:4000`. */
  origin: string;
  /** The course site's origin, allowed by CORS. */
  siteOrigin: string;
  /** `launchMode`, `moveOn`, `masteryScore`, `returnURL` of LMS.LaunchData. */
  launchData?: Record<string, unknown>;
}

/** The learner, as the LMS names them. */
export const lmsActor = {
  objectType: 'Agent',
  name: 'Learner 7',
  account: { homePage: 'https://lms.example.edu', name: 'learner-7' },
};
/** The registration of the launch. */
export const lmsRegistration = '6f1c1c8e-2a7f-4b53-9a55-0d7b1a6e4f21';
/** The activity id the LMS gives the AU. */
export const lmsActivityId = 'https://lms.example.edu/cmi5/au/aws-course-1';
/** The publisher id from the course structure, which the LMS puts in the context template. */
export const publisherId = 'http://127.0.0.1:4321/xapi/au';

const sessionIdExtension = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const terminatedVerb = 'http://adlnet.gov/expapi/verbs/terminated';

/** Starts a fake LMS with one launch prepared (as an LMS does before launching an AU). */
export function createFakeLms(options: FakeLmsOptions): FakeLms {
  const newSession = () => ({
    token: Buffer.from(`session:${randomUUID()}`).toString('base64'),
    sessionId: randomUUID(),
    fetchPath: `/cmi5/fetch/${randomUUID()}`,
    tokenGiven: false,
  });
  let session = newSession();
  const terminatedSessions = new Set<string>();
  const launchData = () => ({
    contextTemplate: {
      contextActivities: { grouping: [{ objectType: 'Activity', id: publisherId }] },
      extensions: { [sessionIdExtension]: session.sessionId },
    },
    launchMode: 'Normal',
    moveOn: 'Passed',
    ...options.launchData,
  });
  const cors = {
    'Access-Control-Allow-Origin': options.siteOrigin,
    'Access-Control-Allow-Methods': 'GET, POST, PUT, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Experience-API-Version',
    'Access-Control-Expose-Headers': 'X-Experience-API-Version',
  };
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { ...cors, 'Content-Type': 'application/json' } });
  const empty = (status: number) => new Response(null, { status, headers: cors });

  const lms: FakeLms = {
    endpoint: `${options.origin}/xapi/`,
    get fetchUrl() {
      return `${options.origin}${session.fetchPath}`;
    },
    get authToken() {
      return session.token;
    },
    relaunch: () => {
      session = newSession();
    },
    refuseQueries: false,
    launchQuery: () =>
      new URLSearchParams({
        endpoint: `${options.origin}/xapi/`,
        fetch: `${options.origin}${session.fetchPath}`,
        actor: JSON.stringify(lmsActor),
        registration: lmsRegistration,
        activityId: lmsActivityId,
      }).toString(),
    statements: [],
    requests: [],
    refused: [],
    online: true,
    handle: async (request) => {
      const response = await answer(request);
      lms.requests.push({ method: request.method, path: new URL(request.url).pathname, status: response.status });
      return response;
    },
    fetch: async (input, init) => {
      if (!lms.online) throw new TypeError('fetch failed');
      return lms.handle(new Request(input, init));
    },
  };

  /** Stores statements, refusing a session's after its terminated and any id it holds. */
  function store(statements: Record<string, unknown>[]): Response {
    const held = new Set(lms.statements.map((statement) => statement.id));
    if (statements.some((statement) => held.has(statement.id))) return json(409, { error: 'id already stored' });
    for (const statement of statements) {
      const session = (statement.context as { extensions?: Record<string, string> } | undefined)?.extensions?.[
        sessionIdExtension
      ];
      if (session && terminatedSessions.has(session)) {
        lms.refused.push(`${String(statement.id)}: session ${session} has terminated`);
        return json(400, { error: 'the session has terminated' });
      }
    }
    for (const statement of statements) {
      lms.statements.push(statement);
      const verb = (statement.verb as { id: string }).id;
      const session = (statement.context as { extensions?: Record<string, string> }).extensions?.[sessionIdExtension];
      if (verb === terminatedVerb && session) terminatedSessions.add(session);
    }
    return json(
      200,
      statements.map((statement) => statement.id),
    );
  }

  async function answer(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (request.method === 'OPTIONS') return empty(204);
    if (url.pathname === session.fetchPath) {
      if (request.method !== 'POST') return empty(405);
      if (session.tokenGiven)
        return json(200, { 'error-code': '1', 'error-text': 'The authorization token has already been returned.' });
      session.tokenGiven = true;
      return json(200, { 'auth-token': session.token });
    }
    if (url.pathname === '/return')
      return new Response(
        '<!doctype html><link rel="icon" href="data:,"><title>Your LMS</title><h1>Back in your LMS</h1>',
        {
          headers: { 'Content-Type': 'text/html; charset=utf-8' },
        },
      );
    if (!url.pathname.startsWith('/xapi/')) return empty(404);
    if (request.headers.get('authorization') !== `Basic ${session.token}`) return json(401, { error: 'unauthorized' });
    if (request.headers.get('x-experience-api-version') !== '1.0.3') return json(400, { error: 'no version header' });
    const resource = url.pathname.slice('/xapi/'.length);
    const query = url.searchParams;
    if (resource === 'activities/state' && request.method === 'GET') {
      const matches =
        query.get('stateId') === 'LMS.LaunchData' &&
        query.get('activityId') === lmsActivityId &&
        query.get('registration') === lmsRegistration &&
        JSON.stringify(JSON.parse(query.get('agent') ?? 'null')) === JSON.stringify(lmsActor);
      return matches ? json(200, launchData()) : empty(404);
    }
    if (
      resource === 'agents/profile' &&
      request.method === 'GET' &&
      query.get('profileId') === 'cmi5LearnerPreferences'
    )
      return json(200, { languagePreference: 'en-US', audioPreference: 'off' });
    if (resource !== 'statements') return empty(404);
    if (request.method === 'GET') {
      if (lms.refuseQueries) return json(403, { error: 'this token may not read statements' });
      const found = lms.statements.filter(
        (statement) =>
          (!query.get('verb') || (statement.verb as { id: string }).id === query.get('verb')) &&
          (!query.get('activity') || (statement.object as { id: string }).id === query.get('activity')) &&
          (!query.get('registration') ||
            (statement.context as { registration?: string }).registration === query.get('registration')),
      );
      return json(200, { statements: found.slice(0, Number(query.get('limit') || found.length)), more: '' });
    }
    const body: unknown = JSON.parse(await request.text());
    if (request.method === 'POST') return store(Array.isArray(body) ? body : [body as Record<string, unknown>]);
    if (request.method === 'PUT') {
      const held = lms.statements.find((statement) => statement.id === query.get('statementId'));
      if (held) return empty(JSON.stringify(held) === JSON.stringify(body) ? 204 : 409);
      const stored = store([{ ...(body as Record<string, unknown>), id: query.get('statementId') }]);
      return stored.ok ? empty(204) : stored;
    }
    return empty(405);
  }

  return lms;
}
