import {
  GetBucketAclCommand,
  GetObjectAclCommand,
  ListBucketsCommand,
  PutBucketAclCommand,
  PutObjectAclCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { bucketWithPhoto, jpeg, readObject } from './s3-fixtures';
import { clientsFor, useSandbox } from './sandbox-clients';

const sandbox = useSandbox();

const aclsNotSupported = {
  name: 'AccessControlListNotSupported',
  status: 400,
  message: 'The bucket does not allow ACLs',
};

describe('S3 ACLs in the sandbox (bucket owner enforced)', () => {
  it('refuses a public-read object ACL and keeps the object as it was', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const refused = await errorOf(
      s3.send(new PutObjectAclCommand({ Bucket: bucket, Key: 'cat.jpg', ACL: 'public-read' })),
    );
    expect(refused).toMatchObject(aclsNotSupported);
    expect(await readObject(s3, bucket, 'cat.jpg')).toEqual({ bytes: jpeg, contentType: 'image/jpeg' });
  });

  it("accepts bucket-owner-full-control on an object and keeps the object's bytes", async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    await s3.send(new PutObjectAclCommand({ Bucket: bucket, Key: 'cat.jpg', ACL: 'bucket-owner-full-control' }));
    expect(await readObject(s3, bucket, 'cat.jpg')).toEqual({ bytes: jpeg, contentType: 'image/jpeg' });
  });

  it('refuses the private canned ACL, which S3 refuses once ACLs are disabled', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    expect(
      await errorOf(s3.send(new PutObjectAclCommand({ Bucket: bucket, Key: 'cat.jpg', ACL: 'private' }))),
    ).toMatchObject(aclsNotSupported);
  });

  it('answers NoSuchKey for an ACL on a missing object and does not create it', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const missing = await errorOf(
      s3.send(new PutObjectAclCommand({ Bucket: bucket, Key: 'dog.jpg', ACL: 'bucket-owner-full-control' })),
    );
    expect(missing).toMatchObject({ name: 'NoSuchKey', status: 404 });
    expect(Object.keys(sandbox().state.buckets[bucket]!.objects)).toEqual(['cat.jpg']);
  });

  it("answers an object's ACL as the owner's FULL_CONTROL grant, not the object's bytes", async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const owner = (await s3.send(new ListBucketsCommand({}))).Owner!;
    const acl = await s3.send(new GetObjectAclCommand({ Bucket: bucket, Key: 'cat.jpg' }));
    expect(acl.Owner?.ID).toBe(owner.ID);
    expect(acl.Grants).toEqual([
      { Grantee: { ID: owner.ID, DisplayName: owner.DisplayName, Type: 'CanonicalUser' }, Permission: 'FULL_CONTROL' },
    ]);
  });

  it("answers a bucket's ACL as the owner's FULL_CONTROL grant", async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const owner = (await s3.send(new ListBucketsCommand({}))).Owner!;
    const acl = await s3.send(new GetBucketAclCommand({ Bucket: bucket }));
    expect(acl.Grants).toEqual([
      { Grantee: { ID: owner.ID, DisplayName: owner.DisplayName, Type: 'CanonicalUser' }, Permission: 'FULL_CONTROL' },
    ]);
  });

  it('refuses a public-read bucket ACL', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    expect(await errorOf(s3.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'public-read' })))).toMatchObject(
      aclsNotSupported,
    );
  });

  it('accepts an ACL document that grants only the owner full control, and refuses one granting everyone', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const owner = (await s3.send(new ListBucketsCommand({}))).Owner!;
    const ownerGrant = {
      Grantee: { ID: owner.ID, Type: 'CanonicalUser' as const },
      Permission: 'FULL_CONTROL' as const,
    };
    await s3.send(
      new PutObjectAclCommand({
        Bucket: bucket,
        Key: 'cat.jpg',
        AccessControlPolicy: { Owner: owner, Grants: [ownerGrant] },
      }),
    );
    const everyone = {
      Grantee: { URI: 'http://acs.amazonaws.com/groups/global/AllUsers', Type: 'Group' as const },
      Permission: 'READ' as const,
    };
    const refused = await errorOf(
      s3.send(
        new PutObjectAclCommand({
          Bucket: bucket,
          Key: 'cat.jpg',
          AccessControlPolicy: { Owner: owner, Grants: [ownerGrant, everyone] },
        }),
      ),
    );
    expect(refused).toMatchObject(aclsNotSupported);
  });

  it('refuses an upload that sets a public-read ACL, storing nothing', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const refused = await errorOf(
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'dog.jpg', Body: jpeg, ACL: 'public-read' })),
    );
    expect(refused).toMatchObject(aclsNotSupported);
    expect(Object.keys(sandbox().state.buckets[bucket]!.objects)).toEqual(['cat.jpg']);
  });
});
