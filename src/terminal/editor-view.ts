import { defaultKeymap, history, historyKeymap, indentWithTab, undo } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { python } from '@codemirror/lang-python';
import { yaml } from '@codemirror/lang-yaml';
import { HighlightStyle, indentUnit, syntaxHighlighting } from '@codemirror/language';
import { openSearchPanel, search, searchKeymap } from '@codemirror/search';
import { EditorState, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, keymap, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { closeQuestion, editorKeyAction, hasUnsavedChanges, openedMessage } from './editor-buffer';
import type { EditorSession } from './editor-file';
import { type EditorLanguage, indentOfLanguage, languageOfFile } from './editor-language';
import { askToSave } from './save-question';
import editorCss from './editor-view.css?inline';

/** An editor open over the terminal. */
export interface OpenedEditor {
  /** Resolves once the learner has closed the editor and it is gone from the page. */
  closed: Promise<void>;
  focus(): void;
}

const languageSupport: Record<EditorLanguage, () => Extension> = {
  json: () => json(),
  yaml: () => yaml(),
  python: () => python(),
  plain: () => [],
};

/** Syntax colours from the site's own palette, whose colours keep 4.5:1 contrast in both themes. */
const highlightStyle = HighlightStyle.define([
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: 'var(--accent)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--ok)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--warn)' },
  { tag: [tags.keyword, tags.typeName, tags.labelName, tags.meta], color: 'var(--bad)' },
  { tag: tags.comment, color: 'var(--fg-muted)', fontStyle: 'italic' },
]);

/** The editor in the site's theme: its custom properties switch with the theme toggle, so nothing is re-themed. */
const siteTheme = EditorView.theme({
  '&': { height: '100%', color: 'var(--fg)', backgroundColor: 'var(--bg)' },
  '.cm-content': { caretColor: 'var(--accent)', fontFamily: 'var(--font-mono)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--accent)', borderLeftWidth: '2px' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground': {
    backgroundColor: 'color-mix(in srgb, var(--accent) 30%, var(--bg))',
  },
  '.cm-gutters': {
    backgroundColor: 'var(--bg-raised)',
    color: 'var(--fg-muted)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-panels': { backgroundColor: 'var(--bg-raised)', color: 'var(--fg)' },
  '.cm-panels.cm-panels-bottom': { borderTop: '1px solid var(--border)' },
  '.cm-textfield, .cm-button': {
    color: 'var(--fg)',
    backgroundColor: 'var(--bg)',
    backgroundImage: 'none',
    border: '1px solid var(--border)',
    borderRadius: 'var(--radius)',
  },
  '.cm-searchMatch': { outline: '1px solid var(--accent)', backgroundColor: 'transparent' },
  '.cm-searchMatch.cm-searchMatch-selected': { backgroundColor: 'color-mix(in srgb, var(--accent) 30%, var(--bg))' },
});

let editors = 0;

/**
 * The editor's stylesheet, added to the page on the first `nano`: imported as text, it travels in this lazily loaded
 * chunk, where a plain CSS import would be inlined into every lesson page that has a terminal.
 */
function addStylesheet(): void {
  if (document.getElementById('lab-editor-styles')) return;
  document.head.append(
    Object.assign(document.createElement('style'), { id: 'lab-editor-styles', textContent: editorCss }),
  );
}

const element = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = '') =>
  Object.assign(document.createElement(tag), { className, textContent: text });

/** A key of the help bar: what to press, what it does, and the same action for a click. */
interface HelpKey {
  keys: string;
  label: string;
  run: () => unknown;
}

/**
 * The editor's frame, as nano lays out the terminal: a title with the file's name and a "Modified" mark, the text's
 * place, a status line (announced) and the help bar, in a region labelled "Editing FILE".
 */
function editorFrame(name: string) {
  const root = element('section', 'lab-editor');
  root.setAttribute('aria-label', `Editing ${name}`);
  const title = element('p', 'lab-editor-title');
  const modified = element('span', 'lab-editor-modified');
  title.append(element('span', '', `Editing ${name}`), modified);
  const body = element('div', 'lab-editor-body');
  const status = element('p', 'lab-editor-status');
  status.setAttribute('role', 'status');
  const help = element('ul', 'lab-editor-help');
  help.id = `lab-editor-${++editors}-keys`;
  help.setAttribute('aria-label', 'Editor keys');
  root.append(title, body, status, help);
  return { root, modified, body, status, help };
}

