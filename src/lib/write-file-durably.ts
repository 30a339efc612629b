import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Files that hold secrets or a learner's record: only their owner may read them. */
export const privateFileMode = 0o600;
/** The folder a private file is created in, when it has to be created. */
export const privateFolderMode = 0o700;

/** Flushes a folder's entries (a rename in it) to disk. Some systems cannot open a folder to sync it; they skip it. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Syncing a folder is not supported everywhere (Windows); the rename is then as durable as the system makes it.
  } finally {
    await handle.close();
  }
}

/** The temporary file a write of `file` goes through: hidden, beside it, named after it and the writer. */
function temporaryFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}-${randomUUID().slice(0, 8)}.tmp`);
}

/**
 * Deletes the temporary files that writes of `file` left behind when their process was killed mid-write. Call it
 * only while holding the file's lock, so no live writer's temporary file is taken. Resolves with how many went.
 */
export async function removeLeftoverTemporaries(file: string): Promise<number> {
  const prefix = `.${basename(file)}.`;
  const names = await readdir(dirname(file)).catch(() => []);
  const leftovers = names.filter((name) => name.startsWith(prefix) && name.endsWith('.tmp'));
  await Promise.all(leftovers.map((name) => unlink(join(dirname(file), name)).catch(() => {})));
  return leftovers.length;
}

/**
 * Replaces `file` with `data` so that a crash at any moment leaves either the old file or the new one, and once the
 * promise resolves the new one survives a power cut: a temporary file beside it is written and fsynced, renamed over
 * it, and the folder fsynced. The file is created 0600 (its folder 0700, if made), whatever mode the old one had.
 * `data` may come in pieces (an iterable of strings or bytes), for a file too large to hold in memory at once.
 *
 * @example await writeFileDurably('/home/me/.awscourse/sandbox.json', text);
 */
export async function writeFileDurably(
  file: string,
  data: string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
): Promise<void> {
  const folder = dirname(file);
  const temporary = temporaryFor(file);
  const handle = await open(temporary, 'wx', privateFileMode).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    // The folder is made on the first write only: a save per request must not pay for it every time.
    await mkdir(folder, { recursive: true, mode: privateFolderMode });
    return open(temporary, 'wx', privateFileMode);
  });
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temporary).catch(() => {});
    throw error;
  }
  await handle.close();
  await rename(temporary, file);
  await syncFolder(folder);
}
