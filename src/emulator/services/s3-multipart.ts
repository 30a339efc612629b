/**
 * Multipart upload, which the AWS CLI and the SDKs switch to for large files: CreateMultipartUpload, UploadPart (and
 * UploadPartCopy, a part copied from an object), CompleteMultipartUpload with S3's rules on the parts list, Abort,
 * ListParts and ListMultipartUploads. Parts are kept in the bucket's state until the upload completes or is aborted.
 */
import { AwsError } from '../aws-error';
import { base64ToBytes, bytesToBase64 } from '../base64';
import { hexId } from '../ids';
import { md5Hex } from '../md5';
import type { Bucket, MultipartUpload, S3Object } from '../state';
import { flattened } from '../xml';
import { nameRecord } from '../../lib/name-record';
import { refuseAcls } from './s3-acl';
import { checkContentMd5, metadataOf, readChecksum, readCopySource, requestedTags } from './s3-objects';
import { countParameter } from './s3-count-parameter';
import type { BucketCall, ObjectCall } from './s3-operation';
import { s3Owner } from './s3-owner';
import { requestedStorageClass } from './s3-storage-class';
import { encryptionHeaders, requestedEncryption } from './s3-encryption';
import { storedHeaders } from './s3-stored-headers';
import { storeObject } from './s3-versions';
import { emptyResponse, malformedXml, parseXmlBody, xmlResponse } from './s3-xml';
import { s3Time } from './s3-time';

/** The smallest part S3 accepts, except the last. */
const minimumPartSize = 5 * 1024 * 1024;
/** The highest part number. */
const maxPartNumber = 10000;

function uploadsOf(bucket: Bucket): Record<string, MultipartUpload> {
  bucket.uploads ??= nameRecord();
  return bucket.uploads;
}

/** The upload `?uploadId=` names, for the key the request names, or S3's NoSuchUpload. */
function requireUpload({ input, bucket, key }: ObjectCall): MultipartUpload {
  const uploadId = input.url.searchParams.get('uploadId') ?? '';
  const upload = bucket.uploads && Object.hasOwn(bucket.uploads, uploadId) ? bucket.uploads[uploadId] : undefined;
  if (!upload || upload.key !== key) {
    throw new AwsError(
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or ' +
        'completed.',
      404,
      { UploadId: uploadId },
    );
  }
  return upload;
}

/** CreateMultipartUpload: a new upload, with the content type, metadata, tags and storage class of the object. */
export function createMultipartUpload(call: ObjectCall): Response {
  const { input, ctx, bucket, key } = call;
  if (key.length > 1024) throw new AwsError('KeyTooLongError', 'Your key is too long', 400);
  refuseAcls(input, bucket);
  const headers = input.request.headers;
  const upload: MultipartUpload = {
    uploadId: hexId(64),
    key,
    initiated: s3Time(ctx.now),
    contentType: headers.get('content-type') ?? 'binary/octet-stream',
    metadata: metadataOf(headers),
    headers: storedHeaders(headers),
    tags: requestedTags(call),
    storageClass: requestedStorageClass(headers),
    encryption: requestedEncryption(headers, bucket),
    parts: nameRecord(),
  };
  uploadsOf(bucket)[upload.uploadId] = upload;
  const algorithm = headers.get('x-amz-checksum-algorithm');
  return xmlResponse(
    'InitiateMultipartUploadResult',
    { Bucket: bucket.name, Key: key, UploadId: upload.uploadId },
    ctx,
    200,
    { ...encryptionHeaders(upload.encryption), ...(algorithm ? { 'x-amz-checksum-algorithm': algorithm } : {}) },
  );
}

/** The part number a request names: an integer from 1 to 10000. */
function partNumberOf(url: URL): number {
  const text = url.searchParams.get('partNumber') ?? '';
  const number = Number(text);
  if (!/^\d+$/.test(text) || number < 1 || number > maxPartNumber) {
    throw new AwsError('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', 400, {
      ArgumentName: 'partNumber',
      ArgumentValue: text,
    });
  }
  return number;
}

/** The bytes of a copy source, or of the range `x-amz-copy-source-range` names (`bytes=first-last`). */
function copySourceBytes(call: ObjectCall): Uint8Array {
  const bytes = base64ToBytes(readCopySource(call).source.body);
  const range = call.input.request.headers.get('x-amz-copy-source-range');
  if (range === null) return bytes;
  const match = /^bytes=(\d+)-(\d+)$/.exec(range.trim());
  const first = Number(match?.[1]);
  const last = Number(match?.[2]);
  if (!match || first > last || last >= bytes.length) {
    throw new AwsError(
      'InvalidArgument',
      `Range specified is not valid for source object of size: ${bytes.length}`,
      400,
      { ArgumentName: 'x-amz-copy-source-range', ArgumentValue: range },
    );
  }
  return bytes.slice(first, last + 1);
}

