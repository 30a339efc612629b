import type { NormalizedSchema } from '@smithy/core/schema';

/** How many command-line words an argument takes. */
export type Arity = 'flag' | 'one' | 'many';

/** A parameter as the CLI's parser sees it: `--vpc-ids`, `--dry-run`, `--count`, the positional `outfile`. */
export interface CliArgument {
  /** The name without dashes: `vpc-ids`. */
  name: string;
  /** `flag` (a boolean: `--dry-run`), `one` word, or `many` words (`--vpc-ids a b c`). */
  arity: Arity;
  /** Whether the CLI refuses the command without it. */
  required: boolean;
  /** Taken from its place on the line (`aws s3api get-object … OUTFILE`), not after a `--name`. */
  positional?: boolean;
  /** The input member it sets and that member's schema, when it maps straight to one. */
  member?: { name: string; schema: NormalizedSchema };
  /** The value a `flag` sets: `true`, or `false` for its `--no-` twin. */
  flagValue?: boolean;
  /** Left out of help, as the CLI hides paging tokens and parameters a customization replaces. */
  hidden?: boolean;
  /** Sets the input from the words given, for arguments the CLI adds; returns an error message or nothing. */
  apply?: (input: Record<string, unknown>, value: string | string[] | boolean) => string | undefined;
}

/** An operation's arguments by name (without dashes), in the order help lists them. */
export type ArgumentTable = Map<string, CliArgument>;
