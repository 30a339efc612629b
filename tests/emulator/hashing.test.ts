import { webcrypto } from 'node:crypto';
import * as nodeCrypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nodeHashing, webHashing } from '../../src/emulator/hashing';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe.each([
  ['node:crypto', nodeHashing(nodeCrypto)],
  ['WebCrypto', webHashing(webcrypto.subtle as SubtleCrypto)],
])('hashing through %s', (_, implementation) => {
  it('gives the SHA-256 of a string as UTF-8 hex (FIPS 180-2 "abc")', async () => {
    expect(await implementation.sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('gives the SHA-256 of bytes', async () => {
    expect(await implementation.sha256Hex(new Uint8Array())).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('gives the HMAC-SHA256 of RFC 4231 test case 2', async () => {
    const mac = await implementation.hmacSha256(new TextEncoder().encode('Jefe'), 'what do ya want for nothing?');
    expect(hex(mac)).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('gives the same HMAC as hex', async () => {
    expect(await implementation.hmacSha256Hex(new TextEncoder().encode('Jefe'), 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});
