import { describe, expect, it } from 'vitest';
import { redactCredentials, removedSecretText } from '../../src/progress/redact-credentials';

// AWS's documented example key pair: shaped like real credentials, and valid nowhere.
const accessKeyId = 'AKIAIOSFODNN7EXAMPLE';
const secretAccessKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('redactCredentials', () => {
  it('shows an access key id as its first and last four characters', () => {
    expect(redactCredentials(`Key ${accessKeyId} is active.`)).toBe('Key AKIA…MPLE is active.');
  });

  it('masks a temporary (ASIA) key id as well', () => {
    expect(redactCredentials('ASIAQWERTYUIOPASDFGH')).toBe('ASIA…DFGH');
  });

  it('removes a secret access key wherever it stands', () => {
    expect(redactCredentials(`secret=${secretAccessKey}; done`)).toBe(`secret=${removedSecretText}; done`);
    expect(redactCredentials(JSON.stringify({ secret: secretAccessKey }))).toBe(`{"secret":"${removedSecretText}"}`);
  });

  it('leaves a 40-character hex hash, such as a commit id, as it is', () => {
    const commit = '74afa9b0c0ffee1234567890abcdef1234567890';
    expect(redactCredentials(`checker version ${commit}`)).toBe(`checker version ${commit}`);
  });

  it('leaves runs that are longer or shorter than a secret', () => {
    const signature = 'a'.repeat(20) + 'B'.repeat(44);
    expect(redactCredentials(`${signature} ${'Q'.repeat(39)}`)).toBe(`${signature} ${'Q'.repeat(39)}`);
  });

  it('leaves ordinary messages unchanged', () => {
    const message = 'VPC vpc-0abc1234 (edx-build-aws-vpc) has the public subnet 10.0.1.0/24 in us-west-2a.';
    expect(redactCredentials(message)).toBe(message);
  });
});
