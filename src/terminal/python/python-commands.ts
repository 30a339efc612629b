import { type Command, defineCommand } from 'just-bash';
import type { Sandbox } from '../../emulator/sandbox';
import type { TerminalIo } from '../terminal-io';

/**
 * `python3`, `python` and `flask`: CPython in the page (./run-python-command.ts). Only these names load with the terminal;
 * the command's code, Pyodide and boto3 load when the learner first runs one.
 */
export function pythonCommands(sandbox: () => Promise<Sandbox>, io: () => TerminalIo): Command[] {
  return [
    ...['python3', 'python'].map((name) =>
      defineCommand(name, async (args, ctx) =>
        (await import('./run-python-command')).runPythonCommand(name, args, ctx, sandbox, io),
      ),
    ),
    // `flask --app app run`: Flask's command line, serving the app from the same Python.
    defineCommand('flask', async (args, ctx) => {
      const { runPythonCommand, flaskInvocation } = await import('./run-python-command');
      return runPythonCommand('flask', args, ctx, sandbox, io, flaskInvocation);
    }),
  ];
}

/** `pip` and `pip3` (./pip-command.ts), loaded on first use. */
export const pipCommands: Command[] = ['pip', 'pip3'].map((name) =>
  defineCommand(name, async (args, ctx) => (await import('./pip-command')).runPip(args, ctx)),
);
