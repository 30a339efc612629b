import { parseConditionOperator } from './conditions';
import { jsonErrorOffset, jsonSyntaxProblem } from './json-position';
import { conditionOperators, parseDate } from './operators';
import { closestName } from '../lib/closest-name';
import { isPlainObject } from '../lib/is-plain-object';
import { errorMessage } from '../lib/error-message';
import { nameRecord } from '../lib/name-record';

/**
 * Reads an IAM policy document the way IAM does: JSON first, then the policy grammar. Problems are values with IAM's
 * error code (`MalformedPolicyDocument`), IAM-like wording, the path of the offending element and an explanation for
 * a learner. A valid document comes back normalised (arrays everywhere) for {@link evaluate} and {@link lint}.
 */

/** One problem that makes IAM refuse the document. */
export interface PolicyError {
  /** Always IAM's code for a refused document, so the sandbox can answer with it unchanged. */
  code: 'MalformedPolicyDocument' | 'LimitExceeded';
  /** IAM's kind of message, e.g. `Missing required field Effect`. */
  message: string;
  /** Where in the document, e.g. `Statement[1].Action`; empty for the whole document. */
  path: string;
  /** What it means and how to fix it, for a learner. */
  explanation: string;
}

/** A condition block: operator → key → values. */
export type NormalisedCondition = Record<string, Record<string, string[]>>;

/** A statement with every list as an array and exactly one of each Action/NotAction and Resource/NotResource. */
export interface NormalisedStatement {
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** True when the statement names NotAction: it then applies to every action *except* `actions`. */
  notAction: boolean;
  actions: string[];
  /** True when the statement names NotResource. */
  notResource: boolean;
  resources: string[];
  principal?: unknown;
  condition: NormalisedCondition;
}

/** A policy IAM would accept. */
export interface NormalisedPolicy {
  version?: string;
  id?: string;
  statements: NormalisedStatement[];
}

/**
 * Whether the document is attached to an identity (no Principal allowed), to a resource (Principal required), or is
 * a role's trust policy (Principal required, no Resource: the resource is the role itself; STS actions only).
 */
export type PolicyKind = 'identity' | 'resource' | 'trust';

/** The actions a role's trust policy may name: the ways of assuming a role, and what a session may carry. */
const trustActionPattern =
  /^(\*|sts:\*|sts:AssumeRole(WithSAML|WithWebIdentity)?|sts:TagSession|sts:SetSourceIdentity|sts:SetContext)$/;

/** IAM's limit for a managed policy, counted without whitespace. */
export const managedPolicyMaxCharacters = 6144;

const topLevelKeys = new Set(['Version', 'Id', 'Statement']);
const statementKeys = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
]);

const malformed = (message: string, path: string, explanation: string): PolicyError => ({
  code: 'MalformedPolicyDocument',
  message,
  path,
  explanation,
});

/** Line and column (1-based) of a character offset, for JSON syntax errors. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** A string or a non-empty list of strings, as an array; or an error for anything else. */
function stringList(value: unknown, path: string, what: string): string[] | PolicyError {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((item) => typeof item === 'string' && item !== '')) {
    return malformed(`Syntax errors in policy.`, path, `${what} must be a string or a non-empty list of strings.`);
  }
  return list as string[];
}

const actionPattern = /^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/;
const arnPattern = /^(\*|arn:(\*|aws[a-z-]*):[a-z0-9*?-]*:[a-z0-9*?-]*:(\d{12}|\*|)?:.+)$/;

