import { homedir } from 'node:os';
import type { ParseArgsOptionsConfig } from 'node:util';
import type { Checker } from '../../checkers/contract';
import { checkStatuses, passedCount, runStatuses, type CheckStatus } from '../../checkers/status';
import { checkers } from '../../checkers/index';
import { paramFields } from '../../checkers/params';
import { CheckerParamsError, maskRunKeys, runChecker, type CheckerRun } from '../../checkers/run';
import { appendAttemptToFile, progressFilePath } from '../progress/file-store';
import { verifyAttemptOf } from '../verify/attempt';
import { defaultSandboxFile } from './emulator-command';
import { liveTarget, offlineTarget } from './account-target';
import { parseCommandArgs } from './args';
import { checkHelp } from './check-help';
import { type CliIo, UsageError, exitCodes } from './io';

const checkOptions = {
  region: { type: 'string' },
  profile: { type: 'string' },
  param: { type: 'string', multiple: true, default: [] },
  'app-url': { type: 'string' },
  json: { type: 'boolean', default: false },
  offline: { type: 'boolean', default: false },
  state: { type: 'string' },
  'no-save': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsOptionsConfig;

/** `--param k=v` pairs as a record; a pair without `=` is a usage error. */
function paramPairs(pairs: string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals < 1)
      throw new UsageError(`--param needs name=value, not "${pair}".`, 'For example: --param vpcName=my-vpc');
    params[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return params;
}

/**
 * One checker's params: the `--param` pairs it takes (all of them when it is the only one checked, so its schema
 * names any it does not know), `--app-url`, and environment variables its parameters name (PHOTOS_BUCKET).
 */
function paramsFor(
  checker: Checker<never, unknown>,
  given: Record<string, string>,
  appUrl: string | undefined,
  env: CliIo['env'],
  onlyOwn: boolean,
): Record<string, unknown> {
  const fields = paramFields(checker.params);
  const own = new Set(fields.map((field) => field.name));
  const params: Record<string, unknown> = Object.fromEntries(
    Object.entries(given).filter(([name]) => !onlyOwn || own.has(name)),
  );
  if (own.has('appUrl') && appUrl !== undefined) params.appUrl = appUrl;
  for (const field of fields)
    if (field.env && params[field.name] === undefined && env[field.env]) params[field.name] = env[field.env];
  return params;
}

/** With several checkers, a `--param` none of them takes is a mistake (a typo, most likely), named before any run. */
function checkParamsKnown(selected: Checker<never, unknown>[], given: Record<string, string>): void {
  const known = new Set(selected.flatMap((checker) => paramFields(checker.params).map((field) => field.name)));
  const unknown = Object.keys(given).filter((name) => !known.has(name));
  if (unknown.length > 0)
    throw new UsageError(
      `No exercise takes the parameter${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `"${name}"`).join(', ')}.`,
      `Parameters: ${[...known].join(', ')}.`,
    );
}

/** A run as readable lines; colour only when the output is a terminal and NO_COLOR is unset. */
export function formatRun(run: CheckerRun, title: string, colour: boolean): string {
  const paint = (status: CheckStatus, text: string) =>
    colour ? `\u001b[${checkStatuses[status].ansiColour}m${text}\u001b[0m` : text;
  const where = [run.region, run.account ? `account ${run.account}` : undefined, run.mode].filter(Boolean).join(', ');
  const lines = [`${title} (${where})`];
  for (const check of run.checks) {
    lines.push(`  ${paint(check.status, checkStatuses[check.status].mark)} ${check.title}: ${check.message}`);
    if (check.hint && check.status !== 'pass')
      for (const hintLine of check.hint.split('\n')) lines.push(`      ${hintLine}`);
  }
  const { verdict, shownAs } = runStatuses[run.status];
  lines.push(
    `  Result: ${paint(shownAs, verdict)} — ${passedCount(run.checks)} of ${run.checks.length} checks passed in ` +
      `${run.durationMs} ms.`,
  );
  return `${lines.join('\n')}\n`;
}

/** The checkers a target names: one exercise, or every one for `all`. */
function selectCheckers(positionals: string[]): Checker<never, unknown>[] {
  const exercises = Object.keys(checkers).join(', ');
  const [target] = positionals;
  if (!target || positionals.length > 1)
    throw new UsageError(`Name one exercise or "all".`, `Exercises: ${exercises}.`);
  if (target === 'all') return Object.values(checkers);
  const checker = checkers[target];
  if (!checker) throw new UsageError(`Unknown exercise "${target}".`, `Exercises: ${exercises}, or "all".`);
  return [checker];
}

/** Appends each run to the progress file, masked; a file that cannot be read is left alone, and the user told. */
async function saveRuns(runs: CheckerRun[], io: CliIo): Promise<void> {
  const file = progressFilePath(io.env, homedir());
  for (const run of runs) {
    const outcome = await appendAttemptToFile(file, verifyAttemptOf(maskRunKeys(run)), new Date());
    if ('problem' in outcome) {
      io.stderr(`${outcome.problem}\n`);
      return;
    }
  }
}

/** An exercise `check all` could not run for want of parameters, with what to pass. */
function formatSkipped(checker: Checker<never, unknown>, error: CheckerParamsError): string {
  return `${checker.title}\n  ${checkStatuses.skip.mark} Skipped: ${error.message}\n      ${error.hint}\n`;
}

/**
 * `awscourse check`: runs one checker or all, prints, saves progress; resolves with the exit code. With `all`, an
 * exercise whose parameters were not given (the photo bucket) is skipped with what to pass, and the rest run.
 */
export async function runCheckCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('check', args, checkOptions, true);
  if (values.help) {
    io.stdout(checkHelp);
    return exitCodes.ok;
  }
  const selected = selectCheckers(positionals);
  if (values.state && !values.offline) throw new UsageError('--state goes with --offline.');
  const given = paramPairs(values.param);
  const all = selected.length > 1;
  if (all) checkParamsKnown(selected, given);
  const mode = values.offline ? 'offline' : 'live';
  const target = values.offline
    ? await offlineTarget(values.state ?? defaultSandboxFile(io.env, homedir()), values.region ?? 'us-west-2')
    : await liveTarget(values.region, values.profile, io);

  const colour = io.isTty === true && io.env.NO_COLOR === undefined;
  const runs: CheckerRun[] = [];
  const printed: string[] = [];
  let skipped = 0;
  for (const checker of selected) {
    const params = paramsFor(checker, given, values['app-url'], io.env, all);
    try {
      const run = await runChecker(checker, { ...target, mode, surface: 'cli', params });
      runs.push(run);
      printed.push(formatRun(run, checker.title, colour));
    } catch (error) {
      if (!(error instanceof CheckerParamsError)) throw error;
      if (!all || !error.onlyMissing) throw new UsageError(error.message, error.hint);
      skipped += 1;
      if (values.json) io.stderr(formatSkipped(checker, error));
      else printed.push(formatSkipped(checker, error));
    }
  }
  if (values.json) io.stdout(`${JSON.stringify(runs.length === 1 && !all ? runs[0] : runs, null, 2)}\n`);
  else io.stdout(printed.join('\n'));
  if (!values['no-save']) await saveRuns(runs, io);

  if (runs.some((r) => r.status === 'error' && r.problem === 'credentials')) return exitCodes.usage;
  if (!runs.every((r) => r.status === 'passed')) return exitCodes.failed;
  return skipped > 0 ? exitCodes.usage : exitCodes.ok;
}
