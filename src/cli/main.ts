import { closest, distance } from 'fastest-levenshtein';
import { checkers } from '../../checkers/index';
import { checkerPolicyDocument } from '../../checkers/policy';
import { checkHelp, runCheckCommand } from './check-command';
import { emulatorHelp, runEmulatorCommand } from './emulator-command';
import { type CliIo, UsageError, exitCodes } from './io';
import { reportHelp, runReportCommand } from './report-command';

export const mainHelp = `Usage: awscourse <command> [options]

Commands:
  check        check an exercise (or all) read-only, in your AWS account or the sandbox
  policy       print the least-privilege IAM policy the checks need
  emulator     run the sandbox AWS account as a local endpoint for the AWS CLI, boto3 and your app
  report       the class's progress from learners' progress files: who passed which exercise
  help <cmd>   show a command's help

Run "awscourse <command> --help" for a command's options.
`;

export const policyHelp = `Usage: awscourse policy

Prints the IAM policy (JSON) that lets a user or role run every check: only the read-only actions the checkers
declare. Attach it to a dedicated checker identity, for example:

  awscourse policy > checker-policy.json
  aws iam put-user-policy --user-name <you> --policy-name awscourse-checker --policy-document file://checker-policy.json
`;

const helps = new Map([
  ['check', checkHelp],
  ['policy', policyHelp],
  ['emulator', emulatorHelp],
  ['report', reportHelp],
]);

/** The command a mistyped one was most likely meant to be, if any is close. */
function closestCommand(typed: string): string | undefined {
  const commands = [...helps.keys(), 'help'];
  const best = closest(typed, commands);
  return distance(typed, best) <= 2 ? best : undefined;
}

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
        const help = helps.get(rest[0] ?? '');
        io.stdout(help ?? mainHelp);
        return help || rest.length === 0 ? exitCodes.ok : exitCodes.usage;
      }
      case 'check':
        return await runCheckCommand(rest, io);
      case 'policy':
        if (rest.includes('--help') || rest.includes('-h')) {
          io.stdout(policyHelp);
          return exitCodes.ok;
        }
        if (rest.length) throw new UsageError('"awscourse policy" takes no arguments.', policyHelp.trimEnd());
        io.stdout(checkerPolicyDocument(Object.values(checkers)));
        return exitCodes.ok;
      case 'report':
        return await runReportCommand(rest, io);
      case 'emulator': {
        const running = await runEmulatorCommand(rest, io);
        if (running) io.onStop?.(running.stop);
        return exitCodes.ok;
      }
      default: {
        const suggestion = closestCommand(command);
        throw new UsageError(
          `Unknown command "${command}"${suggestion ? `. Did you mean "${suggestion}"?` : '.'}`,
          mainHelp.trimEnd(),
        );
      }
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`${error.message}\n${error.hint ? `${error.hint}\n` : ''}`);
    return error.exitCode;
  }
}
