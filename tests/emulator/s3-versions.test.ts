import {
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { userWithPolicy } from './policy-user';
import { bucketWithPhoto, jpeg } from './s3-fixtures';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

const text = (body: string) => new TextEncoder().encode(body);

async function versionedBucket(s3: S3Client, status: 'Enabled' | 'Suspended' = 'Enabled'): Promise<string> {
  const bucket = await bucketWithPhoto(s3);
  await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: status } }));
  return bucket;
}

async function put(s3: S3Client, bucket: string, key: string, body: string): Promise<string | undefined> {
  return (await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text(body) }))).VersionId;
}

async function read(s3: S3Client, bucket: string, key: string, versionId?: string): Promise<string> {
  const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
  return got.Body!.transformToString();
}

async function versionsOf(s3: S3Client, bucket: string, prefix?: string) {
  const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix }));
  return {
    versions: (listed.Versions ?? []).map((v) => [v.Key, v.VersionId, v.IsLatest]),
    markers: (listed.DeleteMarkers ?? []).map((m) => [m.Key, m.VersionId, m.IsLatest]),
  };
}

describe('S3 versioning in the sandbox', () => {
  it('answers the status PutBucketVersioning set', async () => {
    const { s3 } = clientsFor();
    const bucket = await versionedBucket(s3);
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status).toBe('Enabled');
  });

  it('keeps every version of a key once versioning is enabled, each readable by its id', async () => {
    const { s3 } = clientsFor();
    const bucket = await versionedBucket(s3);
    const first = await put(s3, bucket, 'notes.txt', 'one');
    const second = await put(s3, bucket, 'notes.txt', 'two');
    expect(first).toMatch(/^[\w.]{32}$/);
    expect(second).not.toBe(first);
    expect(await read(s3, bucket, 'notes.txt')).toBe('two');
    expect(await read(s3, bucket, 'notes.txt', first)).toBe('one');
    expect((await versionsOf(s3, bucket, 'notes')).versions).toEqual([
      ['notes.txt', second, true],
      ['notes.txt', first, false],
    ]);
  });

  it('gives an object put before versioning the version id null', async () => {
    const { s3 } = clientsFor();
    const bucket = await versionedBucket(s3);
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'cat.jpg' }));
    expect(head.VersionId).toBe('null');
    expect((await versionsOf(s3, bucket)).versions).toEqual([['cat.jpg', 'null', true]]);
  });

  it('answers no version id in a bucket never versioned, and reads its objects as version null', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    expect(await put(s3, bucket, 'plain.txt', 'text')).toBeUndefined();
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'plain.txt' }))).VersionId).toBeUndefined();
    expect(await read(s3, bucket, 'plain.txt', 'null')).toBe('text');
  });

  it('leaves a delete marker on delete: the key is gone from listings, its versions stay', async () => {
    const { s3 } = clientsFor();
    const bucket = await versionedBucket(s3);
    const kept = await put(s3, bucket, 'notes.txt', 'one');
    const deleted = await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'notes.txt' }));
    expect(deleted.DeleteMarker).toBe(true);
    expect(await errorOf(read(s3, bucket, 'notes.txt'))).toMatchObject({ name: 'NoSuchKey', status: 404 });
    expect((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents!.map((o) => o.Key)).toEqual([
      'cat.jpg',
    ]);
    expect(await read(s3, bucket, 'notes.txt', kept)).toBe('one');
    expect((await versionsOf(s3, bucket, 'notes')).markers).toEqual([['notes.txt', deleted.VersionId, true]]);
  });

  it('brings an object back when its delete marker is deleted', async () => {
    const { s3 } = clientsFor();
    const bucket = await versionedBucket(s3);
    await put(s3, bucket, 'notes.txt', 'one');
    const marker = await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'notes.txt' }));
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'notes.txt', VersionId: marker.VersionId }));
    expect(await read(s3, bucket, 'notes.txt')).toBe('one');
  });

  it('deletes one version for good, and the previous becomes current', async () => {
    const { s3 } = clientsFor();
    const bucket = await versionedBucket(s3);
    const first = await put(s3, bucket, 'notes.txt', 'one');
    const second = await put(s3, bucket, 'notes.txt', 'two');
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'notes.txt', VersionId: second }));
    expect(await read(s3, bucket, 'notes.txt')).toBe('one');
    expect((await versionsOf(s3, bucket, 'notes')).versions).toEqual([['notes.txt', first, true]]);
  });

  it('answers NoSuchVersion for a version the key does not have', async () => {
    const { s3 } = clientsFor();
    const bucket = await versionedBucket(s3);
    const missing = await errorOf(read(s3, bucket, 'cat.jpg', 'A'.repeat(32)));
    expect(missing).toMatchObject({ name: 'NoSuchVersion', status: 404 });
  });

  it("refuses a version id not of S3's form in a bucket never versioned with InvalidArgument", async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const refused = await errorOf(read(s3, bucket, 'cat.jpg', 'noVersion'));
    expect(refused).toMatchObject({ name: 'InvalidArgument', message: 'Invalid version id specified', status: 400 });
  });

  it("answers NoSuchVersion for a version id not of S3's form in a versioned bucket", async () => {
    const { s3 } = clientsFor();
    const bucket = await versionedBucket(s3);
    expect(await errorOf(read(s3, bucket, 'cat.jpg', 'unknown'))).toMatchObject({ name: 'NoSuchVersion', status: 404 });
  });

  it('refuses to read a delete marker with MethodNotAllowed', async () => {
    const { s3 } = clientsFor();
    const bucket = await versionedBucket(s3);
    const marker = await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'cat.jpg' }));
    const refused = await errorOf(read(s3, bucket, 'cat.jpg', marker.VersionId));
    expect(refused).toMatchObject({ name: 'MethodNotAllowed', status: 405 });
  });

  it('says with Allow: DELETE that a delete marker can only be deleted', async () => {
    const { s3 } = clientsFor();
    const bucket = await versionedBucket(s3);
    const marker = await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'cat.jpg' }));
    const refused = await read(s3, bucket, 'cat.jpg', marker.VersionId).catch((error: unknown) => error);
    expect((refused as { $response?: { headers: Record<string, string> } }).$response?.headers).toMatchObject({
      allow: 'DELETE',
      'x-amz-delete-marker': 'true',
    });
  });

  it('replaces the null version while versioning is suspended, and keeps the versioned ones', async () => {
    const { s3 } = clientsFor();
    const bucket = await versionedBucket(s3);
    const versioned = await put(s3, bucket, 'notes.txt', 'one');
    await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Suspended' } }));
    expect(await put(s3, bucket, 'notes.txt', 'two')).toBe('null');
    expect(await put(s3, bucket, 'notes.txt', 'three')).toBe('null');
    expect((await versionsOf(s3, bucket, 'notes')).versions).toEqual([
      ['notes.txt', 'null', true],
      ['notes.txt', versioned, false],
    ]);
    expect(await read(s3, bucket, 'notes.txt', 'null')).toBe('three');
  });

  it('lists versions a page at a time with key and version id markers', async () => {
    const { s3 } = clientsFor();
    const bucket = await versionedBucket(s3);
    const ids = [await put(s3, bucket, 'a.txt', '1'), await put(s3, bucket, 'a.txt', '2')];
    await put(s3, bucket, 'b.txt', '3');
    const first = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: 'a', MaxKeys: 1 }));
    expect(first).toMatchObject({ IsTruncated: true, NextKeyMarker: 'a.txt', NextVersionIdMarker: ids[1] });
    const second = await s3.send(
      new ListObjectVersionsCommand({
        Bucket: bucket,
        KeyMarker: first.NextKeyMarker,
        VersionIdMarker: first.NextVersionIdMarker,
      }),
    );
    expect(second.Versions!.map((v) => [v.Key, v.IsLatest])).toEqual([
      ['a.txt', false],
      ['b.txt', true],
      ['cat.jpg', true],
    ]);
    expect(second.IsTruncated).toBe(false);
  });

  it('folds keys under a delimiter into common prefixes', async () => {
    const { s3 } = clientsFor();
    const bucket = await versionedBucket(s3);
    await put(s3, bucket, 'photos/a.jpg', '1');
    const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Delimiter: '/' }));
    expect(listed.CommonPrefixes).toEqual([{ Prefix: 'photos/' }]);
    expect(listed.Versions!.map((v) => v.Key)).toEqual(['cat.jpg']);
  });

  it('needs s3:GetObjectVersion to read a version by its id', async () => {
    const { s3 } = clientsFor();
    const bucket = await versionedBucket(s3);
    const versionId = await put(s3, bucket, 'notes.txt', 'one');
    const user = await userWithPolicy('reader', [
      { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` },
    ]);
    expect(await read(user.s3, bucket, 'notes.txt')).toBe('one');
    const denied = await errorOf(read(user.s3, bucket, 'notes.txt', versionId));
    expect(denied).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(denied.message).toContain('s3:GetObjectVersion');
  });

  it('deletes versions named in DeleteObjects', async () => {
    const { s3 } = clientsFor();
    const bucket = await versionedBucket(s3);
    const first = await put(s3, bucket, 'notes.txt', 'one');
    await put(s3, bucket, 'notes.txt', 'two');
    const result = await s3.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: 'notes.txt', VersionId: first }] } }),
    );
    expect(result.Deleted).toEqual([{ Key: 'notes.txt', VersionId: first }]);
    expect((await versionsOf(s3, bucket, 'notes')).versions).toHaveLength(1);
  });

  it('keeps a bucket that still holds delete markers (BucketNotEmpty)', async () => {
    const { s3 } = clientsFor();
    const bucket = await versionedBucket(s3);
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'cat.jpg', VersionId: 'null' }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'cat.jpg', Body: jpeg }));
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'cat.jpg' }));
    const listed = await versionsOf(s3, bucket);
    for (const [, versionId] of listed.versions)
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'cat.jpg', VersionId: String(versionId) }));
    const refused = await errorOf(s3.send(new DeleteBucketCommand({ Bucket: bucket })));
    expect(refused).toMatchObject({ name: 'BucketNotEmpty', status: 409 });
  });
});
