import { forwardToReal } from './forward-to-real';

/** A body the sandbox holds whole: rendered XML or JSON, or an object's bytes. */
export type HeldBody = string | Uint8Array;

/** What a made response starts from: its status and headers, as `Response` takes them. */
export interface MadeResponseInit {
  status?: number;
  headers?: Record<string, string>;
}

const encoder = new TextEncoder();

/**
 * A `Response` over a body the sandbox holds whole, read without a stream: undici's `Response` makes a byte stream
 * for every body, which the Node endpoint then read back, and the two took a fifth of a DescribeVpcs. Status,
 * headers and the body's readers are its own; a real `Response`, made the first time it is needed, answers every
 * other member (`body` as a stream, `clone()`, `type`, ...), so msw and the SDK see a Response like any other.
 */
class MadeResponse {
  readonly status: number;
  #headers: Headers;
  #body: HeldBody | null;
  #used = false;
  #real?: Response;

  constructor(body: HeldBody | null, init: MadeResponseInit) {
    this.status = init.status ?? 200;
    this.#headers = new Headers(init.headers);
    this.#body = body;
  }

  /** The held body, unless it has been read or handed to a real `Response`. */
  static heldBody(response: unknown): HeldBody | null | undefined {
    if (!(response instanceof MadeResponse) || response.#used || response.#real) return undefined;
    return response.#body;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get statusText(): string {
    return '';
  }

  get headers(): Headers {
    return this.#real?.headers ?? this.#headers;
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
    this.#real ??= new Response(body, { status: this.status, headers: this.#headers });
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
