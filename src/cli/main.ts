import { emulatorHelp, runEmulatorCommand } from './emulator-command';
import { type CliIo, UsageError, exitCodes } from './io';

export const mainHelp = `Usage: awscourse <command> [options]

Commands:
  emulator     run the sandbox AWS account as a local endpoint for the AWS CLI, boto3 and your app
  help <cmd>   show a command's help

Run "awscourse <command> --help" for a command's options.
`;

const helps: Record<string, string> = { emulator: emulatorHelp };

/**
 * The `awscourse` command. Returns the exit code for one-shot commands; long-running ones (the emulator) resolve
 * once they are up and keep the process alive.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
        io.stdout(mainHelp);
        return exitCodes.ok;
      case 'help': {
        const help = helps[rest[0] ?? ''];
        io.stdout(help ?? mainHelp);
        return help || rest.length === 0 ? exitCodes.ok : exitCodes.usage;
      }
      case 'emulator': {
        const running = await runEmulatorCommand(rest, io);
        if (running) {
          const stop = () => {
            void running.stop().then(() => process.exit(exitCodes.ok));
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        }
        return exitCodes.ok;
      }
      default:
        io.stderr(`Unknown command "${command}".\n\n${mainHelp}`);
        return exitCodes.usage;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof TypeError && 'code' in error && String((error as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`${error.message}\nRun "awscourse ${command} --help" for the options.\n`);
      return exitCodes.usage;
    }
    throw error;
  }
}