function readStatement(
  raw: unknown,
  path: string,
  kind: PolicyKind,
  errors: PolicyError[],
): NormalisedStatement | null {
  if (!isPlainObject(raw)) {
    errors.push(
      malformed('Syntax errors in policy.', path, 'Each statement is a JSON object with Effect, Action and Resource.'),
    );
    return null;
  }
  for (const key of Object.keys(raw)) {
    if (!statementKeys.has(key))
      errors.push(
        malformed(
          `Syntax errors in policy.`,
          `${path}.${key}`,
          `"${key}" is not a statement element. Statement elements are ${[...statementKeys].join(', ')}; names are ` +
            `case-sensitive.`,
        ),
      );
  }
  const before = errors.length;
  if (raw.Sid !== undefined && (typeof raw.Sid !== 'string' || !/^[A-Za-z0-9]*$/.test(raw.Sid))) {
    errors.push(
      malformed(
        'Statement IDs (SID) must be alpha-numeric.',
        `${path}.Sid`,
        'A Sid may contain only letters and digits, e.g. "ReadPhotos".',
      ),
    );
  }
  if (raw.Effect === undefined)
    errors.push(
      malformed(
        'Missing required field Effect',
        `${path}.Effect`,
        'Every statement says whether it allows or denies: "Effect": "Allow" or "Deny".',
      ),
    );
  else if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny')
    errors.push(
      malformed(
        `Invalid effect: ${String(raw.Effect)}`,
        `${path}.Effect`,
        'Effect is exactly "Allow" or "Deny" (capitalised).',
      ),
    );
  const hasAction = raw.Action !== undefined;
  const hasNotAction = raw.NotAction !== undefined;
  if (hasAction === hasNotAction) {
    errors.push(
      malformed(
        hasAction ? 'Statement cannot have both Action and NotAction.' : 'Missing required field Action',
        `${path}.Action`,
        'A statement names its actions with exactly one of Action or NotAction.',
      ),
    );
  }
  const hasResource = raw.Resource !== undefined;
  const hasNotResource = raw.NotResource !== undefined;
  if (kind === 'trust' && (hasResource || hasNotResource)) {
    const field = hasResource ? 'Resource' : 'NotResource';
    errors.push(
      malformed(
        `Has prohibited field ${field}`,
        `${path}.${field}`,
        'A trust policy is attached to the role it guards, so it names no Resource: only who may assume the role ' +
          '(Principal) and how (Action, such as "sts:AssumeRole"). Permissions go in a separate policy on the role.',
      ),
    );
  } else if (kind === 'identity' || hasResource || hasNotResource) {
    if (hasResource === hasNotResource) {
      errors.push(
        malformed(
          hasResource ? 'Statement cannot have both Resource and NotResource.' : 'Missing required field Resource',
          `${path}.Resource`,
          'A statement names what it applies to with exactly one of Resource or NotResource; "*" means every resource.',
        ),
      );
    }
  }
  const hasPrincipal = raw.Principal !== undefined || raw.NotPrincipal !== undefined;
  if (kind === 'identity' && hasPrincipal) {
    errors.push(
      malformed(
        'Policy document should not specify a principal.',
        `${path}.Principal`,
        'An identity policy applies to the user, group or role it is attached to; only resource policies (such as ' +
          'bucket policies) name a Principal.',
      ),
    );
  }
  if (kind !== 'identity' && !hasPrincipal) {
    errors.push(
      malformed(
        'Missing required field Principal',
        `${path}.Principal`,
        kind === 'trust'
          ? 'A trust policy says who may assume the role with Principal, e.g. {"Service": "ec2.amazonaws.com"}.'
          : 'A resource policy must say who it applies to with Principal.',
      ),
    );
  }
  const actionKey = hasNotAction ? 'NotAction' : 'Action';
  const actions = hasAction !== hasNotAction ? stringList(raw[actionKey], `${path}.${actionKey}`, actionKey) : [];
  if (!Array.isArray(actions)) errors.push(actions);
  else {
    for (const action of actions) {
      if (!actionPattern.test(action))
        errors.push(
          malformed(
            `Action ${action} is not valid.`,
            `${path}.${actionKey}`,
            `Actions are written service:Operation, e.g. "s3:GetObject" or "ec2:Describe*", or "*" for every action.`,
          ),
        );
      else if (kind === 'trust' && !trustActionPattern.test(action))
        errors.push(
          malformed(
            'AssumeRole policy may only specify STS AssumeRole actions.',
            `${path}.${actionKey}`,
            `A trust policy only says who may assume the role ("sts:AssumeRole"); "${action}" belongs in a ` +
              'permissions policy attached to the role.',
          ),
        );
    }
  }
  const resourceKey = hasNotResource ? 'NotResource' : 'Resource';
  const resources =
    hasResource !== hasNotResource ? stringList(raw[resourceKey], `${path}.${resourceKey}`, resourceKey) : ['*'];
  if (!Array.isArray(resources)) errors.push(resources);
  else {
    for (const resource of resources) {
      if (!arnPattern.test(resource))
        errors.push(
          malformed(
            `Resource ${resource} must be in ARN format or "*".`,
            `${path}.${resourceKey}`,
            'Resources are ARNs such as "arn:aws:s3:::my-bucket/*", or "*".',
          ),
        );
    }
  }
  const condition = raw.Condition === undefined ? {} : readCondition(raw.Condition, `${path}.Condition`, errors);
  if (errors.length > before) return null;
  return {
    ...(typeof raw.Sid === 'string' ? { sid: raw.Sid } : {}),
    effect: raw.Effect as 'Allow' | 'Deny',
    notAction: hasNotAction,
    actions: actions as string[],
    notResource: hasNotResource,
    resources: resources as string[],
    ...(hasPrincipal ? { principal: raw.Principal ?? raw.NotPrincipal } : {}),
    condition,
  };
}

