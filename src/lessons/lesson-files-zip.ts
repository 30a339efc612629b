/**
 * A lesson's files as one `.zip`, for a learner who works in CloudShell or their own terminal rather than the lab
 * terminal: each file at the path the lab terminal gives it, in a folder named after the lesson, so that unzipping
 * it makes one folder and the lesson's commands (`file://vpc.yaml`, `cd examples/photo-gallery`) work inside it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import type { TerminalFile } from './terminal-file-schema';

/** Every entry's time: fixed, so that the same files always make the same archive, byte for byte. */
const entryTime = new Date('2026-01-01T00:00:00Z');

/** The folder a lesson's archive unpacks into: the lesson's own name, `exercise-3` for `week-1/exercise-3`. */
export const lessonFolder = (lessonId: string) => lessonId.split('/').at(-1) ?? lessonId;

/** The address of a lesson's archive on the site. */
export const lessonFilesZipPath = (lessonId: string) => `/files/${lessonId}.zip`;

/**
 * The archive of a lesson's files, read from the repository at `root` (sources under `examples/` and `public/`).
 *
 * @example lessonFilesZip('week-1/exercise-3', files, process.cwd()); // exercise-3/vpc.yaml, exercise-3/user-data.sh
 */
export function lessonFilesZip(
  lessonId: string,
  files: readonly TerminalFile[],
  root: string,
): Uint8Array<ArrayBuffer> {
  const folder = lessonFolder(lessonId);
  const entries: Zippable = {};
  for (const { path, source } of files) entries[`${folder}/${path}`] = readFileSync(join(root, source));
  // A copy in an ArrayBuffer of its own, as a Response's body must be.
  return new Uint8Array(zipSync(entries, { mtime: entryTime }));
}