/**
 * UploadPart, checked against its `Content-MD5` and flexible checksum as PutObject is, or UploadPartCopy when the
 * request names a source in `x-amz-copy-source`: stores one part, replacing any earlier part of that number.
 */
export async function uploadPart(call: ObjectCall): Promise<Response> {
  const { input, ctx } = call;
  const upload = requireUpload(call);
  const partNumber = partNumberOf(input.url);
  const copying = input.request.headers.has('x-amz-copy-source');
  const bytes = copying ? copySourceBytes(call) : input.body;
  const etag = md5Hex(bytes);
  const checksum = copying ? undefined : await readChecksum(input.request, input.trailers ?? {}, bytes);
  if (!copying) checkContentMd5(input.request.headers.get('content-md5'), etag);
  const lastModified = s3Time(ctx.now);
  upload.parts[String(partNumber)] = { body: bytesToBase64(bytes), etag, size: bytes.length, lastModified };
  if (copying) return xmlResponse('CopyPartResult', { ETag: `"${etag}"`, LastModified: lastModified }, ctx);
  const echoed = checksum ? { [`x-amz-checksum-${checksum.algorithm.toLowerCase()}`]: checksum.value } : {};
  return emptyResponse(ctx, 200, { etag: `"${etag}"`, ...echoed });
}

/** The parts a CompleteMultipartUpload body lists, by number and ETag (quotes dropped). */
function listedParts(body: Uint8Array): { partNumber: number; etag: string }[] {
  const complete = parseXmlBody(body).CompleteMultipartUpload as { Part?: unknown[] } | undefined;
  const parts = (complete && typeof complete === 'object' ? (complete.Part ?? []) : []) as {
    PartNumber?: unknown;
    ETag?: unknown;
  }[];
  if (parts.length === 0) throw malformedXml();
  return parts.map((part) => ({
    partNumber: Number(part.PartNumber),
    etag: String(part.ETag ?? '').replace(/"/g, ''),
  }));
}

function invalidPart(uploadId: string, partNumber: number, etag: string): AwsError {
  return new AwsError(
    'InvalidPart',
    'One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified ' +
      "entity tag may not match the part's entity tag.",
    400,
    { UploadId: uploadId, PartNumber: String(partNumber), ETag: etag },
  );
}

function concatenate(chunks: Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/** The multipart ETag: the MD5 of the parts' MD5s, a dash, and how many parts. */
function multipartEtag(etags: string[]): string {
  const digests = new Uint8Array(etags.length * 16);
  etags.forEach((etag, index) => {
    for (let i = 0; i < 16; i++) digests[index * 16 + i] = Number.parseInt(etag.slice(i * 2, i * 2 + 2), 16);
  });
  return `${md5Hex(digests)}-${etags.length}`;
}

/**
 * CompleteMultipartUpload: the listed parts, in ascending order (`InvalidPartOrder`), each uploaded with that ETag
 * (`InvalidPart`), all but the last at least 5 MiB (`EntityTooSmall`), become the object; the upload is gone.
 */
export function completeMultipartUpload(call: ObjectCall): Response {
  const { input, ctx, bucket, key } = call;
  const upload = requireUpload(call);
  const listed = listedParts(input.body);
  listed.forEach(({ partNumber }, index) => {
    if (index > 0 && partNumber <= listed[index - 1]!.partNumber) {
      throw new AwsError(
        'InvalidPartOrder',
        'The list of parts was not in ascending order. Parts must be ordered by part number.',
        400,
        { UploadId: upload.uploadId },
      );
    }
  });
  const parts = listed.map(({ partNumber, etag }) => {
    const part = Object.hasOwn(upload.parts, String(partNumber)) ? upload.parts[String(partNumber)] : undefined;
    if (!part || part.etag !== etag) throw invalidPart(upload.uploadId, partNumber, etag);
    return { partNumber, ...part };
  });
  for (const part of parts.slice(0, -1)) {
    if (part.size < minimumPartSize) {
      throw new AwsError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', 400, {
        ProposedSize: String(part.size),
        MinSizeAllowed: String(minimumPartSize),
        PartNumber: String(part.partNumber),
        ETag: part.etag,
      });
    }
  }
  const bytes = concatenate(parts.map((part) => base64ToBytes(part.body)));
  const object: S3Object = {
    key,
    body: bytesToBase64(bytes),
    contentType: upload.contentType,
    etag: multipartEtag(parts.map((part) => part.etag)),
    lastModified: s3Time(ctx.now),
    size: bytes.length,
    metadata: upload.metadata,
    headers: upload.headers,
    tags: upload.tags,
    storageClass: upload.storageClass,
    encryption: upload.encryption,
    partSizes: parts.map((part) => part.size),
  };
  delete uploadsOf(bucket)[upload.uploadId];
  const versionHeaders = storeObject(bucket, object);
  const location = `${input.url.origin}/${bucket.name}/${encodeURIComponent(key).replace(/%2F/g, '/')}`;
  const result = { Location: location, Bucket: bucket.name, Key: key, ETag: `"${object.etag}"` };
  const headers = { ...encryptionHeaders(object.encryption), ...versionHeaders };
  return xmlResponse('CompleteMultipartUploadResult', result, ctx, 200, headers);
}

