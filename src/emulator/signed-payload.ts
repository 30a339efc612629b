import { type AwsChunkedBody, decodeAwsChunked } from './aws-chunked';
import { AwsError } from './aws-error';
import { credentialScope, hmacHex, sha256Hex, signingKey, timingSafeEqual, type SignedRequestInfo } from './sigv4';
import { nameRecord } from '../lib/name-record';

/** A request's body once checked against what its signature says of it: the bytes and any trailing headers. */
export interface Payload {
  bytes: Uint8Array;
  trailers: Record<string, string>;
}

/** What checking a body needs to know: the request, how it was signed, and how its service words a bad signature. */
export interface PayloadCheck {
  request: Request;
  body: Uint8Array;
  /** The signature and its secret; absent for an anonymous request. */
  signed?: { info: SignedRequestInfo; secret: string };
  /** Only S3 takes unsigned and streaming payloads, and says `XAmzContentSHA256Mismatch`. */
  s3: boolean;
  badSignature: () => AwsError;
}

const emptyHash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const sha256Pattern = /^[0-9a-f]{64}$/;

/**
 * The payload hash a request says it was signed with: its `x-amz-content-sha256` header when sent, else
 * `UNSIGNED-PAYLOAD` for a presigned S3 URL; null when the hash of the body itself is what was signed (as SDKs do
 * for every service but S3).
 */
export function declaredPayloadHash(request: Request, info: SignedRequestInfo): string | null {
  const header = request.headers.get('x-amz-content-sha256');
  if (header !== null) return header;
  return info.presigned && info.service === 's3' ? 'UNSIGNED-PAYLOAD' : null;
}

/** The payload markers S3 accepts in `x-amz-content-sha256`, and what each asks of the body. */
const payloadMarkers = new Map<string, (check: PayloadCheck) => Promise<Payload>>([
  ['UNSIGNED-PAYLOAD', async (check) => plainPayload(check)],
  ['STREAMING-UNSIGNED-PAYLOAD-TRAILER', async (check) => streamedPayload(check, decodeAwsChunked(check.body))],
  ['STREAMING-AWS4-HMAC-SHA256-PAYLOAD', (check) => signedStream(check, false)],
  ['STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER', (check) => signedStream(check, true)],
]);

/**
 * The body, checked as AWS checks it against the payload hash the client signed (`declared`): a SHA-256 must be the
 * body's; S3's markers allow an unsigned body or an aws-chunked stream whose every chunk is signed in turn. Throws
 * the service's error when the body is not what was signed.
 */
export async function checkPayload(check: PayloadCheck, declared: string | null): Promise<Payload> {
  if (declared === null) return plainPayload(check);
  if (sha256Pattern.test(declared)) {
    const computed = await sha256Hex(check.body);
    if (computed === declared) return plainPayload(check);
    if (!check.s3) throw check.badSignature();
    throw new AwsError(
      'XAmzContentSHA256Mismatch',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
      400,
      {
        ClientComputedContentSHA256: declared,
        S3ComputedContentSHA256: computed,
      },
    );
  }
  const marker = payloadMarkers.get(declared);
  if (!check.s3) throw check.badSignature();
  if (!marker)
    throw new AwsError(
      'InvalidArgument',
      `x-amz-content-sha256 must be UNSIGNED-PAYLOAD, ${[...payloadMarkers.keys()].slice(1).join(', ')} or a valid ` +
        'sha256 value.',
      400,
      { ArgumentName: 'x-amz-content-sha256', ArgumentValue: declared },
    );
  return marker(check);
}

/** The body as sent, or taken apart when S3 is told it is aws-chunked. */
function plainPayload(check: PayloadCheck): Payload {
  const chunked = (check.request.headers.get('content-encoding') ?? '').includes('aws-chunked');
  return check.s3 && chunked
    ? streamedPayload(check, decodeAwsChunked(check.body))
    : { bytes: check.body, trailers: nameRecord() };
}

function streamedPayload(check: PayloadCheck, stream: AwsChunkedBody): Payload {
  const declaredLength = check.request.headers.get('x-amz-decoded-content-length');
  if (declaredLength !== null && Number(declaredLength) !== stream.bytes.length)
    throw new AwsError(
      'IncompleteBody',
      'You did not provide the number of bytes specified by the x-amz-decoded-content-length header.',
      400,
    );
  return { bytes: stream.bytes, trailers: stream.trailers };
}

/** A signed stream: each chunk's signature chains from the one before it, starting from the request's own. */
async function signedStream(check: PayloadCheck, trailer: boolean): Promise<Payload> {
  const stream = decodeAwsChunked(check.body);
  if (!check.signed) return streamedPayload(check, stream);
  const { info, secret } = check.signed;
  const key = await signingKey(secret, info.scopeDate, info.region, info.service);
  const scope = credentialScope(info);
  let previous = info.signature;
  for (const chunk of stream.chunks) {
    const stringToSign = ['AWS4-HMAC-SHA256-PAYLOAD', info.amzDate, scope, previous, emptyHash];
    const expected = await hmacHex(key, [...stringToSign, await sha256Hex(chunk.data)].join('\n'));
    if (!timingSafeEqual(expected, chunk.signature ?? '')) throw check.badSignature();
    previous = expected;
  }
  if (trailer) {
    const lines = Object.entries(stream.trailers).map(([name, value]) => `${name}:${value}\n`);
    const stringToSign = ['AWS4-HMAC-SHA256-TRAILER', info.amzDate, scope, previous, await sha256Hex(lines.join(''))];
    const expected = await hmacHex(key, stringToSign.join('\n'));
    if (!timingSafeEqual(expected, stream.trailerSignature ?? '')) throw check.badSignature();
  }
  return streamedPayload(check, stream);
}
