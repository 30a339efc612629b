import { describe, expect, it } from 'vitest';
import { displayPath, joinPath } from '../../../../src/terminal/aws/s3/local-path';

describe('displayPath', () => {
  it('puts ./ before a file in the working directory, as the CLI prints it', () => {
    expect(displayPath('cat.jpg', '/home/learner')).toBe('./cat.jpg');
  });

  it('keeps a file under a directory relative without ./', () => {
    expect(displayPath('dir/sub/b.txt', '/home/learner')).toBe('dir/sub/b.txt');
  });

  it('reaches a file outside the working directory with ..', () => {
    expect(displayPath('/home/other/x.jpg', '/home/learner')).toBe('../other/x.jpg');
  });
});

describe('joinPath', () => {
  it('drops ./ segments and resolves ..', () => {
    expect(joinPath('./a/../b', 'c.txt')).toBe('b/c.txt');
  });
});
