import { describe, expect, it } from 'vitest';
import { awsTimestamp } from '../../src/lib/aws-timestamp';

describe('awsTimestamp', () => {
  const date = new Date('2026-12-02T22:27:50.123Z');

  it('prints UTC to the second, as IAM and S3 do', () => {
    expect(awsTimestamp(date)).toBe('2026-12-02T22:27:50Z');
  });

  it('keeps a zeroed fraction when asked, as EC2 does', () => {
    expect(awsTimestamp(date, { fraction: true })).toBe('2026-12-02T22:27:50.000Z');
  });
});
