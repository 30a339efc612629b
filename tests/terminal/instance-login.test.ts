import { describe, expect, it } from 'vitest';
import { amazonLinuxImageId, imagesOf } from '../../src/emulator/services/ec2-images';
import { defaultUserOf } from '../../src/terminal/instance-login';

describe('defaultUserOf: the user an image lets in over ssh', () => {
  it('is ec2-user on the Amazon Linux 2023 images the sandbox offers', () => {
    expect(imagesOf('us-west-2').map(defaultUserOf)).toEqual(['ec2-user', 'ec2-user']);
  });

  it('is ubuntu on an Ubuntu image', () => {
    expect(defaultUserOf({ name: 'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20250115' })).toBe(
      'ubuntu',
    );
  });

  it('is ec2-user for an image id, since every id the sandbox launches is Amazon Linux', () => {
    expect(defaultUserOf(amazonLinuxImageId('us-west-2', 'arm64'))).toBe('ec2-user');
  });
});
