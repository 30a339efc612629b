/**
 * The Instructor page's class, read and held away from the page (class-reader-worker.ts runs this in a Web Worker),
 * so that unzipping and reading thousands of files never freezes it. It is read as `awscourse report` reads a class
 * (report-sources.ts): each file's records checked and reduced at once to their summaries (progress-summary.ts), the
 * learners merged from those and the dashboard made from them; the files themselves are kept as the browser's handles
 * (a `File` holds no bytes in memory), and the tidy CSV, which needs every check of every attempt, reads them again,
 * one record at a time. The page is told plain data: counts while reading, the dashboard, and each CSV as a `Blob`.
 * Pure but for reading a file's bytes, which its host does, so that it runs in Node's tests too.
 */
import { classCsvTable, csvPieces } from './class-csv';
import type { ClassCsvOptions } from './class-csv-options';
import { type ClassDashboard, classDashboard } from './class-dashboard';
import {
  type ClassLearner,
  classLearners,
  type ProgressSource,
  type ReadRecord,
  type ReadSummary,
  readSource,
  summarizeRead,
} from './class-progress';
import { type SkippedSource, sourcesOfFileBytes } from './progress-archive';

/** What the page asks of the reader. To start over, the page ends the worker and starts another. */
export type ClassReaderRequest =
  /** Read these files into the class; a file given before is not read again. */
  | { type: 'add'; files: File[] }
  /** Make the class's CSV in this layout; `file` is the name it is saved under, told back with it. */
  | { type: 'csv'; file: string; options: ClassCsvOptions };

/** What the reader tells the page, in the order of the requests. */
export type ClassReaderAnswer =
  /** Files are being read: `read` of the `of` progress files in them so far (both 0 while they are opened). */
  | { type: 'reading'; read: number; of: number }
  /** The files given are read: the class's dashboard, as it is now. */
  | { type: 'class'; dashboard: ClassDashboard }
  /** The files given were all given before: the class is as it was. */
  | { type: 'unchanged' }
  /** A CSV asked for, made. */
  | { type: 'csv'; file: string; csv: Blob };

/** What the reader needs of where it runs. */
export interface ClassReaderHost {
  /** A file's bytes, read at once (`FileReaderSync` in a worker); throws when the file cannot be read. */
  readBytes: (file: File) => Uint8Array;
  /** Tells the page. */
  tell: (answer: ClassReaderAnswer) => void;
}

/** How often the page is told how far the reading has come, in files: a screen reader reads out each change. */
export const filesPerProgress = 1000;

/** What tells one file from another the instructor gives: choosing a file twice reads it once. */
export const fileKey = (file: File) => `${file.name}\n${file.size}\n${file.lastModified}`;

/** A file the instructor gave, and what was read in it. */
interface HeldFile {
  key: string;
  /** The browser's handle of the file, for reading it again. */
  file: File;
  /** Each progress file in it as its record's summary, or skipped with why. */
  read: (ReadSummary | SkippedSource)[];
}

/** A file's sources: its text, the progress files of an archive, or why it could not be read at all. */
function sourcesOfFile(file: File, readBytes: ClassReaderHost['readBytes']): (ProgressSource | SkippedSource)[] {
  let bytes: Uint8Array;
  try {
    bytes = readBytes(file);
  } catch {
    return [{ name: file.name, skipped: 'it cannot be read (a folder, or a file that was moved or changed)' }];
  }
  return sourcesOfFileBytes(file.name, bytes);
}

/** The files given, each once, that the class does not hold yet. */
function freshFiles(files: File[], held: HeldFile[]): File[] {
  const known = new Set(held.map((entry) => entry.key));
  return files.filter((file) => {
    const key = fileKey(file);
    if (known.has(key)) return false;
    known.add(key);
    return true;
  });
}

/**
 * The class's records, read again from its files each time they are gone through, one file at a time, as the tidy
 * CSV needs them (`recordsOfFiles` in report-sources.ts does the same for the report). A file that can no longer be
 * read, or whose record changed, adds no rows: its learner is not one the class knows.
 */
function recordsOfFiles(held: HeldFile[], readBytes: ClassReaderHost['readBytes']): Iterable<ReadRecord> {
  return {
    *[Symbol.iterator]() {
      for (const { file } of held)
        for (const source of sourcesOfFile(file, readBytes)) {
          const read = readSource(source);
          if ('progress' in read) yield read;
        }
    },
  };
}

/**
 * CSV text as a `Blob`, each piece handed to a `Blob` of its own as it is made, so that the worker never holds the
 * whole text: a tidy CSV of 10,000 learners is hundreds of MB, which the browser keeps outside the script's memory.
 */
function csvBlob(pieces: Iterable<string>): Blob {
  const parts: Blob[] = [];
  for (const piece of pieces) parts.push(new Blob([piece]));
  return new Blob(parts, { type: 'text/csv;charset=utf-8' });
}

/**
 * A reader of one class: a function that handles each of the page's requests in turn, telling the page as it goes.
 *
 * @example
 * const read = classReader({ readBytes, tell: (answer) => postMessage(answer) });
 * read({ type: 'add', files });
 */
export function classReader({ readBytes, tell }: ClassReaderHost): (request: ClassReaderRequest) => void {
  const held: HeldFile[] = [];
  let learners: ClassLearner[] = [];

  /** Reads the files not held yet, telling the count every {@link filesPerProgress}, then the new dashboard. */
  function add(files: File[]) {
    const fresh = freshFiles(files, held);
    if (fresh.length === 0) {
      tell({ type: 'unchanged' });
      return;
    }
    tell({ type: 'reading', read: 0, of: 0 });
    const given = fresh.map((file) => ({ file, sources: sourcesOfFile(file, readBytes) }));
    const of = given.reduce((sum, { sources }) => sum + sources.length, 0);
    let read = 0;
    for (const { file, sources } of given) {
      const entries = sources.map((source) => {
        read += 1;
        if (read % filesPerProgress === 0) tell({ type: 'reading', read, of });
        return summarizeRead(readSource(source));
      });
      held.push({ key: fileKey(file), file, read: entries });
    }
    const all = held.flatMap((entry) => entry.read);
    learners = classLearners(all.filter((entry) => 'progress' in entry));
    tell({
      type: 'class',
      dashboard: classDashboard(
        learners,
        all.filter((entry) => 'skipped' in entry),
      ),
    });
  }

  /** Makes a CSV of the class, the tidy one reading the files again. */
  function csv(file: string, options: ClassCsvOptions) {
    const table = classCsvTable({ learners, records: recordsOfFiles(held, readBytes) }, options);
    tell({ type: 'csv', file, csv: csvBlob(csvPieces(table)) });
  }

  return (request) => (request.type === 'add' ? add(request.files) : csv(request.file, request.options));
}
