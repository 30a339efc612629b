import { parseSandboxState, serializeSandboxState } from './persistence';
import type { SandboxState } from './state';
import { groupCommit } from '../lib/group-commit';
import { type FileLock, lockFile } from '../lib/lock-file';
import { type FileProblem, readTextFile } from '../lib/read-text-file';
import { removeLeftoverTemporaries, writeFileDurably } from '../lib/write-file-durably';

/**
 * A sandbox file on disk, the one way Node reads and writes it (`awscourse emulator`, `awscourse check --offline`).
 * Saves are durable before they resolve (temporary file, fsync, rename, fsync of the folder; see
 * {@link writeFileDurably}), created 0600, and grouped: changes made while a save is in flight share the next one.
 * One emulator at a time may write a file, through a `FILE.lock` holding its process id.
 */

/** A sandbox file read: the state, no file yet, or what is wrong with it (the file is left as it is). */
export type SandboxFileRead = { state: SandboxState } | { absent: true } | { problem: FileProblem };

/** Reads and validates a sandbox file. Never throws for a missing, damaged or misplaced file. */
export async function readSandboxFile(file: string): Promise<SandboxFileRead> {
  const read = await readTextFile(file, 'sandbox file');
  if (!('text' in read)) return read;
  const parsed = parseSandboxState(read.text);
  if ('state' in parsed) return parsed;
  return {
    problem: {
      message: `${parsed.error} The file ${file} was not changed.`,
      hint: 'Move it away, or start afresh with "awscourse emulator --reset" (the old file is kept beside it).',
    },
  };
}

/**
 * How long a save waits for other writers before it starts. Each save rewrites the whole file and fsyncs it, so the
 * writes that arrive together share one save; a learner's single command waits this much longer for its answer.
 */
export const saveGatherMs = 3;

/**
 * A function that saves the state `current()` returns to `file` and resolves once it is on disk; calls while a
 * save runs, or within {@link saveGatherMs} of the first, are answered by one save for all of them.
 */
export function sandboxFileSaver(file: string, current: () => SandboxState): () => Promise<void> {
  return groupCommit(() => writeFileDurably(file, serializeSandboxState(current())), { gatherMs: saveGatherMs });
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
