import { describe, expect, it } from 'vitest';
import { isIncluded } from '../../../../src/terminal/aws/s3/path-filter';

describe('isIncluded', () => {
  it('takes every path when there is no filter', () => {
    expect(isIncluded('photos/a.jpg', [])).toBe(true);
  });

  it('lets * span folders, as the CLI’s patterns do', () => {
    expect(isIncluded('photos/sub/a.jpg', [{ kind: 'exclude', pattern: '*.jpg' }])).toBe(false);
  });

  it('lets the last matching filter decide', () => {
    const filters = [
      { kind: 'exclude', pattern: '*' },
      { kind: 'include', pattern: '*.txt' },
    ] as const;
    expect(isIncluded('notes.txt', filters)).toBe(true);
    expect(isIncluded('cat.jpg', filters)).toBe(false);
  });

  it('matches ? and character sets, and takes dots literally', () => {
    expect(isIncluded('a1.jpg', [{ kind: 'exclude', pattern: 'a?.jpg' }])).toBe(false);
    expect(isIncluded('a1.jpg', [{ kind: 'exclude', pattern: 'a[!0-9].jpg' }])).toBe(true);
    expect(isIncluded('a1xjpg', [{ kind: 'exclude', pattern: 'a1.jpg' }])).toBe(true);
  });
});
