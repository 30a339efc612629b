/** Objects: PutObject (and CopyObject, a PUT naming a source), GetObject and HeadObject, DeleteObject(s). */
import { AwsError } from '../aws-error';
import { base64ToBytes, bytesToBase64 } from '../base64';
import { checksumAlgorithms, computeChecksum, wellFormedChecksum } from '../checksums';
import type { ServiceContext } from '../context';
import { s3HostId } from '../ids';
import { md5Hex } from '../md5';
import type { Bucket, S3Object } from '../state';
import { flattened, type XmlValue } from '../xml';
import { nameRecord } from '../../lib/name-record';
import { refuseAcls } from './s3-acl';
import { authorizeS3, bucketArn } from './s3-authorize';
import { requireBucket } from './s3-buckets';
import type { BucketCall, ObjectCall } from './s3-operation';
import { requireObject } from './s3-require-object';
import { refuseArchivedRead, restoreHeader } from './s3-restore';
import { requestedStorageClass, storageClassHeader } from './s3-storage-class';
import { storedHeaders } from './s3-stored-headers';
import { encryptionHeaders, requestedEncryption } from './s3-encryption';
import { readTaggingHeader } from './s3-tagging';
import { deleteCurrent, deleteHeaders, deleteVersion, storeObject, versionIdOf } from './s3-versions';
import { emptyResponse, malformedXml, parseXmlBody, xmlResponse } from './s3-xml';
import { madeResponse } from '../made-response';
import { s3Time } from './s3-time';

const httpDate = (text: string) => new Date(text).toUTCString();

/** The flexible checksum an upload carries, in a header or an aws-chunked trailer, checked against the bytes. */
export async function readChecksum(
  request: Request,
  trailers: Record<string, string>,
  bytes: Uint8Array,
): Promise<S3Object['checksum']> {
  for (const algorithm of checksumAlgorithms) {
    const name = `x-amz-checksum-${algorithm}`;
    const value = request.headers.get(name) ?? trailers[name];
    if (value === undefined) continue;
    const upper = algorithm.toUpperCase();
    if (!wellFormedChecksum(algorithm, value))
      throw new AwsError('InvalidRequest', `Value for ${name} header is invalid.`, 400);
    const computed = await computeChecksum(algorithm, bytes);
    if (computed !== null && computed !== value)
      throw new AwsError('BadDigest', `The ${upper} you specified did not match the calculated checksum.`, 400);
    return { algorithm: upper, value };
  }
  return undefined;
}

