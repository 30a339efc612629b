import { isCidrError, parseAddress } from '../cidr/cidr';
import type { NormalisedPolicy, NormalisedStatement } from './parse';

/** A request to decide: the action (`s3:GetObject`), the resource ARN, and the request's condition keys. */
export interface PolicyRequest {
  action: string;
  resource: string;
  /** Condition keys and their values, e.g. `{ 'aws:SecureTransport': 'true' }`. */
  context?: Record<string, string | string[]>;
}

/** IAM's answer, and the statement that decided it (none for the default deny). */
export interface PolicyDecision {
  decision: 'allow' | 'explicit-deny' | 'implicit-deny';
  /** The policy index and statement index that decided, with the statement's Sid if it has one. */
  matchedStatement?: { policy: number; statement: number; sid?: string };
}

/** IAM's wildcard match: `*` any run of characters, `?` one character. */
export function wildcardMatch(pattern: string, value: string, caseInsensitive: boolean): boolean {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, caseInsensitive ? 'i' : '').test(value);
}

/** True when `ip` lies in `range` (a CIDR block, or one address). IAM accepts ranges whose host bits are set. */
function ipInRange(ip: string, range: string): boolean {
  const [base = '', prefixText = '32'] = range.split('/');
  const address = parseAddress(ip);
  const network = parseAddress(base);
  const prefix = Number(prefixText);
  if (isCidrError(address) || isCidrError(network) || !Number.isInteger(prefix) || prefix < 0 || prefix > 32)
    return false;
  const size = 2 ** (32 - prefix);
  return Math.floor(address / size) === Math.floor(network / size);
}

/**
 * The condition operators evaluated here. An operator not in this table never matches, so a statement using it
 * does not apply: for an Allow that errs towards denying, which is the safe side for a teaching tool.
 */
const operators: Record<string, (actual: string, expected: string) => boolean> = {
  StringEquals: (a, e) => a === e,
  StringNotEquals: (a, e) => a !== e,
  StringEqualsIgnoreCase: (a, e) => a.toLowerCase() === e.toLowerCase(),
  StringLike: (a, e) => wildcardMatch(e, a, false),
  StringNotLike: (a, e) => !wildcardMatch(e, a, false),
  Bool: (a, e) => a.toLowerCase() === e.toLowerCase(),
  NumericEquals: (a, e) => Number(a) === Number(e),
  NumericLessThan: (a, e) => Number(a) < Number(e),
  NumericLessThanEquals: (a, e) => Number(a) <= Number(e),
  NumericGreaterThan: (a, e) => Number(a) > Number(e),
  NumericGreaterThanEquals: (a, e) => Number(a) >= Number(e),
  IpAddress: (a, e) => ipInRange(a, e),
  NotIpAddress: (a, e) => !ipInRange(a, e),
};

/** Negated operators must hold for every expected value; the others for any. */
const negated = new Set(['StringNotEquals', 'StringNotLike', 'NotIpAddress']);

function conditionsHold(statement: NormalisedStatement, context: PolicyRequest['context'] = {}): boolean {
  return Object.entries(statement.condition).every(([operator, keys]) => {
    const test = operators[operator];
    if (!test) return false;
    return Object.entries(keys).every(([key, expected]) => {
      const actualValue = context[key];
      if (actualValue === undefined) return negated.has(operator);
      const actuals = Array.isArray(actualValue) ? actualValue : [actualValue];
      return actuals.some((actual) =>
        negated.has(operator) ? expected.every((e) => test(actual, e)) : expected.some((e) => test(actual, e)),
      );
    });
  });
}

/** True when the statement applies to the request (actions, resources and conditions all match). */
export function statementApplies(statement: NormalisedStatement, request: PolicyRequest): boolean {
  const actionListed = statement.actions.some((pattern) => wildcardMatch(pattern, request.action, true));
  const resourceListed = statement.resources.some((pattern) => wildcardMatch(pattern, request.resource, false));
  return (
    actionListed !== statement.notAction &&
    resourceListed !== statement.notResource &&
    conditionsHold(statement, request.context)
  );
}

/** IAM's evaluation for identity policies: default deny; an explicit Deny wins over any Allow. */
export function evaluate(policies: readonly NormalisedPolicy[], request: PolicyRequest): PolicyDecision {
  let allow: PolicyDecision['matchedStatement'];
  for (const [policyIndex, policy] of policies.entries()) {
    for (const [statementIndex, statement] of policy.statements.entries()) {
      if (!statementApplies(statement, request)) continue;
      const matched = {
        policy: policyIndex,
        statement: statementIndex,
        ...(statement.sid ? { sid: statement.sid } : {}),
      };
      if (statement.effect === 'Deny') return { decision: 'explicit-deny', matchedStatement: matched };
      allow ??= matched;
    }
  }
  return allow ? { decision: 'allow', matchedStatement: allow } : { decision: 'implicit-deny' };
}
