import {
  GetBucketOwnershipControlsCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  ListObjectsV2Command,
  PutBucketLifecycleConfigurationCommand,
  PutObjectRetentionCommand,
  PutObjectTaggingCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { describe, expect, it } from 'vitest';
import { s3Endpoint } from '../../src/emulator/services/s3';
import { errorOf } from './error-of';
import { userWithPolicy } from './policy-user';
import { bucketWithPhoto, jpeg, readObject } from './s3-fixtures';
import { clientsFor, useSandbox } from './sandbox-clients';
import { signedRequest } from './signed-request';

const sandbox = useSandbox();

const notImplemented = {
  name: 'NotImplemented',
  status: 501,
  message: 'A header you provided implies functionality that is not implemented',
};

/** Whether the endpoint takes a request as read-only, so the sandbox need not save after it. */
function readOnly(method: string, url: string): boolean {
  return s3Endpoint.isReadOnly({
    request: new Request(url, { method }),
    url: new URL(url),
    body: new Uint8Array(),
    regionKnown: true,
  });
}

describe('the S3 operations table', () => {
  it('authorizes a subresource by its own IAM action: no s3:PutObjectTagging, no tagging', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const user = await userWithPolicy('uploader', [
      { Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: `arn:aws:s3:::${bucket}/*` },
    ]);
    const denied = await errorOf(
      user.s3.send(
        new PutObjectTaggingCommand({
          Bucket: bucket,
          Key: 'cat.jpg',
          Tagging: { TagSet: [{ Key: 'a', Value: 'b' }] },
        }),
      ),
    );
    expect(denied).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(denied.message).toContain('s3:PutObjectTagging');
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'cat.jpg' }))).TagSet).toEqual([]);
    expect(await readObject(s3, bucket, 'cat.jpg')).toEqual({ bytes: jpeg, contentType: 'image/jpeg' });
  });

  it('lets a user with s3:PutObjectTagging tag the object', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const user = await userWithPolicy('tagger', [
      { Effect: 'Allow', Action: 's3:PutObjectTagging', Resource: `arn:aws:s3:::${bucket}/*` },
    ]);
    await user.s3.send(
      new PutObjectTaggingCommand({ Bucket: bucket, Key: 'cat.jpg', Tagging: { TagSet: [{ Key: 'a', Value: 'b' }] } }),
    );
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'cat.jpg' }))).TagSet).toHaveLength(1);
  });

  it('answers NotImplemented for a bucket configuration the sandbox does not keep, changing nothing', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const before = JSON.stringify(sandbox().state.buckets);
    const lifecycle = { Rules: [{ ID: 'expire', Status: 'Enabled' as const, Filter: {}, Expiration: { Days: 30 } }] };
    expect(
      await errorOf(
        s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: lifecycle })),
      ),
    ).toMatchObject(notImplemented);
    expect(JSON.stringify(sandbox().state.buckets)).toBe(before);
  });

  it('answers NotImplemented for an object subresource the sandbox does not keep, and the object stays', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const retention = { Mode: 'GOVERNANCE' as const, RetainUntilDate: new Date('2030-01-01T00:00:00Z') };
    expect(
      await errorOf(s3.send(new PutObjectRetentionCommand({ Bucket: bucket, Key: 'cat.jpg', Retention: retention }))),
    ).toMatchObject(notImplemented);
    expect(await readObject(s3, bucket, 'cat.jpg')).toEqual({ bytes: jpeg, contentType: 'image/jpeg' });
  });

  it('answers every bucket as bucket owner enforced', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const controls = await s3.send(new GetBucketOwnershipControlsCommand({ Bucket: bucket }));
    expect(controls.OwnershipControls?.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
  });

  it('answers versioning as never enabled', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status).toBeUndefined();
  });

  it("takes query parameters that are not subresources as the operation's own (ListObjectsV2's prefix)", async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'cat' }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['cat.jpg']);
  });

  it('serves a presigned GET with a response-content-type override as GetObject', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const command = new GetObjectCommand({ Bucket: bucket, Key: 'cat.jpg', ResponseContentType: 'text/plain' });
    const served = await fetch(await getSignedUrl(s3, command, { expiresIn: 60 }));
    expect(served.headers.get('content-type')).toBe('text/plain');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(jpeg);
  });

  it('answers MethodNotAllowed for a method S3 has no operation for on a subresource', async () => {
    const bucket = await bucketWithPhoto(clientsFor().s3);
    const url = `https://${bucket}.s3.us-west-2.amazonaws.com/?location`;
    const response = await sandbox().handle(await signedRequest({ method: 'PUT', url }));
    expect(response.status).toBe(405);
    expect(await response.text()).toContain('<Code>MethodNotAllowed</Code>');
  });

  it('takes SelectObjectContent, a POST, as a read and RestoreObject as a change', () => {
    const object = 'https://s3.us-west-2.amazonaws.com/photos-bucket/cat.jpg';
    expect([readOnly('POST', `${object}?select&select-type=2`), readOnly('POST', `${object}?restore`)]).toEqual([
      true,
      false,
    ]);
  });
});
