import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { closestName } from '../lib/closest-name';
import { UsageError } from './io';

/** The closest option name to a mistyped one, if it is close enough to be what was meant. */
export function suggestOption(typed: string, options: ParseArgsOptionsConfig): string | undefined {
  const names = Object.keys(options).map((name) => `--${name}`);
  return closestName(typed.split('=')[0]!, names);
}

/**
 * `parseArgs` for an `awscourse` command, strict, with its mistakes as {@link UsageError}s the user can act on: an
 * unknown option names the closest known one ("did you mean --offline?"), a missing value names the option.
 */
export function parseCommandArgs<O extends ParseArgsOptionsConfig>(
  command: string,
  args: string[],
  options: O,
  positionals = false,
) {
  const help = `Run "awscourse ${command} --help" for the options.`;
  try {
    return parseArgs({ args, options, allowPositionals: positionals, strict: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const quoted = /'([^']*)'/.exec((error as Error).message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const suggestion = suggestOption(quoted, options);
      throw new UsageError(`Unknown option ${quoted}${suggestion ? `. Did you mean ${suggestion}?` : '.'}`, help);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const option = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
      const takesNone = /does not take an argument/.test((error as Error).message);
      throw new UsageError(
        takesNone ? `${option} takes no value.` : `${option} needs a value: ${option} <value>.`,
        help,
      );
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
      throw new UsageError(`"awscourse ${command}" takes no argument "${quoted}".`, help);
    throw error;
  }
}