/** Why IAM does not know a condition operator, with the closest one it does know. */
function unknownOperator(name: string, path: string): PolicyError {
  const known = Object.keys(conditionOperators);
  const [, set = '', base = name] = /^(For(?:All|Any)Values?:)?(.*)$/.exec(name) ?? [];
  if (base === 'NullIfExists')
    return malformed(
      'Syntax errors in policy.',
      path,
      'Null already tests whether the key exists, so it takes no IfExists: write "Null".',
    );
  const candidates = [...known, ...known.map((operator) => `${operator}IfExists`)].filter(parseConditionOperator);
  const nearest = closestName(base, candidates);
  const suggestion = nearest ? `; did you mean "${set}${nearest}"?` : '.';
  return malformed(
    'Syntax errors in policy.',
    path,
    `"${name}" is not an IAM condition operator${suggestion} The operators are ${known.join(', ')}; any but Null ` +
      'may end in IfExists, and any may start with ForAllValues: or ForAnyValue:.',
  );
}

/** A condition value as IAM takes it: a string, a number or a boolean, read as text. */
const isScalar = (value: unknown) => ['string', 'number', 'boolean'].includes(typeof value);

/** Reads a Condition element: known operators, each over keys whose values are scalars or lists of scalars. */
function readCondition(raw: unknown, path: string, errors: PolicyError[]): NormalisedCondition {
  const condition: NormalisedCondition = nameRecord();
  if (!isPlainObject(raw)) {
    errors.push(
      malformed('Syntax errors in policy.', path, 'Condition is an object: { "Operator": { "key": "value" } }.'),
    );
    return condition;
  }
  for (const [name, block] of Object.entries(raw)) {
    const operator = parseConditionOperator(name);
    if (!operator) errors.push(unknownOperator(name, `${path}.${name}`));
    if (!isPlainObject(block)) {
      errors.push(
        malformed(
          'Syntax errors in policy.',
          `${path}.${name}`,
          'Each condition operator holds an object of keys and values.',
        ),
      );
      continue;
    }
    condition[name] = nameRecord();
    for (const [key, value] of Object.entries(block)) {
      const list = Array.isArray(value) ? value : [value];
      if (!list.every(isScalar)) {
        errors.push(
          malformed(
            'Syntax errors in policy.',
            `${path}.${name}.${key}`,
            'A condition value is a string, a number, true or false, or a list of them.',
          ),
        );
        continue;
      }
      const values = list.map((item) => String(item));
      const takesDates = operator?.operator.kind === 'comparison' && operator.operator.takesDates;
      const invalid = takesDates ? values.find((value) => parseDate(value) === null) : undefined;
      if (invalid !== undefined)
        errors.push(
          malformed(
            'The policy failed legacy parsing',
            `${path}.${name}.${key}`,
            `"${invalid}" is not a date. Write an ISO 8601 date and time, such as "2026-01-31T00:00:00Z", or seconds ` +
              'since 1970, such as "1769817600".',
          ),
        );
      condition[name][key] = values;
    }
  }
  return condition;
}

