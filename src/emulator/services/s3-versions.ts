/**
 * Versioning: where a put or a delete leaves a key's versions, as S3 documents it for a bucket never versioned (one
 * object, no history), versioning enabled (every put a new version, a delete a delete marker) and suspended (puts
 * and deletes replace the key's `null` version, older versions stay). A key's current object stays in
 * `bucket.objects`, so listing and reading the latest need nothing of this; `bucket.versions` holds the rest.
 */
import type { Bucket, S3DeleteMarker, S3Object, S3Version } from '../state';
import { nameRecord } from '../../lib/name-record';
import type { BucketCall } from './s3-operation';
import { emptyResponse, malformedXml, parseXmlBody, xmlResponse } from './s3-xml';
import { s3Time } from './s3-time';

/** S3's name for the version of an object put while the bucket was not versioned, or versioning was suspended. */
export const nullVersionId = 'null';

const versionIdAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._';

/** A new version id: 32 URL-safe characters, as S3's look. */
function newVersionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return [...bytes].map((b) => versionIdAlphabet[b % versionIdAlphabet.length]).join('');
}

/** Whether a version id has the form of S3's (32 URL-safe characters) or is `null`, which S3 checks first. */
export function isWellFormedVersionId(versionId: string): boolean {
  return versionId === nullVersionId || /^[A-Za-z0-9._]{32}$/.test(versionId);
}

/** True for a delete marker. */
export function isDeleteMarker(version: S3Version): version is S3DeleteMarker {
  return 'deleteMarker' in version;
}

/** A version's id as S3 names it: `null` for the null version. */
export function versionIdOf(version: S3Version): string {
  return version.versionId ?? nullVersionId;
}

/** Every version of a key, newest first: its current object, if any, then the older versions and delete markers. */
export function versionsOf(bucket: Bucket, key: string): S3Version[] {
  const current = Object.hasOwn(bucket.objects, key) ? bucket.objects[key] : undefined;
  const older = bucket.versions && Object.hasOwn(bucket.versions, key) ? bucket.versions[key]! : [];
  return current ? [current, ...older] : [...older];
}

/** Stores a key's versions, newest first: the newest is its current object unless it is a delete marker. */
function setVersions(bucket: Bucket, key: string, versions: S3Version[]): void {
  const [newest, ...older] = versions;
  if (newest && !isDeleteMarker(newest)) bucket.objects[key] = newest;
  else delete bucket.objects[key];
  const history = newest && isDeleteMarker(newest) ? versions : older;
  bucket.versions ??= nameRecord();
  if (history.length > 0) bucket.versions[key] = history;
  else delete bucket.versions[key];
}

/** The version of a key a request names (`null` included), if the bucket has it. */
export function findVersion(bucket: Bucket, key: string, versionId: string): S3Version | undefined {
  return versionsOf(bucket, key).find((version) => versionIdOf(version) === versionId);
}

/** The versions a new version leaves: all of them, but while versioning is suspended the new one replaces `null`. */
function versionsKeptBy(bucket: Bucket, key: string): S3Version[] {
  const versions = versionsOf(bucket, key);
  return bucket.versioning === 'Enabled' ? versions : versions.filter((version) => version.versionId !== undefined);
}

/**
 * Makes `object` the key's current version: the only one in a bucket never versioned, a new version when
 * versioning is enabled, the `null` version (replacing any earlier one) when suspended. Answers the
 * `x-amz-version-id` header S3 sends back, none for a bucket never versioned.
 */
export function storeObject(bucket: Bucket, object: S3Object): Record<string, string> {
  if (!bucket.versioning) {
    delete object.versionId;
    bucket.objects[object.key] = object;
    return {};
  }
  if (bucket.versioning === 'Enabled') object.versionId = newVersionId();
  else delete object.versionId;
  setVersions(bucket, object.key, [object, ...versionsKeptBy(bucket, object.key)]);
  return { 'x-amz-version-id': versionIdOf(object) };
}

/** What a delete did: the version it removed or the marker it added, and whether that is a delete marker. */
export interface DeleteOutcome {
  versionId?: string;
  deleteMarker: boolean;
}

/**
 * DeleteObject without a version id: removes the object from a bucket never versioned; otherwise leaves a delete
 * marker as the key's newest version (the `null` one, replacing the null version, while versioning is suspended).
 */
export function deleteCurrent(bucket: Bucket, key: string, now: Date): DeleteOutcome {
  if (!bucket.versioning) {
    delete bucket.objects[key];
    return { deleteMarker: false };
  }
  const marker: S3DeleteMarker = { key, deleteMarker: true, lastModified: s3Time(now) };
  if (bucket.versioning === 'Enabled') marker.versionId = newVersionId();
  setVersions(bucket, key, [marker, ...versionsKeptBy(bucket, key)]);
  return { versionId: versionIdOf(marker), deleteMarker: true };
}

/** DeleteObject with a version id: removes that version for good; the next newest becomes current. */
export function deleteVersion(bucket: Bucket, key: string, versionId: string): DeleteOutcome {
  const versions = versionsOf(bucket, key);
  const index = versions.findIndex((version) => versionIdOf(version) === versionId);
  if (index === -1) return { versionId, deleteMarker: false };
  const [removed] = versions.splice(index, 1);
  setVersions(bucket, key, versions);
  return { versionId, deleteMarker: isDeleteMarker(removed!) };
}

/** The headers S3 answers a delete with. */
export function deleteHeaders(outcome: DeleteOutcome): Record<string, string> {
  return {
    ...(outcome.versionId ? { 'x-amz-version-id': outcome.versionId } : {}),
    ...(outcome.deleteMarker ? { 'x-amz-delete-marker': 'true' } : {}),
  };
}

/** True when the bucket holds no object, old version or delete marker, so it may be deleted. */
export function bucketIsEmpty(bucket: Bucket): boolean {
  return Object.keys(bucket.objects).length === 0 && Object.keys(bucket.versions ?? {}).length === 0;
}

/** GetBucketVersioning: the status once it was set; a bucket never versioned has none. */
export function getBucketVersioning({ ctx, bucket }: BucketCall): Response {
  return xmlResponse('VersioningConfiguration', { Status: bucket.versioning }, ctx);
}

/** PutBucketVersioning: `Enabled` or `Suspended`; a bucket once versioned can be suspended but never unversioned. */
export function putBucketVersioning({ input, ctx, bucket }: BucketCall): Response {
  const configuration = parseXmlBody(input.body).VersioningConfiguration;
  if (!configuration || typeof configuration !== 'object') throw malformedXml();
  const status = (configuration as Record<string, unknown>).Status;
  if (status !== 'Enabled' && status !== 'Suspended') throw malformedXml();
  bucket.versioning = status;
  return emptyResponse(ctx, 200);
}
