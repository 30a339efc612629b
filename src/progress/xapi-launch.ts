/**
 * Where "Send to my instructor" sends, and as whom: a launch link from an LMS (cmi5) or an LRS-aware portal (the
 * xAPI "launch" style: `endpoint`, `auth`, `actor`, `registration`, `activity_id`), or the LRS the site was built
 * for. A launch is kept in sessionStorage for the browser tab's session and its parameters leave the address bar at
 * once, so its token is never bookmarked, shared or kept in the history.
 *
 * Build-time configuration (`PUBLIC_XAPI_ENDPOINT`, `PUBLIC_XAPI_AUTH`) is part of the built pages, readable by
 * anyone who opens them: a static site cannot keep a secret. Use it only for an LRS that takes the course's statements
 * without credentials, or with a key made for this course that may write statements and do nothing else.
 */
import { isPlainObject } from '../lib/is-plain-object';
import type { StatementLaunch } from './statement-launch-schema';
import type { XapiAgent } from './xapi';
import { launchStorageKey } from './xapi-launch-hint';

/** The LRS the site was built to send to. */
export interface ConfiguredLrs {
  kind: 'configured';
  /** The LRS's xAPI endpoint, e.g. `https://lrs.example.edu/xapi/`. */
  endpoint: string;
  /** The Authorization header's value, public like the rest of the build; none when the LRS needs none. */
  authorization?: string;
}

/** An xAPI launch ("Rustici launch"): the portal that opened the course names the LRS, the token and the learner. */
export interface XapiLaunch {
  kind: 'xapi';
  /** The LRS's xAPI endpoint. */
  endpoint: string;
  /** The Authorization header's value the launch gave (`auth`); kept for the tab's session only. */
  authorization?: string;
  /** The learner as the portal knows them. */
  actor?: XapiAgent;
  /** The registration (a UUID) the statements belong to. */
  registration?: string;
  /** The id the portal gives the course (`activity_id`). */
  activityId?: string;
}

/** A cmi5 launch: the LMS launched the course as an assignable unit (AU). */
export interface Cmi5Launch {
  kind: 'cmi5';
  /** The LMS's xAPI endpoint. */
  endpoint: string;
  /** The one-time address that hands out the session's token (POST only, once). */
  fetchUrl: string;
  /** The learner, an Agent with an account, as the LMS knows them. */
  actor: XapiAgent;
  /** The learner's registration in the course (a UUID). */
  registration: string;
  /** The AU's activity id for this LMS: the object of every cmi5 defined statement. */
  activityId: string;
}

/** Where the course sends the learner's statements. */
export type InstructorLrs = ConfiguredLrs | XapiLaunch | Cmi5Launch;

/** Why a launch link or the build's configuration cannot be used, and what to do. */
export interface LaunchProblem {
  /** A stable code. */
  code: 'missing-parameter' | 'bad-endpoint' | 'endpoint-not-allowed' | 'bad-actor' | 'bad-registration' | 'bad-id';
  /** What is wrong, for the learner. */
  message: string;
  /** What to do about it. */
  hint: string;
}

/** Every query parameter a launch may carry; they are removed from the address bar. */
export const launchParameterNames = ['endpoint', 'auth', 'fetch', 'actor', 'registration', 'activity_id', 'activityId'];

const relaunchHint = 'Open the course again from your LMS or course portal. If it happens again, tell your instructor.';

const problem = (code: LaunchProblem['code'], message: string, hint = relaunchHint): LaunchProblem => ({
  code,
  message,
  hint,
});

/** Tells a problem from a launch. */
export function isLaunchProblem(value: InstructorLrs | LaunchProblem): value is LaunchProblem {
  return 'code' in value;
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The endpoint when statements may go there: https, or http on this machine only (a token must not cross a network
 * in the clear), and, when the build lists the origins a launch may name, one of those.
 */
export function checkEndpoint(value: string, allowedOrigins: readonly string[] = []): string | LaunchProblem {
  const url = URL.parse(value);
  if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHosts.has(url.hostname))))
    return problem(
      'bad-endpoint',
      url
        ? `The learning record store address ${url.origin} is not an https:// address.`
        : 'The learning record store address is not a web address.',
      'Statements and their token go only to an https:// address (or http:// on this computer).',
    );
  if (allowedOrigins.length > 0 && !allowedOrigins.includes(url.origin))
    return problem(
      'endpoint-not-allowed',
      `This course does not send statements to ${url.origin}.`,
      `It sends only to ${allowedOrigins.join(', ')}. Open the course from your own LMS, or ask your instructor.`,
    );
  return value;
}

/** The inverse functional identifiers of an xAPI agent: exactly one identifies the learner. */
const identifierKeys = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;