/** Parses and validates a policy document. Either the normalised policy or every problem found. */
export function parsePolicy(
  text: string,
  kind: PolicyKind = 'identity',
): { policy: NormalisedPolicy } | { errors: PolicyError[] } {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const offset = jsonErrorOffset(text);
    const where =
      offset === null ? '' : (({ line, column }) => ` at line ${line}, column ${column}`)(lineAndColumn(text, offset));
    return {
      errors: [
        malformed(
          'Syntax errors in policy.',
          '',
          `The document is not valid JSON${where}: ${jsonSyntaxProblem(errorMessage(error))}. Check for a missing comma or ` +
            `quote, or a trailing comma.`,
        ),
      ],
    };
  }
  if (!isPlainObject(document)) {
    return {
      errors: [malformed('Syntax errors in policy.', '', 'A policy is a JSON object with "Version" and "Statement".')],
    };
  }
  const errors: PolicyError[] = [];
  if (text.replace(/\s/g, '').length > managedPolicyMaxCharacters) {
    errors.push({
      code: 'LimitExceeded',
      message: `Cannot exceed quota for PolicySize: ${managedPolicyMaxCharacters}`,
      path: '',
      explanation:
        `Managed policies are limited to ${managedPolicyMaxCharacters} characters, not counting ` +
        `whitespace. Split it into several policies, or use wildcards where they stay precise.`,
    });
  }
  for (const key of Object.keys(document)) {
    if (!topLevelKeys.has(key))
      errors.push(
        malformed(
          'Syntax errors in policy.',
          key,
          `"${key}" is not a policy element. The top level has Version, Id and Statement.`,
        ),
      );
  }
  if (document.Version !== undefined && document.Version !== '2012-10-17' && document.Version !== '2008-10-17') {
    errors.push(
      malformed(
        'The policy failed legacy parsing',
        'Version',
        'Version is the policy language date: "2012-10-17" (not the date you wrote the policy).',
      ),
    );
  }
  const rawStatements = Array.isArray(document.Statement)
    ? document.Statement
    : document.Statement === undefined
      ? []
      : [document.Statement];
  if (rawStatements.length === 0)
    errors.push(malformed('Missing required field Statement', 'Statement', 'A policy needs at least one statement.'));
  const statements: NormalisedStatement[] = [];
  const sids = new Set<string>();
  rawStatements.forEach((raw, index) => {
    const path = Array.isArray(document.Statement) ? `Statement[${index}]` : 'Statement';
    const statement = readStatement(raw, path, kind, errors);
    if (statement?.sid) {
      if (sids.has(statement.sid))
        errors.push(
          malformed(
            'Statement IDs (SID) in a single policy must be unique.',
            `${path}.Sid`,
            `Another statement already uses the Sid "${statement.sid}".`,
          ),
        );
      sids.add(statement.sid);
    }
    if (statement) statements.push(statement);
  });
  if (errors.length > 0) return { errors };
  return {
    policy: {
      ...(typeof document.Version === 'string' ? { version: document.Version } : {}),
      ...(typeof document.Id === 'string' ? { id: document.Id } : {}),
      statements,
    },
  };
}
