import { defaultKeymap, history, historyKeymap, indentWithTab, undo } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { yaml } from '@codemirror/lang-yaml';
import { HighlightStyle, indentUnit, syntaxHighlighting } from '@codemirror/language';
import { openSearchPanel, search, searchKeymap } from '@codemirror/search';
import { EditorState, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, keymap, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { closeQuestion, editorKeyAction, hasUnsavedChanges, openedMessage } from './editor-buffer';
import type { EditorSession } from './editor-file';
import { type EditorLanguage, languageOfFile } from './editor-language';
import { askToSave } from './save-question';
import './editor-view.css';

/** An editor open over the terminal. */
export interface OpenedEditor {
  /** Resolves once the learner has closed the editor and it is gone from the page. */
  closed: Promise<void>;
  focus(): void;
}

const languageSupport: Record<EditorLanguage, () => Extension> = {
  json: () => json(),
  yaml: () => yaml(),
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

const element = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = '') =>
  Object.assign(document.createElement(tag), { className, textContent: text });

/**
 * Opens the editor (CodeMirror) on a file over the terminal's dock, as nano would fill the terminal: a title, the
 * text, a status line and a help bar of the keys — Ctrl-S saves, Ctrl-X or Escape closes (asking first when there
 * are unsaved changes). The rest of the dock is inert while it is open; focus moves into the text.
 */
export function openEditor(dock: HTMLElement, session: EditorSession): OpenedEditor {
  const { file } = session;
  const id = `lab-editor-${++editors}`;
  const root = element('section', 'lab-editor');
  root.setAttribute('aria-label', `Editing ${file.name}`);
  const title = element('p', 'lab-editor-title');
  const modified = element('span', 'lab-editor-modified');
  title.append(element('span', '', `Editing ${file.name}`), modified);
  const body = element('div', 'lab-editor-body');
  const status = element('p', 'lab-editor-status');
  status.setAttribute('role', 'status');
  const help = element('ul', 'lab-editor-help');
  help.id = `${id}-keys`;
  help.setAttribute('aria-label', 'Editor keys');
  root.append(title, body, status, help);

  let lastSaved = file.text;
  const view = new EditorView({
    parent: body,
    state: EditorState.create({
      doc: file.text,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        search({ top: false }),
        indentUnit.of('  '),
        EditorView.lineWrapping,
        keymap.of([...searchKeymap, ...historyKeymap, ...defaultKeymap, indentWithTab]),
        languageSupport[languageOfFile(file.name)](),
        syntaxHighlighting(highlightStyle),
        siteTheme,
        EditorView.contentAttributes.of({ 'aria-label': `Editing ${file.name}`, 'aria-describedby': help.id }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) modified.textContent = unsaved() ? 'Modified' : '';
        }),
      ],
    }),
  });
  const unsaved = () => hasUnsavedChanges(lastSaved, view.state.doc.toString());
  const say = (message: string) => {
    status.textContent = message;
  };

  const save = async () => {
    const text = view.state.doc.toString();
    const outcome = await session.save(text);
    if (outcome.saved) lastSaved = text;
    modified.textContent = unsaved() ? 'Modified' : '';
    say(outcome.message);
    return outcome.saved;
  };

  const covered = [...dock.children].filter((child) => child instanceof HTMLElement && !child.inert);
  let finish = () => {};
  const closed = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    const answer = unsaved() ? await askToSave(root, closeQuestion(file)) : 'discard';
    closing = false;
    if (answer === 'cancel' || (answer === 'save' && !(await save()))) return view.focus();
    view.destroy();
    root.remove();
    for (const child of covered) (child as HTMLElement).inert = false;
    finish();
  };

  const keys: readonly { keys: string; label: string; run: () => unknown }[] = [
    { keys: 'Ctrl-S', label: 'Save', run: save },
    { keys: 'Ctrl-X', label: 'Close', run: close },
    { keys: 'Ctrl-F', label: 'Find', run: () => openSearchPanel(view) },
    { keys: 'Ctrl-Z', label: 'Undo', run: () => undo(view) },
  ];
  for (const key of keys) {
    const button = element('button', '');
    button.type = 'button';
    button.append(element('kbd', '', key.keys), ` ${key.label}`);
    button.addEventListener('click', () => void key.run());
    const item = element('li', '');
    item.append(button);
    help.append(item);
  }
  // The editor's own keys work wherever focus is inside it (the text, the find panel, the help bar); a key the text
  // or the find panel has already used (Escape closing the find panel) is left alone.
  root.addEventListener('keydown', (event) => {
    const action = event.defaultPrevented ? undefined : editorKeyAction(event);
    if (!action) return;
    event.preventDefault();
    void (action === 'save' ? save() : close());
  });

  for (const child of covered) (child as HTMLElement).inert = true;
  dock.append(root);
  view.focus();
  // A live region announces what changes in it after it is in the page, so the opening message comes a moment later.
  setTimeout(() => say(openedMessage(file)), 100);
  return { closed, focus: () => view.focus() };
}
