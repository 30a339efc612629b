import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { md5Hex, portableMd5Hex } from '../../src/emulator/md5';

const text = (value: string) => new TextEncoder().encode(value);

describe('MD5', () => {
  it("gives RFC 1321's test-suite digests in plain JavaScript, as the browser computes them", () => {
    expect(portableMd5Hex(text(''))).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(portableMd5Hex(text('abc'))).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(portableMd5Hex(text('message digest'))).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    expect(portableMd5Hex(text('abcdefghijklmnopqrstuvwxyz'))).toBe('c3fcd3d76192e4007dfb496cca67e13b');
  });

  it("agrees with node:crypto in plain JavaScript at every length around a 64-byte block's edges", () => {
    for (let length = 0; length <= 130; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 131 + length) % 256);
      expect(portableMd5Hex(bytes)).toBe(createHash('md5').update(bytes).digest('hex'));
    }
  });

  it('gives the same digest in Node as in plain JavaScript', () => {
    const photo = Uint8Array.from({ length: 10 * 1024 }, (_, i) => i % 251);
    expect(md5Hex(photo)).toBe(portableMd5Hex(photo));
  });
});
