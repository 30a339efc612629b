/**
 * The files `awscourse report` reads, and the two ways it reads them. First every file is read, checked and reduced
 * at once to the summary the table, the dashboard and the gradebook need, so that a class of thousands is never held
 * whole; then, for the outputs that need every check of every attempt (the tidy CSV, xAPI), the files are read and
 * checked again, one record at a time, each let go once its rows or statements are written.
 */
import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import {
  type ProgressSource,
  type ReadRecord,
  type ReadSummary,
  readSource,
  summarizeRead,
} from '../progress/class-progress';
import { type SkippedSource, sourcesOfFileBytes } from '../progress/progress-archive';
import type { RecordOwner } from '../progress/record-owners';

/** A class as the report's outputs are made from it. */
export interface ReportClass {
  /** The files listed, read again by the outputs that need every check of every attempt. */
  files: ListedFile[];
  /** Whose each record is: the learners' identities, as merged from their files. */
  owners: Map<string, RecordOwner>;
  /** The script of the worker thread that reads beside the main one (CliIo's `reportWorker`), if any. */
  worker?: URL;
}

/** A file the report reads: where it is, and its name as the user gave it. */
export interface ReportFile {
  path: string;
  name: string;
}

/** A file the report lists: one to read, or an argument that names nothing to read, skipped with why. */
export type ListedFile = ReportFile | SkippedSource;

/** Whether a file name is one the report reads in a folder: a progress file or an archive of them. */
const isReportFile = (name: string) => /\.(json|zip)$/i.test(name);

/** The .json and .zip files under a folder, in name order, deepest last. */
async function reportFilesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await reportFilesUnder(path)));
    else if (entry.isFile() && isReportFile(entry.name)) files.push(path);
  }
  return files;
}

/**
 * The files the arguments name (folders listed for their .json and .zip files), in order, with the arguments that
 * name nothing to read skipped with why. Listed once, so that both readings go through the same files.
 */
export async function reportFiles(paths: string[], cwd: string): Promise<ListedFile[]> {
  const listed: ListedFile[] = [];
  for (const given of paths) {
    const path = resolve(cwd, given);
    const found = await stat(path).catch(() => undefined);
    if (!found) {
      listed.push({ name: given, skipped: 'there is no such file or folder' });
      continue;
    }
    if (!found.isDirectory()) {
      listed.push({ path, name: given });
      continue;
    }
    const files = await reportFilesUnder(path);
    if (files.length === 0) listed.push({ name: given, skipped: 'the folder has no .json or .zip file' });
    // Named as the user gave it: the argument joined with the file's place in that folder.
    for (const file of files) listed.push({ path: file, name: join(given, relative(path, file)) });
  }
  return listed;
}

/**
 * One file's sources: its text, the progress files of an archive, or why it could not be read at all. Read
 * synchronously: a class is thousands of small files read one after another, with nothing else to run meanwhile, and
 * the promise API's open, stat, read and close cost five times as much as one synchronous read here.
 */
function sourcesOfFile({ path, name }: ReportFile): (ProgressSource | SkippedSource)[] {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return [{ name, skipped: `it cannot be read (${(error as NodeJS.ErrnoException).code})` }];
  }
  return sourcesOfFileBytes(name, bytes);
}

/** Each listed file read as a learner's progress (an archive as each of its progress files), or skipped with why. */
export function* readEach(listed: ListedFile[]): Generator<ReadRecord | SkippedSource> {
  for (const entry of listed) {
    if ('skipped' in entry) {
      yield entry;
      continue;
    }
    for (const source of sourcesOfFile(entry)) yield readSource(source);
  }
}

/** Listed files read, each kept only as its record's summary (or why it was skipped), each record let go at once. */
export function summarizeFiles(listed: ListedFile[]): (ReadSummary | SkippedSource)[] {
  const read: (ReadSummary | SkippedSource)[] = [];
  for (const entry of readEach(listed)) read.push(summarizeRead(entry));
  return read;
}

/**
 * The records of the listed files, read and checked again each time they are gone through, one file at a time: for
 * the tidy CSV and the statements, which need every check of every attempt. Files skipped before are skipped again.
 */
export function recordsOfFiles(listed: ListedFile[]): Iterable<ReadRecord> {
  return {
    *[Symbol.iterator]() {
      for (const entry of readEach(listed)) if ('progress' in entry) yield entry;
    },
  };
}
