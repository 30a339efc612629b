/** Storage classes: the one an upload asks for (`x-amz-storage-class`), and what S3 answers for each when read. */
import { AwsError } from '../aws-error';
import type { S3Object } from '../state';

/** The storage classes PutObject and CreateMultipartUpload accept. */
const storageClasses = new Set([
  'STANDARD',
  'REDUCED_REDUNDANCY',
  'STANDARD_IA',
  'ONEZONE_IA',
  'INTELLIGENT_TIERING',
  'GLACIER',
  'DEEP_ARCHIVE',
  'GLACIER_IR',
]);

/** Archived classes: their objects must be restored before GetObject can read them. */
const archived = new Set(['GLACIER', 'DEEP_ARCHIVE']);

/** The storage class an upload asks for; undefined for STANDARD, which S3 leaves unsaid. */
export function requestedStorageClass(headers: Headers): string | undefined {
  const storageClass = headers.get('x-amz-storage-class');
  if (storageClass === null || storageClass === 'STANDARD') return undefined;
  if (!storageClasses.has(storageClass))
    throw new AwsError('InvalidStorageClass', 'The storage class you specified is not valid', 400, {
      StorageClassRequested: storageClass,
    });
  return storageClass;
}

/** The header S3 answers GET and HEAD with for an object not in STANDARD, which it leaves unsaid. */
export function storageClassHeader(object: S3Object): Record<string, string> {
  return object.storageClass ? { 'x-amz-storage-class': object.storageClass } : {};
}

/** Whether an object is in an archived class, whose bytes only a restored copy makes readable. */
export function isArchived(object: S3Object): boolean {
  return object.storageClass !== undefined && archived.has(object.storageClass);
}

/** S3's refusal of an operation an object's storage class does not allow, naming the class (STANDARD included). */
export function invalidObjectState(object: S3Object): AwsError {
  return new AwsError('InvalidObjectState', "The operation is not valid for the object's storage class", 403, {
    StorageClass: object.storageClass ?? 'STANDARD',
  });
}
