import type { NormalisedPolicy, NormalisedStatement } from './parse';
import { wildcardMatch } from './wildcard';
import { nameRecord } from '../lib/name-record';

/** A least-privilege finding about a valid policy. */
export interface PolicyFinding {
  severity: 'error' | 'warning' | 'info';
  /** A stable code, e.g. `full-admin`, `service-wildcard`. */
  code: string;
  /** The statement it concerns, e.g. `Statement[0]`; empty for the whole policy. */
  path: string;
  title: string;
  /** Why it matters and what to do instead, for a learner. */
  explanation: string;
}

/**
 * Actions of the course's services that accept specific resource ARNs, so `Resource: "*"` on them grants more than
 * needed. Deliberately small and documented: most EC2 Describe actions, `s3:ListAllMyBuckets` and
 * `rekognition:DetectLabels` support only `*`, so they are not listed.
 */
export const resourceScopedActions: readonly string[] = [
  's3:GetObject',
  's3:PutObject',
  's3:DeleteObject',
  's3:ListBucket',
  's3:GetBucketLocation',
  's3:DeleteBucket',
  's3:PutBucketPolicy',
  'ec2:TerminateInstances',
  'ec2:StopInstances',
  'ec2:StartInstances',
  'ec2:RebootInstances',
  'iam:CreateAccessKey',
  'iam:DeleteAccessKey',
  'iam:AttachUserPolicy',
  'iam:PutUserPolicy',
  'iam:CreateUser',
  'iam:DeleteUser',
  'iam:PassRole',
  'iam:GetUser',
];

/** Actions that hand out or change permissions; allowing them without a condition deserves a second look. */
const sensitiveActions = [
  'iam:createaccesskey',
  'iam:attachuserpolicy',
  'iam:putuserpolicy',
  'iam:createloginprofile',
  'iam:updateloginprofile',
];

const lower = (values: readonly string[]) => values.map((value) => value.toLowerCase());

function statementFindings(statement: NormalisedStatement, path: string): PolicyFinding[] {
  const findings: PolicyFinding[] = [];
  if (statement.effect !== 'Allow') return findings;
  const actions = lower(statement.actions);
  const everyResource = !statement.notResource && statement.resources.includes('*');
  if (statement.notAction) {
    findings.push({
      severity: 'warning',
      code: 'allow-not-action',
      path,
      title: 'Allow with NotAction',
      explanation:
        'Allow with NotAction grants every action except those listed, including actions of services that do not ' +
        'exist yet. List the actions you want instead.',
    });
    return findings;
  }
  if (actions.includes('*') && everyResource) {
    findings.push({
      severity: 'error',
      code: 'full-admin',
      path,
      title: 'Full administrator access ("*:*")',
      explanation:
        'Action "*" on Resource "*" allows everything, including deleting the account\'s resources and granting ' +
        'access to others. Grant the actions the job needs.',
    });
    return findings;
  }
  if (actions.includes('*')) {
    findings.push({
      severity: 'error',
      code: 'all-actions',
      path,
      title: 'Every action on these resources',
      explanation: 'Action "*" allows every action of every service on the listed resources. Name the actions.',
    });
  }
  for (const action of actions.filter((a) => /^[a-z0-9-]+:\*$/.test(a))) {
    const service = action.split(':')[0];
    if (service === 'iam') {
      findings.push({
        severity: 'error',
        code: 'iam-wildcard',
        path,
        title: 'iam:* allows privilege escalation',
        explanation:
          'With every IAM action a user can attach AdministratorAccess to itself or create keys for others. Grant the ' +
          'specific IAM actions needed, if any.',
      });
    } else {
      findings.push({
        severity: 'warning',
        code: 'service-wildcard',
        path,
        title: `${action} allows every ${service} action`,
        explanation:
          `${action} includes deleting and reconfiguring ${service} resources. List the ${service} actions ` +
          `the job uses instead, for example ${service}:Get* for reading only.`,
      });
    }
  }
  if (everyResource) {
    // A wildcard action such as s3:* or s3:Get* covers the resource-scoped actions it matches.
    const scoped = resourceScopedActions.filter((scopedAction) =>
      actions.some((action) => wildcardMatch(action, scopedAction, true)),
    );
    if (scoped.length > 0 && !actions.includes('*')) {
      findings.push({
        severity: 'warning',
        code: 'resource-wildcard',
        path,
        title: 'Resource "*" where a specific ARN is possible',
        explanation:
          `${scoped.join(', ')} accept specific resource ARNs (e.g. arn:aws:s3:::my-bucket/*). With "*" ` +
          `they apply to every such resource in the account.`,
      });
    }
    if (actions.includes('iam:passrole')) {
      findings.push({
        severity: 'error',
        code: 'passrole-wildcard',
        path,
        title: 'iam:PassRole on every role',
        explanation:
          'PassRole on "*" lets the user hand any role, administrator roles included, to a service it controls. Name ' +
          'the roles it may pass.',
      });
    }
  }
  if (Object.keys(statement.condition).length === 0) {
    const sensitive = actions.filter((action) =>
      sensitiveActions.some((s) => action === s || (action.endsWith('*') && s.startsWith(action.slice(0, -1)))),
    );
    if (sensitive.length > 0) {
      findings.push({
        severity: 'info',
        code: 'sensitive-without-condition',
        path,
        title: 'Credential or permission changes without a condition',
        explanation:
          `${sensitive.join(', ')} change who can do what. Consider a condition such as ` +
          `aws:MultiFactorAuthPresent or restricting the resource to the user itself ` +
          `(arn:aws:iam::*:user/\${aws:username}).`,
      });
    }
  }
  return findings;
}

/** Least-privilege findings for a valid policy, most severe first. */
export function lintPolicy(policy: NormalisedPolicy): PolicyFinding[] {
  const findings: PolicyFinding[] = [];
  if (policy.version === undefined) {
    findings.push({
      severity: 'warning',
      code: 'missing-version',
      path: 'Version',
      title: 'No Version',
      explanation:
        `Without "Version": "2012-10-17", IAM uses the 2008 language, in which policy variables such as ` +
        `\${aws:username} are plain text.`,
    });
  } else if (policy.version === '2008-10-17') {
    findings.push({
      severity: 'warning',
      code: 'old-version',
      path: 'Version',
      title: 'Old policy language 2008-10-17',
      explanation: 'The 2008 language has no policy variables. Use "2012-10-17".',
    });
  }
  for (const [index, statement] of policy.statements.entries()) {
    findings.push(...statementFindings(statement, policy.statements.length > 1 ? `Statement[${index}]` : 'Statement'));
  }
  const rank = { error: 0, warning: 1, info: 2 };
  return findings.sort((a, b) => rank[a.severity] - rank[b.severity]);
}

/** What the policy allows, per service: the allowed action patterns, for the editor's summary. */
export function allowedByService(policy: NormalisedPolicy): Record<string, string[]> {
  const summary = nameRecord<string[]>();
  for (const statement of policy.statements) {
    if (statement.effect !== 'Allow') continue;
    for (const action of statement.actions) {
      const service = statement.notAction
        ? `all except ${action}`
        : action === '*'
          ? 'every service'
          : action.split(':')[0]!;
      summary[service] ??= [];
      summary[service].push(statement.notAction || action === '*' ? '*' : action.split(':')[1]!);
    }
  }
  return summary;
}
