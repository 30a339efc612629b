import { forwardToReal } from './forward-to-real';

/** What the Node endpoint has read of a request: its URL, method, headers and, unless it has none, its body. */
export interface ReceivedParts {
  url: string;
  method: string;
  headers: Headers;
  body: Uint8Array | null;
}

/**
 * A request the Node endpoint has read, as the `Request` the sandbox's core takes, made without undici's `Request`
 * constructor: two of those per request (URL and header checks, a body stream the core then read back) were a tenth
 * of the endpoint's time in a profile of DescribeVpcs. Other members (`signal`, `clone()`, ...) are a real
 * `Request`'s, made from the same parts the first time one is used, as srvx's Node requests do.
 */
class ReceivedRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  #bytes: Uint8Array | null;
  #stream?: ReadableStream<Uint8Array>;
  #used = false;
  #real?: Request;

  constructor(parts: ReceivedParts) {
    this.url = parts.url;
    this.method = parts.method;
    this.headers = parts.headers;
    this.#bytes = parts.body;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.#bytes === null) return null;
    this.#stream ??= new Blob([this.#bytes as BlobPart]).stream();
    return this.#stream;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  /** The body's bytes, once, as `Request` gives them: a second read is a TypeError. */
  bytes(): Promise<Uint8Array<ArrayBuffer>> {
    if (this.#used) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    this.#used = true;
    const bytes = this.#bytes ?? new Uint8Array();
    return Promise.resolve(new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength));
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return this.bytes().then((bytes) =>
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer,
    );
  }

  text(): Promise<string> {
    return this.bytes().then((bytes) => new TextDecoder().decode(bytes));
  }

  /** The same request as undici's `Request`, for the members this one does not answer itself. */
  get real(): Request {
    this.#real ??= new Request(this.url, {
      method: this.method,
      headers: this.headers,
      body: this.#bytes as BodyInit | null,
    });
    return this.#real;
  }
}

forwardToReal(ReceivedRequest, Request);

/** A `Request` over parts the Node endpoint has already read; see {@link ReceivedRequest}. */
export function receivedRequest(parts: ReceivedParts): Request {
  return new ReceivedRequest(parts) as unknown as Request;
}
