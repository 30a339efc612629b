import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { clientsFor, useSandbox } from './sandbox-clients';

// A clock part-way through a second: S3 records whole seconds, so every time below drops the .678.
const now = new Date('2026-12-03T21:04:05.678Z');
const wholeSecond = new Date('2026-12-03T21:04:05.000Z');
useSandbox(() => ({ now: () => now }));

describe('S3 times in the sandbox', () => {
  it('records buckets, objects and multipart uploads to the whole second, as S3 lists them', async () => {
    const { s3 } = clientsFor();
    await s3.send(
      new CreateBucketCommand({ Bucket: 'times', CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } }),
    );
    await s3.send(new PutObjectCommand({ Bucket: 'times', Key: 'one.txt', Body: 'one' }));
    const upload = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'times', Key: 'two.txt' }));
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'times' }));
    const part = await s3.send(
      new UploadPartCommand({ Bucket: 'times', Key: 'two.txt', UploadId: upload.UploadId, PartNumber: 1, Body: 'two' }),
    );
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'times',
        Key: 'two.txt',
        UploadId: upload.UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
      }),
    );

    const buckets = await s3.send(new ListBucketsCommand({}));
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'times' }));
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'times', Key: 'one.txt' }));
    expect(buckets.Buckets!.map((bucket) => bucket.CreationDate)).toEqual([wholeSecond]);
    expect(uploads.Uploads!.map((started) => started.Initiated)).toEqual([wholeSecond]);
    expect(listed.Contents!.map((object) => object.LastModified)).toEqual([wholeSecond, wholeSecond]);
    expect(head.LastModified).toEqual(wholeSecond);
  });
});
