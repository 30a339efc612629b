import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Learning Record Store on 127.0.0.1 with the xAPI 1.0.3 statement rules a sender meets: the version header and
 * Basic credentials required, POST of a batch (409 Conflict when it holds one of the ids already, as ADL's reference
 * LRS does), PUT of one statement by `statementId` (204 when new or held the same, 409 when held with other content),
 * and GET with `since`, `limit`, `ascending` and `more` paging. Tests make it fail on purpose.
 */
export interface FakeLrs {
  /** Its xAPI endpoint, ending in `/xapi/`. */
  endpoint: string;
  /** The statements it holds, by id, as they came (without `stored`). */
  held: Map<string, { statement: Record<string, unknown>; stored: string }>;
  /** Every write: its method and the ids it carried. */
  writes: { method: 'POST' | 'PUT'; ids: string[]; status: number }[];
  /** When set, a write that would take the store past this many statements stores up to it and answers 503. */
  failAfter?: number;
  /** How many coming writes answer 503 with Retry-After: 0, storing nothing. */
  busyWrites: number;
  close: () => Promise<void>;
}

/** JSON with object keys sorted, so two statements compare by content, as an LRS compares them. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function answer(response: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, {
    'X-Experience-API-Version': '1.0.3',
    ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    ...headers,
  });
  response.end(body === undefined ? undefined : JSON.stringify(body));
}

/** Starts the fake LRS, taking only `user:password` as Basic credentials. */
export async function startFakeLrs(credentials: string): Promise<FakeLrs> {
  const expected = `Basic ${Buffer.from(credentials).toString('base64')}`;
  let clock = Date.parse('2026-12-01T00:00:00.000Z');
  const lrs: FakeLrs = { endpoint: '', held: new Map(), writes: [], busyWrites: 0, close: async () => {} };

  /** Stores new statements, up to failAfter; false when it had to stop there. */
  function store(statements: Record<string, unknown>[]): boolean {
    for (const statement of statements) {
      if (lrs.failAfter !== undefined && lrs.held.size >= lrs.failAfter) return false;
      clock += 1;
      lrs.held.set(String(statement.id), { statement, stored: new Date(clock).toISOString() });
    }
    return true;
  }

  function list(url: URL, response: ServerResponse) {
    const since = url.searchParams.get('since');
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const cursor = Number(url.searchParams.get('cursor') ?? 0);
    const ascending = url.searchParams.get('ascending') === 'true';
    const all = [...lrs.held.values()]
      .filter((entry) => !since || entry.stored > since)
      .sort((a, b) => (ascending ? a.stored.localeCompare(b.stored) : b.stored.localeCompare(a.stored)));
    const page = all.slice(cursor, cursor + limit);
    const next = new URLSearchParams(url.searchParams);
    next.set('cursor', String(cursor + limit));
    answer(response, 200, {
      statements: page.map((entry) => ({ ...entry.statement, stored: entry.stored, version: '1.0.3' })),
      more: cursor + limit < all.length ? `/xapi/statements?${next}` : '',
    });
  }

  function write(method: 'POST' | 'PUT', url: URL, text: string, response: ServerResponse) {
    const parsed = JSON.parse(text) as Record<string, unknown> | Record<string, unknown>[];
    const statements = Array.isArray(parsed) ? parsed : [parsed];
    const ids = statements.map((statement) => String(statement.id));
    const status = (code: number) => {
      lrs.writes.push({ method, ids, status: code });
      return code;
    };
    if (lrs.busyWrites > 0) {
      lrs.busyWrites -= 1;
      return answer(response, status(503), { message: 'busy' }, { 'Retry-After': '0' });
    }
    if (new Set(ids).size !== ids.length) return answer(response, status(400), { message: 'duplicate ids' });
    if (method === 'PUT') {
      const id = url.searchParams.get('statementId');
      if (!id || id !== ids[0]) return answer(response, status(400), { message: 'statementId does not match' });
      const known = lrs.held.get(id);
      if (known) return answer(response, status(canonical(known.statement) === canonical(parsed) ? 204 : 409));
      return store(statements) ? answer(response, status(204)) : answer(response, status(503), { message: 'down' });
    }
    if (ids.some((id) => lrs.held.has(id))) return answer(response, status(409), { message: 'id already held' });
    return store(statements) ? answer(response, status(200), ids) : answer(response, status(503), { message: 'down' });
  }

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const text = await bodyOf(request);
    if (url.pathname !== '/xapi/statements') return answer(response, 404, { message: 'Not Found' });
    if (request.headers['x-experience-api-version'] !== '1.0.3')
      return answer(response, 400, { message: 'X-Experience-API-Version header missing' });
    if (request.headers.authorization !== expected)
      return answer(response, 401, { message: 'Unauthorized' }, { 'WWW-Authenticate': 'Basic realm="LRS"' });
    if (request.method === 'GET') return list(url, response);
    if (request.method === 'POST' || request.method === 'PUT') return write(request.method, url, text, response);
    return answer(response, 405, { message: 'Method Not Allowed' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  lrs.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/xapi/`;
  lrs.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return lrs;
}

/** Every statement the LRS holds, read back through its GET API, following `more` page by page. */
export async function readBackStatements(lrs: FakeLrs, credentials: string): Promise<Record<string, unknown>[]> {
  const headers = {
    'X-Experience-API-Version': '1.0.3',
    Authorization: `Basic ${Buffer.from(credentials).toString('base64')}`,
  };
  const statements: Record<string, unknown>[] = [];
  let next: string | undefined = `${lrs.endpoint}statements?ascending=true&limit=100&since=2000-01-01T00:00:00Z`;
  while (next) {
    const page = (await (await fetch(next, { headers })).json()) as {
      statements: Record<string, unknown>[];
      more: string;
    };
    statements.push(...page.statements);
    next = page.more ? new URL(page.more, lrs.endpoint).href : undefined;
  }
  return statements;
}
