import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../src/emulator/base64';

const ascii = (text: string) => [...new TextEncoder().encode(text)];

describe('base64ToBytes', () => {
  it('reads back what bytesToBase64 wrote, at every length of a 3-byte group and for a 10 kB photo', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 10 * 1024]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37) % 256);
      expect([...base64ToBytes(bytesToBase64(bytes))]).toEqual([...bytes]);
    }
  });

  it('reads text without its padding, as atob does', () => {
    expect([...base64ToBytes('QUI')]).toEqual(ascii('AB'));
  });

  it('reads text broken into lines, as atob does', () => {
    expect([...base64ToBytes('QUJD\nREVG')]).toEqual(ascii('ABCDEF'));
  });

  it("refuses base64url's - and _, which atob does not read", () => {
    expect(() => base64ToBytes('ab-_')).toThrow();
  });

  it('refuses a character outside the alphabet in text of a whole number of groups', () => {
    expect(() => base64ToBytes('QU*D')).toThrow();
  });

  it('refuses padding inside the text', () => {
    expect(() => base64ToBytes('QQ==QUJD')).toThrow();
  });

  it('refuses text that is not base64', () => {
    expect(() => base64ToBytes('not base64!')).toThrow();
  });

  it('gives bytes of their own, whose buffer holds nothing else', () => {
    expect(base64ToBytes('QUJD').buffer.byteLength).toBe(3);
  });
});
