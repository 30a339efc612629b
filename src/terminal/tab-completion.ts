import { type LineEditorState, redraw } from './line-editor';
import type { LabShell } from './shell';
import { sshHostCandidates } from './ssh-completions';

/** A completion's result: the line after it, what to write, and whether candidates were listed below the line. */
export interface Completion {
  state: LineEditorState;
  output: string;
  /** The candidates were printed on lines of their own; the prompt and line must be written again after them. */
  listed: boolean;
}

/** Where the word under the cursor starts, and the words of its command before it. */
export function wordAtCursor(text: string, cursor: number): { start: number; words: string[] } {
  const before = text.slice(0, cursor);
  const start = before.length - (/[^\s'"]*$/.exec(before)?.[0].length ?? 0);
  const command =
    before
      .slice(0, start)
      .split(/\|\|?|&&|;|\$\(/)
      .at(-1) ?? '';
  return { start, words: command.trim() === '' ? [] : command.trim().split(/\s+/) };
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? '';
  for (const word of words) while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** Candidates in columns down the screen, as bash lists them. */
export function listColumns(candidates: readonly string[], columns: number): string {
  const width = Math.max(...candidates.map((candidate) => candidate.length)) + 2;
  const perRow = Math.max(1, Math.floor(columns / width));
  const rows = Math.ceil(candidates.length / perRow);
  const lines = Array.from({ length: rows }, (_, row) =>
    Array.from({ length: perRow }, (_, column) => candidates[column * rows + row])
      .filter((candidate) => candidate !== undefined)
      .map((candidate, column, all) => (column === all.length - 1 ? candidate : candidate.padEnd(width)))
      .join(''),
  );
  return lines.map((line) => `${line}\r\n`).join('');
}

/**
 * Completes the word that starts at `start` from `candidates` (the names that begin with it), as bash does: one
 * candidate is put in whole with a space after it (none after a directory's `/`); several are extended to what
 * they share; when they share nothing more, they are listed.
 */
export function applyCompletion(state: LineEditorState, start: number, candidates: readonly string[]): Completion {
  const word = state.text.slice(start, state.cursor);
  const matching = [...new Set(candidates.filter((candidate) => candidate.startsWith(word)))].sort();
  if (matching.length === 0) return { state, output: '', listed: false };
  const only = matching.length === 1 ? matching[0]! : undefined;
  const replacement = only === undefined ? commonPrefix(matching) : only.endsWith('/') ? only : `${only} `;
  if (replacement.length > word.length) {
    const text = state.text.slice(0, start) + replacement + state.text.slice(state.cursor);
    const after = { ...state, text, cursor: start + replacement.length };
    return { state: after, output: redraw(state, after), listed: false };
  }
  const end = { ...state, cursor: state.text.length };
  return { state: end, output: `${redraw(state, end)}\r\n${listColumns(matching, state.columns)}`, listed: true };
}

async function fileCandidates(shell: LabShell, word: string): Promise<string[]> {
  const slash = word.lastIndexOf('/');
  const folder = slash === -1 ? '' : word.slice(0, slash + 1);
  const home = shell.session().env.HOME ?? '/';
  const base = folder.startsWith('~/') ? home + folder.slice(1) : folder;
  const directory = shell.fs.resolvePath(shell.session().cwd, base || '.');
  const names = await shell.fs.readdir(directory).catch(() => [] as string[]);
  return Promise.all(
    names.map(async (name) => {
      const stat = await shell.fs.stat(shell.fs.resolvePath(directory, name)).catch(() => undefined);
      return `${folder}${name}${stat?.isDirectory ? '/' : ''}`;
    }),
  );
}

/** The names that can go where the word under the cursor is: a command, an `aws` word, an ssh host, or a file. */
async function candidatesAt(state: LineEditorState, shell: LabShell): Promise<{ start: number; names: string[] }> {
  const { start, words } = wordAtCursor(state.text, state.cursor);
  const word = state.text.slice(start, state.cursor);
  if (words.length === 0 && !word.includes('/')) return { start, names: shell.commandNames() };
  if (words[0] === 'aws') {
    // The CLI's model (and the SDK under it) loads on the first aws completion, not with the terminal.
    const { awsCompletions } = await import('./aws-completions');
    const names = await awsCompletions(words.slice(1), word);
    if (names.length > 0) return { start, names };
  }
  if (words[0] === 'ssh') {
    const hosts = await sshHostCandidates(shell, words, word);
    if (hosts.some((host) => host.startsWith(word))) return { start, names: hosts };
  }
  const fileWord = word.replace(/^(?:fileb?:\/\/)/, '');
  const names = await fileCandidates(shell, fileWord);
  return { start: start + word.length - fileWord.length, names };
}

/** Tab: completes the word under the cursor from the shell's commands, `aws`'s model and the virtual files. */
export async function completeAtCursor(state: LineEditorState, shell: LabShell): Promise<Completion> {
  const { start, names } = await candidatesAt(state, shell);
  return applyCompletion(state, start, names);
}
