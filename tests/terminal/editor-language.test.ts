import { describe, expect, it } from 'vitest';
import { languageOfFile } from '../../src/terminal/editor-language';

describe('languageOfFile', () => {
  it('highlights CloudFormation templates as YAML, by either extension', () => {
    expect([languageOfFile('vpc.yaml'), languageOfFile('stack.YML')]).toEqual(['yaml', 'yaml']);
  });

  it('highlights policies as JSON', () => {
    expect(languageOfFile('policy.json')).toBe('json');
  });

  it('shows shell scripts, names without an extension and dot files as plain text', () => {
    expect(['user-data.sh', 'notes', '.bashrc', 'dir.json/notes'].map(languageOfFile)).toEqual(Array(4).fill('plain'));
  });
});
