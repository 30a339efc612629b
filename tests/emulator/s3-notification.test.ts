import {
  GetBucketNotificationConfigurationCommand,
  type NotificationConfiguration,
  PutBucketNotificationConfigurationCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { bucketWithPhoto } from './s3-fixtures';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

const queueArn = 'arn:aws:sqs:us-west-2:123456789012:photo-uploads';

function put(s3: S3Client, bucket: string, configuration: NotificationConfiguration) {
  return s3.send(
    new PutBucketNotificationConfigurationCommand({ Bucket: bucket, NotificationConfiguration: configuration }),
  );
}

function getConfiguration(s3: S3Client, bucket: string) {
  return s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: bucket }));
}

describe('S3 event notification configuration in the sandbox', () => {
  it('keeps a queue configuration with its events and key filter, and gives it an id', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const filter = { Key: { FilterRules: [{ Name: 'prefix' as const, Value: 'photos/' }] } };
    await put(s3, bucket, {
      QueueConfigurations: [{ QueueArn: queueArn, Events: ['s3:ObjectCreated:*'], Filter: filter }],
    });
    const [queue] = (await getConfiguration(s3, bucket)).QueueConfigurations ?? [];
    expect(queue).toMatchObject({ QueueArn: queueArn, Events: ['s3:ObjectCreated:*'], Filter: filter });
    expect(queue?.Id).toMatch(/./);
  });

  it('removes every destination when an empty configuration is put', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    await put(s3, bucket, { QueueConfigurations: [{ QueueArn: queueArn, Events: ['s3:ObjectCreated:*'] }] });
    await put(s3, bucket, {});
    expect((await getConfiguration(s3, bucket)).QueueConfigurations).toBeUndefined();
  });

  it('refuses an ARN of another service than the destination with InvalidArgument', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const refused = await errorOf(
      put(s3, bucket, { TopicConfigurations: [{ TopicArn: queueArn, Events: ['s3:ObjectCreated:*'] }] }),
    );
    expect(refused).toMatchObject({ name: 'InvalidArgument', message: 'The ARN is not well formed' });
  });

  it("refuses a destination outside the bucket's region with InvalidArgument", async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const elsewhere = 'arn:aws:sqs:us-east-1:123456789012:photo-uploads';
    const refused = await errorOf(
      put(s3, bucket, { QueueConfigurations: [{ QueueArn: elsewhere, Events: ['s3:ObjectCreated:*'] }] }),
    );
    expect(refused).toMatchObject({
      name: 'InvalidArgument',
      message: 'The notification destination service region is not valid for the bucket location constraint',
    });
  });

  it('refuses an event S3 does not publish with InvalidArgument', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const refused = await errorOf(
      put(s3, bucket, { QueueConfigurations: [{ QueueArn: queueArn, Events: ['s3:ObjectUploaded' as never] }] }),
    );
    expect(refused).toMatchObject({ name: 'InvalidArgument', message: 'The event is not supported for notifications' });
  });
});
