import { type FileHandle, open, readFile } from 'node:fs/promises';
import { parseSandboxState, serializeSandboxState } from './persistence';
import {
  bodiesOfSnapshot,
  type JournalBodies,
  journalContinues,
  journalFileOf,
  journalHeader,
  journalRecord,
  replayJournal,
} from './sandbox-journal';
import type { SandboxState } from './state';
import { groupCommit } from '../lib/group-commit';
import { type FileLock, lockFile } from '../lib/lock-file';
import { type FileProblem, readTextFile } from '../lib/read-text-file';
import { removeLeftoverTemporaries, writeFileDurably } from '../lib/write-file-durably';

/**
 * A sandbox file on disk, the one way Node reads and writes it (`awscourse emulator`, `awscourse check --offline`).
 * Saves are durable before they resolve, appended to a journal beside the file or rewriting it (temporary file,
 * fsync, rename, fsync of the folder; see {@link writeFileDurably}), created 0600, and grouped: changes made while a
 * save is in flight share the next one.
 * One emulator at a time may write a file, through a `FILE.lock` holding its process id.
 */

/** A sandbox file read: the state, no file yet, or what is wrong with it (the file is left as it is). */
export type SandboxFileRead = { state: SandboxState } | { absent: true } | { problem: FileProblem };

const leaveItHint = 'Move it away, or start afresh with "awscourse emulator --reset" (the old file is kept beside it).';

/** The journal's text, or none when there is no journal (an unreadable one is reported by the caller). */
async function readJournal(file: string): Promise<string | undefined> {
  return readFile(journalFileOf(file), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}

/**
 * Reads and validates a sandbox file, with the changes its journal holds that the emulator has not folded in yet.
 * Never throws for a missing, damaged or misplaced file.
 */
export async function readSandboxFile(file: string): Promise<SandboxFileRead> {
  // A running emulator may fold its journal into the file between the two reads: then read both again.
  for (let attempt = 0; ; attempt++) {
    const read = await readTextFile(file, 'sandbox file');
    if (!('text' in read)) return read;
    const parsed = parseSandboxState(read.text);
    if ('error' in parsed) return damaged(file, parsed.error);
    const journal = await readJournal(file).catch((error: NodeJS.ErrnoException) => error);
    if (journal instanceof Error) return damaged(journalFileOf(file), `Cannot read it (${journal.code}).`);
    if (journal === undefined) return parsed;
    if (!journalContinues(journal, read.text) && attempt < 2) continue;
    const replayed = replayJournal(parsed.state, read.text, journal);
    return 'state' in replayed ? { state: replayed.state } : damaged(journalFileOf(file), replayed.error);
  }
}

function damaged(file: string, error: string): { problem: FileProblem } {
  return { problem: { message: `${error} The file ${file} was not changed.`, hint: leaveItHint } };
}

/** When {@link sandboxFileSaver} folds its journal into the sandbox file. */
export interface SandboxFileSaverOptions {
  /** Quiet time after the last change before the journal is folded in, so the file alone is current (ms). */
  idleMs?: number;
  /** Journal size past which the next save folds it in rather than appending (bytes). */
  journalLimit?: number;
}

/** A sandbox file being written: `save` resolves once the state is durable; `close` folds the journal in. */
export interface SandboxFileSaver {
  save(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Saves the state `current()` returns to `file`, each save durable before it resolves. Saves called together share
 * one write (see {@link groupCommit}). The first save of a process, and any save once the journal has grown past
 * its limit, rewrites the file (temporary file, fsync, rename) and starts a fresh journal; the others append one
 * record to the journal and fsync it, so a change costs what it changed (its new S3 bodies) and not the whole file.
 * After {@link SandboxFileSaverOptions.idleMs} without changes, and on `close`, the journal is folded in, so a
 * browser loading the file, which does not read journals, gets every change.
 */
export function sandboxFileSaver(
  file: string,
  current: () => SandboxState,
  options: SandboxFileSaverOptions = {},
): SandboxFileSaver {
  const idleMs = options.idleMs ?? 250;
  const journalLimit = options.journalLimit ?? 4 * 1024 * 1024;
  let journal: FileHandle | undefined;
  let journalBytes = 0;
  let records = 0;
  let bodies: JournalBodies | undefined;
  let idle: ReturnType<typeof setTimeout> | undefined;

  const fold = async () => {
    const state = current();
    const text = serializeSandboxState(state);
    bodies = bodiesOfSnapshot(state, bodies);
    await journal?.close();
    journal = undefined;
    await writeFileDurably(file, text);
    const header = journalHeader(text);
    await writeFileDurably(journalFileOf(file), header);
    journal = await open(journalFileOf(file), 'a');
    journalBytes = header.length;
    records = 0;
  };
  const append = async () => {
    const line = journalRecord(current(), bodies!);
    try {
      await journal!.write(line);
      await journal!.datasync();
    } catch (error) {
      // A half-written line would hide the records after it: the next save starts a fresh journal.
      await journal?.close().catch(() => {});
      journal = undefined;
      throw error;
    }
    journalBytes += Buffer.byteLength(line);
    records++;
  };
  // No gathering delay: an append takes about a millisecond, and the writes that arrive during one share the next.
  const commit = groupCommit(() => (journal && journalBytes < journalLimit ? append() : fold()));
  const foldWhenIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      if (records > 0) void commitFold().catch(() => {});
    }, idleMs);
    idle.unref?.();
  };
  const commitFold = () => {
    journalBytes = Number.POSITIVE_INFINITY;
    return commit();
  };
  return {
    save: () =>
      commit().finally(() => {
        if (idleMs >= 0) foldWhenIdle();
      }),
    async close() {
      clearTimeout(idle);
      if (records > 0) await commitFold();
      await journal?.close();
      journal = undefined;
    },
  };
}

/**
 * Takes the file's writer lock, or says which process holds it and what to do. Holding it, clears the temporary
 * files of saves that a killed emulator left half-written.
 */
export async function lockSandboxFile(file: string): Promise<FileLock | { problem: FileProblem }> {
  const lock = await lockFile(file);
  if (!('holder' in lock)) {
    await removeLeftoverTemporaries(file);
    return lock;
  }
  return {
    problem: {
      message: `Another emulator (process ${lock.holder}) is using ${file}; two would overwrite each other's changes.`,
      hint:
        `Stop that one first, or pass --state with another file (or --memory). If process ${lock.holder} is not ` +
        `an emulator, delete ${lock.path}.`,
    },
  };
}
