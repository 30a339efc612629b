import { describe, expect, it } from 'vitest';
import { closestName } from '../../src/lib/closest-name';

describe('closestName', () => {
  it('finds the name a short typo was meant to be', () => {
    expect(closestName('--ofline', ['--offline', '--region'])).toBe('--offline');
  });

  it('allows more edits in a long name', () => {
    expect(closestName('StringEqualsFoo', ['StringEquals', 'StringLike'])).toBe('StringEquals');
  });

  it('suggests nothing when no name is close, or there are none', () => {
    expect(closestName('Bananas', ['StringEquals', 'Null'])).toBeUndefined();
    expect(closestName('x', [])).toBeUndefined();
  });
});
