/**
 * Server-side encryption: a bucket's default (SSE-S3 unless PutBucketEncryption set another, as on every bucket since
 * January 2023), what an upload asks for in its `x-amz-server-side-encryption*` headers, and the headers S3 answers
 * an object's PUT, HEAD and GET with. The sandbox stores bytes as they are; it records how S3 would encrypt them.
 */
import { AwsError } from '../aws-error';
import type { Bucket, S3Encryption } from '../state';
import type { BucketCall } from './s3-operation';
import { emptyResponse, malformedXml, parseXmlBody, xmlResponse } from './s3-xml';

/** S3's own default: SSE-S3, keys S3 manages. */
const sseS3: S3Encryption = { algorithm: 'AES256' };

/** The algorithms S3 encrypts with; the KMS ones take a key. */
const algorithms = new Set(['AES256', 'aws:kms', 'aws:kms:dsse']);

const usesKms = (algorithm: string) => algorithm.startsWith('aws:kms');

/** A KMS key as S3 names it: its ARN, built from a bare key id in the bucket's region and account. */
function kmsKeyArn(bucket: Bucket, keyId: string | undefined): string {
  const key = keyId ?? 'alias/aws/s3';
  if (key.startsWith('arn:')) return key;
  return `arn:aws:kms:${bucket.region}:${bucket.accountId}:${key.startsWith('alias/') ? key : `key/${key}`}`;
}

/** The encryption an upload is stored with: what its headers ask for, or else the bucket's default. */
export function requestedEncryption(headers: Headers, bucket: Bucket): S3Encryption {
  const algorithm = headers.get('x-amz-server-side-encryption');
  const keyId = headers.get('x-amz-server-side-encryption-aws-kms-key-id') ?? undefined;
  if (algorithm === null) {
    if (keyId !== undefined)
      throw new AwsError(
        'InvalidArgument',
        'Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms',
        400,
      );
    return bucket.encryption ?? sseS3;
  }
  if (!algorithms.has(algorithm))
    throw new AwsError('InvalidArgument', 'The encryption method specified is not supported', 400, {
      ArgumentName: 'x-amz-server-side-encryption',
      ArgumentValue: algorithm,
    });
  if (!usesKms(algorithm)) return { algorithm };
  const bucketKey = headers.get('x-amz-server-side-encryption-bucket-key-enabled');
  return {
    algorithm,
    kmsKeyId: kmsKeyArn(bucket, keyId),
    ...(bucketKey !== null && { bucketKeyEnabled: bucketKey.toLowerCase() === 'true' }),
  };
}

/** The headers S3 answers with for an object stored with `encryption` (SSE-S3 for one saved before it was kept). */
export function encryptionHeaders(encryption: S3Encryption = sseS3): Record<string, string> {
  return {
    'x-amz-server-side-encryption': encryption.algorithm,
    ...(encryption.kmsKeyId && { 'x-amz-server-side-encryption-aws-kms-key-id': encryption.kmsKeyId }),
    ...(encryption.bucketKeyEnabled && { 'x-amz-server-side-encryption-bucket-key-enabled': 'true' }),
  };
}

/** The one rule a default encryption configuration holds, as PutBucketEncryption sends it. */
interface EncryptionRule {
  ApplyServerSideEncryptionByDefault?: { SSEAlgorithm?: unknown; KMSMasterKeyID?: unknown };
  BucketKeyEnabled?: unknown;
}

/** PutBucketEncryption: the bucket's default encryption, from the configuration's rule. */
export function putBucketEncryption({ input, ctx, bucket }: BucketCall): Response {
  const configuration = parseXmlBody(input.body).ServerSideEncryptionConfiguration as
    | { Rule?: EncryptionRule[] }
    | undefined;
  const [rule, ...others] = configuration?.Rule ?? [];
  const byDefault = rule?.ApplyServerSideEncryptionByDefault;
  const algorithm = String(byDefault?.SSEAlgorithm ?? '');
  if (!rule || others.length > 0 || !algorithms.has(algorithm)) throw malformedXml();
  const keyId = byDefault?.KMSMasterKeyID === undefined ? undefined : String(byDefault.KMSMasterKeyID);
  bucket.encryption = {
    algorithm,
    ...(keyId !== undefined && { kmsKeyId: keyId }),
    bucketKeyEnabled: String(rule.BucketKeyEnabled ?? 'false') === 'true',
  };
  return emptyResponse(ctx, 200);
}

/** GetBucketEncryption: the bucket's default encryption, SSE-S3 when none was set. */
export function getBucketEncryption({ ctx, bucket }: BucketCall): Response {
  const encryption = bucket.encryption ?? sseS3;
  const rule = {
    ApplyServerSideEncryptionByDefault: { SSEAlgorithm: encryption.algorithm, KMSMasterKeyID: encryption.kmsKeyId },
    BucketKeyEnabled: encryption.bucketKeyEnabled ?? false,
  };
  return xmlResponse('ServerSideEncryptionConfiguration', { Rule: rule }, ctx);
}

/** DeleteBucketEncryption: the bucket's default goes back to SSE-S3, as S3 documents. */
export function deleteBucketEncryption({ ctx, bucket }: BucketCall): Response {
  delete bucket.encryption;
  return emptyResponse(ctx, 204);
}
