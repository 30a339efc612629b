import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/emulator/sandbox';
import { sandboxRequestHandler } from '../../src/emulator/sdk-handler';
import { sandboxRootKey } from '../../src/emulator/state';

describe('sandboxRequestHandler', () => {
  it('answers GetObject with a body the SDK can stream', async () => {
    const s3 = new S3Client({
      region: 'us-west-2',
      credentials: sandboxRootKey,
      requestHandler: sandboxRequestHandler(createSandbox()),
    });
    await s3.send(
      new CreateBucketCommand({
        Bucket: 'handler-bucket',
        CreateBucketConfiguration: { LocationConstraint: 'us-west-2' },
      }),
    );
    await s3.send(new PutObjectCommand({ Bucket: 'handler-bucket', Key: 'k', Body: 'hello' }));
    const object = await s3.send(new GetObjectCommand({ Bucket: 'handler-bucket', Key: 'k' }));
    expect(await object.Body?.transformToString()).toBe('hello');
  });
});
