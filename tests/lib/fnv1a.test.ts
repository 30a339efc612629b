import { describe, expect, it } from 'vitest';
import { fnv1a32 } from '../../src/lib/fnv1a';

describe('fnv1a32', () => {
  it('gives FNV-1a 32 of a text from the standard offset basis', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('starts from another seed when given one', () => {
    expect(fnv1a32('a', 16777619)).not.toBe(fnv1a32('a'));
  });
});
