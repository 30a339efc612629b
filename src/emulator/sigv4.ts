/**
 * AWS Signature Version 4, read from the server's side: parse the `Authorization` header or a presigned query,
 * rebuild the canonical request and compare signatures. Hashes through {@link hashing}: node:crypto in Node, Web
 * Crypto in the browser.
 */
import { hashing } from './hashing';

/** What a request says about its own signature. */
export interface SignedRequestInfo {
  accessKeyId: string;
  /** `YYYYMMDD` from the credential scope. */
  scopeDate: string;
  region: string;
  service: string;
  /** `YYYYMMDDTHHMMSSZ`, from `X-Amz-Date` (header or query). */
  amzDate: string;
  signedHeaders: string[];
  signature: string;
  /** Presigned URLs carry their signature in the query and their lifetime in `X-Amz-Expires` (seconds). */
  presigned: boolean;
  expiresSeconds?: number;
  sessionToken?: string;
}

/** Why a request's signature could not even be read; the caller renders it in the service's own dialect. */
export interface SignatureFormatProblem {
  problem: string;
  /** The error code when it is not the service's usual one for a malformed signature. */
  code?: string;
}

const signatureVersion2 = {
  problem: 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
  code: 'InvalidRequest',
};

/** SHA-256 of `data`, as lower-case hex. */
export function sha256Hex(data: Uint8Array | string): Promise<string> {
  return hashing.sha256Hex(data);
}

/** HMAC-SHA256 of `data` under `key`, as lower-case hex: a signature, given a signing key and a string to sign. */
export function hmacHex(key: Uint8Array, data: string): Promise<string> {
  return hashing.hmacSha256Hex(key, data);
}

/** Derived keys, by secret and scope: a key is good for a whole day, and deriving one costs four HMACs. */
const signingKeys = new Map<string, Promise<Uint8Array>>();

/** The SigV4 signing key for one day, region and service. */
export function signingKey(secret: string, scopeDate: string, region: string, service: string): Promise<Uint8Array> {
  const cacheKey = `${secret}\n${scopeDate}\n${region}\n${service}`;
  let key = signingKeys.get(cacheKey);
  if (!key) {
    if (signingKeys.size > 256) signingKeys.clear();
    key = deriveSigningKey(secret, scopeDate, region, service);
    signingKeys.set(cacheKey, key);
  }
  return key;
}

async function deriveSigningKey(secret: string, scopeDate: string, region: string, service: string) {
  const dateKey = await hashing.hmacSha256(new TextEncoder().encode(`AWS4${secret}`), scopeDate);
  const regionKey = await hashing.hmacSha256(dateKey, region);
  const serviceKey = await hashing.hmacSha256(regionKey, service);
  return hashing.hmacSha256(serviceKey, 'aws4_request');
}

/** RFC 3986 encoding as SigV4 wants it: everything but `A-Za-z0-9-_.~` percent-encoded. */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeQueryComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, '%20'));
  } catch {
    return text;
  }
}

/** The query string's pairs as sent, decoded, keeping repeats and order. */
export function queryPairs(url: URL): [string, string][] {
  const raw = url.search.startsWith('?') ? url.search.slice(1) : url.search;
  if (raw === '') return [];
  return raw
    .split('&')
    .filter(Boolean)
    .map((part) => {
      const equals = part.indexOf('=');
      return equals === -1
        ? [decodeQueryComponent(part), '']
        : [decodeQueryComponent(part.slice(0, equals)), decodeQueryComponent(part.slice(equals + 1))];
    });
}

const authorizationPattern =
  /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-f]+)\s*$/i;

function parseCredential(
  credential: string,
): Pick<SignedRequestInfo, 'accessKeyId' | 'scopeDate' | 'region' | 'service'> | null {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request' || !/^\d{8}$/.test(parts[1]!)) return null;
  const [accessKeyId, scopeDate, region, service] = parts as [string, string, string, string];
  if (!accessKeyId || !region || !service) return null;
  return { accessKeyId, scopeDate, region, service };
}

/** A header name as HTTP allows it (RFC 9110 token), lower-case as SigV4 lists them. */
const headerNamePattern = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

const hostNotSigned = "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";

/** The `SignedHeaders` list, or a problem: every name must be a header name, and `host` must be among them. */
function readSignedHeaders(text: string): string[] | SignatureFormatProblem {
  const names = text.toLowerCase().split(';');
  if (!names.every((name) => headerNamePattern.test(name)))
    return { problem: `The SignedHeaders list '${text}' is malformed; expecting header names separated by ';'.` };
  return names.includes('host') ? names : { problem: hostNotSigned };
}