/** AbortMultipartUpload: the upload and its parts are gone. */
export function abortMultipartUpload(call: ObjectCall): Response {
  const upload = requireUpload(call);
  delete uploadsOf(call.bucket)[upload.uploadId];
  return emptyResponse(call.ctx, 204);
}

/** ListParts: the upload's parts by number, after `part-number-marker`, at most `max-parts` (1000) a page. */
export function listParts(call: ObjectCall): Response {
  const { input, ctx, bucket } = call;
  const upload = requireUpload(call);
  const marker = countParameter(input.url, 'part-number-marker', 0);
  const maxParts = Math.min(countParameter(input.url, 'max-parts', 1000), 1000);
  const numbers = Object.keys(upload.parts)
    .map(Number)
    .filter((number) => number > marker)
    .sort((a, b) => a - b);
  const page = numbers.slice(0, maxParts);
  const owner = s3Owner(bucket.accountId);
  const result = {
    Bucket: bucket.name,
    Key: upload.key,
    UploadId: upload.uploadId,
    Initiator: owner,
    Owner: owner,
    StorageClass: upload.storageClass ?? 'STANDARD',
    PartNumberMarker: marker,
    NextPartNumberMarker: page.at(-1) ?? marker,
    MaxParts: maxParts,
    IsTruncated: numbers.length > page.length,
    Part: flattened(
      page.map((number) => {
        const part = upload.parts[String(number)]!;
        return { PartNumber: number, LastModified: part.lastModified, ETag: `"${part.etag}"`, Size: part.size };
      }),
    ),
  };
  return xmlResponse('ListPartsResult', result, ctx);
}

/**
 * ListMultipartUploads: the bucket's uploads in progress under `prefix`, by key and then by when they began, after
 * `key-marker` (and `upload-id-marker`), at most `max-uploads` (1000) a page.
 */
export function listMultipartUploads({ input, ctx, bucket }: BucketCall): Response {
  const q = input.url.searchParams;
  const prefix = q.get('prefix') ?? '';
  const keyMarker = q.get('key-marker') ?? '';
  const uploadIdMarker = q.get('upload-id-marker') ?? '';
  const maxUploads = Math.min(countParameter(input.url, 'max-uploads', 1000), 1000);
  const all = Object.values(bucket.uploads ?? {}).sort(
    (a, b) => a.key.localeCompare(b.key) || a.initiated.localeCompare(b.initiated),
  );
  const markerIndex = uploadIdMarker ? all.findIndex((u) => u.key === keyMarker && u.uploadId === uploadIdMarker) : -1;
  const listed = all.filter(
    (upload, index) =>
      upload.key.startsWith(prefix) &&
      (markerIndex >= 0 ? index > markerIndex : keyMarker === '' || upload.key > keyMarker),
  );
  const page = listed.slice(0, maxUploads);
  const truncated = listed.length > page.length;
  const owner = s3Owner(bucket.accountId);
  const result = {
    Bucket: bucket.name,
    KeyMarker: keyMarker,
    UploadIdMarker: uploadIdMarker,
    NextKeyMarker: truncated ? page.at(-1)!.key : undefined,
    NextUploadIdMarker: truncated ? page.at(-1)!.uploadId : undefined,
    Prefix: q.has('prefix') ? prefix : undefined,
    MaxUploads: maxUploads,
    IsTruncated: truncated,
    Upload: flattened(
      page.map((upload) => ({
        Key: upload.key,
        UploadId: upload.uploadId,
        Initiator: owner,
        Owner: owner,
        StorageClass: upload.storageClass ?? 'STANDARD',
        Initiated: upload.initiated,
      })),
    ),
  };
  return xmlResponse('ListMultipartUploadsResult', result, ctx);
}
