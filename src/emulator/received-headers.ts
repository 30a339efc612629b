import type { IncomingHttpHeaders } from 'node:http';
import { forwardToReal } from './forward-to-real';

/** A header name as a fetch `Headers` stores it: an HTTP token, in lower case. */
const storedName = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

/** HTTP whitespace, which `Headers` strips from both ends of a value. */
const edgeWhitespace = /^[\t\n\r ]+|[\t\n\r ]+$/g;

/**
 * The headers the Node endpoint has read, as the `Headers` the sandbox's core takes, made without undici's
 * `Headers`: its `append` and `get` check every name and value again after Node's parser did, about 3 µs of every
 * request. `get` and `has` with a lower-case name read Node's parsed headers; everything else (another spelling, an
 * invalid name, iteration, `getSetCookie`, any change) is a real `Headers`' answer, made from the same values the
 * first time it is needed and from then on the only source, so a change is never hidden.
 */
class ReceivedHeaders {
  readonly #values = new Map<string, string>();
  readonly #pairs: [string, string][] = [];
  #real?: Headers;

  constructor(headers: IncomingHttpHeaders) {
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || name.startsWith(':')) continue;
      const items = (Array.isArray(value) ? value : [value]).map((item) => item.replace(edgeWhitespace, ''));
      for (const item of items) this.#pairs.push([name, item]);
      this.#values.set(name, items.join(', '));
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
    this.#real ??= new Headers(this.#pairs);
    return this.#real;
  }
}

forwardToReal(ReceivedHeaders, Headers);

/** A `Headers` over the headers Node's parser read; see {@link ReceivedHeaders}. */
export function receivedHeaders(headers: IncomingHttpHeaders): Headers {
  return new ReceivedHeaders(headers) as unknown as Headers;
}
