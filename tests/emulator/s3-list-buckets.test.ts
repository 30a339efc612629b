import { CreateBucketCommand, ListBucketsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { ownerId } from '../../src/emulator/services/s3-owner';
import { defaultAccountId } from '../../src/emulator/state';
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
