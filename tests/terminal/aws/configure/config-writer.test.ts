import { describe, expect, it } from 'vitest';
import { setIniValue } from '../../../../src/terminal/aws/configure/config-writer';

describe('setIniValue', () => {
  it('starts an empty file with the section', () => {
    expect(setIniValue('', 'profile edx', 'region', 'us-west-2')).toBe('[profile edx]\nregion = us-west-2\n');
  });

  it('appends a new section right after the last line, as the CLI does', () => {
    expect(setIniValue('[profile edx]\nregion = us-west-2\n', 'default', 'output', 'json')).toBe(
      '[profile edx]\nregion = us-west-2\n[default]\noutput = json\n',
    );
  });

  it('adds a key at the end of its section, before the next one', () => {
    expect(setIniValue('[a]\nx = 1\n\n[b]\ny = 2\n', 'a', 'z', '3')).toBe('[a]\nx = 1\nz = 3\n\n[b]\ny = 2\n');
  });

  it('replaces a key in place', () => {
    expect(setIniValue('[a]\nx = 1\ny = 2\n', 'a', 'x', '9')).toBe('[a]\nx = 9\ny = 2\n');
  });
});
