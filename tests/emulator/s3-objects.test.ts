import {
  CopyObjectCommand,
  CreateBucketCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  PutObjectTaggingCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { userWithPolicy } from './policy-user';
import { bucketWithPhoto, jpeg, readObject } from './s3-fixtures';
import { clientsFor, useSandbox } from './sandbox-clients';

const sandbox = useSandbox();

async function twoBuckets() {
  const { s3 } = clientsFor();
  const source = await bucketWithPhoto(s3);
  await s3.send(
    new CreateBucketCommand({
      Bucket: 'archive-bucket',
      CreateBucketConfiguration: { LocationConstraint: 'us-west-2' },
    }),
  );
  return { s3, source, target: 'archive-bucket' };
}

describe('CopyObject in the sandbox', () => {
  it('copies the bytes, content type and tags to another bucket and keeps the source', async () => {
    const { s3, source, target } = await twoBuckets();
    await s3.send(
      new PutObjectTaggingCommand({ Bucket: source, Key: 'cat.jpg', Tagging: { TagSet: [{ Key: 'a', Value: 'b' }] } }),
    );
    const copied = await s3.send(
      new CopyObjectCommand({ Bucket: target, Key: 'old/cat.jpg', CopySource: `${source}/cat.jpg` }),
    );
    expect(copied.CopyObjectResult?.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(await readObject(s3, target, 'old/cat.jpg')).toEqual({ bytes: jpeg, contentType: 'image/jpeg' });
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: target, Key: 'old/cat.jpg' }))).TagSet).toEqual([
      { Key: 'a', Value: 'b' },
    ]);
    expect(await readObject(s3, source, 'cat.jpg')).toEqual({ bytes: jpeg, contentType: 'image/jpeg' });
  });

  it('replaces the metadata when the request says REPLACE', async () => {
    const { s3, source } = await twoBuckets();
    await s3.send(
      new CopyObjectCommand({
        Bucket: source,
        Key: 'cat.jpg',
        CopySource: `${source}/cat.jpg`,
        MetadataDirective: 'REPLACE',
        ContentType: 'application/octet-stream',
        Metadata: { reviewed: 'yes' },
      }),
    );
    const got = await s3.send(new GetObjectCommand({ Bucket: source, Key: 'cat.jpg' }));
    expect([got.ContentType, got.Metadata]).toEqual(['application/octet-stream', { reviewed: 'yes' }]);
  });

  it('refuses to copy an object onto itself without changing anything', async () => {
    const { s3, source } = await twoBuckets();
    const refused = await errorOf(
      s3.send(new CopyObjectCommand({ Bucket: source, Key: 'cat.jpg', CopySource: `${source}/cat.jpg` })),
    );
    expect(refused).toMatchObject({ name: 'InvalidRequest', status: 400 });
  });

  it('answers NoSuchKey for a missing source and creates nothing', async () => {
    const { s3, source, target } = await twoBuckets();
    const missing = await errorOf(
      s3.send(new CopyObjectCommand({ Bucket: target, Key: 'dog.jpg', CopySource: `${source}/dog.jpg` })),
    );
    expect(missing).toMatchObject({ name: 'NoSuchKey', status: 404 });
    expect(Object.keys(sandbox().state.buckets[target]!.objects)).toEqual([]);
  });

  it('needs s3:GetObject on the source as well as s3:PutObject on the copy', async () => {
    const { source, target } = await twoBuckets();
    const user = await userWithPolicy('copier', [
      { Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::${target}/*` },
    ]);
    const denied = await errorOf(
      user.s3.send(new CopyObjectCommand({ Bucket: target, Key: 'cat.jpg', CopySource: `${source}/cat.jpg` })),
    );
    expect(denied).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(denied.message).toContain(`s3:GetObject on resource: "arn:aws:s3:::${source}/cat.jpg"`);
    expect(Object.keys(sandbox().state.buckets[target]!.objects)).toEqual([]);
  });
});