/** Refuses a body whose MD5 is not the `Content-MD5` the request sent, if it sent one. */
export function checkContentMd5(header: string | null, etag: string): void {
  if (header === null) return;
  let sent: string;
  try {
    sent = [...base64ToBytes(header)].map((b) => b.toString(16).padStart(2, '0')).join('');
  } catch {
    throw new AwsError('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400);
  }
  if (sent !== etag)
    throw new AwsError('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400);
}

/** The user metadata a request sends, from its `x-amz-meta-*` headers. */
export function metadataOf(headers: Headers): Record<string, string> {
  const metadata = nameRecord<string>();
  headers.forEach((value, name) => {
    if (name.startsWith('x-amz-meta-')) metadata[name.slice('x-amz-meta-'.length)] = value;
  });
  return metadata;
}

/** The tags a PUT sets through `x-amz-tagging`, which needs `s3:PutObjectTagging` as well as `s3:PutObject`. */
export function requestedTags({ input, ctx, bucket, key }: ObjectCall): S3Object['tags'] {
  const tags = readTaggingHeader(input.request.headers);
  if (tags !== undefined) authorizeS3(ctx, 's3:PutObjectTagging', bucketArn(bucket.name, key), bucket);
  return tags?.length ? tags : undefined;
}

/** PutObject, or CopyObject when the request names a source in `x-amz-copy-source`. */
export async function putObject(call: ObjectCall): Promise<Response> {
  const { input, ctx, bucket, key } = call;
  if (key.length > 1024) throw new AwsError('KeyTooLongError', 'Your key is too long', 400);
  refuseAcls(input, bucket);
  if (input.request.headers.has('x-amz-copy-source')) return copyObject(call);
  const bytes = input.body;
  const checksum = await readChecksum(input.request, input.trailers ?? {}, bytes);
  const etag = md5Hex(bytes);
  checkContentMd5(input.request.headers.get('content-md5'), etag);
  const encryption = requestedEncryption(input.request.headers, bucket);
  const versionHeaders = storeObject(bucket, {
    key,
    body: bytesToBase64(bytes),
    contentType: input.request.headers.get('content-type') ?? 'binary/octet-stream',
    etag,
    lastModified: s3Time(ctx.now),
    size: bytes.length,
    metadata: metadataOf(input.request.headers),
    headers: storedHeaders(input.request.headers),
    checksum,
    tags: requestedTags(call),
    storageClass: requestedStorageClass(input.request.headers),
    encryption,
  });
  const echoed: Record<string, string> = checksum
    ? { [`x-amz-checksum-${checksum.algorithm.toLowerCase()}`]: checksum.value }
    : {};
  const answerHeaders = { etag: `"${etag}"`, ...echoed, ...encryptionHeaders(encryption), ...versionHeaders };
  return emptyResponse(ctx, 200, answerHeaders);
}

/** The bucket, key and version `x-amz-copy-source` names (`bucket/key` or `/bucket/key`, URL-encoded, `?versionId=`). */
export function copySource(header: string): { bucket: string; key: string; versionId?: string } {
  const [path = '', query = ''] = header.split('?');
  const versionId = new URLSearchParams(query).get('versionId') ?? undefined;
  const match = /^\/?([^/]+)\/(.+)$/.exec(path);
  if (!match)
    throw new AwsError(
      'InvalidArgument',
      'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
      400,
    );
  try {
    return { bucket: decodeURIComponent(match[1]!), key: decodeURIComponent(match[2]!), versionId };
  } catch {
    throw new AwsError('InvalidArgument', 'Invalid copy source encoding', 400);
  }
}

/**
 * CopyObject: the source's bytes under the new key, with the source's metadata and tags unless the request asks to
 * replace them (`x-amz-metadata-directive`, `x-amz-tagging-directive`). Reading the source needs `s3:GetObject` on it.
 */
async function copyObject(call: ObjectCall): Promise<Response> {
  const { input, ctx, bucket, key } = call;
  const headers = input.request.headers;
  const { source, sameObject } = readCopySource(call);
  const replaceMetadata = headers.get('x-amz-metadata-directive')?.toUpperCase() === 'REPLACE';
  const replaceTags = headers.get('x-amz-tagging-directive')?.toUpperCase() === 'REPLACE';
  if (sameObject && !replaceMetadata && !headers.has('x-amz-storage-class')) {
    throw new AwsError(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's " +
        'metadata, storage class, website redirect location or encryption attributes.',
      400,
    );
  }
  const tags = replaceTags ? requestedTags(call) : source.tags;
  const copy: S3Object = {
    ...source,
    key,
    lastModified: s3Time(ctx.now),
    contentType: replaceMetadata ? (headers.get('content-type') ?? 'binary/octet-stream') : source.contentType,
    metadata: replaceMetadata ? metadataOf(headers) : { ...source.metadata },
    headers: replaceMetadata ? storedHeaders(headers) : source.headers,
    tags: tags ? [...tags] : undefined,
    storageClass: requestedStorageClass(headers),
    encryption: requestedEncryption(headers, bucket),
    restoredUntil: undefined,
  };
  const versionHeaders = storeObject(bucket, copy);
  const result = {
    ETag: `"${copy.etag}"`,
    LastModified: copy.lastModified,
    ...(copy.checksum ? { [`Checksum${copy.checksum.algorithm}`]: copy.checksum.value } : {}),
  };
  const sourceVersion: Record<string, string> = source.versionId
    ? { 'x-amz-copy-source-version-id': source.versionId }
    : {};
  const answerHeaders = { ...encryptionHeaders(copy.encryption), ...versionHeaders, ...sourceVersion };
  return xmlResponse('CopyObjectResult', result, ctx, 200, answerHeaders);
}

/**
 * The object `x-amz-copy-source` names, which the caller must be allowed to read (`s3:GetObject`, or
 * `s3:GetObjectVersion` for a version), and whether it is the very object the call names.
 */
export function readCopySource(call: ObjectCall): { source: S3Object; sameObject: boolean } {
  const { input, ctx, bucket, key } = call;
  const from = copySource(input.request.headers.get('x-amz-copy-source')!);
  const sourceBucket = requireBucket(ctx, from.bucket);
  const action = from.versionId === undefined ? 's3:GetObject' : 's3:GetObjectVersion';
  authorizeS3(ctx, action, bucketArn(sourceBucket.name, from.key), sourceBucket);
  const url = new URL(input.url);
  url.search = from.versionId === undefined ? '' : `?versionId=${encodeURIComponent(from.versionId)}`;
  const source = requireObject({ ...call, input: { ...input, url }, bucket: sourceBucket, key: from.key });
  refuseArchivedRead(source, ctx.now);
  return { source, sameObject: sourceBucket === bucket && from.key === key };
}

function objectHeaders(object: S3Object, bucket: Bucket, now: Date): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': object.contentType,
    etag: `"${object.etag}"`,
    'last-modified': httpDate(object.lastModified),
    'accept-ranges': 'bytes',
    ...storageClassHeader(object),
    ...restoreHeader(object, now),
    ...encryptionHeaders(object.encryption),
    ...(bucket.versioning ? { 'x-amz-version-id': versionIdOf(object) } : {}),
  };
  if (object.tags?.length) headers['x-amz-tagging-count'] = String(object.tags.length);
  Object.assign(headers, object.headers);
  for (const [name, value] of Object.entries(object.metadata)) headers[`x-amz-meta-${name}`] = value;
  return headers;
}

