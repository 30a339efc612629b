/**
 * The network steps of a cmi5 launch (cmi5 sections 8.2, 10 and 11): the one POST to the fetch URL for the session's
 * token, the LMS's `LMS.LaunchData` state document, the learner preferences the AU must read at start, and whether the
 * registration already has `completed` or `passed`. What a step learned is kept in the tab's sessionStorage, so moving
 * between the course's pages neither fetches the token twice (the LMS would refuse) nor starts a second session.
 */
import type { XapiAgent } from './xapi';
import {
  type Cmi5Session,
  cmi5Verbs,
  isLaunchDataProblem,
  type LaunchData,
  readLaunchData,
  type Recorded,
} from './cmi5';
import type { Cmi5Launch, SessionStorageLike } from './xapi-launch';
import { type LrsEndpoint, LrsError, xapiVersion } from './xapi-lrs';

/** What the tab keeps of its cmi5 session; it holds the session's token, so sessionStorage only, never localStorage. */
export interface Cmi5SessionState {
  /** The launch's fetch URL: a new launch in the tab has another and starts afresh. */
  fetchUrl: string;
  /** The token the fetch URL handed out. */
  authToken?: string;
  /** The LMS's launch data. */
  launchData?: LaunchData;
  /** What the registration had already when the session began (Normal launches only). */
  recorded?: Recorded;
  /** When the session sent `initialized`. */
  initializedAt?: string;
  /** When the session sent (or queued) `terminated`: after it, the session sends nothing. */
  terminatedAt?: string;
}

/** The sessionStorage key of the tab's cmi5 session. */
export const cmi5StateKey = 'awscourse.cmi5-session';

/** The tab's state for this launch: the kept one when it belongs to the launch, else a fresh one. */
export function loadCmi5State(storage: SessionStorageLike | undefined, launch: Cmi5Launch): Cmi5SessionState {
  try {
    const kept: unknown = JSON.parse(storage?.getItem(cmi5StateKey) ?? 'null');
    if (kept && typeof kept === 'object' && (kept as Cmi5SessionState).fetchUrl === launch.fetchUrl)
      return kept as Cmi5SessionState;
  } catch {
    // Unreadable state is replaced by a fresh one; its token, if any, could not be used anyway.
  }
  return { fetchUrl: launch.fetchUrl };
}

/** Keeps the state for the tab's session. */
export function saveCmi5State(storage: SessionStorageLike | undefined, state: Cmi5SessionState): void {
  storage?.setItem(cmi5StateKey, JSON.stringify(state));
}

/** The LMS's xAPI endpoint with the session's token (cmi5 8.2.1: Basic, the token as the LMS gave it). */
export const lmsEndpoint = (launch: Cmi5Launch, authToken: string): LrsEndpoint => ({
  endpoint: launch.endpoint,
  authorization: `Basic ${authToken}`,
});

const relaunch = 'Close this tab and launch the course again from your LMS.';

/** An answer that did not come, or came with an error status: retryable when trying again may help. */
function failure(what: string, status?: number): LrsError {
  const retryable = status === undefined || status === 408 || status === 429 || status >= 500;
  const answered = status === undefined ? 'could not be reached' : `answered ${status}`;
  return new LrsError(`Your LMS ${answered} when the course asked for ${what}.`, {
    hint: retryable ? 'The course tries again by itself when the connection is back.' : relaunch,
    retryable,
    ...(status === undefined ? {} : { status }),
  });
}

/** A request that may fail without an answer; the failure is retryable. */
async function request(fetchImpl: typeof fetch, url: URL, init: RequestInit, what: string): Promise<Response> {
  try {
    return await fetchImpl(url, { ...init, signal: AbortSignal.timeout(30_000) });
  } catch {
    throw failure(what);
  }
}

/**
 * The session's token: one POST to the fetch URL (a GET is not allowed, so nothing caches it). The LMS answers 200
 * with `{"auth-token": "…"}`, or with `{"error-code", "error-text"}` when the URL was used already (code 1).
 */
export async function fetchAuthToken(fetchUrl: string, fetchImpl: typeof fetch): Promise<string> {
  const what = 'the key to this session';
  const response = await request(fetchImpl, new URL(fetchUrl), { method: 'POST' }, what);
  if (!response.ok) throw failure(what, response.status);
  const body: unknown = await response.json().catch(() => undefined);
  const token = body && typeof body === 'object' ? (body as Record<string, unknown>)['auth-token'] : undefined;
  if (typeof token === 'string' && token) return token;
  const code = body && typeof body === 'object' ? (body as Record<string, unknown>)['error-code'] : undefined;
  throw new LrsError(
    String(code) === '1'
      ? 'Your LMS has already handed out the key to this launch, or the launch has expired.'
      : 'Your LMS did not hand out the key to this session.',
    { hint: relaunch, retryable: false },
  );
}

