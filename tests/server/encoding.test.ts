import { describe, expect, it } from 'vitest';
import { chooseEncoding } from '../../src/server/encoding';

describe('chooseEncoding', () => {
  it("prefers brotli when a browser accepts both (Chromium's header)", () => {
    expect(chooseEncoding('gzip, deflate, br, zstd', ['br', 'gzip'])).toBe('br');
  });

  it('gives gzip to a client that does not accept brotli', () => {
    expect(chooseEncoding('gzip, deflate', ['br', 'gzip'])).toBe('gzip');
  });

  it('follows the q-values the client gives', () => {
    expect(chooseEncoding('br;q=0.5, gzip;q=1.0', ['br', 'gzip'])).toBe('gzip');
  });

  it('never sends an encoding the client refuses with q=0, even through *', () => {
    expect(chooseEncoding('*, br;q=0', ['br', 'gzip'])).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0', ['br', 'gzip'])).toBeUndefined();
  });

  it('sends the file as it is without Accept-Encoding, or when no copy the client accepts exists', () => {
    expect(chooseEncoding(null, ['br', 'gzip'])).toBeUndefined();
    expect(chooseEncoding('identity', ['br', 'gzip'])).toBeUndefined();
    expect(chooseEncoding('br', ['gzip'])).toBeUndefined();
  });

  it('reads codings case-insensitively and with spaces around the parameters', () => {
    expect(chooseEncoding('GZIP ; q=0.8, Br ; q=0.9', ['br', 'gzip'])).toBe('br');
  });
});
