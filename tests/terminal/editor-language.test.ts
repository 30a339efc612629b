import { describe, expect, it } from 'vitest';
import { indentOfLanguage, languageOfFile } from '../../src/terminal/editor-language';

describe('languageOfFile', () => {
  it('highlights CloudFormation templates as YAML, by either extension', () => {
    expect([languageOfFile('vpc.yaml'), languageOfFile('stack.YML')]).toEqual(['yaml', 'yaml']);
  });

  it('highlights policies as JSON', () => {
    expect(languageOfFile('policy.json')).toBe('json');
  });

  it('highlights the SDK scripts and the gallery app as Python, indented by four spaces', () => {
    expect(languageOfFile('gallery/app.py')).toBe('python');
    expect(indentOfLanguage[languageOfFile('ex4.py')]).toBe('    ');
    expect(indentOfLanguage[languageOfFile('vpc.yaml')]).toBe('  ');
  });

  it('shows shell scripts, names without an extension and dot files as plain text', () => {
    expect(['user-data.sh', 'notes', '.bashrc', 'dir.json/notes'].map(languageOfFile)).toEqual(Array(4).fill('plain'));
  });
});
