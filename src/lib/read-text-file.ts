import { readFile, stat } from 'node:fs/promises';

/** A problem reading a file, in two parts: what is wrong, and what to do. */
export interface FileProblem {
  message: string;
  hint: string;
}

/** What {@link readTextFile} found: the text, no file at all, or a problem to show. */
export type TextFileRead = { text: string } | { absent: true } | { problem: FileProblem };

/**
 * Reads a UTF-8 text file the user may have edited: a byte order mark (which Windows editors add) is dropped, a
 * missing file is `absent`, and a folder where the file should be gets its own message rather than EISDIR.
 * `what` names the file for the user ("sandbox file").
 *
 * @example const read = await readTextFile(file, 'progress file');
 */
export async function readTextFile(file: string, what: string): Promise<TextFileRead> {
  const found = await stat(file).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : error));
  if (found === null) return { absent: true };
  if (found instanceof Error)
    return {
      problem: {
        message: `Cannot read the ${what} ${file} (${found.code ?? found.message}).`,
        hint: 'Check that the path is right and that you may read it.',
      },
    };
  if (found.isDirectory())
    return {
      problem: {
        message: `${file} is a folder, not a ${what}.`,
        hint: `Give the path of a file (it is created if missing), or move the folder away.`,
      },
    };
  const text = await readFile(file, 'utf8');
  return { text: text.startsWith('\uFEFF') ? text.slice(1) : text };
}
