import type { IFileSystem } from 'just-bash';
import type { AwsFiles } from './aws/files';

/** The names under which a command reads its standard input instead of a file. */
const stdinNames = new Set(['-', '/dev/stdin']);

/**
 * The shell's virtual filesystem as `aws` sees it: paths relative to the shell's working directory, and `-` or
 * `/dev/stdin` read from the command's standard input (`file:///dev/stdin`, `s3 cp - s3://…`).
 */
export function shellAwsFiles(fs: IFileSystem, cwd: string, stdin: Uint8Array): AwsFiles {
  const resolve = (path: string) => fs.resolvePath(cwd, path);
  const readBytes = async (path: string) => {
    if (stdinNames.has(path)) return stdin;
    const resolved = resolve(path);
    const stat = await fs.stat(resolved).catch(() => undefined);
    return stat?.isFile ? fs.readFileBuffer(resolved) : undefined;
  };
  return {
    readBytes,
    readText: async (path) => {
      const bytes = await readBytes(path);
      return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
    },
    write: async (path, data) => {
      const resolved = resolve(path);
      const parent = resolved.slice(0, resolved.lastIndexOf('/')) || '/';
      await fs.mkdir(parent, { recursive: true });
      await fs.writeFile(resolved, data);
    },
    exists: async (path) => (await fs.stat(resolve(path)).catch(() => undefined))?.isFile === true,
    stat: async (path) => {
      const stat = await fs.stat(resolve(path)).catch(() => undefined);
      return stat?.isFile ? { size: stat.size, modified: stat.mtime } : undefined;
    },
    setModified: async (path, modified) => {
      await fs.utimes(resolve(path), modified, modified);
    },
    remove: async (path) => {
      await fs.rm(resolve(path));
    },
    list: async (directory) => {
      const root = resolve(directory);
      if (!(await fs.stat(root).catch(() => undefined))?.isDirectory) return undefined;
      const files: string[] = [];
      const walk = async (folder: string, prefix: string): Promise<void> => {
        for (const name of await fs.readdir(folder)) {
          const path = `${folder === '/' ? '' : folder}/${name}`;
          const stat = await fs.stat(path);
          if (stat.isDirectory) await walk(path, `${prefix}${name}/`);
          else if (stat.isFile) files.push(`${prefix}${name}`);
        }
      };
      await walk(root, '');
      return files.sort();
    },
  };
}
