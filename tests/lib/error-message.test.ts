import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../src/lib/error-message';

describe('errorMessage', () => {
  it("gives an Error's message", () => {
    expect(errorMessage(new TypeError('fetch failed'))).toBe('fetch failed');
  });

  it('gives a thrown string as it is', () => {
    expect(errorMessage('disk full')).toBe('disk full');
  });

  it('gives the fallback for anything else', () => {
    expect(errorMessage({ code: 1 }, 'parse error')).toBe('parse error');
    expect(errorMessage(undefined)).toBe('unknown error');
  });
});
