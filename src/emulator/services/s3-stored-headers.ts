/**
 * The headers S3 stores with an object as it was put and answers GET and HEAD with again: its content encoding,
 * language, disposition, caching, expiry and website redirect (S3 API reference, PutObject).
 */
import type { S3Object } from '../state';

/** The request headers PutObject, CopyObject (with `REPLACE`) and CreateMultipartUpload keep. */
const storedHeaderNames = [
  'cache-control',
  'content-disposition',
  'content-encoding',
  'content-language',
  'expires',
  'x-amz-website-redirect-location',
];

function withoutAwsChunked(value: string | null): string | null {
  if (value === null) return null;
  return value
    .split(',')
    .map((coding) => coding.trim())
    .filter((coding) => coding !== '' && coding !== 'aws-chunked')
    .join(', ');
}

/** The headers of a request an object keeps; undefined when it sends none of them. */
export function storedHeaders(headers: Headers): S3Object['headers'] {
  const kept = storedHeaderNames.flatMap((name) => {
    const value = headers.get(name);
    // The SDKs mark an aws-chunked upload in Content-Encoding: a transfer detail, not the object's encoding.
    const own = name === 'content-encoding' ? withoutAwsChunked(value) : value;
    return own ? [[name, own]] : [];
  });
  return kept.length ? Object.fromEntries(kept) : undefined;
}
