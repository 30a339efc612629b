import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { errorMessage } from '../lib/error-message';
import { headersRecord } from '../lib/headers-record';
import { createLocalRequestGate, type GateRefusal } from '../lib/local-request-gate';
import { fileResponse, staticResponse } from './static-files';

/**
 * The request handler `@astrojs/node` exports in middleware mode (`handler` in `dist/server/entry.mjs`): it answers
 * the routes Astro renders on request (the local API: `/api/verify/`, `/api/diagram/`) and calls `next` for any other.
 */
export type AstroNodeHandler = (request: IncomingMessage, response: ServerResponse, next: () => void) => unknown;

/** Options of {@link createCourseServer}. */
export interface CourseServerOptions {
  /** The built site's client folder, absolute (`…/dist/client`), holding the pages, assets and their copies. */
  root: string;
  /** Astro's handler, for what is not a file. */
  astroHandler: AstroNodeHandler;
  /** The address it listens on (`HOST`), which a `Host` may name besides this machine's own names. */
  listenHost?: string;
}

/** Turns away a request for a name not this server's (DNS rebinding): JSON for the API, words for a page. */
function refuse(message: IncomingMessage, out: ServerResponse, refusal: GateRefusal, port: number): void {
  const hint = `Open the course at http://127.0.0.1:${port}/, or start it with HOST set to the name you use.`;
  if (message.url?.startsWith('/api/'))
    out
      .writeHead(refusal.status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      .end(JSON.stringify({ error: { message: refusal.message, hint } }));
  else out.writeHead(refusal.status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${refusal.message} ${hint}`);
}

/**
 * The request as far as a static file needs it: method, path and headers, never a body. `undefined` unless the
 * target is a path (`/…`), as browsers send; a proxy's absolute URL or `*` is not for this server.
 */
function requestHead(message: IncomingMessage): Request | undefined {
  if (!message.url?.startsWith('/') || !URL.canParse(`http://localhost${message.url}`)) return undefined;
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  return new Request(`http://localhost${message.url}`, { method: message.method, headers });
}

async function send(response: Response, out: ServerResponse): Promise<void> {
  out.writeHead(response.status, headersRecord(response.headers));
  if (!response.body) {
    out.end();
    return;
  }
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), out);
}

async function notFound(request: Request, root: string, out: ServerResponse): Promise<void> {
  try {
    await send(await fileResponse(request, join(root, '404.html'), 404), out);
  } catch {
    // A build without its 404 page still answers 404.
    out.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
  }
}

/**
 * The course's web server: a refusal for a `Host` that is not its own (a DNS-rebound page's name), then the built
 * site's files, precompressed copies chosen by `Accept-Encoding` (see {@link fileResponse}), then Astro for the
 * pages it renders on request, then the course's 404 page with status 404.
 *
 * @example
 * const { handler } = await import('./server/entry.mjs');
 * createCourseServer({ root: '/srv/course/client', astroHandler: handler }).listen(4321, '127.0.0.1');
 */
export function createCourseServer({ root, astroHandler, listenHost = '127.0.0.1' }: CourseServerOptions): Server {
  return createServer(async (message, out) => {
    try {
      const port = message.socket.localPort ?? 0;
      const refusal = createLocalRequestGate({ listenHost, port }).checkHost(message.headers.host);
      if (refusal) {
        refuse(message, out, refusal, port);
        return;
      }
      const request = requestHead(message);
      if (!request) {
        out.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad request');
        return;
      }
      const found = await staticResponse(request, root);
      if (found) await send(found, out);
      else await astroHandler(message, out, () => void notFound(request, root, out));
    } catch (error) {
      if (out.destroyed) return; // The client went away mid-answer; there is no one to tell.
      console.error(`Could not answer ${message.method} ${message.url}: ${errorMessage(error)}`);
      if (out.headersSent) out.destroy();
      else out.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Server error');
    }
  });
}
