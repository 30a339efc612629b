import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { explainAwsError, maskKeys, type AwsProblemKind } from './aws-errors';
import type { CheckResult, Checker, CheckerAws } from './contract';
import { describeParamProblem, paramFields, paramProblems, type ParamProblem } from './params';
import { checkStatuses, runStatusOf, type RunStatus } from './status';
import { askPhrases, type AskPhrases, type Surface } from './surface';
import { errorMessage } from '../src/lib/error-message';

/** Options for one run of one checker. */
export interface RunOptions {
  aws: CheckerAws;
  mode: 'offline' | 'live';
  /** Where the result is shown, so hints name what the learner can change there. */
  surface: Surface;
  /** Parameter values from the learner; the checker's schema fills in the course's defaults. */
  params?: Record<string, unknown>;
  fetch?: typeof fetch;
  now?: () => Date;
  accessKeyId?: string;
}

/** A checker's result: plain JSON, the shape progress records store. */
export interface CheckerRun {
  exercise: string;
  status: RunStatus;
  checks: CheckResult[];
  account?: string;
  region: string;
  mode: 'offline' | 'live';
  durationMs: number;
  checkerVersion: string;
  /** Set when the account could not be read at all: what kind of problem it was. */
  problem?: AwsProblemKind;
}

/**
 * Parameters the learner gave that the checker's schema refuses, every one of them: a message naming each, and a
 * hint worded for where it is shown. `awscourse check` ends with 2 on it; the Verify panel shows both.
 */
export class CheckerParamsError extends Error {
  override readonly name = 'CheckerParamsError';
  constructor(
    readonly checker: string,
    readonly problems: ParamProblem[],
    readonly hint: string,
  ) {
    super(`${checker} cannot run: ${problems.map(describeParamProblem).join('; ')}.`);
  }

  /** True when the only problems are parameters not given, so `check all` can skip this exercise and go on. */
  get onlyMissing(): boolean {
    return this.problems.every((problem) => problem.problem === 'missing');
  }
}

/** Checks every checker runs with: the caller's identity, for the account id in the result. */
export const runnerPermissions = ['sts:GetCallerIdentity'] as const;

function parseParams<P>(checker: Checker<P, unknown>, input: Record<string, unknown>, ask: AskPhrases): P {
  const parsed = checker.params.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = paramProblems(checker.params, input, parsed.error.issues);
  const fixes = problems.filter((problem) => problem.label).map((problem) => ask.param(problem.name, '<value>'));
  const hint = fixes.length
    ? `${fixes.join('; ')}.`.replace(/^./, (first) => first.toUpperCase())
    : `It takes: ${Object.keys(checker.params.shape).join(', ')}.`;
  throw new CheckerParamsError(checker.id, problems, hint);
}

/**
 * Runs a checker: its calls and the identity call in parallel, then each check in order, skipping those whose
 * prerequisites did not pass. AWS errors become one `error` entry with a message and hint; nothing throws except
 * {@link CheckerParamsError} for bad parameters.
 */
export async function runChecker<P, S>(checker: Checker<P, S>, options: RunOptions): Promise<CheckerRun> {
  const ask = askPhrases(options.surface, paramFields(checker.params));
  const params = parseParams(checker as Checker<P, unknown>, options.params ?? {}, ask);
  const now = options.now ?? (() => new Date());
  const started = performance.now();
  const base = {
    exercise: checker.id,
    region: options.aws.region,
    mode: options.mode,
    checkerVersion: checker.version,
  };
  let snapshot: S;
  let account: string | undefined;
  try {
    const [identity, collected] = await Promise.all([
      options.aws.sts.send(new GetCallerIdentityCommand({})),
      checker.collect({
        aws: options.aws,
        region: options.aws.region,
        params,
        fetch: options.fetch ?? fetch,
        now: now(),
        accessKeyId: options.accessKeyId,
      }),
    ]);
    account = identity.Account;
    snapshot = collected;
  } catch (error) {
    const problem = explainAwsError(error, options.aws.region, options.surface);
    return {
      ...base,
      status: 'error',
      problem: problem.kind,
      durationMs: Math.round(performance.now() - started),
      checks: [
        {
          id: 'read-account',
          title: 'Read your AWS account',
          status: 'error',
          message: problem.message,
          hint: problem.hint,
        },
        ...checker.checks.map((check) => ({
          id: check.id,
          title: check.title,
          status: 'skip' as const,
          message: 'Not checked: the account could not be read.',
        })),
      ],
    };
  }
  const results: CheckResult[] = [];
  for (const check of checker.checks) {
    const blocking = (check.requires ?? [])
      .map((id) => results.find((r) => r.id === id))
      .filter((r) => r && !checkStatuses[r.status].passing);
    if (blocking.length > 0) {
      results.push({
        id: check.id,
        title: check.title,
        status: 'skip',
        message: `Not checked until "${blocking[0]!.title}" passes.`,
      });
      continue;
    }
    try {
      results.push({
        id: check.id,
        title: check.title,
        ...check.run(snapshot, params, { account, region: options.aws.region, ask }),
      });
    } catch (error) {
      results.push({
        id: check.id,
        title: check.title,
        status: 'error',
        message: `The check itself failed: ${errorMessage(error)}`,
        hint: 'This is a bug in the course; please report it with the output of --json.',
      });
    }
  }
  return {
    ...base,
    status: runStatusOf(results),
    account,
    checks: results,
    durationMs: Math.round(performance.now() - started),
  };
}

/**
 * The run with access key ids masked in every message, hint and evidence: for progress files, which travel to
 * instructors, and for the browser. The terminal shows them in full, for the delete command.
 */
export function maskRunKeys(run: CheckerRun): CheckerRun {
  return {
    ...run,
    checks: run.checks.map((check) => ({
      ...check,
      message: maskKeys(check.message),
      hint: check.hint === undefined ? undefined : maskKeys(check.hint),
      evidence:
        check.evidence === undefined
          ? undefined
          : (JSON.parse(maskKeys(JSON.stringify(check.evidence))) as Record<string, unknown>),
    })),
  };
}
