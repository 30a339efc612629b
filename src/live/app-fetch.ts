/**
 * The `fetch` live checks use for the learner's gallery app (exercises 5 and 6) and the S3 probes, in the course
 * server. The app's address is a parameter the Verify panel sends, so without care it would let a request make the
 * learner's machine open any address and say whether something listens there: a port scan of their network, or
 * a read of a cloud metadata service. So only http(s) addresses on this machine or on the public internet are
 * opened (private ranges only when the learner opts in), a name is resolved once and the connection made to the
 * address that was checked (a rebinding name cannot swap in another), every redirect is checked the same way, and
 * a failure says only "did not answer".
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import ipaddr from 'ipaddr.js';

/** The environment variable that lets live checks open private addresses (10.0.0.0/8, 192.168.0.0/16, ...). */
export const allowPrivateAppUrlsVariable = 'AWSCOURSE_ALLOW_PRIVATE_APP_URLS';

/** Redirects followed before giving up, as a browser would (fetch follows 20; an app needs one or two). */
const maxRedirects = 5;

/** Cloud instance metadata services: never opened, whatever the learner allows. */
const metadataAddresses = new Set(['169.254.169.254', 'fd00:ec2::254']);
const privateRanges = new Set(['private', 'uniqueLocal', 'carrierGradeNat']);

/** An address live checks refuse to open, with why: shown to the learner as the reason nothing was checked. */
export class AppAddressRefused extends Error {
  override readonly name = 'AppAddressRefused';
}

/** Why live checks must not open `address`, or null when they may: loopback and public addresses only. */
export function appAddressProblem(address: string, allowPrivate: boolean): string | null {
  const ip = ipaddr.process(address);
  if (metadataAddresses.has(ip.toString())) return `${address} is a cloud metadata service, which checks never open`;
  const range = ip.range();
  if (range === 'loopback' || range === 'unicast') return null;
  if (privateRanges.has(range))
    return allowPrivate
      ? null
      : `${address} is a private address; to check an app there, start the course with ` +
          `${allowPrivateAppUrlsVariable}=1`;
  return `${address} is not an address of this machine or of the internet (${range})`;
}

/** Options of {@link guardedFetch}. */
export interface GuardedFetchOptions {
  /** Open private addresses too; the course server sets it from {@link allowPrivateAppUrlsVariable}. */
  allowPrivate: boolean;
  /** Resolves a host name to its addresses; the system resolver unless a test names its own. */
  resolve?: (hostname: string) => Promise<LookupAddress[]>;
}

const systemResolve = (hostname: string) =>
  new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

/** A socket `lookup` that resolves once, refuses if any address is refused, and connects to the first. */
function checkedLookup(options: GuardedFetchOptions): LookupFunction {
  const resolve = options.resolve ?? systemResolve;
  return (hostname, lookupOptions, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const problem = addresses.map((a) => appAddressProblem(a.address, options.allowPrivate)).find(Boolean);
        if (problem || addresses.length === 0)
          return callback(new AppAddressRefused(problem ?? `${hostname} has no address`), '', 4);
        const first = addresses[0]!;
        if (lookupOptions.all) return (callback as (e: null, all: LookupAddress[]) => void)(null, [first]);
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 4),
    );
  };
}

function get(url: URL, lookup: LookupFunction, signal: AbortSignal | undefined): Promise<IncomingMessage> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    send(url, { lookup, signal, headers: { accept: 'text/html,*/*' } }, resolve)
      .on('error', reject)
      .end();
  });
}

function toResponse(message: IncomingMessage): Response {
  const headers = new Headers();
  for (let i = 0; i < message.rawHeaders.length; i += 2)
    headers.append(message.rawHeaders[i]!, message.rawHeaders[i + 1]!);
  const status = message.statusCode ?? 502;
  const body = status === 204 || status === 304 ? null : (Readable.toWeb(message) as ReadableStream<Uint8Array>);
  if (!body) message.resume();
  return new Response(body, { status, headers });
}

/**
 * A `fetch` for GETs that opens only addresses {@link appAddressProblem} allows (see the module's comment). Its
 * failures are an {@link AppAddressRefused} saying why an address was not opened, or `did not answer`.
 *
 * @example
 * const fetch = guardedFetch({ allowPrivate: process.env.AWSCOURSE_ALLOW_PRIVATE_APP_URLS === '1' });
 * await fetch('http://169.254.169.254/latest/meta-data/'); // rejects: a cloud metadata service
 */
export function guardedFetch(options: GuardedFetchOptions): typeof fetch {
  const lookup = checkedLookup(options);
  const guarded = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    let url = new URL(input instanceof Request ? input.url : input);
    for (let hop = 0; hop <= maxRedirects; hop++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new AppAddressRefused(`${url.protocol} addresses are not opened, only http: and https:`);
      // A literal address is connected to without a lookup, so it is checked here.
      const literal = url.hostname.replace(/^\[|\]$/g, '');
      const problem = ipaddr.isValid(literal) ? appAddressProblem(literal, options.allowPrivate) : null;
      if (problem) throw new AppAddressRefused(problem);
      let message: IncomingMessage;
      try {
        message = await get(url, lookup, init?.signal ?? undefined);
      } catch (error) {
        throw error instanceof AppAddressRefused ? error : new Error('did not answer');
      }
      const location = message.headers.location;
      if (!location || ![301, 302, 303, 307, 308].includes(message.statusCode ?? 0)) return toResponse(message);
      message.resume();
      url = new URL(location, url);
    }
    throw new Error('did not answer');
  };
  return guarded as typeof fetch;
}
