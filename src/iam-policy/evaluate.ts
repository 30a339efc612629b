import { conditionsHold } from './conditions';
import type { NormalisedPolicy, NormalisedStatement } from './parse';
import { contextLookup, type ContextLookup, type RequestContext } from './request-context';
import { policyValue } from './variables';
import { matchPattern, wildcardMatch } from './wildcard';

/** A request to decide: the action (`s3:GetObject`), the resource ARN, and the request's condition keys. */
export interface PolicyRequest {
  action: string;
  resource: string;
  /** Condition keys and their values, e.g. `{ 'aws:SecureTransport': 'true' }`; see {@link RequestContext}. */
  context?: RequestContext;
}

/** IAM's answer, and the statement that decided it (none for the default deny). */
export interface PolicyDecision {
  decision: 'allow' | 'explicit-deny' | 'implicit-deny';
  /** The policy index and statement index that decided, with the statement's Sid if it has one. */
  matchedStatement?: { policy: number; statement: number; sid?: string };
}

/** Policy variables exist in the 2012-10-17 policy language only; in older policies `${…}` is plain text. */
const hasVariables = (policy: NormalisedPolicy) => policy.version === '2012-10-17';

/** True when one of the statement's Resource (or NotResource) patterns names the resource. */
function resourceListed(statement: NormalisedStatement, resource: string, lookup: ContextLookup, variables: boolean) {
  return statement.resources.some((pattern) => {
    const pieces = policyValue(pattern, lookup, variables);
    return pieces !== null && matchPattern(pieces, resource);
  });
}

/** True when the statement applies to the request (actions, resources and conditions all match). */
function statementApplies(
  statement: NormalisedStatement,
  request: PolicyRequest,
  lookup: ContextLookup,
  variables: boolean,
): boolean {
  const actionListed = statement.actions.some((pattern) => wildcardMatch(pattern, request.action, true));
  return (
    actionListed !== statement.notAction &&
    resourceListed(statement, request.resource, lookup, variables) !== statement.notResource &&
    conditionsHold(statement.condition, lookup, variables)
  );
}

/** IAM's evaluation for identity policies: default deny; an explicit Deny wins over any Allow. */
export function evaluate(policies: readonly NormalisedPolicy[], request: PolicyRequest): PolicyDecision {
  const lookup = contextLookup(request.context);
  let allow: PolicyDecision['matchedStatement'];
  for (const [policyIndex, policy] of policies.entries()) {
    for (const [statementIndex, statement] of policy.statements.entries()) {
      if (!statementApplies(statement, request, lookup, hasVariables(policy))) continue;
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
