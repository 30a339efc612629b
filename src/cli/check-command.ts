import { homedir } from 'node:os';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createCheckerAws } from '../../checkers/aws-clients';
import type { Checker, CheckerAws } from '../../checkers/contract';
import { checkStatuses, passedCount, runStatuses, type CheckStatus } from '../../checkers/status';
import { checkers } from '../../checkers/index';
import { CheckerParamsError, maskRunKeys, runChecker, type CheckerRun } from '../../checkers/run';
import { parseSandboxState } from '../emulator/persistence';
import { createSandbox } from '../emulator/sandbox';
import { sandboxFetch, sandboxRequestHandler } from '../emulator/sdk-handler';
import { sandboxRootKey } from '../emulator/state';
import { LiveCredentialsError, liveCheckerAws } from '../live/checker-aws';
import { appendAttemptToFile, progressFilePath } from '../progress/file-store';
import { verifyAttemptOf } from '../verify/attempt';
import { defaultSandboxFile } from './emulator-command';
import { type CliIo, UsageError, exitCodes } from './io';

export const checkHelp = `Usage: awscourse check <exercise|all> [options]

Checks an exercise read-only and prints each check with ✓ or ✗, what was found and how to fix a failure.
Exercises: ${Object.keys(checkers).join(', ')}.

Live mode (the default) uses your AWS credentials (environment, profile or SSO, as the AWS CLI does) and honours
AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>. Offline mode checks the sandbox account instead.

Options:
  --region R         region to check (default: AWS_REGION, your profile's region, else us-west-2)
  --profile P        AWS profile to use
  --param key=value  a checker parameter (repeatable), e.g. --param vpcName=my-vpc
  --app-url URL      the photo gallery's address for exercises 5 and 6 (default http://localhost:5000)
  --json             print the result object(s) as JSON
  --offline          check the sandbox account saved by "awscourse emulator"
  --state FILE       the sandbox file for --offline (default ${'$AWSCOURSE_HOME'}/sandbox.json, ~/.awscourse/)
  --no-save          do not append the result to your progress file
  -h, --help         show this help

Exit status: 0 all checks passed, 1 a check failed, 2 a usage or credential problem.
Each run is appended to your progress file (${'$AWSCOURSE_HOME'}/progress.json).
`;

/** The learner's params: `--param k=v` pairs, `--app-url`, and PHOTOS_BUCKET for checkers with a bucket. */
function paramsFor(
  checker: Checker<never, unknown>,
  pairs: string[],
  appUrl: string | undefined,
  env: CliIo['env'],
): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals < 1) throw new UsageError(`--param needs key=value, not "${pair}".`);
    params[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  const shape = checker.params instanceof z.ZodObject ? (checker.params.shape as Record<string, unknown>) : {};
  if ('appUrl' in shape && appUrl !== undefined) params.appUrl = appUrl;
  if ('bucket' in shape && params.bucket === undefined && env.PHOTOS_BUCKET) params.bucket = env.PHOTOS_BUCKET;
  for (const key of Object.keys(params)) {
    if (!(key in shape))
      throw new UsageError(`${checker.id} has no parameter "${key}"; it takes: ${Object.keys(shape).join(', ')}.`);
  }
  return params;
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
    `  Result: ${paint(shownAs, verdict)} — ${passedCount(run.checks)} of ${run.checks.length} checks passed in ${run.durationMs} ms.`,
  );
  return `${lines.join('\n')}\n`;
}

/** `awscourse check`: runs one checker or all, prints, saves progress; resolves with the exit code. */
export async function runCheckCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      region: { type: 'string' },
      profile: { type: 'string' },
      param: { type: 'string', multiple: true, default: [] },
      'app-url': { type: 'string' },
      json: { type: 'boolean', default: false },
      offline: { type: 'boolean', default: false },
      state: { type: 'string' },
      'no-save': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(checkHelp);
    return exitCodes.ok;
  }
  const target = positionals[0];
  if (!target || positionals.length > 1)
    throw new UsageError(`Name one exercise (${Object.keys(checkers).join(', ')}) or "all".`);
  const selected =
    target === 'all'
      ? Object.values(checkers)
      : [checkers[target]].filter((c): c is Checker<never, unknown> => c !== undefined);
  if (selected.length === 0)
    throw new UsageError(`Unknown exercise "${target}". Exercises: ${Object.keys(checkers).join(', ')}, or "all".`);
  if (values.state && !values.offline) throw new UsageError('--state goes with --offline.');

  const mode = values.offline ? 'offline' : 'live';
  let aws: CheckerAws;
  let offlineFetch: typeof fetch | undefined;
  let accessKeyId: string | undefined;
  let region: string;
  if (values.offline) {
    const file = values.state ?? defaultSandboxFile(io.env, homedir());
    if (!existsSync(file))
      throw new UsageError(
        `No sandbox file at ${file}. Start "awscourse emulator" and do the exercise first, or pass --state FILE.`,
      );
    const parsed = parseSandboxState(await readFile(file, 'utf8'));
    if ('error' in parsed) throw new UsageError(`${parsed.error} (${file})`);
    region = values.region ?? 'us-west-2';
    accessKeyId = sandboxRootKey.accessKeyId;
    const sandbox = createSandbox({ state: parsed.state });
    aws = createCheckerAws({
      region,
      credentials: sandboxRootKey,
      requestHandler: sandboxRequestHandler(sandbox),
      maxAttempts: 1,
    });
    offlineFetch = sandboxFetch(sandbox);
  } else {
    try {
      ({ aws, region, accessKeyId } = await liveCheckerAws({
        region: values.region,
        profile: values.profile,
        env: io.env,
      }));
    } catch (error) {
      if (error instanceof LiveCredentialsError)
        throw new UsageError(`${error.problem.message}\n${error.problem.hint}`);
      throw error;
    }
  }

  const runs: CheckerRun[] = [];
  for (const checker of selected) {
    let params: Record<string, unknown>;
    try {
      params = paramsFor(checker, values.param, values['app-url'], io.env);
      runs.push(await runChecker(checker, { aws, mode, params, accessKeyId, fetch: offlineFetch }));
    } catch (error) {
      if (error instanceof CheckerParamsError) throw new UsageError(error.message);
      throw error;
    }
  }

  if (values.json) io.stdout(`${JSON.stringify(runs.length === 1 ? runs[0] : runs, null, 2)}\n`);
  else {
    const colour = io.isTty === true && io.env.NO_COLOR === undefined;
    io.stdout(runs.map((run, i) => formatRun(run, selected[i]!.title, colour)).join('\n'));
  }

  if (!values['no-save']) {
    const file = progressFilePath(io.env, homedir());
    for (const run of runs) {
      const outcome = await appendAttemptToFile(file, verifyAttemptOf(maskRunKeys(run)), new Date());
      if ('problem' in outcome) {
        io.stderr(`${outcome.problem}\n`);
        break;
      }
    }
  }
  if (runs.some((r) => r.status === 'error' && r.problem === 'credentials')) return exitCodes.usage;
  return runs.every((r) => r.status === 'passed') ? exitCodes.ok : exitCodes.failed;
}
