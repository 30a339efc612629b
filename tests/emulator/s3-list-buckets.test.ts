import {
  CreateBucketCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { ownerId } from '../../src/emulator/services/s3-owner';
import { defaultAccountId } from '../../src/emulator/state';
import { errorOf } from './error-of';
import { bucketWithPhoto } from './s3-fixtures';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

async function createBuckets(s3: S3Client, names: string[]): Promise<void> {
  for (const name of names)
    await s3.send(
      new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } }),
    );
}

describe('S3 listings in the sandbox', () => {
  it('lists only the buckets under a prefix', async () => {
    const { s3 } = clientsFor();
    await createBuckets(s3, ['photos-one', 'photos-two', 'logs-one']);
    const listed = await s3.send(new ListBucketsCommand({ Prefix: 'photos-' }));
    expect(listed.Buckets!.map((b) => b.Name)).toEqual(['photos-one', 'photos-two']);
    expect(listed.Prefix).toBe('photos-');
  });

  it('pages buckets with MaxBuckets and a continuation token', async () => {
    const { s3 } = clientsFor();
    await createBuckets(s3, ['bucket-a', 'bucket-b', 'bucket-c']);
    const first = await s3.send(new ListBucketsCommand({ MaxBuckets: 2 }));
    expect(first.Buckets!.map((b) => b.Name)).toEqual(['bucket-a', 'bucket-b']);
    const rest = await s3.send(new ListBucketsCommand({ MaxBuckets: 2, ContinuationToken: first.ContinuationToken }));
    expect(rest.Buckets!.map((b) => b.Name)).toEqual(['bucket-c']);
    expect(rest.ContinuationToken).toBeUndefined();
  });

  it('gives each object its owner in ListObjectsV2 only when FetchOwner asks', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const plain = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    const owned = await s3.send(new ListObjectsV2Command({ Bucket: bucket, FetchOwner: true }));
    expect(plain.Contents![0]!.Owner).toBeUndefined();
    expect(owned.Contents![0]!.Owner?.ID).toBe(ownerId(defaultAccountId));
  });
});

describe('S3 listing arguments in the sandbox', () => {
  it('lists only the buckets of the region BucketRegion names', async () => {
    const { s3 } = clientsFor(undefined, 'us-east-1');
    await s3.send(new CreateBucketCommand({ Bucket: 'east-one' }));
    await s3.send(
      new CreateBucketCommand({ Bucket: 'east-two', CreateBucketConfiguration: { LocationConstraint: 'us-east-2' } }),
    );
    const listed = await s3.send(new ListBucketsCommand({ BucketRegion: 'us-east-2' }));
    expect(listed.Buckets!.map((b) => b.Name)).toEqual(['east-two']);
  });

  it('refuses an empty continuation token with InvalidArgument', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const refused = await errorOf(s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: '' })));
    expect(refused).toMatchObject({ name: 'InvalidArgument', message: 'The continuation token provided is incorrect' });
  });

  it('leaves StartAfter out of a page a continuation token asked for', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'dog.jpg', Body: 'woof' }));
    const first = await s3.send(new ListObjectsV2Command({ Bucket: bucket, StartAfter: 'a', MaxKeys: 1 }));
    expect(first.StartAfter).toBe('a');
    const next = await s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        StartAfter: 'a',
        MaxKeys: 1,
        ContinuationToken: first.NextContinuationToken,
      }),
    );
    expect(next.Contents!.map((o) => o.Key)).toEqual(['dog.jpg']);
    expect(next.StartAfter).toBeUndefined();
  });
});
