import type { Sandbox } from '../emulator/sandbox';
import { sandboxChangeNotice } from '../emulator/sandbox-changed-event';
import { loadAwsCli } from './aws-shell-command';
import type { TerminalIo } from './terminal-io';
import { restoreFileSystem, snapshotFileSystem } from './fs-snapshot';
import type { PreviewOptions, PreviewResult } from './preview-page';
import { createLabShell, freshLabFileSystem, labNetwork, type LabShell, type ShellResult } from './shell';
import { addLessonFiles } from './lesson-files';
import { historyLimit, loadTerminal, saveTerminal } from './terminal-store';

/** A lesson file's content, from the site. */
const fetchLessonFile = async (file: LessonFile) => new Uint8Array(await (await fetch(file.url)).arrayBuffer());

/** The User Timing measure each command line records. */
export const lineMeasure = 'lab terminal: command line';

/** A file a lesson gives the terminal: where it goes under the home directory, and the URL of its content. */
export interface LessonFile {
  path: string;
  url: string;
}

/** What a command line printed, and what the terminal has to tell the learner before it. */
export interface LabResult extends ShellResult {
  /** Why the saved sandbox was set aside, on the first line after it was. */
  notice?: string;
}

/** The lab terminal of a page: its shell, its history, and the lesson's files it added on opening. */
export interface BrowserLab {
  shell: LabShell;
  /** Earlier command lines, oldest first. */
  history: string[];
  /** Runs a line, then saves the files, variables, directory and the history with the line added. */
  run(line: string, options?: { signal?: AbortSignal }): Promise<LabResult>;
  /** Saves the files now, while a line is still running (a file saved in the editor survives a reload). */
  saveFiles(): Promise<void>;
  /** The lesson's files the terminal did not have yet and now has. */
  added: string[];
  /**
   * Loads a page for the web preview panel through the terminal's network, from the saved sandbox: a GET, or a form's
   * request, with the panel's cookies.
   */
  preview(url: string, options?: PreviewOptions): Promise<{ result: PreviewResult; network: typeof fetch }>;
  /** The address the preview panel starts with: the newest running instance's web server, when there is one. */
  previewAddress(): Promise<string | undefined>;
}

/** The sandbox Verify reads, as the terminal holds it: every change saved before `aws` gets its answer. */
interface BrowserSandbox {
  sandbox: Sandbox;
  /** Takes up the saved sandbox again, so a sandbox loaded or reset elsewhere is the one the next line changes. */
  reload(): Promise<void>;
  /** Why the saved sandbox was set aside, when it was. */
  problem?: string;
  /** Tells the page of the sandbox's changes, once the line that made them ends. */
  notice: ReturnType<typeof sandboxChangeNotice>;
}

async function openBrowserSandbox(): Promise<BrowserSandbox> {
  const [{ createSandbox }, store, { createSandboxState }] = await Promise.all([
    import('../emulator/sandbox'),
    import('../emulator/browser-store'),
    import('../emulator/state'),
  ]);
  const loaded = await store.loadBrowserSandbox();
  const sandbox = createSandbox({ state: loaded.state });
  let reloading = false;
  const notice = sandboxChangeNotice();
  sandbox.subscribe((state) => (reloading ? undefined : store.saveBrowserSandbox(state).then(notice.saved)));
  return {
    sandbox,
    notice,
    ...(loaded.problem ? { problem: loaded.problem } : {}),
    async reload() {
      const current = await store.loadBrowserSandbox();
      reloading = true;
      await sandbox.replaceState(current.state ?? createSandboxState());
      reloading = false;
    },
  };
}

/**
 * Opens the terminal of this browser: the files, variables and history an earlier page left, the lesson's files
 * the learner does not have yet (fetched at once), and the sandbox Verify reads. The sandbox and its code load once
 * the terminal is open, in the background, so the prompt waits only for the shell; each line waits for them, and
 * first takes up the saved sandbox again.
 */
export async function openBrowserLab(files: readonly LessonFile[], io: () => TerminalIo): Promise<BrowserLab> {
  const saved = await loadTerminal();
  let opening: Promise<BrowserSandbox> | undefined;
  const browserSandbox = () => {
    opening ??= openBrowserSandbox().catch((error: unknown) => {
      opening = undefined;
      throw error;
    });
    return opening;
  };
  const fs = saved.files ? await restoreFileSystem(saved.files) : freshLabFileSystem();
  const session = saved.session ? { session: saved.session } : {};
  const shell = createLabShell({ sandbox: async () => (await browserSandbox()).sandbox, fs, ...session, io });
  const added = await addLessonFiles(shell, files, fetchLessonFile);
  const history = saved.history ?? [];
  const saveFiles = async () => saveTerminal({ files: await snapshotFileSystem(fs) });
  if (added.length > 0) await saveFiles();
  // Once the prompt is up, the sandbox and aws load in the background, before the learner's first line needs them.
  setTimeout(() => void Promise.all([browserSandbox(), loadAwsCli()]).catch(() => {}));
  let problemTold = false;
  const currentSandbox = async () => {
    const browser = await browserSandbox();
    await browser.reload();
    return browser.sandbox;
  };
  return {
    shell,
    history,
    added,
    saveFiles,
    async preview(url, options) {
      const [sandbox, { loadPreview }] = await Promise.all([currentSandbox(), import('./preview-page')]);
      const network = labNetwork(async () => sandbox);
      return { result: await loadPreview(url, sandbox.state, network, options), network };
    },
    async previewAddress() {
      const [sandbox, { newestInstanceAddress }] = await Promise.all([currentSandbox(), import('./preview-page')]);
      return newestInstanceAddress(sandbox.state);
    },
    async run(line, options) {
      const started = performance.now();
      const browser = await browserSandbox();
      await browser.reload();
      browser.notice.lineStarted();
      const result = await shell.run(line, options).finally(browser.notice.lineEnded);
      if (line.trim() !== '') history.push(line);
      history.splice(0, Math.max(0, history.length - historyLimit));
      // On an instance the learner's own session is what a reload comes back to: a reload drops the connection.
      const session = shell.onInstance() ? {} : { session: shell.session() };
      await saveTerminal({ files: await snapshotFileSystem(fs), ...session, history });
      // Each line's wall time, sandbox load and saves included, for bench/terminal.mjs and the browser's profiler.
      performance.measure(lineMeasure, { start: started });
      const notice = problemTold ? undefined : browser.problem;
      problemTold = true;
      return notice ? { ...result, notice: `${notice}\n` } : result;
    },
  };
}
