import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/emulator/context';
import { heldBody } from '../../src/emulator/made-response';
import { serveInstanceMetadata } from '../../src/emulator/services/imds';
import { getBucketPolicy } from '../../src/emulator/services/s3-bucket-policy';
import { getBucketLocation } from '../../src/emulator/services/s3-buckets';
import { answerPreflight } from '../../src/emulator/services/s3-cors';
import type { BucketCall } from '../../src/emulator/services/s3-operation';
import { type Bucket, createSandboxState } from '../../src/emulator/state';

// The Node endpoint writes a body the answer holds whole as it is, without reading it back through a stream.
const bucket = {
  name: 'photos-bucket',
  region: 'eu-west-1',
  policy: '{"Version":"2012-10-17","Statement":[]}',
  cors: [{ AllowedOrigins: ['*'], AllowedMethods: ['GET'] }],
} as unknown as Bucket;
const call = { ctx: { requestId: 'request-1' } as ServiceContext, bucket } as BucketCall;

describe('answers a host writes as they are', () => {
  it('holds GetBucketPolicy’s policy text', () => {
    expect(heldBody(getBucketPolicy(call))).toBe(bucket.policy);
  });

  it('holds GetBucketLocation’s document', () => {
    expect(heldBody(getBucketLocation(call))).toContain('>eu-west-1</LocationConstraint>');
  });

  it('holds a CORS preflight’s empty body', () => {
    const preflight = new Request('http://localhost/photos-bucket', {
      method: 'OPTIONS',
      headers: { origin: 'https://example.com', 'access-control-request-method': 'GET' },
    });
    expect(heldBody(answerPreflight(bucket, preflight, 'request-1'))).toBeNull();
  });

  it('holds the metadata service’s text', () => {
    const url = new URL('http://169.254.169.254/latest/meta-data/');
    const { response } = serveInstanceMetadata(createSandboxState(), new Request(url), url, new Date());
    expect(heldBody(response)).toContain('no running instance');
  });
});
