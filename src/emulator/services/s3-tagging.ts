/**
 * Tags on objects (at most 10, PutObjectTagging or PutObject's `x-amz-tagging`) and on buckets (at most 50), with
 * the limits and errors S3 gives: keys of 1 to 128 UTF-16 units and values up to 256, of letters, digits, spaces
 * and `_ . : / = + - @`, unique keys, none under the reserved `aws:` prefix.
 */
import { AwsError } from '../aws-error';
import type { Tag } from '../state';
import { flattened } from '../xml';
import type { BucketCall, ObjectCall } from './s3-operation';
import { requireObject } from './s3-require-object';
import { emptyResponse, malformedXml, parseXmlBody, xmlResponse } from './s3-xml';

/** What may be tagged, and how many tags it takes. */
const tagLimits = {
  object: { count: 10, tooMany: 'Object tags cannot be greater than 10' },
  bucket: { count: 50, tooMany: 'Bucket tag count cannot be greater than 50' },
};

const tagText = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

function invalidTag(message: string): AwsError {
  return new AwsError('InvalidTag', message, 400);
}

/** Checks a tag set against S3's limits for what it tags; returns it unchanged. */
function checkTags(tags: Tag[], taggable: keyof typeof tagLimits): Tag[] {
  const limits = tagLimits[taggable];
  if (tags.length > limits.count) throw new AwsError('BadRequest', limits.tooMany, 400);
  const seen = new Set<string>();
  for (const { Key, Value } of tags) {
    if (Key === '' || !tagText.test(Key)) throw invalidTag('The TagKey you have provided is invalid');
    if (!tagText.test(Value)) throw invalidTag('The TagValue you have provided is invalid');
    if (Key.length > 128) throw invalidTag('The TagKey you have provided is too long, max 128');
    if (Value.length > 256) throw invalidTag('The TagValue you have provided is too long, max 256');
    if (Key.toLowerCase().startsWith('aws:')) throw invalidTag('Your TagKey cannot be prefixed with aws:');
    if (seen.has(Key)) throw invalidTag('Cannot provide multiple Tags with the same key');
    seen.add(Key);
  }
  return tags;
}

/** The tag set of a `<Tagging>` document. */
function readTagging(body: Uint8Array, taggable: keyof typeof tagLimits): Tag[] {
  const tagging = parseXmlBody(body).Tagging as { TagSet?: { Tag?: unknown[] } | string } | undefined;
  if (!tagging || typeof tagging !== 'object' || tagging.TagSet === undefined) throw malformedXml();
  const tags = typeof tagging.TagSet === 'object' ? (tagging.TagSet.Tag ?? []) : [];
  return checkTags(
    (tags as { Key?: unknown; Value?: unknown }[]).map((tag) => ({
      Key: String(tag.Key ?? ''),
      Value: String(tag.Value ?? ''),
    })),
    taggable,
  );
}

/**
 * The tags PutObject's `x-amz-tagging` header sets (URL query encoded: `a=1&b=2`, a key without `=` has the empty
 * value); none without the header.
 */
export function readTaggingHeader(headers: Headers): Tag[] | undefined {
  const header = headers.get('x-amz-tagging');
  if (header === null) return undefined;
  const pairs = [...new URLSearchParams(header)];
  if (new Set(pairs.map(([key]) => key)).size !== pairs.length) {
    throw new AwsError(
      'InvalidArgument',
      "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name " +
        'duplicates.',
      400,
    );
  }
  return checkTags(
    pairs.map(([Key, Value]) => ({ Key, Value })),
    'object',
  );
}

function taggingResponse(tags: Tag[], call: BucketCall): Response {
  return xmlResponse(
    'Tagging',
    { TagSet: { Tag: flattened(tags.map(({ Key, Value }) => ({ Key, Value }))) } },
    call.ctx,
  );
}

/** GetObjectTagging: the object's tags, an empty set when it has none. */
export function getObjectTagging(call: ObjectCall): Response {
  return taggingResponse(requireObject(call).tags ?? [], call);
}

/** PutObjectTagging: replaces the object's tags (an empty set removes them); the bytes stay as they are. */
export function putObjectTagging(call: ObjectCall): Response {
  const object = requireObject(call);
  const tags = readTagging(call.input.body, 'object');
  if (tags.length > 0) object.tags = tags;
  else delete object.tags;
  return emptyResponse(call.ctx, 200);
}

/** DeleteObjectTagging: removes the object's tags, and only them. */
export function deleteObjectTagging(call: ObjectCall): Response {
  delete requireObject(call).tags;
  return emptyResponse(call.ctx, 204);
}

/** GetBucketTagging: the bucket's tags, or `NoSuchTagSet` when it has none. */
export function getBucketTagging(call: BucketCall): Response {
  if (call.bucket.tags.length === 0)
    throw new AwsError('NoSuchTagSet', 'The TagSet does not exist', 404, { BucketName: call.bucket.name });
  return taggingResponse(call.bucket.tags, call);
}

/** PutBucketTagging: replaces the bucket's tags. */
export function putBucketTagging({ input, ctx, bucket }: BucketCall): Response {
  bucket.tags = readTagging(input.body, 'bucket');
  return emptyResponse(ctx, 204);
}

/** DeleteBucketTagging: removes the bucket's tags. */
export function deleteBucketTagging({ ctx, bucket }: BucketCall): Response {
  bucket.tags = [];
  return emptyResponse(ctx, 204);
}
