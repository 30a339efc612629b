import { type EditorFile, lineCount, linesInWords, textToWrite } from './editor-file';

/** The answers to "Save changes to FILE?": save and close, close without saving, or go back to editing. */
export type CloseAnswer = 'save' | 'discard' | 'cancel';

/** The keys that answer the question, as nano's Y, N and ^C (and Escape, as dialogs do). */
export const closeAnswerKeys: Readonly<Record<string, CloseAnswer>> = {
  y: 'save',
  Y: 'save',
  n: 'discard',
  N: 'discard',
  c: 'cancel',
  C: 'cancel',
  Escape: 'cancel',
};

/** The question asked when the learner closes a file with unsaved changes. */
export const closeQuestion = (file: EditorFile) => `Save changes to ${file.name}?`;

/** Whether the editor's text differs from what was last saved (or opened), so closing must ask first. */
export function hasUnsavedChanges(lastSaved: string, text: string): boolean {
  return text !== lastSaved;
}

/** The status line on opening, like nano's "[ Read 12 lines ]" and "[ New File ]". */
export function openedMessage(file: EditorFile): string {
  if (file.isNew) return `New file: ${file.name}`;
  return `Read ${linesInWords(lineCount(textToWrite(file.text)))} from ${file.name}`;
}

/** What the editor's own keys do: nano's ^S and ^X (⌘S too on a Mac), and Escape, which closes as a dialog does. */
export type EditorKeyAction = 'save' | 'close';

const editorKeyActions: Readonly<Record<string, EditorKeyAction>> = {
  'Ctrl-s': 'save',
  'Meta-s': 'save',
  'Ctrl-x': 'close',
  Escape: 'close',
};

/** The modifiers and key of a key press as one name: `Ctrl-s`, `Ctrl-Shift-s`, `Escape`. */
export function keyName(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): string {
  const modifiers = [
    event.ctrlKey && 'Ctrl-',
    event.metaKey && 'Meta-',
    event.altKey && 'Alt-',
    event.shiftKey && 'Shift-',
  ];
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  return `${modifiers.filter(Boolean).join('')}${key}`;
}

/** The editor's action for a key press, or undefined for a key the text area handles. */
export function editorKeyAction(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
): EditorKeyAction | undefined {
  const name = keyName(event);
  return Object.hasOwn(editorKeyActions, name) ? editorKeyActions[name] : undefined;
}
