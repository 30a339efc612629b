import { addressOfHost, reachInstance } from '../../emulator/instance-reachability';
import type { Sandbox } from '../../emulator/sandbox';
import { restoredMachine } from './instance-boot';
import { surroundingsOf } from './instance-commands';
import type { InstanceMachine } from './instance-machine';
import { contentTypeOf, type WebServer, webServers } from './web-servers';

/**
 * Why a connection failed, as Node's fetch says it (`TypeError('fetch failed')` with the socket's code as its
 * cause), so `curl` and the preview tell a timeout from a refusal; `explanation` says which rule stopped it.
 */
function connectionFailure(code: 'UND_ERR_CONNECT_TIMEOUT' | 'ECONNREFUSED', explanation?: string): TypeError {
  return new TypeError('fetch failed', { cause: { code, ...(explanation ? { explanation } : {}) } });
}

/** The server listening on port 80, when one of the instance's web servers runs. */
function listening(machine: InstanceMachine, port: number): WebServer | undefined {
  if (port !== 80) return undefined;
  return webServers.find((server) => machine.services.get(server.service)?.active);
}

/** A file under the document root, for a request path: a directory's index.html, nothing outside the root. */
async function fileFor(machine: InstanceMachine, server: WebServer, pathname: string): Promise<string | undefined> {
  const path = machine.fs.resolvePath(server.documentRoot, `.${decodeURIComponent(pathname)}`);
  if (path !== server.documentRoot && !path.startsWith(`${server.documentRoot}/`)) return undefined;
  const stat = await machine.fs.stat(path).catch(() => undefined);
  if (stat?.isFile) return path;
  if (!stat?.isDirectory) return undefined;
  const index = `${path.replace(/\/$/, '')}/index.html`;
  return (await machine.fs.stat(index).catch(() => undefined))?.isFile ? index : undefined;
}

/** The server's answer to one request: the file, its welcome page for an empty root, or its 404 page. */
async function serve(machine: InstanceMachine, server: WebServer, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const headers = { date: new Date().toUTCString(), server: server.server, 'content-type': 'text/html; charset=UTF-8' };
  const path = await fileFor(machine, server, url.pathname);
  if (path) {
    const body = await machine.fs.readFileBuffer(path);
    const stat = await machine.fs.stat(path);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        ...headers,
        'last-modified': stat.mtime.toUTCString(),
        'accept-ranges': 'bytes',
        'content-length': String(body.byteLength),
        'content-type': contentTypeOf(path),
      },
    });
  }
  if (url.pathname === '/' && server.noIndex)
    return new Response(server.noIndex.page, { status: server.noIndex.status, headers });
  return new Response(server.notFound, { status: 404, headers });
}

/**
 * The machine's own answer to a request to itself (`curl localhost` on the instance): its web server, with no
 * network rules between, or a refused connection when nothing listens on the port.
 */
export async function answerOnMachine(machine: InstanceMachine, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const server = url.protocol === 'http:' ? listening(machine, Number(url.port || 80)) : undefined;
  if (!server) throw connectionFailure('ECONNREFUSED');
  return serve(machine, server, request);
}

/** Whether a host names an address rather than a site: an IPv4 address, or an instance's public DNS name. */
const instanceHost = (host: string) => /^\d{1,3}(?:\.\d{1,3}){3}$/.test(addressOfHost(host));

/**
 * The learner's network with the sandbox's instances on it: `http://PUBLIC_IP/` (or the instance's public DNS name)
 * reaches the instance when the sandbox's network rules let the learner in on that port (reachInstance), and its
 * web server answers from the instance's files; an address the rules stop times out, and one where nothing listens
 * refuses the connection, at once. Every other request goes to `next`. This sits in the terminal, not in the
 * sandbox's request handler, because an instance's files are worked out by running its user data in a shell.
 */
export function instanceWebNetwork(
  sandbox: () => Promise<Sandbox>,
  networkOf: (sandbox: Sandbox, instanceId: string) => typeof fetch,
  next: typeof fetch,
): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return next(request);
    if (!instanceHost(url.hostname)) return next(request);
    const reached = await sandbox();
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const reach = reachInstance(reached.state, { host: url.hostname, port });
    if (!reach.reached) {
      if (reach.failure.rule === 'no-such-address') return next(request);
      throw connectionFailure('UND_ERR_CONNECT_TIMEOUT', reach.failure.explanation);
    }
    const around = surroundingsOf(reach.instance, reach.region, networkOf(reached, reach.instance.instanceId));
    const { machine } = await restoredMachine(reach.instance, around, 'root');
    return answerOnMachine(machine, request);
  };
}
