/** Where a program's source comes from. */
export type ProgramSource = { code: string } | { file: string } | { stdin: true };

/** What a `python3` command line asks for, read as CPython reads its options. */
export type PythonInvocation =
  | { kind: 'version' }
  | { kind: 'help' }
  | { kind: 'program'; source: ProgramSource; argv: string[] }
  /** No program named: the interactive interpreter on a terminal, standard input's program otherwise. */
  | { kind: 'interactive'; argv: string[] }
  | { kind: 'module'; module: string; args: string[] }
  | { kind: 'error'; message: string };

/** CPython's usage line. */
export const pythonUsage = 'usage: python3 [option] ... [-c cmd | -m mod | file | -] [arg] ...';

/** Options CPython takes that change nothing the lab terminal shows (unbuffered output, no .pyc files, quiet…). */
const ignoredOptions = new Set(['-u', '-B', '-q', '-E', '-s', '-S', '-I', '-O', '-OO', '-b', '-d', '-v']);

/** Options that end CPython's own options, each with what the rest of the line is. */
const programOptions: Record<string, (value: string, rest: string[]) => PythonInvocation> = {
  '-c': (code, rest) => ({ kind: 'program', source: { code }, argv: ['-c', ...rest] }),
  '-m': (module, rest) => ({ kind: 'module', module, args: rest }),
};

/**
 * Reads `python3`'s arguments: `--version`, `-c CODE`, `-m MODULE`, `FILE`, `-` and nothing, with the words after
 * the program as its `sys.argv[1:]`.
 */
export function parsePythonArguments(args: readonly string[]): PythonInvocation {
  for (const [index, arg] of args.entries()) {
    const rest = args.slice(index + 1);
    if (arg === '--version' || arg === '-V') return { kind: 'version' };
    if (arg === '-h' || arg === '--help' || arg === '-?') return { kind: 'help' };
    if (ignoredOptions.has(arg)) continue;
    const program = programOptions[arg.slice(0, 2)];
    if (program && arg.length > 2) return program(arg.slice(2), rest);
    if (program) {
      if (rest.length === 0) return { kind: 'error', message: `Argument expected for the ${arg} option` };
      return program(rest[0]!, rest.slice(1));
    }
    if (arg === '-') return { kind: 'program', source: { stdin: true }, argv: ['-', ...rest] };
    if (arg.startsWith('-')) return { kind: 'error', message: `Unknown option: ${arg}` };
    return { kind: 'program', source: { file: arg }, argv: [arg, ...rest] };
  }
  return { kind: 'interactive', argv: [''] };
}
