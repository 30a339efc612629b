import { AwsError } from '../aws-error';
import type { S3Object } from '../state';
import { authorizeS3, bucketArn } from './s3-authorize';
import type { ObjectCall } from './s3-operation';

/**
 * The object a call names, or S3's answer for a missing one: `NoSuchKey`, or `AccessDenied` for a caller without
 * `s3:ListBucket`, since S3 will not tell such a caller whether a key exists. Never creates the object.
 */
export function requireObject({ ctx, bucket, key }: ObjectCall): S3Object {
  const object = Object.hasOwn(bucket.objects, key) ? bucket.objects[key] : undefined;
  if (object) return object;
  try {
    authorizeS3(ctx, 's3:ListBucket', bucketArn(bucket.name), bucket);
  } catch {
    throw new AwsError('AccessDenied', 'Access Denied', 403);
  }
  throw new AwsError('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
}
