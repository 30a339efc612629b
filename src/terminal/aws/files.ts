/** The files `aws` reads and writes (`file://`, `fileb://`, `s3 cp`, `~/.aws/config`), relative to the shell's cwd. */
export interface AwsFiles {
  /** The file's text, or `undefined` when there is no such file. */
  readText(path: string): Promise<string | undefined>;
  /** The file's bytes, or `undefined` when there is no such file. */
  readBytes(path: string): Promise<Uint8Array | undefined>;
  /** Creates or replaces the file (and its directories). */
  write(path: string, data: string | Uint8Array): Promise<void>;
  /** Whether a file (not a directory) is there. */
  exists(path: string): Promise<boolean>;
  /** Removes a file (`aws s3 mv` of a local file). */
  remove(path: string): Promise<void>;
  /** The files under a directory, recursively, as paths relative to it; `undefined` when it is not a directory. */
  list(directory: string): Promise<string[] | undefined>;
  /** A file's size and modification time (`aws s3 sync` compares them), or `undefined` when there is no file. */
  stat(path: string): Promise<{ size: number; modified: Date } | undefined>;
  /** Sets a file's modification time: a download takes its object's, so the next sync finds them equal. */
  setModified(path: string, modified: Date): Promise<void>;
}

/** A path with a leading `~` replaced by the home directory, as the CLI expands it. */
export function expandHome(path: string, env: Record<string, string | undefined>): string {
  const home = env.HOME ?? '/home/user';
  return path === '~' || path.startsWith('~/') ? home + path.slice(1) : path;
}
