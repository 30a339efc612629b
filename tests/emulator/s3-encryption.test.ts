import {
  DeleteBucketEncryptionCommand,
  GetBucketEncryptionCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutBucketEncryptionCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { bucketWithPhoto, jpeg } from './s3-fixtures';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

const kmsDefault = {
  Rules: [
    {
      ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' as const, KMSMasterKeyID: 'alias/photos' },
      BucketKeyEnabled: true,
    },
  ],
};

describe('S3 server-side encryption in the sandbox', () => {
  it("answers SSE-S3 as a new bucket's default encryption", async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const got = await s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
    expect(got.ServerSideEncryptionConfiguration?.Rules).toEqual([
      { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false },
    ]);
  });

  it('keeps the default PutBucketEncryption sets, and goes back to SSE-S3 when it is deleted', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    await s3.send(new PutBucketEncryptionCommand({ Bucket: bucket, ServerSideEncryptionConfiguration: kmsDefault }));
    const rules = async () =>
      (await s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }))).ServerSideEncryptionConfiguration?.Rules;
    expect(await rules()).toEqual(kmsDefault.Rules);
    await s3.send(new DeleteBucketEncryptionCommand({ Bucket: bucket }));
    expect((await rules())?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe('AES256');
  });

  it('answers PutObject, HeadObject and GetObject with SSE-S3 for an upload that asks for nothing', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'a.jpg', Body: jpeg }));
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'a.jpg' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'a.jpg' }));
    expect([put, head, got].map((answer) => answer.ServerSideEncryption)).toEqual(['AES256', 'AES256', 'AES256']);
  });

  it('keeps the KMS key and bucket key an upload asks for', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'k.jpg',
        Body: jpeg,
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
        BucketKeyEnabled: true,
      }),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'k.jpg' }));
    expect(head).toMatchObject({
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: `arn:aws:kms:us-west-2:${head.SSEKMSKeyId?.split(':')[4]}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      BucketKeyEnabled: true,
    });
  });

  it("encrypts an upload that asks for nothing with the bucket's default", async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    await s3.send(new PutBucketEncryptionCommand({ Bucket: bucket, ServerSideEncryptionConfiguration: kmsDefault }));
    const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'b.jpg', Body: jpeg }));
    expect(put.ServerSideEncryption).toBe('aws:kms');
  });

  it('refuses an encryption method S3 does not have with InvalidArgument', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const refused = await errorOf(
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'c.jpg', Body: jpeg, ServerSideEncryption: 'DES' as never })),
    );
    expect(refused).toMatchObject({ name: 'InvalidArgument', status: 400 });
  });
});
