/**
 * What `awscourse report` does with a run of its files, the same on the main thread and in the worker thread that
 * reads beside it (report-worker.ts): each a function of the files and a context, both plain data, whose result
 * crosses between the threads as a structured clone. The tidy CSV and the statements come as UTF-8 bytes, handed
 * over rather than copied, so that the main thread only has to write them, in order, with what a learner's files
 * repeat written once.
 */
import { jsonArrayItem, jsonArraySeparator } from '../lib/json-array-pieces';
import { utf8Builder } from '../lib/utf8-builder';
import { groupText, tidyGroupsOfRecord } from '../progress/class-csv';
import { courseSource } from '../progress/course-source';
import { firstOfEachKey, type RecordOwner } from '../progress/record-owners';
import { statementsOfRecord } from '../progress/record-statements';
import { type ListedFile, readEach, summarizeFiles } from './report-sources';

/** Text made from a run of files: what it holds (CSV rows, statements) counted, and keyed if it may be repeated. */
interface TextPiece {
  text: string;
  count: number;
  /** Set on what a learner of several files may have in another file too: only its first piece is written. */
  key?: string;
}

/** A piece of text as the main thread writes it: UTF-8 bytes in a buffer of their own, which a thread can hand over. */
export type BytesPiece = Omit<TextPiece, 'text'> & { bytes: Uint8Array };

/** The records of the files, each with its learner; a file skipped, or of no learner of the class, is left out. */
function* ownedRecords(files: ListedFile[], owners: Map<string, RecordOwner>) {
  for (const entry of readEach(files)) {
    if ('skipped' in entry) continue;
    const owner = owners.get(entry.progress.learner.id);
    if (owner) yield { progress: entry.progress, owner };
  }
}

const utf8 = new TextEncoder();

/** Pieces joined by `joiner` into bytes as they come, those with a key kept apart. */
function joinedPieces(pieces: Iterable<TextPiece>, joiner: string): BytesPiece[] {
  const joined: BytesPiece[] = [];
  const built = utf8Builder();
  let count = 0;
  const flush = () => {
    if (!built.isEmpty()) joined.push({ bytes: built.take(), count });
    count = 0;
  };
  for (const { text, ...piece } of pieces) {
    if (piece.key === undefined) {
      if (!built.isEmpty()) built.append(joiner);
      built.append(text);
      count += piece.count;
      continue;
    }
    flush();
    joined.push({ bytes: utf8.encode(text), ...piece });
  }
  flush();
  return joined;
}

/** The tidy CSV rows of the files' records. */
function tidyRows(files: ListedFile[], owners: Map<string, RecordOwner>): BytesPiece[] {
  function* pieces(): Generator<TextPiece> {
    for (const { progress, owner } of ownedRecords(files, owners))
      for (const group of tidyGroupsOfRecord(progress, owner))
        yield { text: groupText(group), count: group.rows.length, ...(group.key ? { key: group.key } : {}) };
  }
  return joinedPieces(pieces(), '');
}

/** The statements of the files' records, each as the items of a JSON array. */
function statementItems(
  files: ListedFile[],
  { owners, siteUrl }: { owners: Map<string, RecordOwner>; siteUrl?: string },
): BytesPiece[] {
  const source = courseSource({ siteUrl });
  function* pieces(): Generator<TextPiece> {
    for (const { progress, owner } of ownedRecords(files, owners))
      for (const { statement, key } of statementsOfRecord(progress, owner, source))
        yield { text: jsonArrayItem(statement), count: 1, ...(key ? { key } : {}) };
  }
  return joinedPieces(pieces(), jsonArraySeparator);
}

/** The tasks, by the name a worker is given. */
export const reportTasks = {
  summarize: (files: ListedFile[], _context: undefined) => summarizeFiles(files),
  tidyRows,
  statementItems,
};

/** A task's name. */
export type ReportTaskName = keyof typeof reportTasks;

/** What a task is given besides the files. */
export type ReportTaskContext<K extends ReportTaskName> = Parameters<(typeof reportTasks)[K]>[1];

/** What a task gives for a run of files. */
export type ReportTaskResult<K extends ReportTaskName> = ReturnType<(typeof reportTasks)[K]>;

/**
 * The bytes of runs of pieces, in order, each keyed piece the first time only; `counted` is told what each kept
 * piece holds.
 */
export async function* uniquePieces(
  runs: AsyncIterable<BytesPiece[]>,
  counted: (count: number) => void,
): AsyncGenerator<Uint8Array> {
  const once = firstOfEachKey();
  for await (const run of runs)
    for (const piece of run) {
      if (!once(piece.key)) continue;
      counted(piece.count);
      yield piece.bytes;
    }
}
