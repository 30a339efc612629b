import { describe, expect, it } from 'vitest';
import { commandsOfBlock } from '../../src/terminal/commands-of-block';

describe('commandsOfBlock', () => {
  it('types an sh block as it is, without its last line break', () => {
    expect(commandsOfBlock('sh', 'aws s3 ls \\\n  --region us-west-2\n')).toBe('aws s3 ls \\\n  --region us-west-2');
  });

  it('types only the $ lines of a console block, without the prompt', () => {
    expect(commandsOfBlock('console', '$ aws s3 ls\n2026-01-01 photos\n$ echo hi\nhi')).toBe('aws s3 ls\necho hi');
  });

  it('gives a script to save no button', () => {
    expect(commandsOfBlock('sh', '#!/bin/bash\ndnf install -y httpd')).toBeUndefined();
  });

  it('gives other languages no button', () => {
    expect(commandsOfBlock('python', 'print(1)')).toBeUndefined();
  });
});