/**
 * The bytes a `Range` header asks for (RFC 9110): a range to answer with 206, `unsatisfiable` when it starts past the
 * end (416), or null when the header is not a byte range S3 reads (`bytes=1-0`, `bytes=a-b`), which S3 ignores.
 */
function parseRange(header: string, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Math.min(Number(match[2]), size);
    return suffix === 0 ? 'unsatisfiable' : { start: size - suffix, end: size - 1 };
  }
  const start = Number(match[1]);
  if (match[2] !== '' && Number(match[2]) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1) };
}

/**
 * The bytes of part `partNumber` (`?partNumber=`): a multipart object's part by its recorded size, or the whole of an
 * object uploaded in one piece as its part 1; `unsatisfiable` past the last part.
 */
function partRange(object: S3Object, text: string): { start: number; end: number } | 'unsatisfiable' {
  const partNumber = Number(text);
  if (!/^\d+$/.test(text) || partNumber < 1 || partNumber > 10000)
    throw new AwsError('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', 400, {
      ArgumentName: 'partNumber',
      ArgumentValue: text,
    });
  const sizes = object.partSizes ?? [object.size];
  if (partNumber > sizes.length) return 'unsatisfiable';
  const start = sizes.slice(0, partNumber - 1).reduce((sum, size) => sum + size, 0);
  return { start, end: start + sizes[partNumber - 1]! - 1 };
}

/** The `response-*` query parameters a GET may send to override headers of the answer (presigned links use them). */
const responseOverrides = {
  'response-content-type': 'content-type',
  'response-content-disposition': 'content-disposition',
  'response-cache-control': 'cache-control',
};

