import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketLocationCommand,
  GetBucketPolicyStatusCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { describe, expect, it } from 'vitest';
import { sandboxRootKey } from '../../src/emulator/state';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

let clock = new Date('2026-11-25T10:00:00Z');
useSandbox(() => ({ now: () => clock }));

const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1, 2, 3, 4, 5]);

async function photosBucket(s3: S3Client, name = 'photos-bucket') {
  await s3.send(
    new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } }),
  );
  return name;
}

describe('S3 in the sandbox', () => {
  it('creates buckets in the signing region and reports it', async () => {
    const { s3 } = clientsFor();
    await photosBucket(s3);
    expect((await s3.send(new GetBucketLocationCommand({ Bucket: 'photos-bucket' }))).LocationConstraint).toBe(
      'us-west-2',
    );
    expect((await s3.send(new HeadBucketCommand({ Bucket: 'photos-bucket' }))).BucketRegion).toBe('us-west-2');
    const listed = (await s3.send(new ListBucketsCommand({}))).Buckets!;
    expect(listed.map((b) => b.Name)).toEqual(['photos-bucket']);
    expect(listed[0]!.CreationDate).toEqual(clock);
  });

  it('creates a bucket in the region its constraint names when the request goes to us-east-1, as AWS does', async () => {
    const { s3 } = clientsFor(sandboxRootKey, 'us-east-1');
    await s3.send(
      new CreateBucketCommand({
        Bucket: 'from-global',
        CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
      }),
    );
    const inIreland = clientsFor(sandboxRootKey, 'eu-west-1').s3;
    expect((await inIreland.send(new GetBucketLocationCommand({ Bucket: 'from-global' }))).LocationConstraint).toBe(
      'eu-west-1',
    );
  });

  it('refuses a bucket in an opt-in region the account has not enabled, and a region AWS does not have', async () => {
    const global = clientsFor(sandboxRootKey, 'us-east-1').s3;
    const create = (region: string) =>
      global.send(
        new CreateBucketCommand({
          Bucket: `in-${region}`,
          CreateBucketConfiguration: { LocationConstraint: region as never },
        }),
      );
    expect(await errorOf(create('af-south-1'))).toMatchObject({
      name: 'IllegalLocationConstraintException',
      status: 400,
      message:
        'The af-south-1 location constraint is incompatible for the region specific endpoint this request was sent to.',
    });
    expect(await errorOf(create('xx-nowhere-1'))).toMatchObject({ name: 'InvalidLocationConstraint', status: 400 });
  });

  it('refuses us-east-1 or an unknown region as the constraint of a request to another region as incompatible', async () => {
    const { s3 } = clientsFor(sandboxRootKey, 'us-west-2');
    for (const region of ['us-east-1', 'us-gov-east-2'])
      expect(
        await errorOf(
          s3.send(
            new CreateBucketCommand({
              Bucket: `to-${region}`,
              CreateBucketConfiguration: { LocationConstraint: region as never },
            }),
          ),
        ),
      ).toMatchObject({
        name: 'IllegalLocationConstraintException',
        message: `The ${region} location constraint is incompatible for the region specific endpoint this request was sent to.`,
      });
  });

  it('refuses us-east-1 named as the constraint of a request to us-east-1', async () => {
    const { s3 } = clientsFor(sandboxRootKey, 'us-east-1');
    const create = s3.send(
      new CreateBucketCommand({
        Bucket: 'named-east',
        CreateBucketConfiguration: { LocationConstraint: 'us-east-1' as never },
      }),
    );
    expect(await errorOf(create)).toMatchObject({ name: 'InvalidLocationConstraint', status: 400 });
  });

  it('refuses bad names, mismatched location constraints and taken names', async () => {
    const { s3 } = clientsFor();
    expect(await errorOf(s3.send(new CreateBucketCommand({ Bucket: 'Bad_Name' })))).toMatchObject({
      name: 'InvalidBucketName',
      status: 400,
    });
    expect(
      await errorOf(
        s3.send(
          new CreateBucketCommand({
            Bucket: 'other-region',
            CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
          }),
        ),
      ),
    ).toMatchObject({ name: 'IllegalLocationConstraintException' });
    await photosBucket(s3);
    expect(
      await errorOf(
        s3.send(
          new CreateBucketCommand({
            Bucket: 'photos-bucket',
            CreateBucketConfiguration: { LocationConstraint: 'us-west-2' },
          }),
        ),
      ),
    ).toMatchObject({ name: 'BucketAlreadyOwnedByYou', status: 409 });
    expect(await errorOf(s3.send(new HeadBucketCommand({ Bucket: 'missing-bucket' })))).toMatchObject({
      name: 'NotFound',
      status: 404,
    });
    expect(await errorOf(s3.send(new ListObjectsV2Command({ Bucket: 'missing-bucket' })))).toMatchObject({
      name: 'NoSuchBucket',
      status: 404,
    });
  });

  it('stores real bytes with content type, ETag and LastModified', async () => {
    const { s3 } = clientsFor();
    await photosBucket(s3);
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: 'photos-bucket',
        Key: 'photos/cat.jpg',
        Body: jpeg,
        ContentType: 'image/jpeg',
        Metadata: { owner: 'learner' },
      }),
    );
    expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'photos-bucket', Key: 'photos/cat.jpg' }));
    expect(got).toMatchObject({
      ContentType: 'image/jpeg',
      ContentLength: jpeg.length,
      ETag: put.ETag,
      Metadata: { owner: 'learner' },
    });
    expect(got.LastModified).toEqual(clock);
    expect(await got.Body!.transformToByteArray()).toEqual(jpeg);
    const ranged = await s3.send(
      new GetObjectCommand({ Bucket: 'photos-bucket', Key: 'photos/cat.jpg', Range: 'bytes=0-2' }),
    );
    expect(await ranged.Body!.transformToByteArray()).toEqual(jpeg.slice(0, 3));
    expect(
      (await s3.send(new HeadObjectCommand({ Bucket: 'photos-bucket', Key: 'photos/cat.jpg' }))).ContentLength,
    ).toBe(jpeg.length);
    expect(await errorOf(s3.send(new GetObjectCommand({ Bucket: 'photos-bucket', Key: 'missing.jpg' })))).toMatchObject(
      { name: 'NoSuchKey', status: 404 },
    );
    expect(
      await errorOf(s3.send(new HeadObjectCommand({ Bucket: 'photos-bucket', Key: 'missing.jpg' }))),
    ).toMatchObject({ name: 'NotFound', status: 404 });
  });

  it('checks the flexible checksum an upload sends, and echoes it back', async () => {
    const { s3 } = clientsFor();
    await photosBucket(s3);
    const put = await s3.send(
      new PutObjectCommand({ Bucket: 'photos-bucket', Key: 'cat.jpg', Body: jpeg, ChecksumAlgorithm: 'CRC32' }),
    );
    expect(put.ChecksumCRC32).toMatch(/^[A-Za-z0-9+/]{6}==$/);
    const wrong = await errorOf(
      s3.send(new PutObjectCommand({ Bucket: 'photos-bucket', Key: 'dog.jpg', Body: jpeg, ChecksumCRC32: 'AAAAAA==' })),
    );
    expect(wrong).toMatchObject({ name: 'BadDigest', status: 400 });
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'photos-bucket' }));
    expect(listed.Contents!.map((o) => [o.Key, o.ChecksumAlgorithm])).toEqual([['cat.jpg', ['CRC32']]]);
  });

  it('lists with prefix, delimiter and pagination in both list versions', async () => {
    const { s3 } = clientsFor();
    await photosBucket(s3);
    for (const key of ['photos/a.jpg', 'photos/b.jpg', 'photos/c.jpg', 'photos/2024/d.jpg', 'readme.txt']) {
      await s3.send(new PutObjectCommand({ Bucket: 'photos-bucket', Key: key, Body: key }));
    }
    const prefixed = await s3.send(
      new ListObjectsV2Command({ Bucket: 'photos-bucket', Prefix: 'photos/', Delimiter: '/' }),
    );
    expect(prefixed.Contents!.map((o) => o.Key)).toEqual(['photos/a.jpg', 'photos/b.jpg', 'photos/c.jpg']);
    expect(prefixed.CommonPrefixes).toEqual([{ Prefix: 'photos/2024/' }]);
    expect(prefixed.KeyCount).toBe(4);
    const pages: string[][] = [];
    for await (const page of paginateListObjectsV2({ client: s3, pageSize: 2 }, { Bucket: 'photos-bucket' }))
      pages.push(page.Contents!.map((o) => o.Key!));
    expect(pages).toEqual([['photos/2024/d.jpg', 'photos/a.jpg'], ['photos/b.jpg', 'photos/c.jpg'], ['readme.txt']]);
    const v1 = await s3.send(new ListObjectsCommand({ Bucket: 'photos-bucket', MaxKeys: 2 }));
    expect(v1.IsTruncated).toBe(true);
    expect(v1.Contents!.map((o) => o.Key)).toEqual(['photos/2024/d.jpg', 'photos/a.jpg']);
    const rest = await s3.send(new ListObjectsCommand({ Bucket: 'photos-bucket', Marker: 'photos/a.jpg' }));
    expect(rest.Contents!.map((o) => o.Key)).toEqual(['photos/b.jpg', 'photos/c.jpg', 'readme.txt']);
    expect(v1.Contents![0]!.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
  });

  it('deletes objects one by one and in batches, and a bucket only when empty', async () => {
    const { s3 } = clientsFor();
    await photosBucket(s3);
    for (const key of ['a', 'b', 'c'])
      await s3.send(new PutObjectCommand({ Bucket: 'photos-bucket', Key: key, Body: key }));
    expect(await errorOf(s3.send(new DeleteBucketCommand({ Bucket: 'photos-bucket' })))).toMatchObject({
      name: 'BucketNotEmpty',
      status: 409,
    });
    await s3.send(new DeleteObjectCommand({ Bucket: 'photos-bucket', Key: 'a' }));
    const batch = await s3.send(
      new DeleteObjectsCommand({ Bucket: 'photos-bucket', Delete: { Objects: [{ Key: 'b' }, { Key: 'c' }] } }),
    );
    expect(batch.Deleted!.map((d) => d.Key)).toEqual(['b', 'c']);
    await s3.send(new DeleteBucketCommand({ Bucket: 'photos-bucket' }));
    expect((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).toEqual([]);
  });

  it('deletes in a batch a key made of spaces, as the body names it', async () => {
    const { s3 } = clientsFor();
    await photosBucket(s3);
    await s3.send(new PutObjectCommand({ Bucket: 'photos-bucket', Key: ' ', Body: '' }));
    const batch = await s3.send(
      new DeleteObjectsCommand({ Bucket: 'photos-bucket', Delete: { Objects: [{ Key: ' ' }] } }),
    );
    expect(batch.Deleted!.map((d) => d.Key)).toEqual([' ']);
    expect((await s3.send(new ListObjectsV2Command({ Bucket: 'photos-bucket' }))).KeyCount).toBe(0);
  });

  it('turns Block Public Access on for new buckets and refuses public policies while it is on', async () => {
    const { s3 } = clientsFor();
    await photosBucket(s3);
    expect(
      (await s3.send(new GetPublicAccessBlockCommand({ Bucket: 'photos-bucket' }))).PublicAccessBlockConfiguration,
    ).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    const publicPolicy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos-bucket/*' },
      ],
    });
    const refused = await errorOf(
      s3.send(new PutBucketPolicyCommand({ Bucket: 'photos-bucket', Policy: publicPolicy })),
    );
    expect(refused).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(refused.message).toContain('BlockPublicPolicy');
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: 'photos-bucket',
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: false,
          RestrictPublicBuckets: false,
        },
      }),
    );
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'photos-bucket', Policy: publicPolicy }));
    expect((await s3.send(new GetBucketPolicyStatusCommand({ Bucket: 'photos-bucket' }))).PolicyStatus?.IsPublic).toBe(
      true,
    );
  });

  it('refuses an unsigned GET of a private object and serves one once a public policy allows it', async () => {
    const { s3 } = clientsFor();
    await photosBucket(s3);
    await s3.send(
      new PutObjectCommand({ Bucket: 'photos-bucket', Key: 'cat.jpg', Body: jpeg, ContentType: 'image/jpeg' }),
    );
    const url = 'https://photos-bucket.s3.us-west-2.amazonaws.com/cat.jpg';
    const refused = await fetch(url);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('<Code>AccessDenied</Code>');
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: 'photos-bucket',
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: false,
          RestrictPublicBuckets: false,
        },
      }),
    );
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: 'photos-bucket',
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos-bucket/*' },
          ],
        }),
      }),
    );
    const served = await fetch(url);
    expect(served.status).toBe(200);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(jpeg);
  });

  it('serves a presigned GET until it expires, then answers AccessDenied', async () => {
    const { s3 } = clientsFor();
    await photosBucket(s3);
    await s3.send(
      new PutObjectCommand({ Bucket: 'photos-bucket', Key: 'photos/cat.jpg', Body: jpeg, ContentType: 'image/jpeg' }),
    );
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'photos-bucket', Key: 'photos/cat.jpg' }), {
      expiresIn: 300,
      signingDate: clock,
    });
    expect(url).toContain('X-Amz-Signature=');
    const served = await fetch(url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(jpeg);

    clock = new Date(clock.getTime() + 301_000);
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    const body = await expired.text();
    expect(body).toContain('<Code>AccessDenied</Code>');
    expect(body).toContain('<Message>Request has expired</Message>');
    expect(body).toContain('<X-Amz-Expires>300</X-Amz-Expires>');
    clock = new Date('2026-11-25T10:00:00Z');
  });

  it('refuses a presigned URL whose signature was tampered with', async () => {
    const { s3 } = clientsFor();
    await photosBucket(s3);
    await s3.send(new PutObjectCommand({ Bucket: 'photos-bucket', Key: 'cat.jpg', Body: jpeg }));
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'photos-bucket', Key: 'cat.jpg' }), {
      expiresIn: 300,
      signingDate: clock,
    });
    const otherKey = url.replace('cat.jpg', 'dog.jpg');
    const response = await fetch(otherKey);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('redirects a request signed for the wrong region to the bucket region', async () => {
    await photosBucket(clientsFor().s3);
    const east = new S3Client({ region: 'us-east-1', credentials: sandboxRootKey, maxAttempts: 1 });
    const error = await errorOf(east.send(new ListObjectsV2Command({ Bucket: 'photos-bucket' })));
    expect(error.status).toBe(301);
    const following = new S3Client({ region: 'us-east-1', credentials: sandboxRootKey, followRegionRedirects: true });
    expect((await following.send(new ListObjectsV2Command({ Bucket: 'photos-bucket' }))).KeyCount).toBe(0);
  });
});
