import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { privateFileMode } from './write-file-durably';

/** A lock held on a file; `release` gives it up (and is safe to call twice). */
export interface FileLock {
  /** The lock file, `FILE.lock`. */
  readonly path: string;
  release(): Promise<void>;
}

/** Why a lock was not taken: another live process holds it. */
export interface FileLockProblem {
  /** The process holding it, as written in the lock file. */
  holder: number;
  /** The lock file. */
  path: string;
}

/** Options for {@link lockFile}. */
export interface LockFileOptions {
  /** How long to wait for another process to let go, in ms (default 0: answer at once). */
  waitMs?: number;
}

/** True while a process with this id runs (on this machine; a lock file is local). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(path: string): Promise<number | null> {
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === null) return null;
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) && pid > 0 ? pid : 0;
}

/**
 * Takes a lock on a dead process's lock file by renaming it aside (only one taker's rename succeeds); if what was
 * renamed turns out to be a live process's fresh lock, it is put back.
 */
async function takeOverStale(path: string, stalePid: number): Promise<void> {
  const aside = `${path}.stale-${process.pid}`;
  try {
    await rename(path, aside);
  } catch {
    return;
  }
  const renamed = await readHolder(aside);
  if (renamed !== stalePid && renamed && isRunning(renamed)) await link(aside, path).catch(() => {});
  await unlink(aside).catch(() => {});
}

/** One attempt: the lock, or the live process that holds it. */
async function tryLock(path: string): Promise<FileLock | FileLockProblem> {
  for (;;) {
    try {
      const handle = await open(path, 'wx', privateFileMode);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      let held = true;
      return {
        path,
        release: async () => {
          if (!held) return;
          held = false;
          await unlink(path).catch(() => {});
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readHolder(path);
    if (holder === null) continue;
    // An empty lock file is one being written this instant: report it as held, and a waiting caller tries again.
    if (holder === 0 || isRunning(holder)) return { holder, path };
    await takeOverStale(path, holder);
  }
}

/**
 * Locks `file` against other processes by creating `FILE.lock` exclusively, holding this process's id. A lock left
 * by a process that no longer runs is taken over. With `waitMs`, waits that long for a live holder to let go.
 * Resolves with the lock, or with the holder's pid when it was not taken. Throws only on file system errors.
 *
 * @example
 * const lock = await lockFile(progressFile, { waitMs: 10_000 });
 * if ('holder' in lock) return `${lock.path} is held by process ${lock.holder}`;
 */
export async function lockFile(file: string, options: LockFileOptions = {}): Promise<FileLock | FileLockProblem> {
  const path = `${file}.lock`;
  const deadline = Date.now() + (options.waitMs ?? 0);
  for (;;) {
    const attempt = await tryLock(path);
    if (!('holder' in attempt) || Date.now() >= deadline) return attempt;
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
  }
}
