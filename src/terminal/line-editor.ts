/** The line being typed at the prompt, with the history to walk through. Plain data. */
export interface LineEditorState {
  text: string;
  /** Where the cursor is in `text`, 0 to `text.length`. */
  cursor: number;
  /** Earlier lines, oldest first. */
  history: readonly string[];
  /** The history line shown; `history.length` for the line being typed. */
  historyIndex: number;
  /** The line being typed, kept while ↑ shows history. */
  draft: string;
  /** Columns the prompt takes, where the text starts. */
  promptWidth: number;
  /** The terminal's width, for lines that wrap. */
  columns: number;
}

/**
 * What the terminal must do beyond drawing: run the line, interrupt, end the input (Ctrl-D on an empty line, which
 * leaves Python's `>>> `), clear the screen, or complete the word.
 */
export type EditorEffect =
  | { kind: 'submit'; line: string }
  | { kind: 'interrupt' }
  | { kind: 'end-of-input' }
  | { kind: 'clear-screen' }
  | { kind: 'complete' };

/** A key's result: the new state, what to write to the terminal, and what else to do. */
export interface EditResult {
  state: LineEditorState;
  output: string;
  effect?: EditorEffect;
}

/** A new, empty line after a prompt of `promptWidth` columns. */
export function newLine(history: readonly string[], promptWidth: number, columns: number): LineEditorState {
  return { text: '', cursor: 0, history, historyIndex: history.length, draft: '', promptWidth, columns };
}

/** The escape sequence that moves the cursor between two offsets from the start of the prompt. */
function moveCursor(from: number, to: number, columns: number): string {
  const rows = Math.floor(to / columns) - Math.floor(from / columns);
  const vertical = rows < 0 ? `\x1b[${-rows}A` : rows > 0 ? `\x1b[${rows}B` : '';
  const column = to % columns;
  return `${vertical}\r${column > 0 ? `\x1b[${column}C` : ''}`;
}

/**
 * What redraws the line after an edit: back to where the text starts, the whole text, the rest of the screen
 * erased, and the cursor put where it belongs. A line that ends exactly at the right margin moves the cursor on to
 * the next row first, since terminals hold it at the margin until the next character.
 */
export function redraw(before: LineEditorState, after: LineEditorState): string {
  const { promptWidth, columns } = after;
  const end = promptWidth + after.text.length;
  const wrap = end % columns === 0 && after.text.length > 0 ? ' \b' : '';
  return (
    moveCursor(promptWidth + before.cursor, promptWidth, columns) +
    after.text +
    wrap +
    '\x1b[J' +
    moveCursor(end, promptWidth + after.cursor, columns)
  );
}

type Edit = (state: LineEditorState) => LineEditorState | EditResult;

const wordBefore = (text: string, cursor: number) => cursor - (/\S*\s*$/.exec(text.slice(0, cursor))?.[0].length ?? 0);

function showHistory(state: LineEditorState, index: number): LineEditorState {
  if (index < 0 || index > state.history.length || index === state.historyIndex) return state;
  const draft = state.historyIndex === state.history.length ? state.text : state.draft;
  const text = index === state.history.length ? draft : state.history[index]!;
  return { ...state, text, cursor: text.length, historyIndex: index, draft };
}

const cut = (state: LineEditorState, from: number, to: number): LineEditorState => ({
  ...state,
  text: state.text.slice(0, from) + state.text.slice(to),
  cursor: from,
});

const atEnd = (state: LineEditorState): LineEditorState => ({ ...state, cursor: state.text.length });
const atStart = (state: LineEditorState): LineEditorState => ({ ...state, cursor: 0 });

/** The keys the editor knows, by the sequence xterm sends for them. */
const keys: Record<string, Edit> = {
  '\r': (state) => ({
    state: { ...state, cursor: state.text.length },
    output: `${moveCursor(state.promptWidth + state.cursor, state.promptWidth + state.text.length, state.columns)}\r\n`,
    effect: { kind: 'submit', line: state.text },
  }),
  '\x7f': (state) => (state.cursor === 0 ? state : cut(state, state.cursor - 1, state.cursor)),
  '\b': (state) => (state.cursor === 0 ? state : cut(state, state.cursor - 1, state.cursor)),
  '\x1b[3~': (state) => cut(state, state.cursor, state.cursor + 1),
  '\x04': (state) =>
    state.text === ''
      ? { state, output: '', effect: { kind: 'end-of-input' } }
      : cut(state, state.cursor, state.cursor + 1),
  '\x1b[D': (state) => ({ ...state, cursor: Math.max(0, state.cursor - 1) }),
  '\x02': (state) => ({ ...state, cursor: Math.max(0, state.cursor - 1) }),
  '\x1b[C': (state) => ({ ...state, cursor: Math.min(state.text.length, state.cursor + 1) }),
  '\x06': (state) => ({ ...state, cursor: Math.min(state.text.length, state.cursor + 1) }),
  '\x1b[H': atStart,
  '\x1bOH': atStart,
  '\x1b[1~': atStart,
  '\x01': atStart,
  '\x1b[F': atEnd,
  '\x1bOF': atEnd,
  '\x1b[4~': atEnd,
  '\x05': atEnd,
  '\x15': (state) => cut(state, 0, state.cursor),
  '\x0b': (state) => cut(state, state.cursor, state.text.length),
  '\x17': (state) => cut(state, wordBefore(state.text, state.cursor), state.cursor),
  '\x1b[A': (state) => showHistory(state, state.historyIndex - 1),
  '\x10': (state) => showHistory(state, state.historyIndex - 1),
  '\x1b[B': (state) => showHistory(state, state.historyIndex + 1),
  '\x0e': (state) => showHistory(state, state.historyIndex + 1),
  '\x03': (state) => ({
    state: { ...state, text: '', cursor: 0, historyIndex: state.history.length, draft: '' },
    output: `${moveCursor(state.promptWidth + state.cursor, state.promptWidth + state.text.length, state.columns)}^C\r\n`,
    effect: { kind: 'interrupt' },
  }),
  '\x0c': (state) => ({ state, output: '', effect: { kind: 'clear-screen' } }),
  '\t': (state) => ({ state, output: '', effect: { kind: 'complete' } }),
};

/** Inserts typed or pasted text at the cursor; control characters are dropped. */
export function insertText(state: LineEditorState, typed: string): EditResult {
  const clean = [...typed].filter((c) => c >= ' ' && c !== '\x7f').join('');
  const after = {
    ...state,
    text: state.text.slice(0, state.cursor) + clean + state.text.slice(state.cursor),
    cursor: state.cursor + clean.length,
  };
  return { state: after, output: clean ? redraw(state, after) : '' };
}

/**
 * One key (or a chunk of typed text without line breaks) applied to the line: the readline keys bash users expect —
 * ←/→, Home/End, Ctrl-A/E/B/F, Backspace, Delete, Ctrl-D, Ctrl-U/K/W, ↑/↓ (Ctrl-P/N) through history, Ctrl-C,
 * Ctrl-L, Tab and Enter. An escape sequence it does not know changes nothing.
 */
export function editLine(state: LineEditorState, key: string): EditResult {
  const edit = Object.hasOwn(keys, key) ? keys[key] : undefined;
  if (!edit) return key.startsWith('\x1b') ? { state, output: '' } : insertText(state, key);
  const result = edit(state);
  if ('output' in result) return result;
  return { state: result, output: result === state ? '' : redraw(state, result) };
}

/** The same line after the terminal was resized or the prompt changed. */
export function withLayout(state: LineEditorState, promptWidth: number, columns: number): LineEditorState {
  return { ...state, promptWidth, columns };
}