/** Fills the help bar with a button for each key, so a pointer can do what the keys do. */
function fillHelpBar(help: HTMLElement, keys: readonly HelpKey[]): void {
  for (const key of keys) {
    const button = element('button', '');
    button.type = 'button';
    button.append(element('kbd', '', key.keys), ` ${key.label}`);
    button.addEventListener('click', () => void key.run());
    const item = element('li', '');
    item.append(button);
    help.append(item);
  }
}

/** CodeMirror's setup for a file: numbers, undo, find, its syntax and its indents, the site's theme and labels. */
function editorExtensions(name: string, helpId: string, onChange: () => void): Extension[] {
  const language = languageOfFile(name);
  return [
    lineNumbers(),
    history(),
    drawSelection(),
    search({ top: false }),
    indentUnit.of(indentOfLanguage[language]),
    EditorView.lineWrapping,
    keymap.of([...searchKeymap, ...historyKeymap, ...defaultKeymap, indentWithTab]),
    languageSupport[language](),
    syntaxHighlighting(highlightStyle),
    siteTheme,
    EditorView.contentAttributes.of({ 'aria-label': `Editing ${name}`, 'aria-describedby': helpId }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) onChange();
    }),
  ];
}

/** Makes the rest of the dock (the terminal and its bar) inert under the editor; the returned function undoes it. */
function coverDock(dock: HTMLElement): () => void {
  const covered = [...dock.children].filter((child) => child instanceof HTMLElement && !child.inert) as HTMLElement[];
  for (const child of covered) child.inert = true;
  return () => {
    for (const child of covered) child.inert = false;
  };
}

/**
 * Opens the editor (CodeMirror) on a file over the terminal's dock, as nano would fill the terminal: a title, the
 * text, a status line and a help bar of the keys — Ctrl-S saves, Ctrl-X or Escape closes (asking first when there
 * are unsaved changes). The rest of the dock is inert while it is open; focus moves into the text.
 */
export function openEditor(dock: HTMLElement, session: EditorSession): OpenedEditor {
  const { file } = session;
  addStylesheet();
  const { root, modified, body, status, help } = editorFrame(file.name);
  let lastSaved = file.text;
  const unsaved = (): boolean => hasUnsavedChanges(lastSaved, view.state.doc.toString());
  const markModified = () => {
    modified.textContent = unsaved() ? 'Modified' : '';
  };
  const view = new EditorView({
    parent: body,
    state: EditorState.create({ doc: file.text, extensions: editorExtensions(file.name, help.id, markModified) }),
  });

  const save = async () => {
    const text = view.state.doc.toString();
    const outcome = await session.save(text);
    if (outcome.saved) lastSaved = text;
    markModified();
    status.textContent = outcome.message;
    return outcome.saved;
  };

  const uncover = coverDock(dock);
  let finish = () => {};
  const closed = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let asking = false;
  const close = async () => {
    if (asking) return;
    asking = true;
    const answer = unsaved() ? await askToSave(root, closeQuestion(file)) : 'discard';
    asking = false;
    if (answer === 'cancel' || (answer === 'save' && !(await save()))) return view.focus();
    view.destroy();
    root.remove();
    uncover();
    finish();
  };

  fillHelpBar(help, [
    { keys: 'Ctrl-S', label: 'Save', run: save },
    { keys: 'Ctrl-X', label: 'Close', run: close },
    { keys: 'Ctrl-F', label: 'Find', run: () => openSearchPanel(view) },
    { keys: 'Ctrl-Z', label: 'Undo', run: () => undo(view) },
  ]);
  // The editor's own keys work wherever focus is inside it (the text, the find panel, the help bar); a key the text
  // or the find panel has already used (Escape closing the find panel) is left alone.
  root.addEventListener('keydown', (event) => {
    const action = event.defaultPrevented ? undefined : editorKeyAction(event);
    if (!action) return;
    event.preventDefault();
    void (action === 'save' ? save() : close());
  });

  dock.append(root);
  view.focus();
  // A live region announces what changes in it after it is in the page, so the opening message comes a moment later.
  setTimeout(() => {
    status.textContent = openedMessage(file);
  }, 100);
  return { closed, focus: () => view.focus() };
}
