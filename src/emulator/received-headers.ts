import type { IncomingHttpHeaders } from 'node:http';
import { forwardToReal } from './forward-to-real';

/** A header name as a fetch `Headers` stores it: an HTTP token, in lower case. */
const storedName = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

/** HTTP whitespace, which `Headers` strips from both ends of a value. */
const edgeWhitespace = /^[\t\n\r ]+|[\t\n\r ]+$/g;

/** A value as `Headers` keeps it; Node's parser has already trimmed nearly every value, so most are returned as is. */
function trimmed(value: string): string {
  const edges = value.charAt(0) + value.charAt(value.length - 1);
  return /[\t\n\r ]/.test(edges) ? value.replace(edgeWhitespace, '') : value;
}

/**
 * The headers the Node endpoint has read, as the `Headers` the sandbox's core takes, made without undici's
 * `Headers`: its `append` and `get` check every name and value again after Node's parser did, about 3 µs of every
 * request. `get` and `has` with a lower-case name read Node's parsed headers; everything else (another spelling, an
 * invalid name, iteration, `getSetCookie`, any change) is a real `Headers`' answer, made from the same values the
 * first time it is needed and from then on the only source, so a change is never hidden.
 */
class ReceivedHeaders {
  readonly #parsed: IncomingHttpHeaders;
  readonly #values = new Map<string, string>();
  #real?: Headers;

  constructor(headers: IncomingHttpHeaders) {
    this.#parsed = headers;
    for (const name in headers) {
      const value = headers[name];
      if (value === undefined || name.startsWith(':')) continue;
      this.#values.set(name, typeof value === 'string' ? trimmed(value) : value.map(trimmed).join(', '));
    }
  }

  get(name: string): string | null {
    if (this.#real || !storedName.test(name)) return this.real.get(name);
    return this.#values.get(name) ?? null;
  }

  has(name: string): boolean {
    if (this.#real || !storedName.test(name)) return this.real.has(name);
    return this.#values.has(name);
  }

  /** Iteration is a `Headers`' own (sorted, cookies apart); {@link forwardToReal} passes on named members only. */
  [Symbol.iterator](): HeadersIterator<[string, string]> {
    return this.real[Symbol.iterator]();
  }

  /** The same headers as undici's `Headers`, for the members this one does not answer itself. */
  get real(): Headers {
    if (!this.#real) {
      const pairs: [string, string][] = [];
      for (const [name, value] of Object.entries(this.#parsed)) {
        if (value === undefined || name.startsWith(':')) continue;
        for (const item of typeof value === 'string' ? [value] : value) pairs.push([name, trimmed(item)]);
      }
      this.#real = new Headers(pairs);
    }
    return this.#real;
  }
}

forwardToReal(ReceivedHeaders, Headers);

/** A `Headers` over the headers Node's parser read; see {@link ReceivedHeaders}. */
export function receivedHeaders(headers: IncomingHttpHeaders): Headers {
  return new ReceivedHeaders(headers) as unknown as Headers;
}
