import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { lessonFilesZip, lessonFilesZipPath, lessonFolder } from '../../src/lessons/lesson-files-zip';

const root = join(import.meta.dirname, '../..');
const files = [
  { path: 'vpc.yaml', source: 'examples/exercise-3/vpc.yaml' },
  { path: 'photos/coffee.jpg', source: 'public/sample-photos/coffee.jpg' },
];

describe('lessonFilesZip', () => {
  it('holds each file at its lab path, in a folder named after the lesson, byte for byte', () => {
    const entries = unzipSync(lessonFilesZip('week-1/exercise-3', files, root));
    expect(Object.keys(entries).sort()).toEqual(['exercise-3/photos/coffee.jpg', 'exercise-3/vpc.yaml']);
    for (const { path, source } of files)
      expect(Buffer.from(entries[`exercise-3/${path}`]!).equals(readFileSync(join(root, source)))).toBe(true);
  });

  it('makes the same archive every time, so that a rebuild changes no byte', () => {
    expect(lessonFilesZip('week-1/exercise-3', files, root)).toEqual(lessonFilesZip('week-1/exercise-3', files, root));
  });

  it('names a file that is not in the repository', () => {
    expect(() => lessonFilesZip('week-1/x', [{ path: 'a', source: 'examples/missing.txt' }], root)).toThrow(
      /missing\.txt/,
    );
  });

  it('is at the lesson’s address under /files/', () => {
    expect(lessonFilesZipPath('week-2/exercise-5')).toBe('/files/week-2/exercise-5.zip');
    expect(lessonFolder('week-2/exercise-5')).toBe('exercise-5');
  });
});
