import {
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { bucketWithPhoto, jpeg } from './s3-fixtures';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

const sent = {
  ContentEncoding: 'gzip',
  ContentLanguage: 'en',
  ContentDisposition: 'attachment; filename="cat.jpg"',
  CacheControl: 'max-age=60',
  WebsiteRedirectLocation: '/other.html',
};

describe('the standard headers S3 keeps with an object', () => {
  it('answers HEAD and GET with the headers PutObject was sent', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'a.jpg', Body: jpeg, ...sent }));
    expect(await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'a.jpg' }))).toMatchObject(sent);
    expect(await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'a.jpg' }))).toMatchObject(sent);
  });

  it('copies them with the object unless the copy replaces its metadata', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'a.jpg', Body: jpeg, ...sent }));
    const copy = (Key: string, MetadataDirective: 'COPY' | 'REPLACE') =>
      s3.send(new CopyObjectCommand({ Bucket: bucket, Key, CopySource: `${bucket}/a.jpg`, MetadataDirective }));
    await copy('kept.jpg', 'COPY');
    await copy('replaced.jpg', 'REPLACE');
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'kept.jpg' }))).ContentEncoding).toBe('gzip');
    const replaced = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'replaced.jpg' }));
    expect(replaced.ContentEncoding).toBeUndefined();
  });

  it('keeps the headers CreateMultipartUpload was sent for the completed object', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'big.jpg', ...sent }));
    const part = await s3.send(
      new UploadPartCommand({ Bucket: bucket, Key: 'big.jpg', UploadId, PartNumber: 1, Body: jpeg }),
    );
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: 'big.jpg',
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
      }),
    );
    expect(await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'big.jpg' }))).toMatchObject(sent);
  });
});
