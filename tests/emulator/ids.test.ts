import { describe, expect, it } from 'vitest';
import { s3HostId } from '../../src/emulator/ids';

describe('s3HostId', () => {
  it('is 48 bytes in base64, the shape of S3’s x-amz-id-2', () => {
    expect(s3HostId('0f8fad5b-d9cb-469f-a165-70867728950e')).toMatch(/^[A-Za-z0-9+/]{64}$/);
  });

  it('is the same for the same request id', () => {
    expect(s3HostId('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(s3HostId('0f8fad5b-d9cb-469f-a165-70867728950e'));
  });

  it('differs between request ids', () => {
    expect(s3HostId('0f8fad5b-d9cb-469f-a165-70867728950e')).not.toBe(s3HostId('7c9e6679-7425-40de-944b-e07fc1f90ae7'));
  });
});
