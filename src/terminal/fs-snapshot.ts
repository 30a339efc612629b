import { InMemoryFs, type IFileSystem } from 'just-bash';

/** One saved file, directory or link of the shell's filesystem: plain data, as IndexedDB stores it. */
export type SavedEntry =
  | { path: string; kind: 'directory'; mode: number }
  | { path: string; kind: 'file'; mode: number; content: Uint8Array; modified?: Date }
  | { path: string; kind: 'symlink'; mode: number; target: string };

/** What just-bash makes itself (devices, /proc, command stubs): never saved, since every shell has them. */
const generated = /^\/(?:dev|proc|bin|usr\/bin)(?:\/|$)/;

/** Every entry of the filesystem the learner could have made, parents before children. */
export async function snapshotFileSystem(fs: IFileSystem): Promise<SavedEntry[]> {
  const paths = fs
    .getAllPaths()
    .filter((path) => path !== '/' && !generated.test(path))
    .sort();
  return Promise.all(
    paths.map(async (path): Promise<SavedEntry> => {
      const stat = await fs.lstat(path);
      if (stat.isSymbolicLink) return { path, kind: 'symlink', mode: stat.mode, target: await fs.readlink(path) };
      if (stat.isDirectory) return { path, kind: 'directory', mode: stat.mode };
      return { path, kind: 'file', mode: stat.mode, content: await fs.readFileBuffer(path), modified: stat.mtime };
    }),
  );
}

/**
 * A filesystem holding the saved entries, with their modes (a key file's 400 survives a reload) and their files'
 * modification times (which `ls -l` shows and `aws s3 sync` compares; saves from before they were kept have none).
 */
export async function restoreFileSystem(entries: readonly SavedEntry[]): Promise<IFileSystem> {
  const fs = new InMemoryFs();
  for (const entry of entries) {
    if (entry.kind === 'directory') await fs.mkdir(entry.path, { recursive: true });
    else if (entry.kind === 'file') await fs.writeFile(entry.path, entry.content);
    else await fs.symlink(entry.target, entry.path);
    if (entry.kind !== 'symlink') await fs.chmod(entry.path, entry.mode);
    if (entry.kind === 'file' && entry.modified) await fs.utimes(entry.path, entry.modified, entry.modified);
  }
  return fs;
}
