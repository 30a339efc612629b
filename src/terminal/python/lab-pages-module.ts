import { headersRecord } from '../../lib/headers-record';
import {
  cookiesOf,
  type ListenProblem,
  pageCookieHeader,
  type PageServerHandler,
  type PageServers,
  withSetCookies,
} from '../../emulator/page-servers';

/** The app's answer as flask.serving hands it over (`to_js`): status, headers as JSON `[name, value]` pairs, body. */
export type PythonAnswer = [status: number, headers: string, body: Uint8Array<ArrayBuffer>];

/**
 * flask.serving's dispatch function as the page holds it (a Pyodide `PyProxy`): `callPromising` runs it where it may
 * wait on the page (boto3's calls do).
 */
export interface PythonDispatch {
  callPromising(method: string, url: string, headers: string, body: Uint8Array): Promise<PythonAnswer>;
}

/** What `listen` gives Python: why it could not listen, or a promise of the program's stop and a way to close. */
export interface LabPagesServer {
  problem: ListenProblem | null;
  /** Settles when the learner stops the program (Ctrl-C): `app.run()` waits on it. */
  stopped: Promise<void>;
  close(): void;
}

/** The `_lab_pages` module Python's `flask.serving` imports: it starts a server on the page's loopback. */
export interface LabPagesModule {
  listen(host: string, port: number, dispatch: PythonDispatch): LabPagesServer;
}

/** HTTP statuses whose responses carry no body: `new Response` refuses one. */
const bodyless = new Set([101, 204, 205, 304]);

/** A promise that settles when the signal aborts (never, without one). */
function whenAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) resolve();
    signal?.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** The app's answer to one request: Python's `(status, headers as JSON pairs, body)` as a `Response`. */
async function answerIn(dispatch: PythonDispatch, request: Request): Promise<Response> {
  const body = new Uint8Array(await request.arrayBuffer());
  const { [pageCookieHeader]: _carried, ...headers } = headersRecord(request.headers);
  const cookie = cookiesOf(request);
  const headerText = JSON.stringify(cookie ? { ...headers, cookie } : headers);
  const [status, headerPairs, data] = await dispatch.callPromising(request.method, request.url, headerText, body);
  const pairs = JSON.parse(headerPairs) as [string, string][];
  const answerHeaders = new Headers();
  for (const [name, value] of pairs) answerHeaders.append(name, value);
  const cookies = pairs.filter(([name]) => name.toLowerCase() === 'set-cookie').map(([, value]) => value);
  return withSetCookies(new Response(bodyless.has(status) ? null : data, { status, headers: answerHeaders }), cookies);
}

/** A function run in the async context captured earlier (Node's `AsyncLocalStorage.snapshot()`). */
type InContext = <R>(work: () => R) => R;

/**
 * The async context of now, to run later work in: the shell lets a command touch its files only from within the
 * command's own context (Node's AsyncLocalStorage), and a request arrives from outside it. In a page there is no such
 * context, and the work runs as it is.
 */
function currentContext(): InContext {
  const node = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const hooks = node?.getBuiltinModule?.('node:async_hooks') as typeof import('node:async_hooks') | undefined;
  return hooks ? hooks.AsyncLocalStorage.snapshot() : (work) => work();
}

/**
 * Requests answered one after another, as a single-threaded server does: a view that waits on AWS (a boto3 call)
 * keeps the next request queued, so the app's `request` is never two requests at once.
 */
function oneAtATime(handler: PageServerHandler): PageServerHandler {
  let last: Promise<unknown> = Promise.resolve();
  return (request) => {
    const answer = last.then(() => handler(request));
    last = answer.catch(() => undefined);
    return answer;
  };
}

/**
 * The `_lab_pages` module of one Python program: its servers listen in `servers` until `signal` (the program's
 * Ctrl-C) aborts, and are closed when the program ends.
 */
export function labPagesModule(servers: PageServers, signal?: AbortSignal): LabPagesModule {
  return {
    listen(host, port, dispatch) {
      // Python calls listen from within the command; each request is answered as part of it.
      const inCommand = currentContext();
      const server = servers.listen(
        { host, port },
        oneAtATime((request) => inCommand(() => answerIn(dispatch, request))),
      );
      if ('problem' in server) return { problem: server.problem, stopped: Promise.resolve(), close() {} };
      return { problem: null, stopped: whenAborted(signal), close: () => server.close() };
    },
  };
}
