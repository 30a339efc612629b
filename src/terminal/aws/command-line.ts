import { type CliError, invalidChoice, usageError } from './cli-error';
import { flagOptions, type GlobalOptions, outputFormats, valueOptions } from './global-options';

/** An `aws` command line split into the global options, the command words and the operation's own arguments. */
export interface CommandLine {
  options: GlobalOptions;
  /** The words before the first option: `['ec2', 'describe-vpcs']`, `['s3', 'cp', 'a', 's3://b/a']`. */
  words: string[];
  /** Everything from the first operation option on, global options taken out. */
  rest: string[];
}

/**
 * Splits argv as the CLI's top-level parser does: global options (`--region x`, `--output=json`) are taken from
 * anywhere on the line, the first words name the command, the rest belongs to the operation.
 */
export function splitCommandLine(argv: readonly string[]): CommandLine | CliError {
  const options: GlobalOptions = { debug: false, noPaginate: false, noSignRequest: false, version: false };
  const words: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    const [name, inline] = word.startsWith('--') ? splitInline(word.slice(2)) : [undefined, undefined];
    if (name !== undefined && Object.hasOwn(valueOptions, name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) return usageError(`aws: error: argument --${name}: expected one argument`);
      if (name === 'output' && !(outputFormats as readonly string[]).includes(value))
        return invalidChoice('--output', outputFormats, value);
      valueOptions[name]!(options, value);
    } else if (name !== undefined && Object.hasOwn(flagOptions, name) && inline === undefined)
      flagOptions[name]!(options);
    else if (rest.length === 0 && !word.startsWith('-')) words.push(word);
    else rest.push(word);
  }
  return { options, words, rest };
}

function splitInline(option: string): [string, string | undefined] {
  const equals = option.indexOf('=');
  return equals < 0 ? [option, undefined] : [option.slice(0, equals), option.slice(equals + 1)];
}
