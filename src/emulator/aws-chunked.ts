import { AwsError } from './aws-error';
import { concatBytes } from './base64';
import { nameRecord } from '../lib/name-record';

/** One chunk of an aws-chunked body: its bytes and, for a signed stream, its `chunk-signature`. */
export interface AwsChunk {
  data: Uint8Array;
  signature?: string;
}

/** An aws-chunked body taken apart: its chunks (the last one empty), its trailing headers and their signature. */
export interface AwsChunkedBody {
  chunks: AwsChunk[];
  /** The bytes the chunks carry, joined. */
  bytes: Uint8Array;
  /** Trailing headers by lower-case name, in the order sent, without `x-amz-trailer-signature`. */
  trailers: Record<string, string>;
  trailerSignature?: string;
}

const incompleteBody = () => new AwsError('IncompleteBody', 'The request body terminated unexpectedly', 400);
const decoder = new TextDecoder();

/**
 * The parts of a streaming upload's body (`Content-Encoding: aws-chunked`): each chunk is `size-in-hex[;chunk-
 * signature=…]\r\n` then its bytes then `\r\n`, ended by a zero-size chunk and optional trailing headers.
 */
export function decodeAwsChunked(body: Uint8Array): AwsChunkedBody {
  const chunks: AwsChunk[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf(0x0a, offset);
    if (lineEnd === -1) throw incompleteBody();
    const [sizeText = '', ...extensions] = decoder.decode(body.subarray(offset, lineEnd)).replace(/\r$/, '').split(';');
    if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText))
      throw new AwsError('IncompleteBody', 'The request body has a malformed aws-chunked chunk header', 400);
    const size = Number.parseInt(sizeText, 16);
    const signature = extensions.find((e) => e.startsWith('chunk-signature='))?.slice('chunk-signature='.length);
    offset = lineEnd + 1;
    if (offset + size > body.length) throw incompleteBody();
    chunks.push({ data: body.subarray(offset, offset + size), signature });
    offset += size;
    if (size === 0) break;
    if (body[offset] === 0x0d) offset++;
    if (body[offset] === 0x0a) offset++;
  }
  const trailers = nameRecord<string>();
  let trailerSignature: string | undefined;
  for (const line of decoder.decode(body.subarray(offset)).split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'x-amz-trailer-signature') trailerSignature = value;
    else trailers[name] = value;
  }
  return { chunks, bytes: concatBytes(chunks.map((c) => c.data)), trailers, trailerSignature };
}
