import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { bucketWithPhoto, jpeg } from './s3-fixtures';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

describe('S3 storage classes in the sandbox', () => {
  it('answers the storage class an object was put with on HEAD, GET and in listings', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'ia.jpg', Body: jpeg, StorageClass: 'STANDARD_IA' }));
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'ia.jpg' }))).StorageClass).toBe('STANDARD_IA');
    expect((await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'ia.jpg' }))).StorageClass).toBe('STANDARD_IA');
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'ia' }));
    expect(listed.Contents!.map((o) => o.StorageClass)).toEqual(['STANDARD_IA']);
  });

  it('leaves STANDARD unsaid on HEAD, as S3 does', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'cat.jpg' }))).StorageClass).toBeUndefined();
  });

  it('refuses a storage class S3 does not have with InvalidStorageClass', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const refused = await errorOf(
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'x.jpg', Body: jpeg, StorageClass: 'COLD' as never })),
    );
    expect(refused).toMatchObject({ name: 'InvalidStorageClass', status: 400 });
  });

  it('refuses to read an archived object with InvalidObjectState, and still heads it', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'old.jpg', Body: jpeg, StorageClass: 'GLACIER' }));
    expect(await errorOf(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'old.jpg' })))).toMatchObject({
      name: 'InvalidObjectState',
      status: 403,
    });
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'old.jpg' }))).StorageClass).toBe('GLACIER');
  });
});
