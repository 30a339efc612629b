import {
  CreateBucketCommand,
  GetBucketAccelerateConfigurationCommand,
  PutBucketAccelerateConfigurationCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { bucketWithPhoto } from './s3-fixtures';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

function accelerate(s3: S3Client, bucket: string, Status: string) {
  return s3.send(
    new PutBucketAccelerateConfigurationCommand({
      Bucket: bucket,
      AccelerateConfiguration: { Status: Status as 'Enabled' },
    }),
  );
}

async function accelerationOf(s3: S3Client, bucket: string) {
  return (await s3.send(new GetBucketAccelerateConfigurationCommand({ Bucket: bucket }))).Status;
}

describe('S3 Transfer Acceleration in the sandbox', () => {
  it('answers no state for a bucket never set', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    expect(await accelerationOf(s3, bucket)).toBeUndefined();
  });

  it('keeps the state PutBucketAccelerateConfiguration sets', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    await accelerate(s3, bucket, 'Enabled');
    expect(await accelerationOf(s3, bucket)).toBe('Enabled');
    await accelerate(s3, bucket, 'Suspended');
    expect(await accelerationOf(s3, bucket)).toBe('Suspended');
  });

  it('leaves a bucket never enabled without a state when it is suspended', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    await accelerate(s3, bucket, 'Suspended');
    expect(await accelerationOf(s3, bucket)).toBeUndefined();
  });

  it('refuses a status other than Enabled or Suspended with MalformedXML', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    expect(await errorOf(accelerate(s3, bucket, 'On'))).toMatchObject({ name: 'MalformedXML', status: 400 });
  });

  it('refuses a bucket whose name has periods with InvalidRequest', async () => {
    const { s3 } = clientsFor();
    const bucket = 'photos.example.com';
    await s3.send(
      new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } }),
    );
    expect(await errorOf(accelerate(s3, bucket, 'Enabled'))).toMatchObject({
      name: 'InvalidRequest',
      message: 'S3 Transfer Acceleration is not supported for buckets with periods (.) in their names',
    });
  });
});