/** The first element of a one-element array (the old launch style's `"name": ["…"]`), or the value itself. */
const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/** An account in either form: xAPI's `{homePage, name}` or the old launch style's `{accountServiceHomePage, accountName}`. */
function accountOf(value: unknown): { homePage: string; name: string } | undefined {
  const account = single(value);
  if (!isPlainObject(account)) return undefined;
  const homePage = account.homePage ?? account.accountServiceHomePage;
  const name = account.name ?? account.accountName;
  return typeof homePage === 'string' && typeof name === 'string' ? { homePage, name } : undefined;
}

/** The launch's `actor` as an xAPI Agent with exactly one identifier; cmi5 requires that one to be an account. */
export function parseActor(text: string, requireAccount: boolean): XapiAgent | LaunchProblem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return problem('bad-actor', 'The launch link names the learner (actor) in a form that is not JSON.');
  }
  if (!isPlainObject(value) || (value.objectType !== undefined && value.objectType !== 'Agent'))
    return problem('bad-actor', 'The launch link’s learner (actor) is not an xAPI Agent.');
  const name = single(value.name);
  const fields: Record<string, unknown> = {
    mbox: single(value.mbox),
    mbox_sha1sum: single(value.mbox_sha1sum),
    openid: single(value.openid),
    account: value.account === undefined ? undefined : accountOf(value.account),
  };
  const present = identifierKeys.filter((key) => fields[key] !== undefined);
  const wellFormed = present.every((key) => key === 'account' || typeof fields[key] === 'string');
  if (present.length !== 1 || !wellFormed || (requireAccount && present[0] !== 'account'))
    return problem(
      'bad-actor',
      requireAccount
        ? 'The launch link’s learner (actor) has no account, which cmi5 requires.'
        : 'The launch link’s learner (actor) needs exactly one of mbox, mbox_sha1sum, openid or account.',
    );
  const key = present[0]!;
  return {
    objectType: 'Agent',
    ...(typeof name === 'string' ? { name } : {}),
    [key]: fields[key],
  } as XapiAgent;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** A registration (a UUID), or the problem with it. */
function checkRegistration(value: string): string | LaunchProblem {
  return uuidPattern.test(value)
    ? value
    : problem('bad-registration', 'The launch link’s registration is not a UUID, so it cannot be used.');
}

/** An activity id: an absolute IRI (`scheme:…`). */
function checkActivityId(value: string): string | LaunchProblem {
  return /^[a-z][a-z0-9+.-]*:\S+$/i.test(value)
    ? value
    : problem('bad-id', 'The launch link’s activity id is not an absolute address (IRI).');
}

/** The first problem among parsed parts, or undefined when every part is usable. */
const firstProblem = (...parts: unknown[]) =>
  parts.find((part): part is LaunchProblem => isPlainObject(part) && 'code' in part);

/** A cmi5 launch from its five parameters, each required (cmi5 section 8.1). */
function cmi5LaunchOf(params: URLSearchParams, endpoint: string): Cmi5Launch | LaunchProblem {
  const names = ['fetch', 'actor', 'registration', 'activityId'];
  const missing = names.filter((name) => !params.get(name));
  if (missing.length > 0)
    return problem('missing-parameter', `The LMS launch link has no ${missing.join(', ')} (cmi5 needs them all).`);
  const fetchUrl = checkEndpoint(params.get('fetch')!);
  const actor = parseActor(params.get('actor')!, true);
  const registration = checkRegistration(params.get('registration')!);
  const activityId = checkActivityId(params.get('activityId')!);
  const found = firstProblem(fetchUrl, actor, registration, activityId);
  if (found) return found;
  return {
    kind: 'cmi5',
    endpoint,
    fetchUrl: fetchUrl as string,
    actor: actor as XapiAgent,
    registration: registration as string,
    activityId: activityId as string,
  };
}

/** An xAPI launch: only the endpoint is required; `auth`, `actor`, `registration` and `activity_id` are optional. */
function xapiLaunchOf(params: URLSearchParams, endpoint: string): XapiLaunch | LaunchProblem {
  const actorText = params.get('actor');
  const registrationText = params.get('registration');
  const activityText = params.get('activity_id');
  const actor = actorText ? parseActor(actorText, false) : undefined;
  const registration = registrationText ? checkRegistration(registrationText) : undefined;
  const activityId = activityText ? checkActivityId(activityText) : undefined;
  const found = firstProblem(actor, registration, activityId);
  if (found) return found;
  return {
    kind: 'xapi',
    endpoint,
    ...(params.get('auth') ? { authorization: params.get('auth')! } : {}),
    ...(actor ? { actor: actor as XapiAgent } : {}),
    ...(registration ? { registration: registration as string } : {}),
    ...(activityId ? { activityId: activityId as string } : {}),
  };
}

/**
 * The launch a query string carries: cmi5 when it has a `fetch` parameter, the xAPI launch style otherwise; undefined
 * when it names no `endpoint` (an ordinary visit).
 *
 * @example
 * readLaunchParameters(new URLSearchParams('endpoint=https://lrs.example/xapi/&auth=Basic%20a2V5OnNlY3JldA=='));
 * // { kind: 'xapi', endpoint: 'https://lrs.example/xapi/', authorization: 'Basic a2V5OnNlY3JldA==' }
 */
