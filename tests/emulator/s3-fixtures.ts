import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** The bytes the S3 tests store: a JPEG's first bytes. */
export const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1, 2, 3, 4, 5]);

/** Creates `photos-bucket` in us-west-2 with `cat.jpg` in it, as image/jpeg; returns the bucket's name. */
export async function bucketWithPhoto(s3: S3Client, bucket = 'photos-bucket'): Promise<string> {
  await s3.send(
    new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } }),
  );
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'cat.jpg', Body: jpeg, ContentType: 'image/jpeg' }));
  return bucket;
}

/** The bytes and content type of an object, read back through GetObject. */
export async function readObject(s3: S3Client, bucket: string, key: string) {
  const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return { bytes: await got.Body!.transformToByteArray(), contentType: got.ContentType };
}
