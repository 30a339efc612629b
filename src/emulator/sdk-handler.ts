import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';
import { concatBytes } from './base64';
import { awsUrlPattern } from './msw';
import { pageServers, type PageServers } from './page-servers';
import type { Sandbox } from './sandbox';
import { headersRecord } from '../lib/headers-record';

type Body = string | Uint8Array | ArrayBuffer | AsyncIterable<Uint8Array | string> | null | undefined;

async function bodyBytes(body: Body): Promise<Uint8Array | undefined> {
  if (body === null || body === undefined) return undefined;
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  const parts: Uint8Array[] = [];
  for await (const part of body) parts.push(typeof part === 'string' ? new TextEncoder().encode(part) : part);
  return concatBytes(parts);
}

function urlOf(request: HttpRequest): string {
  const query = Object.entries(request.query ?? {}).flatMap(([key, value]) =>
    value === null
      ? [encodeURIComponent(key)]
      : (Array.isArray(value) ? value : [value]).map((v) => `${encodeURIComponent(key)}=${encodeURIComponent(v)}`),
  );
  const port = request.port ? `:${request.port}` : '';
  return `${request.protocol}//${request.hostname}${port}${request.path}${query.length ? `?${query.join('&')}` : ''}`;
}

/**
 * An AWS SDK v3 request handler that answers from a sandbox in the same process: no network, no service worker.
 * `new EC2Client({ requestHandler: sandboxRequestHandler(sandbox), ... })`. Used by `awscourse check --offline`.
 */
export function sandboxRequestHandler(sandbox: Sandbox) {
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
      const body = await bodyBytes(request.body as Body);
      const fetchRequest = new Request(urlOf(request), {
        method: request.method,
        headers: request.headers,
        body: request.method === 'GET' || request.method === 'HEAD' ? undefined : (body as BodyInit | undefined),
      });
      const answer = await sandbox.handle(fetchRequest);
      return {
        response: new HttpResponse({
          statusCode: answer.status,
          reason: answer.statusText,
          headers: headersRecord(answer.headers),
          // A stream, as the SDK gets from fetch: streamed outputs (GetObject's Body) accept nothing else.
          body: answer.body ?? new Uint8Array(),
        }),
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
}

/**
 * A `fetch` that answers a server running in the page (`http://localhost:5000/`, see {@link pageServers}) first, AWS
 * URLs (`*.amazonaws.com`) from the sandbox, and sends everything else to the network: what offline checks use for
 * unsigned S3 requests and for the learner's own app.
 */
export function sandboxFetch(
  sandbox: Sandbox,
  network: typeof fetch = fetch,
  servers: PageServers = pageServers,
): typeof fetch {
  return (input, init) => {
    const request = new Request(input, init);
    const server = servers.handlerFor(new URL(request.url));
    if (server) return server(request);
    return awsUrlPattern.test(request.url) ? sandbox.handle(request) : network(request);
  };
}
