import { STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { createCheckerAws } from '../../checkers/aws-clients';
import { explainAwsError, type AwsProblem } from '../../checkers/aws-errors';
import type { CheckerAws } from '../../checkers/contract';
import type { Surface } from '../../checkers/surface';

/** Live mode could not start: no usable credentials. Carries the explanation to show. */
export class LiveCredentialsError extends Error {
  override readonly name = 'LiveCredentialsError';
  constructor(readonly problem: AwsProblem) {
    super(problem.message);
  }
}

/** The region to check: the one asked for, else the environment's, else the profile's, else the course's us-west-2. */
export async function resolveRegion(
  explicit: string | undefined,
  profile: string | undefined,
  env: Record<string, string | undefined>,
): Promise<string> {
  if (explicit) return explicit;
  if (env.AWS_REGION) return env.AWS_REGION;
  if (env.AWS_DEFAULT_REGION) return env.AWS_DEFAULT_REGION;
  try {
    const region = await new STSClient({ profile }).config.region();
    if (region) return region;
  } catch {
    // No region configured anywhere: the course's region.
  }
  return 'us-west-2';
}

/**
 * Checker clients for live mode, on this machine only: the AWS CLI's credential chain (environment, profile, SSO)
 * and AWS_ENDPOINT_URL. The credentials stay in this process; only the access key id is returned, for key-cleanup.
 */
export async function liveCheckerAws(options: {
  region?: string;
  profile?: string;
  env: Record<string, string | undefined>;
  /** Where a credentials problem will be shown, so its hint fits there. */
  surface: Surface;
}): Promise<{ aws: CheckerAws; region: string; accessKeyId: string }> {
  const region = await resolveRegion(options.region, options.profile, options.env);
  const provider = fromNodeProviderChain(options.profile ? { profile: options.profile } : {});
  let accessKeyId: string;
  try {
    accessKeyId = (await provider()).accessKeyId;
  } catch (error) {
    throw new LiveCredentialsError(explainAwsError(error, region, options.surface));
  }
  return {
    aws: createCheckerAws({ region, credentials: provider, endpoint: options.env.AWS_ENDPOINT_URL }),
    region,
    accessKeyId,
  };
}