export function readLaunchParameters(
  params: URLSearchParams,
  allowedOrigins: readonly string[] = [],
): XapiLaunch | Cmi5Launch | LaunchProblem | undefined {
  const endpointText = params.get('endpoint');
  if (!endpointText) return undefined;
  const endpoint = checkEndpoint(endpointText, allowedOrigins);
  if (typeof endpoint !== 'string') return endpoint;
  return params.has('fetch') ? cmi5LaunchOf(params, endpoint) : xapiLaunchOf(params, endpoint);
}

/** The launch parameters alone, to keep for the session; the rest of the query is not the launch's. */
function launchParametersOf(params: URLSearchParams): URLSearchParams {
  return new URLSearchParams([...params].filter(([name]) => launchParameterNames.includes(name)));
}

/**
 * The address without its launch parameters (other parameters and the fragment stay), for `history.replaceState`.
 *
 * @example addressWithoutLaunch('https://c.example/?endpoint=x&auth=y&lang=en#top'); // 'https://c.example/?lang=en#top'
 */
export function addressWithoutLaunch(href: string): string {
  const url = new URL(href);
  for (const name of launchParameterNames) url.searchParams.delete(name);
  return url.href;
}

/**
 * What an xAPI launch makes of the statements it sends, for the record to keep on each attempt and quiz it sends
 * (keep-launch.ts): the portal's learner, registration and id of the course, never its `auth`. None when it names
 * none of them: its statements are then the ones made without a launch.
 */
export function xapiStatementLaunch(launch: XapiLaunch): StatementLaunch | undefined {
  const { actor, registration, activityId } = launch;
  if (!actor && !registration && !activityId) return undefined;
  return {
    kind: 'xapi',
    ...(actor ? { actor } : {}),
    ...(registration ? { registration } : {}),
    ...(activityId ? { activityId } : {}),
  };
}

/** The origins the build allows a launch to name (`PUBLIC_XAPI_LAUNCH_ORIGINS`), as origins. */
export function allowedLaunchOrigins(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((entry) => URL.parse(entry.trim())?.origin)
    .filter((origin): origin is string => Boolean(origin) && origin !== 'null');
}

/** The LRS the build names (`PUBLIC_XAPI_ENDPOINT`, `PUBLIC_XAPI_AUTH`), if any. */
export function configuredLrs(env: {
  PUBLIC_XAPI_ENDPOINT?: string;
  PUBLIC_XAPI_AUTH?: string;
}): ConfiguredLrs | LaunchProblem | undefined {
  if (!env.PUBLIC_XAPI_ENDPOINT) return undefined;
  const endpoint = checkEndpoint(env.PUBLIC_XAPI_ENDPOINT);
  if (typeof endpoint !== 'string')
    return { ...endpoint, hint: 'Build the course with PUBLIC_XAPI_ENDPOINT set to an https:// address.' };
  return { kind: 'configured', endpoint, ...(env.PUBLIC_XAPI_AUTH ? { authorization: env.PUBLIC_XAPI_AUTH } : {}) };
}

/** The part of the Web Storage API a launch is kept in; the browser's sessionStorage, or an in-memory one in tests. */
export type SessionStorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** What the page needs to take a launch: its address, a way to replace it, the tab's storage and the build's settings. */
export interface LaunchContext {
  /** The page's address (`location.href`). */
  href: string;
  /** Replaces the address in the address bar and the history (`history.replaceState`). */
  replaceAddress: (href: string) => void;
  /** The tab's sessionStorage; undefined where the browser blocks it. */
  storage?: SessionStorageLike;
  /** The build's settings (`import.meta.env`). */
  env: ImportMetaEnv;
}

/**
 * The LRS for this page: a launch in the address (kept for the tab's session, its parameters then removed from the
 * address bar even when they are unusable), else the launch kept earlier in the session, else the build's LRS.
 */
export function takeLaunch(context: LaunchContext): { lrs?: InstructorLrs; problem?: LaunchProblem } {
  const allowed = allowedLaunchOrigins(context.env.PUBLIC_XAPI_LAUNCH_ORIGINS);
  const params = launchParametersOf(new URL(context.href).searchParams);
  const fromAddress = readLaunchParameters(params, allowed);
  if (fromAddress) {
    context.replaceAddress(addressWithoutLaunch(context.href));
    if (isLaunchProblem(fromAddress)) {
      context.storage?.removeItem(launchStorageKey);
      return { problem: fromAddress };
    }
    context.storage?.setItem(launchStorageKey, params.toString());
    return { lrs: fromAddress };
  }
  const kept = context.storage?.getItem(launchStorageKey);
  const fromSession = kept ? readLaunchParameters(new URLSearchParams(kept), allowed) : undefined;
  if (fromSession && !isLaunchProblem(fromSession)) return { lrs: fromSession };
  const configured = configuredLrs(context.env);
  if (!configured) return {};
  return isLaunchProblem(configured) ? { problem: configured } : { lrs: configured };
}
