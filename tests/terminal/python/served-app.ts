import { createSandbox, type Sandbox } from '../../../src/emulator/sandbox';
import { sandboxFetch } from '../../../src/emulator/sdk-handler';
import { createLabShell, type LabShell, type ShellResult } from '../../../src/terminal/shell';

/** A command left running in a lab shell (a server), what it showed so far, and how to stop it as Ctrl-C does. */
export interface Running {
  shell: LabShell;
  sandbox: Sandbox;
  /** What the terminal showed while the command ran. */
  screen(): string;
  /** `fetch` as the page's own network: the page's servers first, then the sandbox. */
  fetch: typeof fetch;
  /** Presses Ctrl-C and waits for the command to end. */
  stop(): Promise<ShellResult>;
}

/**
 * Starts `command` in a new lab shell (after `setup` lines) and resolves once the terminal shows `ready` (a server's
 * "Press CTRL+C to quit"), or rejects with what it printed when the command ends first.
 */
export async function startInShell(
  command: string,
  options: { setup?: string[]; files?: Record<string, string | Uint8Array>; ready?: string; sandbox?: Sandbox } = {},
): Promise<Running> {
  const sandbox = options.sandbox ?? createSandbox();
  const written: string[] = [];
  const shell = createLabShell({ sandbox, io: () => ({ write: (text) => written.push(text) }) });
  for (const [path, content] of Object.entries(options.files ?? {})) await shell.fs.writeFile(path, content);
  for (const line of options.setup ?? []) await shell.run(line);
  const controller = new AbortController();
  const ended = shell.run(command, { signal: controller.signal });
  const ready = options.ready ?? 'Press CTRL+C to quit';
  const screen = () => written.join('');
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (screen().includes(ready)) {
        clearInterval(timer);
        resolve();
      }
    }, 20);
    void ended.then((result) => {
      clearInterval(timer);
      reject(new Error(`${command} ended before it was ready: ${screen()}${result.stdout}${result.stderr}`));
    });
  });
  return {
    shell,
    sandbox,
    screen,
    fetch: sandboxFetch(sandbox),
    stop: () => {
      controller.abort();
      return ended;
    },
  };
}
