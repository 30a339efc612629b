import type { CommandContext, ExecResult } from 'just-bash';

/** The packages the lab terminal's Python has: our boto3 and the botocore under it, and our Flask. */
const available = new Set(['boto3', 'botocore', 'flask']);

/** A requirement's package name: `boto3==1.35.0` and `Flask>=3` are `boto3` and `flask`. */
const packageName = (requirement: string) =>
  requirement
    .split(/[<>=!~;[ ]/)[0]!
    .trim()
    .toLowerCase();

/** The requirements `pip install` names (its words, and the lines of each `-r FILE`), or pip's error for a file. */
async function requirements(args: readonly string[], ctx: CommandContext): Promise<string[] | { error: string }> {
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-r' || arg === '--requirement') {
      const file = args[++i] ?? '';
      const text = await ctx.fs.readFile(ctx.fs.resolvePath(ctx.cwd, file)).catch(() => undefined);
      if (text === undefined)
        return { error: `ERROR: Could not open requirements file: [Errno 2] No such file or directory: '${file}'\n` };
      names.push(...text.split('\n').map((line) => line.replace(/#.*/, '').trim()));
    } else if (!arg.startsWith('-')) names.push(arg);
  }
  return names.filter(Boolean).map(packageName);
}

const offline =
  'the lab terminal installs no packages: it works offline, in this page. boto3 is already there for python3, ' +
  'reaching the sandbox as aws does; the rest of a project runs on your own machine.\n';

/**
 * `pip install …` (and `python3 -m pip`): boto3, botocore and flask are already there (exit 0); any other package cannot be
 * installed offline (exit 1), and pip says which.
 */
export async function runPip(args: readonly string[], ctx: CommandContext): Promise<ExecResult> {
  if (args[0] !== 'install') return { stdout: '', stderr: `pip: ${offline}`, exitCode: 1 };
  const names = await requirements(args.slice(1), ctx);
  if ('error' in names) return { stdout: '', stderr: names.error, exitCode: 1 };
  const missing = names.filter((name) => !available.has(name));
  const stdout = names
    .filter((name) => available.has(name))
    .map((name) => `Requirement already satisfied: ${name} (the lab terminal's own, for the sandbox)\n`)
    .join('');
  if (missing.length === 0) return { stdout, stderr: '', exitCode: 0 };
  return { stdout, stderr: `ERROR: cannot install ${missing.join(', ')}: ${offline}`, exitCode: 1 };
}
