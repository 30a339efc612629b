import { forwardToReal } from './forward-to-real';
import { nameRecord } from '../lib/name-record';

/** A body the sandbox holds whole: rendered XML or JSON, or an object's bytes. */
export type HeldBody = string | Uint8Array;

/** What a made response starts from: its status and headers, as `Response` takes them. */
export interface MadeResponseInit {
  status?: number;
  headers?: Record<string, string>;
}

const encoder = new TextEncoder();

/** A header name as `Headers` keeps it: an HTTP token, in lower case. */
const plainName = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

/** A value `Headers` keeps as it is: no NUL, CR or LF, and no whitespace at either end. */
const plainValue = /^(?:[^\0\r\n\t ](?:[^\0\r\n]*[^\0\r\n\t ])?)?$/;

/** True when `Headers` would keep every name and value as given, so the record can stand in for it. */
function isPlain(headers: Record<string, string>): boolean {
  for (const name in headers) if (!plainName.test(name) || !plainValue.test(headers[name]!)) return false;
  return true;
}

/**
 * A `Response` over a body the sandbox holds whole, read without a stream: undici's `Response` makes a byte stream
 * for every body, which the Node endpoint then read back, and the two took a fifth of a DescribeVpcs. Status,
 * headers and the body's readers are its own; a real `Response`, made the first time it is needed, answers every
 * other member (`body` as a stream, `clone()`, `type`, ...), so msw and the SDK see a Response like any other.
 */
class MadeResponse {
  readonly status: number;
  /** The headers while they are plain and nobody asked for `headers`: a `Headers` per answer was a tenth of it. */
  #plain?: Map<string, string>;
  #headers?: Headers;
  #body: HeldBody | null;
  #used = false;
  #real?: Response;

  constructor(body: HeldBody | null, init: MadeResponseInit) {
    this.status = init.status ?? 200;
    const headers = init.headers ?? {};
    // Anything Headers would refuse or rewrite goes through it at once, so it is refused or rewritten as before.
    if (isPlain(headers)) this.#plain = new Map(Object.entries(headers));
    else this.#headers = new Headers(headers);
    this.#body = body;
  }

  /** The held body, unless it has been read or handed to a real `Response`. */
  static heldBody(response: unknown): HeldBody | null | undefined {
    if (!(response instanceof MadeResponse) || response.#used || response.#real) return undefined;
    return response.#body;
  }

  /**
   * The headers as a record in `Headers`' order (sorted by name), while the response holds them plain; undefined
   * once anyone has asked for `headers`, which from then on are the only ones.
   */
  static heldHeaders(response: unknown): Record<string, string> | undefined {
    if (!(response instanceof MadeResponse) || !response.#plain || response.#real) return undefined;
    const record = nameRecord<string>();
    for (const name of [...response.#plain.keys()].sort()) record[name] = response.#plain.get(name)!;
    return record;
  }

  /** Adds a header the response does not have, without making a `Headers` while it holds them plain. */
  static addIfAbsent(response: MadeResponse, name: string, value: () => string): void {
    const plain = response.#real ? undefined : response.#plain;
    if (plain && plainName.test(name)) {
      if (!plain.has(name)) plain.set(name, value());
    } else if (!response.headers.has(name)) response.headers.set(name, value());
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get statusText(): string {
    return '';
  }

  get headers(): Headers {
    if (this.#real) return this.#real.headers;
    if (!this.#headers) {
      this.#headers = new Headers([...this.#plain!]);
      this.#plain = undefined;
    }
    return this.#headers;
  }

  get bodyUsed(): boolean {
    return this.#real?.bodyUsed ?? this.#used;
  }

  /** The body's bytes, once, as `Response` gives them: a second read is a TypeError. */
  bytes(): Promise<Uint8Array<ArrayBuffer>> {
    if (this.#real) return this.#real.bytes();
    if (this.#used) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    this.#used = true;
    const body = this.#body ?? new Uint8Array();
    return Promise.resolve(typeof body === 'string' ? encoder.encode(body) : new Uint8Array(body));
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return this.bytes().then((bytes) => bytes.buffer);
  }

  text(): Promise<string> {
    if (this.#real) return this.#real.text();
    const body = this.#body;
    if (typeof body !== 'string' || this.#used) return this.bytes().then((bytes) => new TextDecoder().decode(bytes));
    this.#used = true;
    return Promise.resolve(body);
  }

  json(): Promise<unknown> {
    return this.text().then((text) => JSON.parse(text));
  }

  /** The same response as undici's `Response`, for the members this one does not answer itself. */
  get real(): Response {
    const body = this.#used ? null : (this.#body as BodyInit | null);
    this.#real ??= new Response(body, { status: this.status, headers: this.headers });
    return this.#real;
  }
}

forwardToReal(MadeResponse, Response);

/** A `Response` over a body the sandbox holds whole; see {@link MadeResponse}. */
export function madeResponse(body: HeldBody | null, init: MadeResponseInit = {}): Response {
  return new MadeResponse(body, init) as unknown as Response;
}

/**
 * The body a response holds whole, for a host that writes it as it is (the Node endpoint); undefined for any other
 * response, or one whose body has been read, which the host reads as a `Response`.
 */
export function heldBody(response: Response): HeldBody | null | undefined {
  return MadeResponse.heldBody(response);
}

/**
 * A made response's headers as a record for a host that writes them as they are (Node's `writeHead`), in the order
 * `Headers` gives them; undefined for any other response, which the host reads through `headers`.
 */
export function heldHeaders(response: Response): Record<string, string> | undefined {
  return MadeResponse.heldHeaders(response);
}

/** Sets header `name` to `value()` unless the response already has it (the sandbox's `Date` on every answer). */
export function addHeaderIfAbsent(response: Response, name: string, value: () => string): void {
  if (response instanceof MadeResponse) MadeResponse.addIfAbsent(response, name, value);
  else if (!response.headers.has(name)) response.headers.set(name, value());
}
