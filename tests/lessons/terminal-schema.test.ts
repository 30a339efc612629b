import { describe, expect, it } from 'vitest';
import { terminalSchema } from '../../src/lessons/terminal-schema';

function problemsOf(terminal: unknown): string[] {
  const result = terminalSchema.safeParse(terminal);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('lesson terminal schema', () => {
  it('gives a terminal declared without files no files', () => {
    expect(terminalSchema.parse({})).toEqual({ files: [] });
  });

  it('accepts a file from examples/ placed in a folder of the home directory', () => {
    expect(problemsOf({ files: [{ path: 'lab/vpc.yaml', source: 'examples/exercise-3/vpc.yaml' }] })).toEqual([]);
  });

  it('refuses a path outside the home directory', () => {
    expect(problemsOf({ files: [{ path: '../etc/passwd', source: 'examples/a' }] })).toEqual([
      'files.0.path: give a path inside the home directory, like vpc.yaml or photos/cat.jpg',
    ]);
    expect(problemsOf({ files: [{ path: '/etc/passwd', source: 'examples/a' }] })).toHaveLength(1);
  });

  it('refuses a source outside examples/ and public/', () => {
    expect(problemsOf({ files: [{ path: 'a', source: 'src/emulator/state.ts' }] })).toEqual([
      'files.0.source: the source must be a file under examples/ or public/',
    ]);
  });

  it('refuses a source that climbs out of its folder', () => {
    expect(problemsOf({ files: [{ path: 'a', source: 'examples/../package.json' }] })).toEqual([
      'files.0.source: the source must be a plain path, without . or .. parts',
    ]);
  });

  it('refuses a field it does not know', () => {
    expect(problemsOf({ files: [], commands: ['ls'] })).toHaveLength(1);
  });
});
