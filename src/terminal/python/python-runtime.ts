import type { IFileSystem } from 'just-bash';
import type { PyodideAPI } from 'pyodide';
import type { PyProxy } from 'pyodide/ffi';
import { concatBytes } from '../../emulator/base64';
import { type Boto3Bridge, boto3BridgeNames } from './boto3-bridge';
import type { LabPagesModule } from './lab-pages-module';
import { copyFilesBack, copyFilesIn, type PythonFs } from './python-files';
import { pythonSources } from './python-sources';

/**
 * Where one program runs: the shell's files and directories, the bridge its boto3 calls, the page's loopback its
 * servers listen on (`app.run()`), and the terminal that shows a server's output while it runs.
 */
export interface PythonHost {
  shell: IFileSystem;
  home: string;
  /** The shell's exported variables: the program's `os.environ` (`PHOTOS_BUCKET=… python3 app.py`). */
  env: Record<string, string>;
  cwd: string;
  bridge: Boto3Bridge;
  pages: LabPagesModule;
  /** Writes to the terminal now; without it, output is shown when the program ends. */
  write?: (text: string) => void;
}

/** A program to run: its source, the file name its tracebacks show, `sys.argv` and standard input. */
export interface PythonProgram {
  source: string;
  filename: string;
  argv: string[];
  stdin: string;
}

/** What a program printed and its exit status. */
export interface PythonResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The terminal Python talks to (its `>>> ` and `input()`): what it prints, and the line typed after a question. */
export interface PythonTerminal {
  write(text: string): void;
  prompt(question: string): Promise<string | undefined>;
}

/** CPython in Pyodide, loaded once per page, running one program at a time. */
export interface PythonRuntime {
  /** CPython's version: `3.14.2`. */
  version: string;
  /** Runs a program; on a terminal, its `input()` shows the output so far and asks the learner. */
  run(program: PythonProgram, host: PythonHost, terminal?: PythonTerminal): Promise<PythonResult>;
  /** The interactive interpreter, until `exit()` or the learner leaves; resolves with the exit status. */
  repl(argv: string[], host: PythonHost, terminal: PythonTerminal): Promise<number>;
}

/** Pyodide's files: in a page, the site's own `/pyodide/` (src/integrations/pyodide-files.ts); in Node, its package. */
function pyodideOptions() {
  if (typeof document === 'undefined') return {};
  return { indexURL: new URL(`${import.meta.env.BASE_URL}pyodide/`, document.baseURI).href };
}

/** Output of the running program, as bytes until it ends. */
class Captured {
  private chunks: Uint8Array[] = [];
  write = (buffer: Uint8Array) => {
    this.chunks.push(buffer.slice());
    return buffer.length;
  };
  take(): string {
    const text = new TextDecoder().decode(concatBytes(this.chunks));
    this.chunks = [];
    return text;
  }
}

interface Runner extends PyProxy {
  run: PyProxy & { callPromising(...args: unknown[]): Promise<number> };
  Repl: PyProxy & ((argv: string[], cwd: string) => PyProxy & { push: PyProxy; close(): void });
}

async function startPython(): Promise<PythonRuntime> {
  const { loadPyodide } = await import('pyodide');
  const pyodide: PyodideAPI = await loadPyodide(pyodideOptions());
  const sitePackages = pyodide.runPython('import sysconfig; sysconfig.get_paths()["purelib"]') as string;
  for (const [path, text] of Object.entries(pythonSources)) {
    pyodide.FS.mkdirTree(`${sitePackages}/${path.slice(0, path.lastIndexOf('/') + 1)}`);
    pyodide.FS.writeFile(`${sitePackages}/${path}`, text);
  }
  let bridge: Boto3Bridge | undefined;
  pyodide.registerJsModule(
    '_lab_bridge',
    Object.fromEntries(boto3BridgeNames.map((name) => [name, (json: string) => bridge![name]!(json)])),
  );
  const stdout = new Captured();
  const stderr = new Captured();
  let terminal: PythonTerminal | undefined;
  // input() on the terminal: what the program printed so far, then the question.
  pyodide.registerJsModule('_lab_terminal', {
    ask: async (question: string) => {
      if (!terminal) return undefined;
      terminal.write(stdout.take() + stderr.take());
      return terminal.prompt(question);
    },
  });
  let running: PythonHost | undefined;
  pyodide.registerJsModule('_lab_pages', {
    listen: (...args: Parameters<LabPagesModule['listen']>) => running!.pages.listen(...args),
    flush: () => running?.write?.(stdout.take() + stderr.take()),
  });
  pyodide.setStdout({ write: stdout.write });
  pyodide.setStderr({ write: stderr.write });
  const runner = pyodide.pyimport('_lab_python') as Runner;
  const fs = pyodide.FS as unknown as PythonFs;
  let queue: Promise<unknown> = Promise.resolve();
  const environ = pyodide.pyimport('os').environ as PyProxy & { clear(): void; update(values: unknown): void };
  // One program at a time: they share the interpreter, its output, the bridge and the terminal.
  const exclusive = <T>(host: PythonHost, asked: PythonTerminal | undefined, work: () => Promise<T>): Promise<T> => {
    const turn = queue.then(async () => {
      bridge = host.bridge;
      terminal = asked;
      running = host;
      environ.clear();
      environ.update(pyodide.toPy(host.env));
      const copied = await copyFilesIn(host.shell, fs, host.home, host.cwd);
      try {
        return await work();
      } finally {
        terminal = undefined;
        await copyFilesBack(host.shell, fs, host.home, copied);
      }
    });
    queue = turn.catch(() => {});
    return turn;
  };
  return {
    version: pyodide.runPython('import platform; platform.python_version()') as string,
    run: (program, host, asked) =>
      exclusive(host, asked, async () => {
        const { source, filename, argv, stdin } = program;
        const exitCode = await runner.run.callPromising(source, filename, argv, stdin, host.cwd, asked !== undefined);
        return { stdout: stdout.take(), stderr: stderr.take(), exitCode };
      }),
    repl: (argv, host, asked) =>
      exclusive(host, asked, async () => {
        const repl = runner.Repl(argv, host.cwd);
        let more = false;
        try {
          for (;;) {
            const line = await asked.prompt(more ? '... ' : '>>> ');
            if (line === undefined) return 0;
            const pushed = (await repl.push.callPromising(line)) as PyProxy | number | boolean;
            asked.write(stdout.take() + stderr.take());
            if (typeof pushed === 'number') return pushed;
            more = pushed === true;
          }
        } finally {
          repl.close();
          repl.destroy();
        }
      }),
  };
}

let started: Promise<PythonRuntime> | undefined;

/** The page's Python, started on first use (Pyodide's 13 MB load only when the learner first runs `python3`). */
export function loadPython(): Promise<PythonRuntime> {
  // A failed start (the page went offline) is not kept: the next `python3` tries again.
  started ??= startPython().catch((error: unknown) => {
    started = undefined;
    throw error;
  });
  return started;
}

/** Whether Python has started (or is starting) in this page. */
export const pythonStarted = () => started !== undefined;
