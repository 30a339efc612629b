/**
 * A `.zip` of progress files, as an LMS gives an assignment's submissions for download: every `.json` entry in it
 * (in any folder, and in `.zip` entries inside it) becomes a source for the class report. Pure and synchronous on the
 * archive's bytes, so `awscourse report` and the Instructor page read archives alike.
 */
import { unzipSync } from 'fflate';
import { errorMessage } from '../lib/error-message';
import type { ProgressSource } from './class-progress';

/** A file or entry that is not read, with the reason an instructor is shown. */
export interface SkippedSource {
  name: string;
  skipped: string;
}

/** The largest entry read: a progress file is kilobytes; an entry this large is not one. */
export const largestEntryBytes = 64 * 1024 * 1024;

/** One decoder for every file: a class is thousands. */
const utf8 = new TextDecoder();

/** How deep archives inside archives are opened. */
const deepestArchive = 2;

const mebibytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

/** Whether bytes start as a zip archive does (a local file header, or the end record of an empty archive). */
export function isZipArchive(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && bytes[3] === bytes[2] + 1;
}

/** Entries the report never reads: folders, macOS's resource forks and hidden files. */
function isNoise(entry: string): boolean {
  const base = entry.split('/').at(-1) ?? '';
  return entry.endsWith('/') || entry.startsWith('__MACOSX/') || base.startsWith('.');
}

const kindOf = (entry: string) => {
  const lower = entry.toLowerCase();
  return lower.endsWith('.json') ? 'json' : lower.endsWith('.zip') ? 'zip' : undefined;
};

/**
 * The progress files in an archive, each named `ARCHIVE/ENTRY`, in the archive's order; an entry too large to be a
 * progress file, an archive that is damaged or holds no `.json` file, is a skipped source with its reason.
 */
export function sourcesOfArchive(name: string, bytes: Uint8Array, depth = 1): (ProgressSource | SkippedSource)[] {
  const tooLarge: SkippedSource[] = [];
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        if (isNoise(file.name) || !kindOf(file.name)) return false;
        if (kindOf(file.name) === 'zip' && depth >= deepestArchive) return false;
        if (file.originalSize <= largestEntryBytes) return true;
        tooLarge.push({
          name: `${name}/${file.name}`,
          skipped: `it is ${mebibytes(file.originalSize)}, too large to be a progress file`,
        });
        return false;
      },
    });
  } catch (error) {
    return [{ name, skipped: `it is not a zip archive, or it is damaged (${errorMessage(error)})` }];
  }
  const sources: (ProgressSource | SkippedSource)[] = Object.entries(entries).flatMap(([entry, content]) =>
    kindOf(entry) === 'zip'
      ? sourcesOfArchive(`${name}/${entry}`, content, depth + 1)
      : [{ name: `${name}/${entry}`, text: utf8.decode(content) }],
  );
  if (sources.length === 0 && tooLarge.length === 0) return [{ name, skipped: 'the archive has no .json file' }];
  return [...sources, ...tooLarge];
}

/**
 * The sources of a file given whole: the progress files of an archive (known by its first bytes, or by its name when
 * it is too damaged for those), or else its text.
 */
export function sourcesOfFileBytes(name: string, bytes: Uint8Array): (ProgressSource | SkippedSource)[] {
  if (isZipArchive(bytes) || name.toLowerCase().endsWith('.zip')) return sourcesOfArchive(name, bytes);
  return [{ name, text: utf8.decode(bytes) }];
}
