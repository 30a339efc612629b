import type { BigIntStats } from 'node:fs';
import { link, open, rename, stat, unlink } from 'node:fs/promises';
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

/**
 * Which lock file a path holds now: its inode and modification time. A lock released and another created in its
 * place differ, even when the system reuses the inode number.
 */
async function identityOf(path: string): Promise<string | null> {
  const found = await stat(path, { bigint: true }).catch(() => null);
  return found && identityOfStats(found);
}

function identityOfStats(stats: BigIntStats): string {
  return `${stats.ino}:${stats.mtimeNs}`;
}

/** A lock file as read: the pid in it (0 while it is being written) and which file it was. */
interface LockHolder {
  pid: number;
  identity: string;
}

async function readHolder(path: string): Promise<LockHolder | null> {
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return null;
  try {
    const [text, found] = await Promise.all([handle.readFile('utf8'), handle.stat({ bigint: true })]);
    const pid = Number.parseInt(text, 10);
    return { pid: Number.isInteger(pid) && pid > 0 ? pid : 0, identity: identityOfStats(found) };
  } finally {
    await handle.close();
  }
}

/**
 * Takes a lock on a dead process's lock file by renaming it aside (only one taker's rename succeeds). The holder's
 * pid was read from one file; by now another may be there: a holder that released its lock and exited, and a live
 * process that took the next one. So the file must still be the one read, before the rename and after it; a live
 * lock renamed by mistake is put back.
 */
async function takeOverStale(path: string, stale: LockHolder): Promise<void> {
  if ((await identityOf(path)) !== stale.identity) return;
  const aside = `${path}.stale-${process.pid}`;
  try {
    await rename(path, aside);
  } catch {
    return;
  }
  if ((await identityOf(aside)) !== stale.identity) await link(aside, path).catch(() => {});
  await unlink(aside).catch(() => {});
}

/** One attempt: the lock, or the live process that holds it. */
async function tryLock(path: string): Promise<FileLock | FileLockProblem> {
  for (;;) {
    try {
      const handle = await open(path, 'wx', privateFileMode);
      await handle.writeFile(`${process.pid}\n`);
      const mine = identityOfStats(await handle.stat({ bigint: true }));
      await handle.close();
      let held = true;
      return {
        path,
        release: async () => {
          if (!held) return;
          held = false;
          // Only this lock's own file: never one another process made after a mistaken takeover.
          if ((await identityOf(path)) === mine) await unlink(path).catch(() => {});
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readHolder(path);
    if (holder === null) continue;
    // An empty lock file is one being written this instant: report it as held, and a waiting caller tries again.
    if (holder.pid === 0 || isRunning(holder.pid)) return { holder: holder.pid, path };
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
