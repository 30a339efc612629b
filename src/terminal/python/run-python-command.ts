import type { CommandContext } from 'just-bash';
import type { Sandbox } from '../../emulator/sandbox';
import { bytesOfByteString } from '../byte-string';
import { labHome } from '../shell-session';
import { shellAwsFiles } from '../shell-files';
import type { TerminalIo } from '../terminal-io';
import { runPip } from './pip-command';
import { type ProgramSource, type PythonInvocation, parsePythonArguments, pythonUsage } from './python-arguments';
import type { PythonHost, PythonResult, PythonRuntime } from './python-runtime';

/**
 * The code `python3` runs: Pyodide, our boto3's bridge, the sandbox's request handler and the page's servers, loaded
 * on first use.
 */
const loadPythonCode = () =>
  Promise.all([
    import('./python-runtime'),
    import('./boto3-bridge'),
    import('../../emulator/sdk-handler'),
    import('./lab-pages-module'),
    import('../../emulator/page-servers'),
  ]);

const result = (stdout: string, stderr: string, exitCode: number): PythonResult => ({ stdout, stderr, exitCode });

/** The program's source and the file name its tracebacks show, or CPython's message when the file cannot be read. */
async function programText(source: ProgramSource, ctx: CommandContext, stdin: string) {
  if ('code' in source) return { source: source.code, filename: '<string>' };
  if ('stdin' in source) return { source: stdin, filename: '<stdin>' };
  const path = ctx.fs.resolvePath(ctx.cwd, source.file);
  const stat = await ctx.fs.stat(path).catch(() => undefined);
  if (stat?.isFile) return { source: await ctx.fs.readFile(path), filename: path };
  const reason = stat ? '[Errno 21] Is a directory' : '[Errno 2] No such file or directory';
  return { error: `python3: can't open file '${path}': ${reason}\n` };
}

/** What `python3 -m MODULE` runs in the lab terminal: `pip` is the shell's; other modules are not offered. */
function moduleMessage(module: string): string {
  return (
    `python3: -m ${module} is not available in the lab terminal: run a program (python3 FILE or python3 -c CODE), ` +
    'or python3 alone for the interactive interpreter\n'
  );
}

type Invoked = Exclude<PythonInvocation, { kind: 'error' | 'help' | 'module' }>;

async function runInvocation(
  invocation: Invoked,
  python: PythonRuntime,
  host: PythonHost,
  ctx: CommandContext,
  io: TerminalIo,
): Promise<PythonResult> {
  if (invocation.kind === 'version') return result(`Python ${python.version}\n`, '', 0);
  const stdin = new TextDecoder().decode(bytesOfByteString(ctx.stdin));
  if (invocation.kind === 'interactive' && stdin === '' && io.prompt && io.write) {
    const { prompt, write } = io;
    write(`Python ${python.version} (Pyodide, in this page) on emscripten\n`);
    write('Type "help", "copyright", "credits" or "license" for more information; exit() or Ctrl-D leaves.\n');
    return result('', '', await python.repl(invocation.argv, host, { prompt, write }));
  }
  const source = invocation.kind === 'interactive' ? ({ stdin: true } as const) : invocation.source;
  const text = await programText(source, ctx, stdin);
  if ('error' in text) return result('', text.error ?? '', 2);
  const program = { ...text, argv: invocation.argv, stdin: 'stdin' in source ? '' : stdin };
  // Standard input not piped in is the terminal's: input() asks the learner there.
  const { prompt, write } = io;
  const onTerminal = stdin === '' && !('stdin' in source) && prompt && write ? { prompt, write } : undefined;
  return python.run(program, host, onTerminal);
}

/**
 * Runs `python3` (and `python`): CPython in the page (Pyodide, loaded on the first run), with the shell's files, its
 * standard input and arguments, and `boto3` reaching the sandbox as `aws` does. Without a program on a terminal, the
 * interactive interpreter.
 */
export async function runPythonCommand(
  name: string,
  args: string[],
  ctx: CommandContext,
  sandbox: () => Promise<Sandbox>,
  io: () => TerminalIo,
  parse: (args: string[]) => PythonInvocation = parsePythonArguments,
): Promise<PythonResult> {
  const invocation = parse(args);
  if (invocation.kind === 'error') return result('', `${invocation.message}\n${pythonUsage}\n`, 2);
  if (invocation.kind === 'help') return result(`${pythonUsage}\n`, '', 0);
  if (invocation.kind === 'module' && invocation.module === 'pip') return runPip(invocation.args, ctx);
  if (invocation.kind === 'module') return result('', moduleMessage(invocation.module), 1);
  const terminal = io();
  const [[runtime, { boto3Bridge }, { sandboxRequestHandler }, { labPagesModule }, { pageServers }], reached] =
    await Promise.all([loadPythonCode(), sandbox()]);
  if (!runtime.pythonStarted()) terminal.write?.('Starting Python…\n');
  const python = await runtime.loadPython().catch((error: unknown) => error as Error);
  if (python instanceof Error)
    return result('', `${name}: Python could not start: ${python.message}\nReload the page and try again.\n`, 1);
  const env = ctx.exportedEnv ?? Object.fromEntries(ctx.env);
  const files = shellAwsFiles(ctx.fs, ctx.cwd, new Uint8Array());
  const host: PythonHost = {
    shell: ctx.fs,
    home: env.HOME ?? labHome,
    env,
    cwd: ctx.cwd,
    bridge: boto3Bridge({ env, files, requestHandler: sandboxRequestHandler(reached) }),
    // A server the program starts (app.run()) listens until Ctrl-C stops the command.
    pages: labPagesModule(pageServers, ctx.signal),
    ...(terminal.write ? { write: terminal.write } : {}),
  };
  return runInvocation(invocation, python, host, ctx, terminal);
}

/** What `flask ARGS` runs: Flask's command line (`flask --app app run`) in the page's Python. */
export const flaskInvocation = (args: string[]): PythonInvocation => ({
  kind: 'program',
  source: { code: 'from flask.cli import main\nmain()\n' },
  argv: ['flask', ...args],
});
