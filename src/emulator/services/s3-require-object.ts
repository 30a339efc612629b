import { AwsError } from '../aws-error';
import type { S3Object } from '../state';
import { authorizeS3, bucketArn } from './s3-authorize';
import type { ObjectCall } from './s3-operation';
import { findVersion, isDeleteMarker, isWellFormedVersionId, versionIdOf, versionsOf } from './s3-versions';

/** The headers S3 sends with its refusal to read a delete marker. */
function deleteMarkerHeaders(versionId: string): Record<string, string> {
  return { 'x-amz-delete-marker': 'true', 'x-amz-version-id': versionId };
}

/**
 * The version a call names with `?versionId=` (`null` included): `InvalidArgument` for an id not of S3's form in a
 * bucket never versioned,
 * `NoSuchVersion` when the key has no such version,
 * `MethodNotAllowed` when it is a delete marker, which has no bytes, tags or ACL.
 */
function requireVersion({ input, bucket, key }: ObjectCall, versionId: string): S3Object {
  // A bucket never versioned has only the null version: another id is not one S3 could have given.
  if (!bucket.versioning && !isWellFormedVersionId(versionId))
    throw new AwsError('InvalidArgument', 'Invalid version id specified', 400, {
      ArgumentName: 'versionId',
      ArgumentValue: versionId,
    });
  const version = findVersion(bucket, key, versionId);
  if (!version)
    throw new AwsError('NoSuchVersion', 'The specified version does not exist.', 404, {
      Key: key,
      VersionId: versionId,
    });
  if (isDeleteMarker(version)) {
    throw new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, {
      Method: input.request.method.toUpperCase(),
      ResourceType: 'DeleteMarker',
      ...deleteMarkerHeaders(versionId),
      // A delete marker can only be deleted.
      allow: 'DELETE',
    });
  }
  return version;
}

/**
 * The object a call names (its current version, or the version `?versionId=` names), or S3's answer for a missing
 * one: `NoSuchKey` (saying so when the key's newest version is a delete marker), or `AccessDenied` for a caller
 * without `s3:ListBucket`, since S3 will not tell such a caller whether a key exists. Never creates the object.
 */
export function requireObject(call: ObjectCall): S3Object {
  const { ctx, bucket, key, input } = call;
  const versionId = input.url.searchParams.get('versionId');
  if (versionId !== null) return requireVersion(call, versionId);
  const object = Object.hasOwn(bucket.objects, key) ? bucket.objects[key] : undefined;
  if (object) return object;
  try {
    authorizeS3(ctx, 's3:ListBucket', bucketArn(bucket.name), bucket);
  } catch {
    throw new AwsError('AccessDenied', 'Access Denied', 403);
  }
  const [marker] = versionsOf(bucket, key);
  throw new AwsError('NoSuchKey', 'The specified key does not exist.', 404, {
    Key: key,
    ...(marker ? deleteMarkerHeaders(versionIdOf(marker)) : {}),
  });
}
