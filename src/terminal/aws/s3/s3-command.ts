import type { AwsContext } from '../aws-context';
import { type CliError, invalidChoice, isCliError, usageError } from '../cli-error';
import type { GlobalOptions } from '../global-options';
import { s3Mb, s3Rb } from './s3-buckets';
import { s3Ls } from './s3-ls';
import { s3Presign } from './s3-presign';
import type { S3Session } from './s3-session';
import { openS3Session } from './s3-session';
import type { PathFilter } from './path-filter';
import { s3Sync } from './s3-sync';
import { s3Rm, s3Transfer } from './s3-transfer';

/** The words after an `aws s3` command: its paths, its switches and its valued options. */
interface S3Arguments {
  paths: string[];
  flags: Set<string>;
  values: Record<string, string>;
  /** `--exclude` and `--include`, which may repeat, in order. */
  filters: PathFilter[];
}

/** One `aws s3` command: the switches and valued options it takes, and what it does. */
interface S3Command {
  flags: string[];
  values: string[];
  run(session: S3Session, args: S3Arguments): Promise<string | CliError>;
}

/** Switches of the transfer commands: `aws` never shows a progress meter; the other two keep the result lines back. */
const quietFlags = ['no-progress', 'only-show-errors', 'quiet'];

/** `cp` or `mv`: one file or, with `--recursive`, a tree, with the options the two share. */
function transferCommand(command: 'cp' | 'mv'): S3Command {
  return {
    flags: ['recursive', ...quietFlags],
    values: ['content-type', 'acl'],
    run: (s, a) =>
      s3Transfer(s, command, a.paths, a.flags.has('recursive'), {
        contentType: a.values['content-type'],
        acl: a.values.acl,
      }),
  };
}

/** The `aws s3` commands the lessons use, and `sync`, in the order the CLI lists its own. */
export const s3Commands: Record<string, S3Command> = {
  ls: {
    flags: ['recursive'],
    values: [],
    run: (s, a) => s3Ls(s, a.paths, a.flags),
  },
  cp: transferCommand('cp'),
  mv: transferCommand('mv'),
  rm: { flags: ['recursive', ...quietFlags], values: [], run: (s, a) => s3Rm(s, a.paths, a.flags.has('recursive')) },
  mb: { flags: [], values: [], run: (s, a) => s3Mb(s, a.paths) },
  rb: { flags: ['force'], values: [], run: (s, a) => s3Rb(s, a.paths, a.flags.has('force')) },
  sync: {
    flags: ['delete', 'dryrun', 'size-only', 'exact-timestamps', ...quietFlags],
    values: ['content-type', 'acl', 'exclude', 'include'],
    run: (s, a) =>
      s3Sync(s, a.paths, {
        contentType: a.values['content-type'],
        acl: a.values.acl,
        delete: a.flags.has('delete'),
        dryrun: a.flags.has('dryrun'),
        sizeOnly: a.flags.has('size-only'),
        exactTimestamps: a.flags.has('exact-timestamps'),
        filters: a.filters,
      }),
  },
  presign: {
    flags: [],
    values: ['expires-in'],
    run: (s, a) => s3Presign(s, a.paths, Number(a.values['expires-in'] ?? 3600)),
  },
};

function parseS3Arguments(command: S3Command, words: string[]): S3Arguments | CliError {
  const args: S3Arguments = { paths: [], flags: new Set(), values: {}, filters: [] };
  const unknown: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith('--')) args.paths.push(word);
    else if (command.flags.includes(word.slice(2))) args.flags.add(word.slice(2));
    else if (command.values.includes(word.slice(2))) {
      const value = words[++i];
      if (value === undefined) return usageError(`aws: error: argument ${word}: expected one argument`);
      if (word === '--exclude' || word === '--include')
        args.filters.push({ kind: word === '--exclude' ? 'exclude' : 'include', pattern: value });
      else args.values[word.slice(2)] = value;
    } else unknown.push(word);
  }
  return unknown.length > 0 ? usageError(`Unknown options: ${unknown.join(', ')}`) : args;
}

/** `aws s3 <command> …`: the high-level S3 commands, over the same SDK client as `aws s3api`. */
export async function runS3(words: string[], options: GlobalOptions, context: AwsContext): Promise<string | CliError> {
  const [name, ...rest] = words;
  if (name === undefined) return usageError('aws: error: the following arguments are required: operation');
  const command = Object.hasOwn(s3Commands, name) ? s3Commands[name] : undefined;
  if (!command) return invalidChoice('subcommand', Object.keys(s3Commands), name);
  const args = parseS3Arguments(command, rest);
  if (isCliError(args)) return args;
  const session = await openS3Session(options, context);
  if (isCliError(session)) return session;
  try {
    const result = await command.run(session, args);
    const quiet = args.flags.has('quiet') || args.flags.has('only-show-errors');
    if (!quiet) return result;
    return typeof result === 'string'
      ? ''
      : { ...result, stdout: '', ...(args.flags.has('quiet') ? { silent: true } : {}) };
  } finally {
    session.client.destroy();
  }
}