/** GetObject and HeadObject: the bytes (none for HEAD), a range of them, and the object's headers. */
export function getObject(call: ObjectCall): Response {
  const { input, ctx } = call;
  const { request, url } = input;
  const object = requireObject(call);
  const head = request.method.toUpperCase() === 'HEAD';
  if (!head) refuseArchivedRead(object, ctx.now);
  const bytes = base64ToBytes(object.body);
  const headers: Record<string, string> = {
    ...objectHeaders(object, call.bucket, ctx.now),
    'x-amz-request-id': ctx.requestId,
    'x-amz-id-2': s3HostId(ctx.requestId),
  };
  // A checksum covers the whole object, so S3 leaves it off ranged and part answers.
  if (
    object.checksum &&
    !request.headers.has('range') &&
    !url.searchParams.has('partNumber') &&
    request.headers.get('x-amz-checksum-mode')?.toUpperCase() === 'ENABLED'
  ) {
    headers[`x-amz-checksum-${object.checksum.algorithm.toLowerCase()}`] = object.checksum.value;
  }
  for (const [name, header] of Object.entries(responseOverrides)) {
    const value = url.searchParams.get(name);
    if (value !== null) headers[header] = value;
  }
  const rangeHeader = request.headers.get('range');
  const partNumber = url.searchParams.get('partNumber');
  if (rangeHeader && partNumber !== null)
    throw new AwsError('InvalidRequest', 'Cannot specify both Range header and partNumber query parameter', 400);
  const range =
    partNumber !== null ? partRange(object, partNumber) : rangeHeader ? parseRange(rangeHeader, bytes.length) : null;
  if (range === 'unsatisfiable' && partNumber !== null)
    throw new AwsError('InvalidPartNumber', 'The requested partnumber is not satisfiable', 416, {
      PartNumberRequested: partNumber,
      ActualPartCount: String(object.partSizes?.length ?? 1),
    });
  if (range === 'unsatisfiable' && bytes.length > 0)
    throw new AwsError('InvalidRange', 'The requested range is not satisfiable', 416, {
      RangeRequested: rangeHeader ?? '',
      ActualObjectSize: String(bytes.length),
    });
  if (partNumber !== null && object.partSizes) headers['x-amz-mp-parts-count'] = String(object.partSizes.length);
  if (range && range !== 'unsatisfiable') {
    const slice = bytes.slice(range.start, range.end + 1);
    return madeResponse(head ? null : slice, {
      status: 206,
      headers: {
        ...headers,
        'content-length': String(slice.length),
        'content-range': `bytes ${range.start}-${range.end}/${bytes.length}`,
      },
    });
  }
  return madeResponse(head ? null : bytes, {
    status: 200,
    headers: { ...headers, 'content-length': String(bytes.length) },
  });
}

/**
 * DeleteObject: removes the object, or in a versioned bucket leaves a delete marker; with `?versionId=`, removes that
 * version for good. S3 answers 204 whether or not the key existed.
 */
export function deleteObject({ input, ctx, bucket, key }: ObjectCall): Response {
  const versionId = input.url.searchParams.get('versionId');
  const outcome = versionId === null ? deleteCurrent(bucket, key, ctx.now) : deleteVersion(bucket, key, versionId);
  return emptyResponse(ctx, 204, deleteHeaders(outcome));
}

/** DeleteObjects: up to 1000 keys, each authorized on its own; refusals are listed, not thrown. */
export function deleteObjects({ input, ctx, bucket, authorize }: BucketCall): Response {
  // A key is what the body says, a key of spaces included.
  const parsed = parseXmlBody(input.body, true).Delete as
    | { Object?: { Key?: string; VersionId?: string }[]; Quiet?: string }
    | undefined;
  const objects = parsed?.Object ?? [];
  if (!parsed || objects.length === 0 || objects.length > 1000) throw malformedXml();
  const deleted: XmlValue[] = [];
  const errors: XmlValue[] = [];
  for (const object of objects) {
    const key = String(object.Key ?? '');
    const versionId = object.VersionId === undefined ? undefined : String(object.VersionId).trim();
    try {
      authorize(bucketArn(bucket.name, key), versionId === undefined ? 's3:DeleteObject' : 's3:DeleteObjectVersion');
      const outcome =
        versionId === undefined ? deleteCurrent(bucket, key, ctx.now) : deleteVersion(bucket, key, versionId);
      deleted.push({
        Key: key,
        VersionId: versionId,
        DeleteMarker: outcome.deleteMarker ? true : undefined,
        DeleteMarkerVersionId: outcome.deleteMarker && versionId === undefined ? outcome.versionId : undefined,
      });
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      errors.push({ Key: key, Code: error.code, Message: error.message });
    }
  }
  const quiet = String(parsed.Quiet ?? 'false').trim() === 'true';
  return xmlResponse('DeleteResult', { Deleted: flattened(quiet ? [] : deleted), Error: flattened(errors) }, ctx);
}

/** The bytes of an object, for services that read S3 (Rekognition). */
export function readObjectBytes(ctx: ServiceContext, bucketName: string, key: string): Uint8Array | null {
  const object = ctx.state.buckets[bucketName]?.objects[key];
  return object ? base64ToBytes(object.body) : null;
}
