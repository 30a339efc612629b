import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { type BrowserLab, type LessonFile, openBrowserLab } from './browser-lab';
import { needsMoreInput } from './continuation';
import type { EditorSession } from './editor-file';
import type { OpenedEditor } from './editor-view';
import { editLine, type EditResult, insertText, type LineEditorState, newLine, withLayout } from './line-editor';
import { tabEscapeStep } from './tab-escape';
import { completeAtCursor } from './tab-completion';
import { pageTheme, terminalThemes } from './terminal-themes';

/** The terminal in the page, as the widget drives it. */
export interface MountedTerminal {
  /** Types text at the prompt, every line of it waiting for Enter, as bash holds a bracketed paste. */
  type(text: string): void;
  /** The lab behind the screen, which the web preview panel loads pages through. */
  lab: BrowserLab;
  focus(): void;
  dispose(): void;
}

/**
 * The User Timing marks of opening the terminal, in order, for bench/terminal.mjs and the browser's profiler: its
 * code has run, xterm is on the page, the shell has its files and sandbox, and the prompt is written.
 */
export const openingMarks = {
  codeLoaded: 'lab terminal: code loaded',
  screenOpen: 'lab terminal: screen open',
  shellReady: 'lab terminal: shell ready',
  prompt: 'lab terminal: prompt',
} as const;

/** Output from the shell with its line ends as the terminal needs them. */
const forScreen = (text: string) => text.replace(/\r?\n/g, '\r\n');

/**
 * Opens the lab terminal in `host`: xterm (screen-reader mode, labelled, in the site's theme) over the lab shell of
 * this browser, with a line editor, history, Tab completion, `> ` continuation lines, Ctrl-C and Ctrl-L. `show` is
 * called with the URL of each `xdg-open`, for the page's web preview panel.
 */
