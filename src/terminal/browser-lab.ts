import { loadBrowserSandbox, saveBrowserSandbox } from '../emulator/browser-store';
import { createSandbox } from '../emulator/sandbox';
import { createSandboxState } from '../emulator/state';
import type { TerminalIo } from './terminal-io';
import { restoreFileSystem, snapshotFileSystem } from './fs-snapshot';
import { createLabShell, freshLabFileSystem, type LabShell, type ShellResult } from './shell';
import { historyLimit, loadTerminal, saveTerminal } from './terminal-store';

/** The User Timing measure each command line records. */
export const lineMeasure = 'lab terminal: command line';

/** A file a lesson gives the terminal: where it goes under the home directory, and the URL of its content. */
export interface LessonFile {
  path: string;
  url: string;
}

/** The lab terminal of a page: its shell, its history, and what to tell the learner on opening. */
export interface BrowserLab {
  shell: LabShell;
  /** Earlier command lines, oldest first. */
  history: string[];
  /** Runs a line, then saves the files, variables, directory and the history with the line added. */
  run(line: string, options?: { signal?: AbortSignal }): Promise<ShellResult>;
  /** Saves the files now, while a line is still running (a file saved in the editor survives a reload). */
  saveFiles(): Promise<void>;
  /** Why the saved sandbox was set aside, when it was. */
  problem?: string;
  /** The lesson's files the terminal did not have yet and now has. */
  added: string[];
}

async function addLessonFiles(lab: LabShell, files: readonly LessonFile[]): Promise<string[]> {
  const home = lab.session().env.HOME ?? '/home/learner';
  const missing: string[] = [];
  for (const file of files) {
    const path = lab.fs.resolvePath(home, file.path);
    if (await lab.fs.exists(path)) continue;
    const response = await fetch(file.url);
    await lab.fs.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
    await lab.fs.writeFile(path, new Uint8Array(await response.arrayBuffer()));
    missing.push(file.path);
  }
  return missing;
}

/**
 * Opens the terminal of this browser: the sandbox Verify reads (every change saved before `aws` gets its answer),
 * the files, variables and history an earlier page left, and the lesson's files the learner does not have yet.
 * Each line first takes up the saved sandbox again, so a sandbox loaded or reset elsewhere is the one it changes.
 */
export async function openBrowserLab(files: readonly LessonFile[], io: () => TerminalIo): Promise<BrowserLab> {
  const [loaded, saved] = await Promise.all([loadBrowserSandbox(), loadTerminal()]);
  const sandbox = createSandbox({ state: loaded.state });
  let reloading = false;
  sandbox.subscribe((state) => (reloading ? undefined : saveBrowserSandbox(state)));
  const fs = saved.files ? await restoreFileSystem(saved.files) : freshLabFileSystem();
  const shell = createLabShell({ sandbox, fs, ...(saved.session ? { session: saved.session } : {}), io });
  const added = await addLessonFiles(shell, files);
  const history = saved.history ?? [];
  const saveFiles = async () => saveTerminal({ files: await snapshotFileSystem(fs) });
  if (added.length > 0) await saveFiles();
  return {
    shell,
    history,
    added,
    saveFiles,
    ...(loaded.problem ? { problem: loaded.problem } : {}),
    async run(line, options) {
      const started = performance.now();
      const current = await loadBrowserSandbox();
      reloading = true;
      await sandbox.replaceState(current.state ?? createSandboxState());
      reloading = false;
      const result = await shell.run(line, options);
      if (line.trim() !== '') history.push(line);
      history.splice(0, Math.max(0, history.length - historyLimit));
      await saveTerminal({ files: await snapshotFileSystem(fs), session: shell.session(), history });
      // Each line's wall time, sandbox load and saves included, for bench/terminal.mjs and the browser's profiler.
      performance.measure(lineMeasure, { start: started });
      return result;
    },
  };
}
