import type { IFileSystem } from 'just-bash';

/** A file of the lab's filesystem opened in the editor, with the way to write it back. */
export interface EditorFile {
  /** The name as the learner typed it, as the editor's label and messages show it. */
  name: string;
  /** The absolute path in the virtual filesystem. */
  path: string;
  /** What the file holds now: empty for a file that does not exist yet. */
  text: string;
  /** Whether the file does not exist yet (saving creates it). */
  isNew: boolean;
}

/** What saving did: whether the file now holds the text, and the status line that says so or why not. */
export interface SaveOutcome {
  saved: boolean;
  message: string;
}

/** A file open in the editor, as the page's editor sees it: what to show, and how to save it. */
export interface EditorSession {
  file: EditorFile;
  /** Writes the text to the file; the shell's filesystem is kept across reloads after the command ends. */
  save(text: string): Promise<SaveOutcome>;
}

/** Why a path cannot be edited, in nano's words; `hint` says what to do instead. */
export interface EditorOpenError {
  message: string;
  hint?: string;
}

const parentOf = (path: string) => path.slice(0, path.lastIndexOf('/')) || '/';

const statOf = (fs: IFileSystem, path: string) => fs.stat(path).catch(() => undefined);

/** The text of `bytes`, or undefined when they are not UTF-8 text (a photo, an archive). */
function textOf(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Opens `name` (relative to `cwd`) for the editor, as nano does: an existing text file with its content, a missing
 * one empty (saving creates it). A directory, a path under a missing directory or under a file, and a binary file
 * give nano's message instead, and nothing opens.
 *
 * @example
 * const file = await openEditorFile(fs, '/home/learner', 'notes.txt');
 * if ('message' in file) console.error(file.message);
 */
export async function openEditorFile(
  fs: IFileSystem,
  cwd: string,
  name: string,
): Promise<EditorFile | EditorOpenError> {
  const path = fs.resolvePath(cwd, name);
  const stat = await statOf(fs, path);
  if (stat?.isDirectory) return { message: `"${name}" is a directory` };
  if (stat?.isFile) {
    const text = textOf(await fs.readFileBuffer(path));
    if (text === undefined)
      return { message: `"${name}" is a binary file`, hint: 'Only text files open in the editor.' };
    return { name, path, text, isNew: false };
  }
  const parent = parentOf(path);
  const parentStat = await statOf(fs, parent);
  if (!parentStat)
    return { message: `Directory '${parent}' does not exist`, hint: `Create it first: mkdir -p ${parent}` };
  if (!parentStat.isDirectory) return { message: `Path '${parent}' is not a directory` };
  return { name, path, text: '', isNew: true };
}

/** The text as it is written: with a final newline, which nano and vi add when the last line has none. */
export function textToWrite(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}

/** The lines of written text, as nano counts them in its status line. */
export function lineCount(written: string): number {
  return written.split('\n').length - 1;
}

/** A number of lines in words: "1 line", "3 lines". */
export function linesInWords(lines: number): string {
  return `${lines} ${lines === 1 ? 'line' : 'lines'}`;
}

/**
 * Writes the editor's text to the file (with a final newline) and says so in the status line: "Saved 3 lines to
 * notes.txt", or nano's "Error writing notes.txt: …" when the write fails.
 */
export async function saveEditorFile(fs: IFileSystem, file: EditorFile, text: string): Promise<SaveOutcome> {
  const written = textToWrite(text);
  try {
    await fs.writeFile(file.path, written);
  } catch (error) {
    return { saved: false, message: `Error writing ${file.name}: ${error instanceof Error ? error.message : error}` };
  }
  return { saved: true, message: `Saved ${linesInWords(lineCount(written))} to ${file.name}` };
}
