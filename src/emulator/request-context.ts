import ipaddr from 'ipaddr.js';
import { boundedMemo } from '../lib/bounded-memo';
import type { RequestContext } from '../iam-policy/request-context';
import type { Caller } from './context';
import type { IamUser } from './state';

/** What a host wrapper knows about where a request came from. */
export interface RequestOrigin {
  /** The client's address. The sandbox answers this machine only, so an in-process call comes from 127.0.0.1. */
  sourceIp?: string;
}

/** What a request's global condition keys are read from. */
export interface RequestFacts {
  caller: Caller | null;
  /** The calling IAM user's record, for its tags; none for the root or an anonymous caller. */
  user?: IamUser;
  url: URL;
  region: string;
  now: Date;
  origin: RequestOrigin;
}

/**
 * An address as IAM reports it: an IPv4-mapped IPv6 address (`::ffff:127.0.0.1`) is the IPv4 address. Worked out
 * once per address, as a client keeps its address from one request to the next.
 */
const reportedAddress = boundedMemo((address: string) =>
  ipaddr.isValid(address) ? ipaddr.process(address).toString() : address,
);

function sourceIpOf(origin: RequestOrigin): string {
  return reportedAddress(origin.sourceIp ?? '127.0.0.1');
}

/** The keys that describe who is calling: none for an anonymous request; no `aws:username` for the root. */
function principalKeys(caller: Caller, user: IamUser | undefined): Record<string, string> {
  const keys: Record<string, string> = {
    // A role session's aws:PrincipalArn is its role's ARN, as IAM documents it, not the assumed-role ARN.
    'aws:PrincipalArn': caller.roleSession?.roleArn ?? caller.arn,
    'aws:PrincipalAccount': caller.accountId,
    'aws:PrincipalType': caller.roleSession ? 'AssumedRole' : caller.userName === null ? 'Account' : 'User',
    'aws:userid': caller.userId,
  };
  if (caller.userName !== null) keys['aws:username'] = caller.userName;
  for (const tag of user?.tags ?? []) keys[`aws:PrincipalTag/${tag.Key}`] = tag.Value;
  return keys;
}

/**
 * The global condition keys IAM puts in every request's context. `aws:SecureTransport` follows the scheme of the
 * URL the request was sent to: true through msw and the SDK (https://…amazonaws.com), false through the sandbox's
 * own http:// endpoint. Access keys are long-term credentials, so `aws:MultiFactorAuthPresent` and
 * `aws:TokenIssueTime` are absent, as on AWS.
 */
export function globalConditionKeys(facts: RequestFacts): RequestContext {
  return {
    'aws:CurrentTime': facts.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws:EpochTime': String(Math.floor(facts.now.getTime() / 1000)),
    'aws:SecureTransport': String(facts.url.protocol === 'https:'),
    'aws:SourceIp': sourceIpOf(facts.origin),
    'aws:RequestedRegion': facts.region,
    ...(facts.caller ? principalKeys(facts.caller, facts.user) : {}),
  };
}
