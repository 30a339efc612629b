import type { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import type { RequestHandler } from './aws-context';

type Handler = { handle(request: HttpRequest, options?: object): Promise<{ response: HttpResponse }> };

const pad = (n: number, length = 2) => String(n).padStart(length, '0');

/** A log line's time as Python's logging prints it: `2026-12-03 07:20:00,123`. */
function logTime(date: Date): string {
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())},${pad(date.getMilliseconds(), 3)}`
  );
}

/** A Python-looking dict of headers, the access key id in the signature masked. */
function headerDict(headers: Record<string, string>): string {
  const masked = (value: string) =>
    value.replace(/Credential=[A-Z0-9]+(?=[A-Z0-9]{4}\/)/, 'Credential=****************');
  return `{${Object.entries(headers)
    .map(([name, value]) => `'${name}': '${masked(value)}'`)
    .join(', ')}}`;
}

/** Text of a body for the log, cut after 1,000 characters. */
function bodyText(body: unknown): string {
  const text =
    typeof body === 'string'
      ? body
      : body instanceof Uint8Array
        ? new TextDecoder().decode(body)
        : body
          ? '<stream>'
          : '';
  return text.length > 1000 ? `${text.slice(0, 1000)}…` : text;
}

function urlOf(request: HttpRequest): string {
  const query = new URLSearchParams(
    Object.entries(request.query ?? {}).flatMap(([k, v]) => (Array.isArray(v) ? v : [v ?? '']).map((x) => [k, x])),
  ).toString();
  const port = request.port ? `:${request.port}` : '';
  return `${request.protocol}//${request.hostname}${port}${request.path}${query ? `?${query}` : ''}`;
}

/**
 * What `--debug` shows, abridged from the CLI's log: each request the SDK signs (`Making request for …`,
 * `Sending http request: …` with its `Authorization` header, the key id masked) and each answer's status, headers
 * and body, on stderr in Python logging's format.
 */
export function debugHandler(inner: RequestHandler, operation: string, write: (text: string) => void): RequestHandler {
  const handler = inner as Handler;
  const log = (source: string, message: string) =>
    write(`${logTime(new Date())} - MainThread - ${source} - DEBUG - ${message}\n`);
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: HttpRequest, options?: object) {
      const url = urlOf(request);
      log(
        'botocore.endpoint',
        `Making request for OperationModel(name=${operation}) with params: {'url': '${url}', 'method': '${request.method}', 'body': '${bodyText(request.body)}'}`,
      );
      log(
        'botocore.endpoint',
        `Sending http request: <AWSPreparedRequest stream_output=False, method=${request.method}, url=${url}, headers=${headerDict(request.headers)}>`,
      );
      const answer = await handler.handle(request, options);
      const { response } = answer;
      log('botocore.parsers', `Response headers: ${headerDict(response.headers)}`);
      if (response.body instanceof ReadableStream) {
        const [forSdk, forLog] = response.body.tee();
        response.body = forSdk;
        log('botocore.parsers', `Response body:\n${bodyText(await new Response(forLog).text())}`);
      } else if (response.body) log('botocore.parsers', `Response body:\n${bodyText(response.body)}`);
      log('botocore.hooks', `Event needs-retry.${operation}: calling handler, status ${response.statusCode}`);
      return answer;
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
}
