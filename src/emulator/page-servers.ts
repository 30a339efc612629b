/**
 * The page's own loopback: servers started in the page (the gallery app run with `python3 app.py`) listen here, and
 * `curl`, offline Verify and the preview panel reach them at `http://localhost:PORT/` as they would a server on the
 * learner's machine. A server is a function from a `Request` to its `Response`; no socket is involved.
 */

/** A server running in the page: answers one request at a time, as a fetch handler does. */
export type PageServerHandler = (request: Request) => Promise<Response>;

/** Where a server listens: the host it binds (`127.0.0.1`, `localhost`, `0.0.0.0`) and its port. */
export interface PageServerAddress {
  host: string;
  port: number;
}

/** Why a server could not listen, as the operating system says it (`EADDRINUSE`), with what to do about it. */
export interface ListenProblem {
  code: 'EADDRINUSE' | 'EADDRNOTAVAIL';
  message: string;
  hint: string;
}

/** A listening server: `close` stops it (and is safe to call twice). */
export interface PageServer {
  readonly address: PageServerAddress;
  close(): void;
}

/** The page's servers: start one with `listen`, find the one a URL reaches with `handlerFor`. */
export interface PageServers {
  listen(address: PageServerAddress, handler: PageServerHandler): PageServer | { problem: ListenProblem };
  /** The server a URL reaches, or undefined when the URL is not of the loopback or nothing listens on its port. */
  handlerFor(url: URL): PageServerHandler | undefined;
}

/** IPv4's loopback and wildcard addresses, and the name that resolves to them: all reach this machine. */
const loopbackHost = /^(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0)$/i;

/** True when a URL's host is this machine (`localhost`, `127.0.0.1`, `0.0.0.0`), where only the page's servers are. */
export function isLoopbackHost(hostname: string): boolean {
  return loopbackHost.test(hostname);
}

/** The port a URL names, or its scheme's default. */
function portOf(url: URL): number {
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

/**
 * A registry of servers keyed by port. Every server binds the loopback (or all addresses, `0.0.0.0`, which in a page
 * are the loopback too), so a server bound to 127.0.0.1 answers `localhost` and `127.0.0.1` as on a real machine.
 */
export function createPageServers(): PageServers {
  const byPort = new Map<number, PageServerHandler>();
  return {
    listen(address, handler) {
      if (!isLoopbackHost(address.host))
        return {
          problem: {
            code: 'EADDRNOTAVAIL',
            message: `Cannot assign requested address: ${address.host} is not an address of this machine.`,
            hint: 'Listen on 127.0.0.1 (or 0.0.0.0): the page has no other address.',
          },
        };
      if (byPort.has(address.port))
        return {
          problem: {
            code: 'EADDRINUSE',
            message: `Address already in use: port ${address.port} is in use by another program.`,
            hint: `Stop the other program (Ctrl-C in its terminal) or use another port.`,
          },
        };
      byPort.set(address.port, handler);
      return {
        address,
        close() {
          if (byPort.get(address.port) === handler) byPort.delete(address.port);
        },
      };
    },
    handlerFor(url) {
      return isLoopbackHost(url.hostname) ? byPort.get(portOf(url)) : undefined;
    },
  };
}

const setCookies = new WeakMap<Response, string[]>();

/**
 * The header that carries a request's cookies to a page server. A browser drops `Cookie` from a request the page's
 * own code makes (a forbidden request header), so the preview sends them under this name and a page server reads
 * them with {@link cookiesOf}.
 */
export const pageCookieHeader = 'x-page-cookie';

/** The cookies a request to a page server carries: its `Cookie` header, or the preview's {@link pageCookieHeader}. */
export function cookiesOf(request: Request): string | null {
  return request.headers.get('cookie') ?? request.headers.get(pageCookieHeader);
}

/**
 * Notes the cookies a page server's response sets. A browser drops `Set-Cookie` from a `Response` made by the page's
 * own code (a forbidden response header), so the page's servers note them here, where the web preview (standing for
 * the learner's browser) reads them with {@link setCookiesOf}.
 */
export function withSetCookies(response: Response, cookies: string[]): Response {
  if (cookies.length > 0) setCookies.set(response, cookies);
  return response;
}

/** The `Set-Cookie` values of a response: those a page server noted, else its headers' own (from Node's fetch). */
export function setCookiesOf(response: Response): string[] {
  return setCookies.get(response) ?? response.headers.getSetCookie();
}

/** The servers of this page (one per page, shared by the terminal, Verify and the preview panel). */
export const pageServers = createPageServers();

/**
 * The error `fetch` rejects with when nothing listens on a loopback port, shaped as Node's (a `TypeError` whose cause
 * has `code: 'ECONNREFUSED'`), so the checkers and `curl` report it as they report a real refused connection.
 */
export function connectionRefused(url: URL): TypeError {
  const address = `${url.hostname === 'localhost' ? '127.0.0.1' : url.hostname}:${portOf(url)}`;
  const cause = Object.assign(new Error(`connect ECONNREFUSED ${address}`), {
    code: 'ECONNREFUSED',
    address: url.hostname,
    port: portOf(url),
  });
  return new TypeError('fetch failed', { cause });
}

/**
 * A network without a loopback of its own, as the page's is: a URL of `localhost`, `127.0.0.1` or `0.0.0.0` that no
 * page server answered is refused; every other goes to `network`.
 */
export function refuseLoopback(network: typeof fetch): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (isLoopbackHost(url.hostname)) throw connectionRefused(url);
    return network(request);
  };
}
