/**
 * Sending xAPI statements to a Learning Record Store (LRS), from the site and from `awscourse report --send-xapi`
 * alike: only `fetch`, no Node module. Statement ids are stable (src/progress/xapi.ts), so sending again is safe: a
 * batch the LRS answers with 409 Conflict is sent again one statement at a time, and each statement it already holds
 * the same is acknowledged as stored. Errors say whether trying again can help, and never carry the credentials.
 */
import type { XapiStatement } from './xapi';

/** The xAPI version the course's statements follow, sent with every request. */
export const xapiVersion = '1.0.3';

/** How long one request may take before it is given up (and may be tried again). */
const requestTimeoutMs = 60_000;

/** Where statements go. */
export interface LrsEndpoint {
  /** The LRS's xAPI base, e.g. `https://lrs.example/xapi/`; statements go to `statements` under it. */
  endpoint: string;
  /** The whole Authorization header's value, e.g. `Basic …` (see {@link basicAuthorization}); never in a message. */
  authorization?: string;
}

/** What an {@link LrsError} carries besides its message. */
export interface LrsErrorDetails {
  /** What to do about it, when the message alone does not say. */
  hint?: string;
  /** The HTTP status the LRS answered with; none when it could not be reached. */
  status?: number;
  /** Whether the same request may succeed later (network trouble, 429, 5xx), so it is worth trying again. */
  retryable: boolean;
  /** How long the LRS asked to wait before trying again (its Retry-After), in milliseconds. */
  retryAfterMs?: number;
}

