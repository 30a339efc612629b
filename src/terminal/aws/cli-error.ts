import { closeMatches } from './close-matches';

/** The CLI's exit codes (its "return codes" topic). */
export const exitCodes = {
  /** The command and its parameters were understood and the call succeeded. */
  ok: 0,
  /** The command line could not be parsed, or a parameter is invalid. */
  paramValidation: 252,
  /** No credentials, no region, or a configuration file problem. */
  configuration: 253,
  /** The service answered with an error. */
  client: 254,
  /** Anything else. */
  general: 255,
} as const;

/** The usage lines the CLI prints above a command-line error. */
export const usageText =
  'usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n' +
  'To see help text, you can run:\n\n' +
  '  aws help\n' +
  '  aws <command> help\n' +
  '  aws <command> <subcommand> help\n';

/** A failure as the CLI reports it: the text for stderr and the exit code. */
export interface CliError {
  message: string;
  exitCode: number;
  /** Printed with the usage lines, as argparse's errors are. */
  withUsage?: boolean;
  /** Nothing is printed on stderr, only the exit code returned (`configure get` of an unset key). */
  silent?: boolean;
  /** What was printed on stdout before the failure. */
  stdout?: string;
  /** Printed as it is, without the blank line before it (the s3 commands' `upload failed: …` lines). */
  plain?: boolean;
}

/** A command-line error with the usage lines: `aws: error: …` or `Unknown options: …`. */
export function usageError(message: string): CliError {
  return { message, exitCode: exitCodes.paramValidation, withUsage: true };
}

/**
 * argparse's error for a word that is not one of the choices: the choices two to a line, each padded to 40, and
 * the close ones the CLI suggests.
 */
export function invalidChoice(argument: string, choices: readonly string[], word?: string): CliError {
  const lines: string[] = [];
  for (let i = 0; i < choices.length; i += 2)
    lines.push(
      choices
        .slice(i, i + 2)
        .map((choice) => choice.padEnd(40))
        .join(' | '),
    );
  const close = word === undefined ? [] : closeMatches(word, choices);
  const suggestion = close.length
    ? `\n\n\nInvalid choice: '${word}', maybe you meant:\n\n${close.map((choice) => `  * ${choice}`).join('\n')}`
    : '';
  return usageError(
    `aws: error: argument ${argument}: Invalid choice, valid choices are:\n\n${lines.join('\n')}${suggestion}`,
  );
}

/** A parameter error: `Error parsing parameter '--x': …`, or botocore's parameter validation. */
export function paramError(message: string): CliError {
  return { message, exitCode: exitCodes.paramValidation };
}

/** Whether a value is a {@link CliError}. */
export function isCliError(value: unknown): value is CliError {
  return typeof value === 'object' && value !== null && 'exitCode' in value && 'message' in value;
}

/** The error as the CLI writes it to stderr: a blank line, (the usage,) the message, a newline. */
export function renderCliError(error: CliError): string {
  if (error.silent) return '';
  if (error.plain) return `${error.message}\n`;
  return error.withUsage ? `\n${usageText}\n${error.message}\n\n` : `\n${error.message}\n`;
}