/** A GET of one of the LMS's xAPI resources with the session's token. */
function xapiGet(
  fetchImpl: typeof fetch,
  lrs: LrsEndpoint,
  resource: string,
  query: Record<string, string>,
  what: string,
) {
  const url = new URL(resource, lrs.endpoint.endsWith('/') ? lrs.endpoint : `${lrs.endpoint}/`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const headers: Record<string, string> = { 'X-Experience-API-Version': xapiVersion };
  if (lrs.authorization) headers.Authorization = lrs.authorization;
  return request(fetchImpl, url, { headers }, what);
}

/** The `LMS.LaunchData` state document of the launch (cmi5 10); the AU reads it and never changes it. */
export async function getLaunchData(
  fetchImpl: typeof fetch,
  lrs: LrsEndpoint,
  launch: Cmi5Launch,
): Promise<LaunchData> {
  const what = 'its launch data';
  const response = await xapiGet(
    fetchImpl,
    lrs,
    'activities/state',
    {
      activityId: launch.activityId,
      agent: JSON.stringify(launch.actor),
      registration: launch.registration,
      stateId: 'LMS.LaunchData',
    },
    what,
  );
  if (!response.ok) throw failure(what, response.status);
  const data = readLaunchData(await response.json().catch(() => undefined));
  if (isLaunchDataProblem(data)) throw new LrsError(data.message, { hint: relaunch, retryable: false });
  return data;
}

/**
 * Reads the learner's preferences (the `cmi5LearnerPreferences` agent profile), as an AU must at start (cmi5 11). The
 * course is in English and has no audio, so it uses neither preference; an LMS without the document answers 404.
 */
export async function readLearnerPreferences(fetchImpl: typeof fetch, lrs: LrsEndpoint, actor: XapiAgent) {
  const query = { agent: JSON.stringify(actor), profileId: 'cmi5LearnerPreferences' };
  const response = await xapiGet(fetchImpl, lrs, 'agents/profile', query, 'your preferences');
  await response.body?.cancel();
}

/**
 * Whether the registration already holds a statement with `verb` about the AU (from an earlier session). An LMS that
 * does not let the AU read statements answers no: `completed` and `passed` have one id per registration (cmi5.ts), so
 * an LRS that holds one already stores no second.
 */
export async function registrationHas(
  fetchImpl: typeof fetch,
  lrs: LrsEndpoint,
  launch: Cmi5Launch,
  verb: keyof typeof cmi5Verbs,
): Promise<boolean> {
  const what = 'what this registration has recorded';
  const query = {
    agent: JSON.stringify(launch.actor),
    verb: cmi5Verbs[verb],
    activity: launch.activityId,
    registration: launch.registration,
    limit: '1',
  };
  const response = await xapiGet(fetchImpl, lrs, 'statements', query, what);
  if (!response.ok) {
    const refusal = failure(what, response.status);
    if (refusal.retryable) throw refusal;
    await response.body?.cancel();
    return false;
  }
  const body: unknown = await response.json().catch(() => undefined);
  const statements = body && typeof body === 'object' ? (body as Record<string, unknown>).statements : undefined;
  return Array.isArray(statements) && statements.length > 0;
}

/** What starting the session needs: `fetch`, the clock, and a way to keep each step's result for the tab. */
export interface Cmi5StartContext {
  fetch: typeof fetch;
  now: () => Date;
  save: (state: Cmi5SessionState) => void;
}

/**
 * Takes the session as far as it can go: the token (once), the launch data, the learner preferences, what the
 * registration has recorded, and the start time. Each step's result is kept, so that after a failure (offline, the
 * LMS busy: a retryable {@link LrsError}) starting again goes on from the step that failed.
 */
export async function startCmi5Session(
  launch: Cmi5Launch,
  kept: Cmi5SessionState,
  context: Cmi5StartContext,
): Promise<{ state: Cmi5SessionState; session: Cmi5Session }> {
  let state = kept;
  const keep = (next: Cmi5SessionState) => {
    state = next;
    context.save(state);
  };
  if (!state.authToken) keep({ ...state, authToken: await fetchAuthToken(launch.fetchUrl, context.fetch) });
  const lrs = lmsEndpoint(launch, state.authToken!);
  if (!state.launchData) {
    const launchData = await getLaunchData(context.fetch, lrs, launch);
    await readLearnerPreferences(context.fetch, lrs, launch.actor).catch(() => undefined);
    keep({ ...state, launchData });
  }
  if (!state.recorded) {
    const normal = state.launchData!.launchMode === 'Normal';
    const completed = normal && (await registrationHas(context.fetch, lrs, launch, 'completed'));
    const passed = normal && (await registrationHas(context.fetch, lrs, launch, 'passed'));
    keep({ ...state, recorded: { completed, passed } });
  }
  if (!state.initializedAt) keep({ ...state, initializedAt: context.now().toISOString() });
  return { state, session: { launch, launchData: state.launchData!, initializedAt: state.initializedAt! } };
}
