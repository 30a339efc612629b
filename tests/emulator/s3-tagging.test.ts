import {
  DeleteBucketTaggingCommand,
  DeleteObjectTaggingCommand,
  GetBucketTaggingCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutBucketTaggingCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { bucketWithPhoto, jpeg, readObject } from './s3-fixtures';
import { clientsFor, useSandbox } from './sandbox-clients';

const sandbox = useSandbox();

const tagSet = [
  { Key: 'course', Value: 'edx' },
  { Key: 'week', Value: '2' },
];

describe('S3 object tagging in the sandbox', () => {
  it("stores an object's tags and keeps its bytes", async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    await s3.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: 'cat.jpg', Tagging: { TagSet: tagSet } }));
    expect(await readObject(s3, bucket, 'cat.jpg')).toEqual({ bytes: jpeg, contentType: 'image/jpeg' });
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'cat.jpg' }))).TagSet).toEqual(tagSet);
  });

  it('answers an empty tag set for an object without tags', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'cat.jpg' }))).TagSet).toEqual([]);
  });

  it("deletes an object's tags and not the object", async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    await s3.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: 'cat.jpg', Tagging: { TagSet: tagSet } }));
    await s3.send(new DeleteObjectTaggingCommand({ Bucket: bucket, Key: 'cat.jpg' }));
    expect(await readObject(s3, bucket, 'cat.jpg')).toEqual({ bytes: jpeg, contentType: 'image/jpeg' });
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'cat.jpg' }))).TagSet).toEqual([]);
  });

  it('answers NoSuchKey when tagging a missing object, and creates nothing', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const missing = await errorOf(
      s3.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: 'dog.jpg', Tagging: { TagSet: tagSet } })),
    );
    expect(missing).toMatchObject({ name: 'NoSuchKey', status: 404 });
    expect(Object.keys(sandbox().state.buckets[bucket]!.objects)).toEqual(['cat.jpg']);
  });

  it('tags an upload from its x-amz-tagging header and counts the tags on GET and HEAD', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'dog.jpg', Body: jpeg, Tagging: 'course=edx&week=2' }));
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'dog.jpg' }))).TagSet).toEqual(tagSet);
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'dog.jpg' }))).TagCount).toBe(2);
    expect((await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'dog.jpg' }))).TagCount).toBe(2);
  });

  it('refuses more than 10 tags on an object with BadRequest', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    const refused = await errorOf(
      s3.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: 'cat.jpg', Tagging: { TagSet: eleven } })),
    );
    expect(refused).toMatchObject({
      name: 'BadRequest',
      status: 400,
      message: 'Object tags cannot be greater than 10',
    });
  });

  it('refuses a tag key longer than 128 characters with InvalidTag', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const long = [{ Key: 'k'.repeat(129), Value: 'v' }];
    const refused = await errorOf(
      s3.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: 'cat.jpg', Tagging: { TagSet: long } })),
    );
    expect(refused).toMatchObject({ name: 'InvalidTag', message: 'The TagKey you have provided is too long, max 128' });
  });

  it('refuses a tag value longer than 256 characters with InvalidTag', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const long = [{ Key: 'k', Value: 'v'.repeat(257) }];
    const refused = await errorOf(
      s3.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: 'cat.jpg', Tagging: { TagSet: long } })),
    );
    expect(refused).toMatchObject({
      name: 'InvalidTag',
      message: 'The TagValue you have provided is too long, max 256',
    });
  });

  it('refuses two tags with the same key', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const twice = [
      { Key: 'k', Value: '1' },
      { Key: 'k', Value: '2' },
    ];
    const refused = await errorOf(
      s3.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: 'cat.jpg', Tagging: { TagSet: twice } })),
    );
    expect(refused).toMatchObject({ name: 'InvalidTag', message: 'Cannot provide multiple Tags with the same key' });
  });

  it('refuses an upload whose x-amz-tagging header has too many tags, storing nothing', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const header = Array.from({ length: 11 }, (_, i) => `k${i}=v`).join('&');
    const refused = await errorOf(
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'dog.jpg', Body: jpeg, Tagging: header })),
    );
    expect(refused).toMatchObject({ name: 'BadRequest' });
    expect(Object.keys(sandbox().state.buckets[bucket]!.objects)).toEqual(['cat.jpg']);
  });
});

describe('S3 bucket tagging in the sandbox', () => {
  it('answers NoSuchTagSet for a bucket without tags', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    expect(await errorOf(s3.send(new GetBucketTaggingCommand({ Bucket: bucket })))).toMatchObject({
      name: 'NoSuchTagSet',
      status: 404,
      message: 'The TagSet does not exist',
    });
  });

  it("stores a bucket's tags and answers them", async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    await s3.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: tagSet } }));
    expect((await s3.send(new GetBucketTaggingCommand({ Bucket: bucket }))).TagSet).toEqual(tagSet);
  });

  it("deletes a bucket's tags and not the bucket", async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    await s3.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: tagSet } }));
    await s3.send(new DeleteBucketTaggingCommand({ Bucket: bucket }));
    expect(await errorOf(s3.send(new GetBucketTaggingCommand({ Bucket: bucket })))).toMatchObject({
      name: 'NoSuchTagSet',
    });
    expect(await readObject(s3, bucket, 'cat.jpg')).toEqual({ bytes: jpeg, contentType: 'image/jpeg' });
  });
});