export async function mountTerminal(
  host: HTMLElement,
  files: readonly LessonFile[],
  show: (url: string) => void = () => {},
): Promise<MountedTerminal> {
  performance.mark(openingMarks.codeLoaded);
  // Screen-reader mode comes on once the prompt is written: xterm refreshes its screen-reader rows at most once a
  // second, so rows made on opening would keep the prompt from a screen reader for that second.
  const term = new Terminal({
    screenReaderMode: false,
    cursorBlink: true,
    fontFamily: 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace',
    fontSize: 14,
    // At 1.0, a 1x screen clips the underscore below each row: `PHOTOS_BUCKET` read as `PHOTOS BUCKET`.
    lineHeight: 1.2,
    scrollback: 2000,
    theme: terminalThemes[pageTheme()],
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(host);
  term.textarea?.setAttribute(
    'aria-label',
    'Lab terminal: type a command and press Enter. To leave the terminal, press Escape, then Tab.',
  );
  fit.fit();
  // Tab completes, so Escape then Tab (within two seconds) is the keyboard's way out, as in CodeMirror.
  let tabLeavesUntil = 0;
  term.attachCustomKeyEventHandler((event) => {
    const step = tabEscapeStep(tabLeavesUntil, event, Date.now());
    tabLeavesUntil = step.armedUntil;
    return !step.leaves;
  });
  performance.mark(openingMarks.screenOpen);
  let asking: ((answer: string | undefined) => void) | undefined;
  // The editor (CodeMirror) loads on the first `nano`, never with the terminal; the command waits until it closes.
  let editing: OpenedEditor | undefined;
  const edit = async (session: EditorSession) => {
    const { openEditor } = await import('./editor-view');
    // Each save is kept at once, not only when the line ends: the learner may reload with the editor still open.
    const save = async (text: string) => {
      const outcome = await session.save(text);
      if (outcome.saved) await lab.saveFiles();
      return outcome;
    };
    editing = openEditor(host.parentElement ?? host, { ...session, save });
    await editing.closed;
    editing = undefined;
    term.focus();
  };
  const lab: BrowserLab = await openBrowserLab(files, () => ({
    columns: term.cols,
    edit,
    write: (text) => term.write(forScreen(text)),
    show,
    prompt: (question) =>
      new Promise<string | undefined>((resolve) => {
        term.write(forScreen(question));
        editor = newLine([], question.length, term.cols);
        asking = resolve;
      }),
  }));
  performance.mark(openingMarks.shellReady);
  let pending = '';
  let running: AbortController | undefined;
  let editor: LineEditorState = newLine([], 0, term.cols);
  const showPrompt = (prompt = lab.shell.prompt()) => {
    term.write(prompt);
    editor = newLine([...lab.history], prompt.length, term.cols);
  };
  // After a command, the prompt follows its output on the same row when that did not end with a newline (as bash's
  // does): the line starts at the column the terminal's cursor has once the prompt is drawn.
  const promptAfterOutput = () =>
    new Promise<void>((resolve) => {
      term.write(lab.shell.prompt(), () => {
        editor = newLine([...lab.history], term.buffer.active.cursorX, term.cols);
        resolve();
      });
    });
  const runLine = async (line: string) => {
    running = new AbortController();
    const result = await lab.run(line, { signal: running.signal });
    running = undefined;
    term.write(forScreen(result.notice ?? '') + forScreen(result.stdout) + forScreen(result.stderr));
  };
  const apply = async (result: EditResult) => {
    editor = result.state;
    term.write(result.output);
    const effect = result.effect;
    if (!effect) return;
    if (effect.kind === 'submit' && asking) {
      const answer = asking;
      asking = undefined;
      answer(effect.line);
    } else if (effect.kind === 'submit') {
      pending = pending ? `${pending}\n${effect.line}` : effect.line;
      if (needsMoreInput(pending)) return showPrompt('> ');
      const line = pending;
      pending = '';
      await runLine(line);
      await promptAfterOutput();
    } else if ((effect.kind === 'interrupt' || effect.kind === 'end-of-input') && asking) {
      const answer = asking;
      asking = undefined;
      if (effect.kind === 'end-of-input') term.write('\r\n');
      answer(undefined);
    } else if (effect.kind === 'interrupt') {
      pending = '';
      showPrompt();
    } else if (effect.kind === 'clear-screen') {
      term.write('\x1b[H\x1b[2J');
      term.write(pending ? '> ' : lab.shell.prompt());
      term.write(editor.text);
      editor = { ...editor, cursor: editor.text.length };
    } else if (effect.kind === 'end-of-input' && !pending && lab.shell.onInstance()) {
      // bash logs out of a login shell at the end of input, as `exit` does; the learner's own shell stays open.
      await runLine('exit');
      showPrompt();
    } else if (effect.kind === 'complete') {
      const completed = await completeAtCursor(editor, lab.shell);
      editor = completed.state;
      term.write(completed.output);
      if (completed.listed) term.write((pending ? '> ' : lab.shell.prompt()) + editor.text);
    }
  };
  // A failure of the terminal itself (not of a command, which prints its own error) is shown, and the next key works.
  const showFailure = (error: unknown) => {
    term.write(forScreen(`\nThe terminal failed: ${error instanceof Error ? error.message : String(error)}\n`));
    showPrompt();
  };
  // Keys are handled one after another, typed-ahead ones after the running command; Ctrl-C interrupts it, and the
  // answer to a question the command asks goes straight to the question.
  let queue = Promise.resolve();
  const handle = async (data: string) => {
    const lines = data.split(/\r\n|\r|\n/);
    for (const [i, chunk] of lines.entries()) {
      if (chunk)
        await apply(data.length === 1 || lines.length === 1 ? editLine(editor, chunk) : insertText(editor, chunk));
      if (i < lines.length - 1) await apply(editLine(editor, '\r'));
    }
  };
  term.onData((data) => {
    if (asking) void handle(data);
    else if (running && data === '\x03') {
      // The terminal echoes ^C as a real one does; the interrupted line's output ends on its own line.
      term.write('^C\r\n');
      running.abort();
    } else queue = queue.then(() => handle(data)).catch(showFailure);
  });
  term.write('Lab terminal: bash, with aws and curl on the sandbox account kept in this browser.\r\n');
  if (lab.added.length > 0) term.write(`Added to your home directory: ${lab.added.join(', ')}\r\n`);
  showPrompt();
  term.write('', () => {
    term.options.screenReaderMode = true;
    performance.mark(openingMarks.prompt);
  });
  const resize = new ResizeObserver(() => {
    fit.fit();
    editor = withLayout(editor, editor.promptWidth, term.cols);
  });
  resize.observe(host);
  const themeWatch = new MutationObserver(() => {
    term.options.theme = terminalThemes[pageTheme()];
  });
  themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  // A block typed for the learner waits whole at the prompt, as bash keeps a bracketed paste: its lines before the
  // last are held as continuation lines, and Enter runs them all as one script.
  const typeBlock = async (text: string) => {
    const lines = text.split('\n');
    for (const line of lines.slice(0, -1)) {
      await apply(insertText(editor, line));
      pending = pending ? `${pending}\n${editor.text}` : editor.text;
      term.write('\r\n');
      showPrompt('> ');
    }
    await apply(insertText(editor, lines.at(-1) ?? ''));
  };
  return {
    lab,
    type: (text) => {
      queue = queue.then(() => typeBlock(text)).catch(showFailure);
    },
    focus: () => (editing ? editing.focus() : term.focus()),
    dispose: () => {
      resize.disconnect();
      themeWatch.disconnect();
      term.dispose();
    },
  };
}
