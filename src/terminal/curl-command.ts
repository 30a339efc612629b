import { defineCommand, type Command, type IFileSystem } from 'just-bash';
import { concatBytes } from '../emulator/base64';
import { byteStringOfBytes } from './byte-string';
import { parseCurlArguments, type CurlRequest } from './curl-options';
import { httpReasons } from './http-reasons';

/** An IPv4 or bracketed IPv6 host, or `localhost` (which every machine resolves): curl reaches the connect step. */
const addressHost = /^(?:localhost|\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/i;

/** The socket's code a failed fetch carries in its cause, as Node's fetch gives it (`ECONNREFUSED`). */
function failureCode(error: unknown): string | undefined {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/**
 * What curl prints when nothing answered: a connection that timed out (28, after curl's own connect timeout, said at
 * once), a name it could not resolve (6), or an address that refused or could not be reached (7).
 */
function unreachable(url: URL, error: unknown): { message: string; exitCode: number } {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  if (failureCode(error) === 'UND_ERR_CONNECT_TIMEOUT')
    return {
      message: `curl: (28) Failed to connect to ${url.hostname} port ${port} after 130000 ms: Connection timed out\n`,
      exitCode: 28,
    };
  return addressHost.test(url.hostname) || failureCode(error) === 'ECONNREFUSED'
    ? {
        message: `curl: (7) Failed to connect to ${url.hostname} port ${port} after 0 ms: Couldn't connect to server\n`,
        exitCode: 7,
      }
    : { message: `curl: (6) Could not resolve host: ${url.hostname}\n`, exitCode: 6 };
}

async function requestBody(request: CurlRequest, fs: IFileSystem, cwd: string): Promise<string | undefined> {
  if (request.data.length === 0) return undefined;
  const parts = await Promise.all(
    request.data.map((value) =>
      value.startsWith('@') ? fs.readFile(fs.resolvePath(cwd, value.slice(1))).then((text) => text.trim()) : value,
    ),
  );
  return parts.join('&');
}

/** The status line and headers curl prints for `-i`. */
function headerBlock(response: Response): string {
  const reason = response.statusText || httpReasons[response.status] || '';
  const lines = [`HTTP/1.1 ${response.status} ${reason}`.trimEnd()];
  for (const [name, value] of response.headers) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * The shell's `curl`: `-X`, `-H`, `-d`, `-o`, `-s`, `-i`, sent through `fetch` (the sandbox's, which answers AWS
 * addresses and fails for every other, as a machine without a network would).
 */
export function curlCommand(fetch: typeof globalThis.fetch): Command {
  return defineCommand('curl', async (args, ctx) => {
    const request = parseCurlArguments(args);
    if ('exitCode' in request) return { stdout: '', stderr: request.message, exitCode: request.exitCode };
    if (!request.url) return { stdout: '', stderr: 'curl: no URL specified!\n', exitCode: 2 };
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(request.url) ? request.url : `http://${request.url}`);
    const body = await requestBody(request, ctx.fs, ctx.cwd);
    const headers = new Headers(request.headers);
    if (body !== undefined && !headers.has('content-type'))
      headers.set('content-type', 'application/x-www-form-urlencoded');
    const method = request.method ?? (body === undefined ? 'GET' : 'POST');
    let response: Response;
    try {
      response = await fetch(url, { method, headers, body, ...(ctx.signal ? { signal: ctx.signal } : {}) });
    } catch (error) {
      const failure = unreachable(url, error);
      return { stdout: '', stderr: request.silent ? '' : failure.message, exitCode: failure.exitCode };
    }
    const answer = new Uint8Array(await response.arrayBuffer());
    const head = new TextEncoder().encode(request.includeHeaders ? headerBlock(response) : '');
    const printed = concatBytes([head, answer]);
    if (request.output === undefined)
      return { stdout: byteStringOfBytes(printed), stderr: '', exitCode: 0, stdoutKind: 'bytes' };
    await ctx.fs.writeFile(ctx.fs.resolvePath(ctx.cwd, request.output), printed);
    return { stdout: '', stderr: '', exitCode: 0 };
  });
}

/** The network of a machine that has none: every request fails, as an unresolvable or unreachable host does. */
export const offlineNetwork: typeof globalThis.fetch = () => Promise.reject(new TypeError('fetch failed'));