/** A send the LRS refused or could not take. Its message and hint name the address, never the credentials. */
export class LrsError extends Error {
  override readonly name = 'LrsError';
  readonly hint?: string;
  readonly status?: number;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  constructor(message: string, details: LrsErrorDetails) {
    super(message);
    this.hint = details.hint;
    this.status = details.status;
    this.retryable = details.retryable;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** What a send did with each statement. */
export interface LrsSendResult {
  /** The ids the LRS holds as sent: stored now, or already held with the same content. */
  stored: string[];
  /**
   * The ids the LRS already holds with other content. Statements cannot change, so these were not stored; it happens
   * when a record was sent before under another course address or revision.
   */
  conflicting: string[];
}

/**
 * The Authorization header of HTTP Basic credentials, the form LRSs give their keys in.
 *
 * @example basicAuthorization('key:secret'); // 'Basic a2V5OnNlY3JldA=='
 */
export function basicAuthorization(userAndPassword: string): string {
  const bytes = new TextEncoder().encode(userAndPassword);
  return `Basic ${btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(''))}`;
}

/**
 * The LRS's Statements resource (`statements` under its base address, with one slash between them whether the base
 * ends in one or not), and the Authorization header: the given one, or else a `user:password@` in the address.
 */
function statementsResourceOf(lrs: LrsEndpoint): { url: URL; authorization?: string } {
  const base = URL.parse(lrs.endpoint);
  if (!base || (base.protocol !== 'https:' && base.protocol !== 'http:'))
    throw new LrsError('The LRS address is not an http:// or https:// address.', {
      hint: 'Give the xAPI endpoint your LRS shows, e.g. https://lrs.example/xapi/.',
      retryable: false,
    });
  const inAddress = base.username || base.password;
  const authorization =
    lrs.authorization ??
    (inAddress
      ? basicAuthorization(`${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`)
      : undefined);
  const url = new URL(`${base.pathname.replace(/\/*$/, '/')}statements`, base.origin);
  return { url, authorization };
}

/** The address of one statement, for its PUT: `…/statements?statementId=ID`. */
function statementUrl(statements: URL, statementId: string): URL {
  const url = new URL(statements);
  url.searchParams.set('statementId', statementId);
  return url;
}

/**
 * The address of the LRS's Statements resource under an xAPI base, with one slash between them whether the base ends
 * in one or not (never with the credentials an address may hold); with `statementId`, the address of a PUT.
 *
 * @example statementsUrl('https://lrs.example/xapi').href; // 'https://lrs.example/xapi/statements'
 */
export function statementsUrl(endpoint: string, statementId?: string): URL {
  const { url } = statementsResourceOf({ endpoint });
  return statementId === undefined ? url : statementUrl(url, statementId);
}

/** The address as messages show it: without credentials or query. */
const shown = (url: URL) => `${url.origin}${url.pathname}`;

/** The secrets a message must not contain: the header's value, its token and, for Basic, the pair and password. */
function secretsOf(authorization: string | undefined): string[] {
  if (!authorization) return [];
  const token = authorization.replace(/^\S+\s+/, '');
  const decoded = /^basic\s/i.test(authorization) ? decodeBasic(token) : undefined;
  const password = decoded?.slice(decoded.indexOf(':') + 1);
  return [authorization, token, decoded, password].filter((secret): secret is string => Boolean(secret));
}

/** A Basic token's `user:password`, or undefined when it is not base64 of UTF-8. */
function decodeBasic(token: string): string | undefined {
  try {
    const binary = atob(token);
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** Text from the LRS made safe to show: the secrets replaced, cut to a line. */
function redacted(text: string, secrets: string[]): string {
  const cleaned = secrets.reduce((result, secret) => result.split(secret).join('…'), text.replace(/\s+/g, ' ').trim());
  return cleaned.length > 200 ? `${cleaned.slice(0, 200)}…` : cleaned;
}

/** Milliseconds from a Retry-After header (seconds or an HTTP date), when it has one. */
function retryAfterOf(response: Response): number | undefined {
  const value = response.headers.get('retry-after');
  if (!value) return undefined;
  const ms = /^\d+$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) ? Math.max(0, ms) : undefined;
}

/** What was asked of the LRS, for messages: `send statements to URL`. */
interface LrsRequest {
  url: URL;
  method: 'POST' | 'PUT';
  body: string;
  authorization?: string;
}

/** The LRS's answer to a request that got none as a retryable error: offline, refused, timed out. */
function unreachable(request: LrsRequest, error: unknown): LrsError {
  const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : '';
  const timedOut = error instanceof Error && error.name === 'TimeoutError';
  return new LrsError(
    timedOut
      ? `The LRS at ${shown(request.url)} did not answer within ${requestTimeoutMs / 1000} s.`
      : `The LRS at ${shown(request.url)} could not be reached${cause ? ` (${redacted(cause, secretsOf(request.authorization))})` : ''}.`,
    { hint: 'Check the address and the network; sending again later picks up where this stopped.', retryable: true },
  );
}

/** Sends one request, with the xAPI headers; a failure to get an answer becomes a retryable {@link LrsError}. */
async function send(request: LrsRequest, fetchImpl: typeof fetch): Promise<Response> {
  const headers: Record<string, string> = {
    'X-Experience-API-Version': xapiVersion,
    'Content-Type': 'application/json',
  };
  if (request.authorization) headers.Authorization = request.authorization;
  try {
    // A redirect is reported, not followed: a POST redirected becomes a GET, whose 200 would look like success.
    return await fetchImpl(request.url, {
      method: request.method,
      headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
  } catch (error) {
    throw unreachable(request, error);
  }
}

/** The refusal an LRS's answer stands for, with what to fix: the address, the credentials, or nothing (try again). */
async function refusal(request: LrsRequest, response: Response): Promise<LrsError> {
  const where = shown(request.url);
  const status = response.status;
  const said = redacted(await response.text().catch(() => ''), secretsOf(request.authorization));
  const answer = said ? `: ${said}` : '';
  if (status === 0 || (status >= 300 && status < 400)) {
    const location = redacted(response.headers.get('location') ?? '', secretsOf(request.authorization));
    return new LrsError(`The LRS at ${where} redirects${location ? ` to ${location}` : ''} instead of storing.`, {
      hint: 'Give the address it redirects to (often https:// rather than http://, or with a final /).',
      status,
      retryable: false,
    });
  }
  if (status === 401)
    return new LrsError(`The LRS at ${where} did not accept the credentials (401 Unauthorized).`, {
      hint: request.authorization
        ? 'Check the user name and password: the key and secret of an LRS client that may write statements.'
        : 'It needs credentials: give the key and secret of an LRS client that may write statements.',
      status,
      retryable: false,
    });
  if (status === 403)
    return new LrsError(`The LRS at ${where} does not let these credentials write statements (403 Forbidden).`, {
      hint: 'Use the key and secret of an LRS client with the statements/write scope.',
      status,
      retryable: false,
    });
  if (status === 404 || status === 405)
    return new LrsError(`There is no xAPI Statements resource at ${where} (${status}).`, {
      hint: "Check the address: it is the LRS's xAPI endpoint, often ending in /xapi/ or /data/xAPI/.",
      status,
      retryable: false,
    });
  if (status === 408 || status === 429 || status >= 500)
    return new LrsError(`The LRS at ${where} could not take the statements now (${status})${answer}.`, {
      hint: 'Sending again later picks up where this stopped.',
      status,
      retryable: true,
      retryAfterMs: retryAfterOf(response),
    });
  return new LrsError(`The LRS at ${where} refused the statements (${status})${answer}.`, {
    hint:
      status === 400
        ? "Check the address is the LRS's xAPI endpoint and that it takes xAPI 1.0.3."
        : "Check the address and the LRS's documentation.",
    status,
    retryable: false,
  });
}

/** Sends one statement with PUT: stored (or already held the same), or held already with other content. */
async function putStatement(
  resource: { url: URL; authorization?: string },
  statement: XapiStatement,
  fetchImpl: typeof fetch,
): Promise<'stored' | 'conflicting'> {
  const url = statementUrl(resource.url, statement.id);
  const request: LrsRequest = { ...resource, url, method: 'PUT', body: JSON.stringify(statement) };
  const response = await send(request, fetchImpl);
  if (response.ok) return 'stored';
  if (response.status === 409) return 'conflicting';
  throw await refusal(request, response);
}

/**
 * Sends statements to an LRS as one batch (a POST to its Statements resource). When the LRS answers 409 Conflict
 * (it holds one of the ids already), the batch's statements are sent again one at a time with PUT, so the ones it
 * holds the same are acknowledged and any held with other content are reported in `conflicting`, not failed.
 * Throws an {@link LrsError}: `retryable` for network trouble, 408, 429 and 5xx; otherwise with a hint saying what to
 * fix (the address, the credentials). Statements the LRS took before a failure are safe to send again.
 *
 * @example
 * const lrs = { endpoint: 'https://lrs.example/xapi/', authorization: basicAuthorization('key:secret') };
 * const { stored, conflicting } = await postStatements(lrs, progressStatements(progress, courseSource()));
 */
export async function postStatements(
  lrs: LrsEndpoint,
  statements: XapiStatement[],
  fetchImpl: typeof fetch = fetch,
): Promise<LrsSendResult> {
  const target = statementsResourceOf(lrs);
  if (statements.length === 0) return { stored: [], conflicting: [] };
  const request: LrsRequest = { ...target, method: 'POST', body: JSON.stringify(statements) };
  const response = await send(request, fetchImpl);
  if (response.ok) return { stored: statements.map((statement) => statement.id), conflicting: [] };
  if (response.status !== 409) throw await refusal(request, response);
  await response.body?.cancel();
  const result: LrsSendResult = { stored: [], conflicting: [] };
  for (const statement of statements) result[await putStatement(target, statement, fetchImpl)].push(statement.id);
  return result;
}

/** The longest wait between two tries of a send. */
const longestRetryDelayMs = 60_000;

/** The longest Retry-After heeded: an LRS that asks for more is tried again after this. */
const longestRetryAfterMs = 300_000;

/**
 * How long to wait before trying a send again after `failedTries` tries of it failed with a retryable error: doubling
 * from one second (1, 2, 4 … 60 s), up to half of it again added at random so that many senders do not all try at
 * once, and at least as long as the LRS asked (its Retry-After), up to five minutes.
 *
 * @example retryDelayMs(3, undefined, () => 0); // 4000
 */
export function retryDelayMs(failedTries: number, error?: LrsError, random: () => number = Math.random): number {
  const doubling = Math.min(longestRetryDelayMs, 1000 * 2 ** Math.max(0, failedTries - 1));
  const delay = Math.round(doubling * (1 + random() / 2));
  return Math.max(Math.min(delay, longestRetryDelayMs), Math.min(error?.retryAfterMs ?? 0, longestRetryAfterMs));
}