/** Checks what every signature needs: a credential scope dated the day of `X-Amz-Date`, and signed headers. */
function completeSignature(
  info: Omit<SignedRequestInfo, 'signedHeaders'>,
  signedHeadersText: string,
): SignedRequestInfo | SignatureFormatProblem {
  if (info.scopeDate !== info.amzDate.slice(0, 8))
    return {
      problem:
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: ` +
        `'${info.scopeDate}' != '${info.amzDate.slice(0, 8)}', from '${info.amzDate}'.`,
    };
  const signedHeaders = readSignedHeaders(signedHeadersText);
  return Array.isArray(signedHeaders) ? { ...info, signedHeaders } : signedHeaders;
}

/**
 * Reads the signature a request carries: `null` when it carries none (an anonymous request), a problem when what
 * it carries cannot be parsed.
 */
export function readSignature(request: Request, url: URL): SignedRequestInfo | SignatureFormatProblem | null {
  const authorization = request.headers.get('authorization');
  // Signature Version 2 is retired: S3 refuses it for every bucket made since 2020, and so does the sandbox.
  if (authorization?.startsWith('AWS ') || url.searchParams.has('AWSAccessKeyId')) return signatureVersion2;
  if (authorization) {
    const match = authorizationPattern.exec(authorization.trim());
    if (!match) {
      return {
        problem:
          `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters in ` +
          `AWS4-HMAC-SHA256 form.`,
      };
    }
    const credential = parseCredential(match[1]!);
    if (!credential)
      return {
        problem: `The credential '${match[1]}' is malformed; expecting "<key>/YYYYMMDD/<region>/<service>/aws4_request".`,
      };
    const amzDate = request.headers.get('x-amz-date') ?? '';
    if (!/^\d{8}T\d{6}Z$/.test(amzDate))
      return { problem: 'The request has no valid X-Amz-Date header (YYYYMMDDTHHMMSSZ).' };
    return completeSignature(
      {
        ...credential,
        amzDate,
        signature: match[3]!.toLowerCase(),
        presigned: false,
        sessionToken: request.headers.get('x-amz-security-token') ?? undefined,
      },
      match[2]!,
    );
  }
  const query = new Map(queryPairs(url));
  if (!query.has('X-Amz-Signature') && !query.has('X-Amz-Credential')) return null;
  if (query.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') {
    return { problem: 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"' };
  }
  const credential = parseCredential(query.get('X-Amz-Credential') ?? '');
  if (!credential)
    return {
      problem:
        'Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting ' +
        '"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
    };
  const amzDate = query.get('X-Amz-Date') ?? '';
  if (!/^\d{8}T\d{6}Z$/.test(amzDate))
    return { problem: "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"" };
  const expires = Number(query.get('X-Amz-Expires') ?? 'NaN');
  if (!Number.isInteger(expires) || expires < 0) return { problem: 'X-Amz-Expires should be a number' };
  if (expires > 604800) return { problem: 'X-Amz-Expires must be less than a week (in seconds) that is 604800' };
  const signature = query.get('X-Amz-Signature') ?? '';
  if (!/^[0-9a-f]{64}$/i.test(signature))
    return { problem: 'X-Amz-Signature is missing or is not a hex SHA-256 signature.' };
  return completeSignature(
    {
      ...credential,
      amzDate,
      signature: signature.toLowerCase(),
      presigned: true,
      expiresSeconds: expires,
      sessionToken: query.get('X-Amz-Security-Token') ?? undefined,
    },
    query.get('X-Amz-SignedHeaders') ?? 'host',
  );
}

/** An instant as `X-Amz-Date` writes it: `20261125T100000Z`. */
export function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** The instant an `X-Amz-Date` names. */
export function parseAmzDate(amzDate: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate)!;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

function canonicalPath(url: URL, service: string): string {
  const path = url.pathname || '/';
  if (service === 's3') return path;
  // Every service but S3 signs the path encoded once more than it travels.
  return path.split('/').map(uriEncode).join('/');
}

function canonicalQuery(url: URL, presigned: boolean): string {
  return queryPairs(url)
    .filter(([key]) => !(presigned && key === 'X-Amz-Signature'))
    .map(([key, value]) => [uriEncode(key), uriEncode(value)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

function canonicalHeaderValue(request: Request, url: URL, name: string, bodyLength: number): string {
  if (name === 'host') return request.headers.get('host') ?? url.host;
  // Browsers do not show a request's content-length to a service worker; the body says what it was.
  if (name === 'content-length' && !request.headers.has('content-length')) return String(bodyLength);
  return (request.headers.get(name) ?? '').trim().replace(/\s+/g, ' ');
}

/** The credential scope a signature names: `20261125/us-west-2/s3/aws4_request`. */
export function credentialScope(info: SignedRequestInfo): string {
  return `${info.scopeDate}/${info.region}/${info.service}/aws4_request`;
}

/**
 * True when the signature in `info` is what `secret` produces for this request, whose body is `bodyLength` bytes.
 * `payloadHash` is the value the client signed for the body (`x-amz-content-sha256`, the body's hash, or S3's
 * `UNSIGNED-PAYLOAD` and `STREAMING-…` markers); whether the body matches it is the caller's check.
 */
export async function verifySignature(
  request: Request,
  url: URL,
  bodyLength: number,
  info: SignedRequestInfo,
  secret: string,
  payloadHash: string,
): Promise<boolean> {
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPath(url, info.service),
    canonicalQuery(url, info.presigned),
    info.signedHeaders.map((name) => `${name}:${canonicalHeaderValue(request, url, name, bodyLength)}\n`).join(''),
    info.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', info.amzDate, credentialScope(info), await sha256Hex(canonicalRequest)];
  const key = await signingKey(secret, info.scopeDate, info.region, info.service);
  return timingSafeEqual(await hmacHex(key, stringToSign.join('\n')), info.signature);
}

/** True when two signatures are equal, compared in time that does not depend on where they differ. */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
