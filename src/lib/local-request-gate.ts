/**
 * Who the course's two local servers answer: the course server (`npm start`, `/api/verify/` and `/api/diagram/`) and
 * the sandbox endpoint (`awscourse emulator`). Both run on the learner's machine with something worth stealing (live
 * AWS credentials, a sandbox whose root key is public), so a web page must not be able to use them: not through a name
 * of its own that resolves to 127.0.0.1 (DNS rebinding: the `Host` is then that name), and not from another origin
 * (another site, or another port of this machine), whatever the method and whether or not the browser sends `Origin`
 * (an `<img>` or a form sends none, only `Sec-Fetch-Site` and `Referer`). Command-line tools and SDKs send none of
 * those headers and get in.
 */
import ipaddr from 'ipaddr.js';
import { boundedMemo } from './bounded-memo';

/** Who a local server answers. */
export interface LocalRequestPolicy {
  /** The address the server listens on (`--host`, `HOST`). A wildcard (`0.0.0.0`, `::`) admits any IP address. */
  listenHost: string;
  /** The port it listens on; the `Host` of a request must name it. */
  port: number;
  /** Origins of other pages allowed to use the server besides its own, e.g. `http://localhost:4321`. Default none. */
  allowedOrigins?: readonly string[];
}

/** The request headers the gate reads, as the client sent them. */
export interface LocalRequestHead {
  host: string | undefined;
  origin?: string | undefined;
  referer?: string | undefined;
  secFetchSite?: string | undefined;
}

/** Why a request was turned away; each server words its answer in its own shape (AWS XML, JSON). */
export interface GateRefusal {
  kind: 'bad-host' | 'foreign-host' | 'foreign-origin' | 'cross-site';
  status: 400 | 403;
  message: string;
}

/** The gate of one server: call {@link LocalRequestGate.check} first, before reading a body or doing any work. */
export interface LocalRequestGate {
  /** Null when the `Host` names this server; otherwise why not. */
  checkHost(host: string | undefined): GateRefusal | null;
  /** Null when the request may be served: its `Host` names this server and no foreign page sent it. */
  check(head: LocalRequestHead): GateRefusal | null;
}

const unbracketed = (host: string) => host.replace(/^\[|\]$/g, '').toLowerCase();
const isIpAddress = (bare: string) => ipaddr.IPv4.isValidFourPartDecimal(bare) || ipaddr.IPv6.isValid(bare);
const wildcards = new Set(['', '0.0.0.0', '::']);

/** Host names that only this machine can reach: `localhost`, `*.localhost`, 127.0.0.0/8 and ::1, bracketed or not. */
export function isLoopbackHost(host: string): boolean {
  const bare = unbracketed(host);
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  return isIpAddress(bare) && ipaddr.process(bare).range() === 'loopback';
}

/** `host[:port]` as a `Host` header or an origin's host carries it; null when it is not one. */
function parseHost(host: string): { hostname: string; port: number } | null {
  if (host === '' || /[\s/\\?#@]/.test(host) || !URL.canParse(`http://${host}`)) return null;
  const url = new URL(`http://${host}`);
  return { hostname: url.hostname, port: Number(url.port || 80) };
}

/** The origin a `Referer` names, when it is a URL. */
function refererOrigin(referer: string | undefined): string | undefined {
  return referer !== undefined && URL.canParse(referer) ? new URL(referer).origin : undefined;
}

/**
 * The gate for a server listening on `policy.listenHost:policy.port`. It answers for the names that reach this
 * machine only (`127.0.0.1`, `localhost`, `[::1]`, `*.localhost` as S3's virtual-hosted buckets use) and the
 * listen address, on its port; for pages of its own origins and of `policy.allowedOrigins`.
 *
 * @example
 * const gate = createLocalRequestGate({ listenHost: '127.0.0.1', port: 4566 });
 * gate.check({ host: 'evil.test:4566' }); // { kind: 'foreign-host', status: 403, message: '…' }
 */
export function createLocalRequestGate(policy: LocalRequestPolicy): LocalRequestGate {
  const listen = unbracketed(policy.listenHost);
  const allowedOrigins = new Set(
    (policy.allowedOrigins ?? []).filter((origin) => URL.canParse(origin)).map((origin) => new URL(origin).origin),
  );
  const namesThisServer = (host: string): boolean => {
    const parsed = parseHost(host);
    if (!parsed || parsed.port !== policy.port) return false;
    const bare = unbracketed(parsed.hostname);
    if (isLoopbackHost(bare)) return true;
    if (wildcards.has(listen)) return isIpAddress(bare);
    if (isIpAddress(bare) && isIpAddress(listen))
      return ipaddr.parse(bare).toString() === ipaddr.parse(listen).toString();
    return bare === listen;
  };
  const originAllowed = (origin: string): boolean => {
    if (!URL.canParse(origin)) return false; // `null` too: sandboxed frames, file: pages, redirected requests
    const url = new URL(origin);
    return allowedOrigins.has(url.origin) || (url.protocol === 'http:' && namesThisServer(url.host));
  };
  const answerHost = (host: string | undefined): GateRefusal | null => {
    if (host === undefined || parseHost(host) === null)
      return { kind: 'bad-host', status: 400, message: 'The request has no valid Host header.' };
    if (!namesThisServer(host))
      return {
        kind: 'foreign-host',
        status: 403,
        message: `This server answers requests for 127.0.0.1:${policy.port} and localhost:${policy.port}, not ${host}.`,
      };
    return null;
  };
  // A client sends the same `Host` on every request, and the answer depends on nothing else: it is worked out once.
  const checkKnownHost = boundedMemo(answerHost);
  const checkHost = (host: string | undefined) => (host === undefined ? answerHost(host) : checkKnownHost(host));
  return {
    checkHost,
    check(head) {
      const wrongHost = checkHost(head.host);
      if (wrongHost) return wrongHost;
      const initiator = head.origin ?? refererOrigin(head.referer);
      if (initiator !== undefined && !originAllowed(initiator))
        return { kind: 'foreign-origin', status: 403, message: `Pages from ${initiator} may not use this server.` };
      if (initiator === undefined && (head.secFetchSite === 'cross-site' || head.secFetchSite === 'same-site'))
        return { kind: 'cross-site', status: 403, message: 'Pages of other sites may not use this server.' };
      return null;
    },
  };
}
