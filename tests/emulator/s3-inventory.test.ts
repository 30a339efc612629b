import {
  DeleteBucketInventoryConfigurationCommand,
  GetBucketInventoryConfigurationCommand,
  type InventoryConfiguration,
  ListBucketInventoryConfigurationsCommand,
  PutBucketInventoryConfigurationCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { bucketWithPhoto } from './s3-fixtures';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

function weekly(Id: string): InventoryConfiguration {
  return {
    Destination: { S3BucketDestination: { Bucket: 'arn:aws:s3:::reports-bucket', Format: 'CSV', Prefix: 'inv' } },
    IsEnabled: true,
    Filter: { Prefix: 'photos/' },
    Id,
    IncludedObjectVersions: 'Current',
    OptionalFields: ['Size', 'ETag'],
    Schedule: { Frequency: 'Weekly' },
  };
}

function put(s3: S3Client, bucket: string, configuration: InventoryConfiguration) {
  return s3.send(
    new PutBucketInventoryConfigurationCommand({
      Bucket: bucket,
      Id: configuration.Id,
      InventoryConfiguration: configuration,
    }),
  );
}

describe('S3 inventory configurations in the sandbox', () => {
  it('keeps a configuration PutBucketInventoryConfiguration sets, as it was put', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    await put(s3, bucket, weekly('weekly'));
    const got = await s3.send(new GetBucketInventoryConfigurationCommand({ Bucket: bucket, Id: 'weekly' }));
    expect(got.InventoryConfiguration).toEqual(weekly('weekly'));
  });

  it('lists every configuration of the bucket in order of id', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    await put(s3, bucket, weekly('b'));
    await put(s3, bucket, weekly('a'));
    const listed = await s3.send(new ListBucketInventoryConfigurationsCommand({ Bucket: bucket }));
    expect(listed.InventoryConfigurationList?.map((c) => c.Id)).toEqual(['a', 'b']);
    expect(listed.IsTruncated).toBe(false);
  });

  it('answers NoSuchConfiguration for an id it does not have, and after it is deleted', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const get = () => s3.send(new GetBucketInventoryConfigurationCommand({ Bucket: bucket, Id: 'weekly' }));
    expect(await errorOf(get())).toMatchObject({ name: 'NoSuchConfiguration', status: 404 });
    await put(s3, bucket, weekly('weekly'));
    await s3.send(new DeleteBucketInventoryConfigurationCommand({ Bucket: bucket, Id: 'weekly' }));
    expect(await errorOf(get())).toMatchObject({ name: 'NoSuchConfiguration', status: 404 });
  });

  it('refuses a configuration without a schedule with MalformedXML', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const { Schedule: _, ...withoutSchedule } = weekly('weekly');
    expect(await errorOf(put(s3, bucket, withoutSchedule as InventoryConfiguration))).toMatchObject({
      name: 'MalformedXML',
    });
  });
});
