import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsError } from './aws-error';
import { maxBodyBytes, refuseRequest, type Sandbox } from './sandbox';
import { headersRecord } from '../lib/headers-record';
import { errorMessage } from '../lib/error-message';
import { createLocalRequestGate, type GateRefusal, type LocalRequestGate } from '../lib/local-request-gate';
import { receivedHeaders } from './received-headers';
import { type ReceivedParts, receivedRequest } from './received-request';
import { heldBody, heldHeaders } from './made-response';
import { readMessageBody } from './read-message-body';

/** Methods no AWS service takes, which fetch's `Request` cannot even carry. */
const unsupportedMethods = new Set(['TRACE', 'TRACK', 'CONNECT']);

/** How long a connection whose body was left unread stays open after the answer, for the client to read it. */
const lingerMs = 500;

/** What the endpoint says when its gate turns a request away, by the gate's reason. */
const refusalErrors: Record<GateRefusal['kind'], (refusal: GateRefusal, port: number) => AwsError> = {
  'bad-host': (refusal) => new AwsError('InvalidArgument', refusal.message, 400),
  'foreign-host': (refusal, port) =>
    new AwsError('AccessDenied', `${refusal.message} Use http://127.0.0.1:${port} as the endpoint URL.`, 403),
  'foreign-origin': (refusal) =>
    new AwsError('AccessDenied', `${refusal.message} Start the emulator with --allow-origin to let it in.`, 403),
  'cross-site': (refusal) => new AwsError('AccessDenied', refusal.message, 403),
};

/**
 * The request as far as its head goes, with a URL that always parses: a bad `Host` or a target that is not a path
 * (`*`, a proxy's absolute URL) is replaced, so the refusal can still be worded in the right service's shape.
 */
function requestHead(message: IncomingMessage, port: number, hostAllowed: boolean): ReceivedParts {
  const host = hostAllowed ? message.headers.host : `127.0.0.1:${port}`;
  const target = message.url?.startsWith('/') ? message.url : '/';
  const url = URL.canParse(`http://${host}${target}`) ? `http://${host}${target}` : `http://${host}/`;
  const method = unsupportedMethods.has(message.method ?? '') ? 'GET' : (message.method ?? 'GET');
  return { url, method, headers: receivedHeaders(message.headers), body: null };
}

/**
 * Writes an answer with its length and body in one go: a head written without a `Content-Length` made Node send
 * the body chunked, five buffers to the kernel per answer where this takes one (text) or two (bytes).
 */
async function writeResponse(response: Response, out: ServerResponse, close: boolean): Promise<void> {
  const headers = heldHeaders(response) ?? headersRecord(response.headers);
  if (close) headers.connection = 'close';
  // A body the sandbox holds whole is written as it is; any other is read from the Response.
  const held = heldBody(response);
  const body = held !== undefined ? held : response.body ? Buffer.from(await response.arrayBuffer()) : null;
  if (body !== null) headers['content-length'] ??= String(Buffer.byteLength(body));
  out.writeHead(response.status, headers);
  out.end(body ?? undefined);
}

/**
 * Answers one request: the gate first, then the target and method, then the body, read no further than the
 * sandbox's limit (a `Content-Length` past it is refused before a byte is read), then the sandbox.
 */
async function answer(
  sandbox: Sandbox,
  gate: LocalRequestGate,
  port: number,
  message: IncomingMessage,
  out: ServerResponse,
) {
  const refusal = gate.check({
    host: message.headers.host,
    origin: message.headers.origin,
    referer: message.headers.referer,
    secFetchSite: message.headers['sec-fetch-site'] as string | undefined,
  });
  const head = requestHead(message, port, refusal?.kind !== 'bad-host');
  const refuse = (error: AwsError | 'body-too-large') => refuseRequest(receivedRequest(head), error);
  if (refusal) return refuse(refusalErrors[refusal.kind](refusal, port));
  if (!message.url?.startsWith('/') || !URL.canParse(head.url))
    return refuse(new AwsError('InvalidURI', "Couldn't parse the specified URI.", 400));
  if (unsupportedMethods.has(message.method ?? ''))
    return refuse(new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405));
  if (head.method === 'GET' || head.method === 'HEAD')
    return sandbox.handle(receivedRequest(head), { sourceIp: message.socket.remoteAddress });
  if (Number(message.headers['content-length'] ?? 0) > maxBodyBytes) return refuse('body-too-large');
  if (message.headers.expect?.toLowerCase() === '100-continue') out.writeContinue();
  const body = await readMessageBody(message, maxBodyBytes);
  if ('tooLarge' in body) return refuse('body-too-large');
  return sandbox.handle(receivedRequest({ ...head, body: body.bytes }), { sourceIp: message.socket.remoteAddress });
}

/** Options for the sandbox's HTTP endpoint. */
export interface EmulatorServerOptions {
  sandbox: Sandbox;
  port: number;
  host: string;
  /** Origins of web pages allowed to use the endpoint (`--allow-origin`), besides its own. Default none. */
  allowedOrigins?: readonly string[];
}

/**
 * Serves a sandbox over HTTP, so the AWS CLI, boto3 and the learner's own app can use it with `--endpoint-url` or
 * `AWS_ENDPOINT_URL`. Every request passes the local request gate (its own `Host` names, no foreign page), then goes
 * to `sandbox.handle`; this wrapper only translates Node's types, and bounds what it reads.
 */
export function startEmulatorServer(options: EmulatorServerOptions): Promise<{ server: Server; url: string }> {
  let gate: LocalRequestGate;
  let port: number;
  const serve = (message: IncomingMessage, out: ServerResponse) => {
    answer(options.sandbox, gate, port, message, out)
      .catch((error: unknown) => refuseRequest(receivedRequest(requestHead(message, port, false)), readError(error)))
      .then((response) => writeResponse(response, out, !message.complete))
      .then(() => {
        // A body left unread is not drained: the connection closes once the client has had time to read the answer.
        if (!message.complete) setTimeout(() => message.socket.destroy(), lingerMs).unref();
      })
      .catch(() => message.socket.destroy());
  };
  // The gate answers a missing Host itself, in AWS's words; `checkContinue` lets it refuse before the body is sent.
  const server = createServer({ requireHostHeader: false }, serve);
  server.on('checkContinue', serve);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      port = (server.address() as AddressInfo).port;
      gate = createLocalRequestGate({ listenHost: options.host, port, allowedOrigins: options.allowedOrigins });
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolve({ server, url: `http://${host}:${port}` });
    });
  });
}

function readError(error: unknown): AwsError {
  return new AwsError('IncompleteBody', `The sandbox could not read this request: ${errorMessage(error)}`, 400);
}
