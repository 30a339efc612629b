import { closest, distance } from 'fastest-levenshtein';
import { checkHelp } from './check-help';
import { diagramHelp } from './diagram-help';
import { emulatorHelp } from './emulator-help';
import { type CliIo, exitCodes, UsageError } from './io';
import { policyHelp } from './policy-help';
import { reportHelp } from './report-help';

export const mainHelp = `Usage: awscourse <command> [options]

Commands:
  check        check an exercise (or all) read-only, in your AWS account or the sandbox
  diagram      draw what an account holds (your AWS account or the sandbox), marked with failed checks
  policy       print the least-privilege IAM policy the checks and the diagram need
  emulator     run the sandbox AWS account as a local endpoint for the AWS CLI, boto3 and your app
  report       the class's progress from learners' progress files: who passed which exercise
  help <cmd>   show a command's help

Run "awscourse <command> --help" for a command's options.
`;

/** A command: its help, and how it runs, resolving with the exit code. */
interface Command {
  help: string;
  run: (args: string[], io: CliIo) => Promise<number>;
}

/** Runs the emulator and hands its stop to whoever ends the process; it keeps running after this resolves. */
async function runEmulator(args: string[], io: CliIo): Promise<number> {
  const { runEmulatorCommand } = await import('./emulator-command');
  const running = await runEmulatorCommand(args, io);
  if (running) io.onStop?.(running.stop);
  return exitCodes.ok;
}

/**
 * Every command. Its module is imported only when it runs: the emulator and the checks bring the AWS SDK, which a
 * report, or a look at the help, has no use for. The helps are small modules of their own for the same reason.
 */
const commands = new Map<string, Command>([
  ['check', { help: checkHelp, run: async (args, io) => (await import('./check-command')).runCheckCommand(args, io) }],
  [
    'diagram',
    { help: diagramHelp, run: async (args, io) => (await import('./diagram-command')).runDiagramCommand(args, io) },
  ],
  [
    'policy',
    { help: policyHelp, run: async (args, io) => (await import('./policy-command')).runPolicyCommand(args, io) },
  ],
  ['emulator', { help: emulatorHelp, run: runEmulator }],
  [
    'report',
    { help: reportHelp, run: async (args, io) => (await import('./report-command')).runReportCommand(args, io) },
  ],
]);

/** The command a mistyped one was most likely meant to be, if any is close. */
function closestCommand(typed: string): string | undefined {
  const best = closest(typed, [...commands.keys(), 'help']);
  return distance(typed, best) <= 2 ? best : undefined;
}

/** `awscourse help [command]`: the command's help, or the usage for none (or one that does not exist). */
function showHelp(args: string[], io: CliIo): number {
  const help = commands.get(args[0] ?? '')?.help;
  io.stdout(help ?? mainHelp);
  return help || args.length === 0 ? exitCodes.ok : exitCodes.usage;
}

/**
 * The `awscourse` command. Returns the exit code for one-shot commands; long-running ones (the emulator) resolve
 * once they are up and keep the process alive.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '-h' || name === '--help') {
      io.stdout(mainHelp);
      return exitCodes.ok;
    }
    if (name === 'help') return showHelp(rest, io);
    const command = commands.get(name);
    if (command) return await command.run(rest, io);
    const suggestion = closestCommand(name);
    throw new UsageError(
      `Unknown command "${name}"${suggestion ? `. Did you mean "${suggestion}"?` : '.'}`,
      mainHelp.trimEnd(),
    );
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`${error.message}\n${error.hint ? `${error.hint}\n` : ''}`);
    return error.exitCode;
  }
}
