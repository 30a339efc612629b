import { createCheckerAws } from '../../checkers/aws-clients';
import type { CheckerAws } from '../../checkers/contract';
import { sandboxRegions } from '../emulator/regions';
import { createSandbox } from '../emulator/sandbox';
import { readSandboxFile } from '../emulator/sandbox-file';
import { sandboxFetch, sandboxRequestHandler } from '../emulator/sdk-handler';
import { sandboxRootKey } from '../emulator/state';
import { regionProblem } from '../lib/aws-regions';
import { LiveCredentialsError, liveCheckerAws } from '../live/checker-aws';
import { type CliIo, UsageError } from './io';

/**
 * The account a command reads, `awscourse check` and `awscourse diagram` alike: the sandbox file `awscourse emulator`
 * keeps (`--offline`), or the learner's own account through their credential chain.
 */
export interface AccountTarget {
  aws: CheckerAws;
  /** The region asked for, else (live) the one the environment or profile configures. */
  region: string;
  accessKeyId: string;
  /** Offline, the fetch that reaches the sandbox's S3 (an app's unsigned requests). */
  fetch?: typeof fetch;
}

/** Refuses, as a usage error, a region the sandbox account does not serve. */
export function refuseSandboxRegion(region: string): void {
  const problem = regionProblem(region, sandboxRegions);
  if (problem) throw new UsageError(problem, 'Pass --region with one of those, or leave it out for us-west-2.');
}

/** Refuses, as a usage error, a name that is not an AWS region, before any credential is looked for. */
export function refuseLiveRegion(region: string): void {
  const problem = regionProblem(region);
  if (problem) throw new UsageError(problem, 'Pass --region with a region such as us-west-2.');
}

/** The sandbox file `awscourse emulator` keeps, as checker clients; a missing or damaged file is a usage error. */
export async function offlineTarget(file: string, region: string): Promise<AccountTarget> {
  refuseSandboxRegion(region);
  const read = await readSandboxFile(file);
  if ('absent' in read)
    throw new UsageError(
      `No sandbox file at ${file}.`,
      'Start "awscourse emulator" and do the exercise against it first, or pass --state FILE.',
    );
  if ('problem' in read) throw new UsageError(read.problem.message, read.problem.hint);
  const sandbox = createSandbox({ state: read.state });
  const requestHandler = sandboxRequestHandler(sandbox);
  const aws = createCheckerAws({ region, credentials: sandboxRootKey, requestHandler, maxAttempts: 1 });
  return { aws, region, accessKeyId: sandboxRootKey.accessKeyId, fetch: sandboxFetch(sandbox) };
}

/** The learner's own account through their credential chain; no credentials, or no such region, is a usage error. */
export async function liveTarget(
  region: string | undefined,
  profile: string | undefined,
  io: CliIo,
): Promise<AccountTarget> {
  if (region !== undefined) refuseLiveRegion(region);
  try {
    const live = await liveCheckerAws({ region, profile, env: io.env, surface: 'cli' });
    const configured = regionProblem(live.region);
    if (configured) throw new UsageError(configured, "Fix AWS_REGION or your profile's region, or pass --region.");
    return live;
  } catch (error) {
    if (error instanceof LiveCredentialsError) throw new UsageError(error.problem.message, error.problem.hint);
    throw error;
  }
}
