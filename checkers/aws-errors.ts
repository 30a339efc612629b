/**
 * Turns what the AWS SDK throws into something a learner can act on: which kind of problem it is, a message that
 * names the thing (the missing action, the region, the endpoint), and a hint. Never a stack trace, never a secret:
 * messages are built from error codes and AWS's own (secret-free) messages, with access key ids masked.
 */
import { awsRegions } from '../src/lib/aws-regions';
import type { Surface } from './surface';

/** The kinds of failure the CLI and the Verify panel treat differently (credentials end `awscourse check` with 2). */
export type AwsProblemKind = 'credentials' | 'access-denied' | 'throttled' | 'network' | 'other';

export interface AwsProblem {
  kind: AwsProblemKind;
  message: string;
  hint: string;
}

interface SdkErrorLike {
  name?: string;
  code?: string;
  message?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

const credentialCodes = new Set([
  'InvalidClientTokenId',
  'InvalidAccessKeyId',
  'AuthFailure',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
  'IncompleteSignature',
  'MissingAuthenticationToken',
]);
const expiredCodes = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const deniedCodes = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'Forbidden',
]);
const throttleCodes = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'SlowDown',
  'RequestThrottled',
  'ProvisionedThroughputExceededException',
]);
const networkCodes = new Set([
  'ENOTFOUND',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'TimeoutError',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Masks access key ids (`AKIA…`/`ASIA…`) down to their last four characters. */
export function maskKeys(text: string): string {
  return text.replace(/\b(AKIA|ASIA)[A-Z0-9]{12,}([A-Z0-9]{4})\b/g, '$1…$2');
}

function codeOf(error: SdkErrorLike): string {
  return error.name && error.name !== 'Error' ? error.name : (error.Code ?? error.code ?? '');
}

function networkCode(error: unknown): string | undefined {
  const chain: SdkErrorLike[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    chain.push(current as SdkErrorLike);
    current = (current as SdkErrorLike).cause;
  }
  // A system error code anywhere in the cause chain says more than a wrapper's "fetch failed".
  for (const link of chain)
    for (const value of [link.code, link.name]) if (value && networkCodes.has(value)) return value;
  return chain.find((link) => link.message && /fetch failed|socket hang up|getaddrinfo/i.test(link.message))?.message;
}

/** The IAM action an AccessDenied message names, e.g. `ec2:DescribeVpcs`. */
export function deniedAction(message: string): string | undefined {
  return /perform:? ([a-z0-9-]+:[A-Za-z0-9*]+)/.exec(message)?.[1];
}

/** What to do about missing or refused credentials, where the learner is: a flag, or a restart of the course. */
const credentialHints: Record<Surface, { missing: string; expired: string; rejected: string; policy: string }> = {
  cli: {
    missing:
      'Run "aws configure" (or "aws configure sso" then "aws sso login"), or pass --profile NAME, or set AWS_PROFILE.',
    expired: 'Sign in again ("aws sso login", or refresh your temporary keys), then run the check again.',
    rejected:
      'The access key may have been deleted or made inactive, or the secret is wrong. Check "aws configure list", or ' +
      'pass --profile with a working profile.',
    policy: 'awscourse policy',
  },
  panel: {
    missing:
      'Live mode uses the credentials of the terminal that runs the course. Stop it, set them up ("aws configure", or ' +
      '"aws configure sso" then "aws sso login"), and start it again, naming your profile: AWS_PROFILE=<profile> ' +
      'npm start. Or choose the sandbox account above.',
    expired:
      'Sign in again in a terminal ("aws sso login", or refresh your temporary keys), then press Verify again; keys ' +
      'from environment variables need the course restarted with the new ones.',
    rejected:
      'The access key may have been deleted or made inactive, or the secret is wrong. Check "aws configure list" in ' +
      'the terminal that runs the course, or restart it with a working profile: AWS_PROFILE=<profile> npm start.',
    policy: 'npm run awscourse -- policy',
  },
};

/**
 * Explains an error thrown by an SDK call made while checking `region`, with a hint worded for the `surface` the
 * learner reads it on.
 */
export function explainAwsError(error: unknown, region: string, surface: Surface = 'cli'): AwsProblem {
  const hints = credentialHints[surface];
  const sdk = (error ?? {}) as SdkErrorLike;
  const code = codeOf(sdk);
  const message = maskKeys(sdk.message ?? String(error));
  if (
    code === 'CredentialsProviderError' ||
    /Could not load credentials|Unable to locate credentials|profile .* could not be found/i.test(message)
  ) {
    return {
      kind: 'credentials',
      message: 'No AWS credentials were found for the check.',
      hint: hints.missing,
    };
  }
  if (expiredCodes.has(code) || /expired/i.test(code)) {
    return {
      kind: 'credentials',
      message: 'Your AWS session has expired.',
      hint: hints.expired,
    };
  }
  if (credentialCodes.has(code)) {
    return {
      kind: 'credentials',
      message: `AWS did not accept these credentials (${code}).`,
      hint: hints.rejected,
    };
  }
  if (deniedCodes.has(code)) {
    const action = deniedAction(message);
    return {
      kind: 'access-denied',
      message: action
        ? `The credentials running the check may not call ${action}.`
        : `AWS refused a read-only call (${code}).`,
      hint:
        `Attach the checker policy to the user or role you check with: "${hints.policy} > checker-policy.json", ` +
        `then "aws iam put-user-policy --user-name <you> --policy-name awscourse-checker --policy-document ` +
        `file://checker-policy.json".`,
    };
  }
  if (throttleCodes.has(code)) {
    return {
      kind: 'throttled',
      message: 'AWS is throttling requests from this account right now; the SDK retried and gave up.',
      hint: 'Wait a minute and run the check again.',
    };
  }
  const network = networkCode(error);
  if (network === 'ENOTFOUND' && !awsRegions.includes(region)) {
    return {
      kind: 'network',
      message: `AWS has no region ${region} that answers (ENOTFOUND): the name may be mistyped.`,
      hint:
        'Region names look like us-west-2 or eu-central-1; "aws ec2 describe-regions --query ' +
        'Regions[].RegionName" lists yours.',
    };
  }
  if (network) {
    return {
      kind: 'network',
      message: `Could not reach AWS in ${region} (${network}).`,
      hint:
        'Check your network connection; if you set AWS_ENDPOINT_URL (for the sandbox endpoint or LocalStack), ' +
        'make sure that server is running.',
    };
  }
  const status = sdk.$metadata?.httpStatusCode;
  return {
    kind: 'other',
    message:
      `AWS answered with an error${code ? ` (${code})` : ''}${status ? `, HTTP ${status}` : ''}: ` +
      `${message.split('\n')[0]!.slice(0, 300)}`,
    hint: 'Run the check again; if it keeps failing, the message above says what AWS objected to.',
  };
}

/** True for an SDK error with one of the given codes (`NoSuchEntity`, `NoSuchEntityException`, ...). */
export function hasCode(error: unknown, ...codes: string[]): boolean {
  const sdk = (error ?? {}) as SdkErrorLike;
  const code = codeOf(sdk);
  return codes.some((wanted) => code === wanted || code === `${wanted}Exception`);
}

/** Runs a call whose "not found" error means "absent": returns null for those codes, rethrows anything else. */
export async function orNull<T>(call: Promise<T>, ...notFoundCodes: string[]): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (hasCode(error, ...notFoundCodes)) return null;
    throw error;
  }
}
