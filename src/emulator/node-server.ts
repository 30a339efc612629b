import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Sandbox } from './sandbox';
import { headersRecord } from '../lib/headers-record';
import { errorMessage } from '../lib/error-message';
import { isLoopbackHost } from '../lib/local-request-gate';

function requestUrl(message: IncomingMessage, fallbackHost: string): string {
  return `http://${message.headers.host ?? fallbackHost}${message.url ?? '/'}`;
}

/**
 * Browsers send `Origin` on cross-site requests. The sandbox's key is public, so a web page must not be able to
 * drive the learner's sandbox: only requests without an Origin (CLIs, SDKs) or from a loopback origin get in.
 */
function originAllowed(origin: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    return isLoopbackHost(new URL(origin).hostname);
  } catch {
    return false;
  }
}

async function toRequest(message: IncomingMessage, fallbackHost: string): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = message.method ?? 'GET';
  const chunks: Buffer[] = [];
  if (method !== 'GET' && method !== 'HEAD') for await (const chunk of message) chunks.push(chunk as Buffer);
  const body = chunks.length ? Buffer.concat(chunks) : undefined;
  return new Request(requestUrl(message, fallbackHost), { method, headers, body });
}

async function writeResponse(response: Response, out: ServerResponse): Promise<void> {
  out.writeHead(response.status, headersRecord(response.headers));
  out.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
}

/** Options for the sandbox's HTTP endpoint. */
export interface EmulatorServerOptions {
  sandbox: Sandbox;
  port: number;
  host: string;
}

/**
 * Serves a sandbox over HTTP, so the AWS CLI, boto3 and the learner's own app can use it with `--endpoint-url` or
 * `AWS_ENDPOINT_URL`. Every request goes to `sandbox.handle`; this wrapper only translates Node's types.
 */
export function startEmulatorServer(options: EmulatorServerOptions): Promise<{ server: Server; url: string }> {
  const fallbackHost = `${options.host}:${options.port}`;
  const server = createServer((message, out) => {
    if (!originAllowed(message.headers.origin)) {
      out.writeHead(403, { 'content-type': 'text/plain' });
      out.end('The sandbox endpoint answers command-line tools and pages on this machine only.\n');
      return;
    }
    toRequest(message, fallbackHost)
      .then((request) => options.sandbox.handle(request, { sourceIp: message.socket.remoteAddress }))
      .then((response) => writeResponse(response, out))
      .catch((error: unknown) => {
        out.writeHead(400, { 'content-type': 'text/plain' });
        out.end(`The sandbox could not read this request: ${errorMessage(error)}\n`);
      });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      const { port } = server.address() as AddressInfo;
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolve({ server, url: `http://${host}:${port}` });
    });
  });
}
