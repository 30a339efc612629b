import type { IFileSystem } from 'just-bash';

/** The part of Pyodide's (Emscripten's) filesystem the terminal uses. */
export interface PythonFs {
  mkdirTree(path: string): void;
  writeFile(path: string, data: Uint8Array): void;
  readFile(path: string): Uint8Array;
  readdir(path: string): string[];
  stat(path: string): { mode: number };
  isDir(mode: number): boolean;
  unlink(path: string): void;
  rmdir(path: string): void;
  analyzePath(path: string): { exists: boolean };
}

const under = (root: string) => (path: string) => path === root || path.startsWith(root === '/' ? '/' : `${root}/`);

/** Every file of Pyodide's filesystem under `root`, by path. */
function pythonFilesUnder(fs: PythonFs, root: string): string[] {
  if (!fs.analyzePath(root).exists) return [];
  if (!fs.isDir(fs.stat(root).mode)) return [root];
  return fs
    .readdir(root)
    .filter((name) => name !== '.' && name !== '..')
    .flatMap((name) => pythonFilesUnder(fs, `${root === '/' ? '' : root}/${name}`));
}

/** Empties a directory of Pyodide's filesystem, so that what the shell deleted is gone there too. */
function emptyPythonDirectory(fs: PythonFs, root: string): void {
  if (!fs.analyzePath(root).exists) return;
  for (const name of fs.readdir(root).filter((entry) => entry !== '.' && entry !== '..')) {
    const path = `${root}/${name}`;
    if (fs.isDir(fs.stat(path).mode)) {
      emptyPythonDirectory(fs, path);
      fs.rmdir(path);
    } else fs.unlink(path);
  }
}

/** The files a program started with, by path: what `copyFilesBack` compares the program's files to. */
export type CopiedFiles = Map<string, Uint8Array>;

/**
 * Copies the shell's files under `home` and `cwd` into Pyodide's filesystem at the same paths, replacing what an
 * earlier program left there, so that `open('photo.jpg')` reads what `ls` shows.
 */
export async function copyFilesIn(shell: IFileSystem, python: PythonFs, home: string, cwd: string) {
  const roots = under(home)(cwd) ? [home] : [home, cwd];
  const copied: CopiedFiles = new Map();
  for (const root of roots) {
    emptyPythonDirectory(python, root);
    python.mkdirTree(root);
  }
  const paths = shell.getAllPaths().filter((path) => roots.some((root) => under(root)(path)));
  for (const path of paths) {
    const stat = await shell.stat(path).catch(() => undefined);
    if (stat?.isDirectory) python.mkdirTree(path);
    if (!stat?.isFile) continue;
    const bytes = await shell.readFileBuffer(path);
    python.mkdirTree(path.slice(0, path.lastIndexOf('/')) || '/');
    python.writeFile(path, bytes);
    copied.set(path, bytes);
  }
  return copied;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

/** Writes back to the shell what the program wrote or deleted under `home`; files elsewhere stay the program's own. */
export async function copyFilesBack(shell: IFileSystem, python: PythonFs, home: string, copied: CopiedFiles) {
  const present = new Set(pythonFilesUnder(python, home));
  for (const path of present) {
    const bytes = python.readFile(path);
    const before = copied.get(path);
    if (before && sameBytes(before, bytes)) continue;
    await shell.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
    await shell.writeFile(path, bytes);
  }
  for (const path of copied.keys()) if (under(home)(path) && !present.has(path)) await shell.rm(path, { force: true });
}
