import { describe, expect, it } from 'vitest';
import { isPlainObject } from '../../src/lib/is-plain-object';

describe('isPlainObject', () => {
  it('accepts an object literal', () => {
    expect(isPlainObject({ a: 1 })).toBe(true);
  });

  it('refuses arrays, null and primitives', () => {
    for (const value of [[], null, undefined, 'text', 3, true]) expect(isPlainObject(value)).toBe(false);
  });
});
