import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, RestoreObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { restoreExpiry } from '../../src/emulator/services/s3-restore';
import { errorOf } from './error-of';
import { bucketWithPhoto, jpeg } from './s3-fixtures';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

/** A bucket with `old.jpg` in GLACIER. */
async function archivedPhoto() {
  const { s3 } = clientsFor();
  const bucket = await bucketWithPhoto(s3);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'old.jpg', Body: jpeg, StorageClass: 'GLACIER' }));
  const restore = (Days = 1) =>
    s3.send(new RestoreObjectCommand({ Bucket: bucket, Key: 'old.jpg', RestoreRequest: { Days } }));
  return { s3, bucket, restore };
}

describe('S3 RestoreObject in the sandbox', () => {
  it('answers 202 for a first restore and 200 for a restore of an object already restored', async () => {
    const { restore } = await archivedPhoto();
    expect((await restore()).$metadata.httpStatusCode).toBe(202);
    expect((await restore(2)).$metadata.httpStatusCode).toBe(200);
  });

  it('says on HEAD that the restore is done and when the copy expires', async () => {
    const { s3, bucket, restore } = await archivedPhoto();
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'old.jpg' }))).Restore).toBeUndefined();
    await restore();
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'old.jpg' }));
    expect(head.Restore).toMatch(/^ongoing-request="false", expiry-date="\w{3}, \d{2} \w{3} \d{4} 00:00:00 GMT"$/);
  });

  it('lets GetObject read a restored archived object', async () => {
    const { s3, bucket, restore } = await archivedPhoto();
    await restore();
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'old.jpg' }));
    expect(await got.Body!.transformToByteArray()).toEqual(jpeg);
  });

  it('refuses an object in STANDARD with InvalidObjectState', async () => {
    const { s3, bucket } = await archivedPhoto();
    const refused = await errorOf(
      s3.send(new RestoreObjectCommand({ Bucket: bucket, Key: 'cat.jpg', RestoreRequest: { Days: 1 } })),
    );
    expect(refused).toMatchObject({ name: 'InvalidObjectState', status: 403 });
  });

  it('answers NoSuchKey for a key that does not exist', async () => {
    const { s3, bucket } = await archivedPhoto();
    const refused = await errorOf(
      s3.send(new RestoreObjectCommand({ Bucket: bucket, Key: 'none.jpg', RestoreRequest: { Days: 1 } })),
    );
    expect(refused).toMatchObject({ name: 'NoSuchKey', status: 404 });
  });

  it('rounds the expiry up to the next midnight UTC after the days asked for', () => {
    expect(restoreExpiry(new Date('2026-03-01T12:30:00Z'), 2).toISOString()).toBe('2026-03-04T00:00:00.000Z');
  });
});
