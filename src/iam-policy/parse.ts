import { actionProblem } from './action-grammar';
import { jsonErrorOffset, jsonSyntaxProblem } from './json-position';
import { inReportingOrder, malformed, syntaxError, type PolicyError } from './policy-error';
import { readCondition } from './read-condition';
import { resourceProblem } from './resource-grammar';
import { isPlainObject } from '../lib/is-plain-object';
import { errorMessage } from '../lib/error-message';

export type { PolicyError } from './policy-error';

/**
 * Reads an IAM policy document the way IAM does: JSON first, then the policy grammar. Problems are values with IAM's
 * error code and message, the path of the offending element and an explanation for a learner, in the order IAM
 * reports them (the first is IAM's answer). A valid document comes back normalised (arrays everywhere) for
 * {@link evaluate} and {@link lint}.
 */

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
  /** The statement's resources; a null IAM accepts in the list is left out. */
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
 * What the document is: a managed policy (an identity policy that must be in the 2012-10-17 language, at most 6,144
 * characters), an inline identity policy (no Principal; any Version), a resource policy (Principal required), or a
 * role's trust policy (Principal required, no Resource: the resource is the role itself; STS actions only).
 */
export type PolicyKind = 'managed' | 'identity' | 'resource' | 'trust';

/** The actions a role's trust policy may name: the ways of assuming a role, and what a session may carry. */
const trustActionPattern =
  /^(\*|sts:\*|sts:AssumeRole(WithSAML|WithWebIdentity)?|sts:TagSession|sts:SetSourceIdentity|sts:SetContext)$/;

/** IAM's size quotas, in characters without whitespace, and the names its LimitExceeded message gives them. */
const sizeQuotas: Partial<Record<PolicyKind, { quota: string; characters: number }>> = {
  managed: { quota: 'PolicySize', characters: 6144 },
  trust: { quota: 'ACLSizePerRole', characters: 2048 },
};

/** The languages a policy may be written in; a managed policy only in the current one. */
const versions = new Set(['2012-10-17', '2008-10-17']);
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

const isIdentityKind = (kind: PolicyKind) => kind === 'managed' || kind === 'identity';

/** Line and column (1-based) of a character offset, for JSON syntax errors. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** A string or a list of strings (and nulls, where IAM takes them), as the list of its strings; null otherwise. */
function stringsOf(value: unknown, nullsAllowed: boolean): string[] | null {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list)) return null;
  if (!list.every((item) => typeof item === 'string' || (nullsAllowed && item === null))) return null;
  return list.filter((item): item is string => typeof item === 'string');
}

/** Effect: exactly `Allow` or `Deny`; IAM reports the wrong case later than any other word. */
function readEffect(raw: Record<string, unknown>, path: string, errors: PolicyError[]): 'Allow' | 'Deny' {
  const effect = raw.Effect;
  const explanation = 'Every statement says whether it allows or denies: "Effect": "Allow" or "Deny".';
  if (typeof effect !== 'string' || !['allow', 'deny'].includes(effect.toLowerCase())) {
    errors.push(syntaxError(`${path}.Effect`, explanation));
    return 'Deny';
  }
  if (effect !== 'Allow' && effect !== 'Deny')
    errors.push(
      malformed(
        'legacy',
        'The policy failed legacy parsing',
        `${path}.Effect`,
        'Effect is "Allow" or "Deny", capitalised.',
      ),
    );
  return effect.toLowerCase() === 'allow' ? 'Allow' : 'Deny';
}

/** Sid: text; in IAM's own policies (not resource policies) letters and digits only. */
function readSid(raw: Record<string, unknown>, path: string, kind: PolicyKind, errors: PolicyError[]): void {
  if (raw.Sid === undefined) return;
  if (typeof raw.Sid !== 'string') errors.push(syntaxError(`${path}.Sid`, 'Sid is a string, e.g. "ReadPhotos".'));
  else if (kind !== 'resource' && !/^[0-9A-Za-z]*$/.test(raw.Sid))
    errors.push(
      malformed(
        'sid',
        'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
        `${path}.Sid`,
        'A Sid may contain only letters and digits, e.g. "ReadPhotos".',
      ),
    );
}

/** Action or NotAction: one of them, a string or a non-empty list of them, each service:Operation. */
function readActions(raw: Record<string, unknown>, path: string, kind: PolicyKind, errors: PolicyError[]) {
  const notAction = raw.NotAction !== undefined;
  const key = notAction ? 'NotAction' : 'Action';
  if (notAction && raw.Action !== undefined) {
    errors.push(syntaxError(path, 'A statement names its actions with exactly one of Action or NotAction.'));
    return { notAction, actions: [] };
  }
  const actions = raw[key] === undefined ? [] : stringsOf(raw[key], false);
  if (actions === null) {
    errors.push(syntaxError(`${path}.${key}`, `${key} is a string or a list of strings, e.g. "s3:GetObject".`));
    return { notAction, actions: [] };
  }
  if (actions.length === 0)
    errors.push(
      malformed(
        'actions',
        'Policy statement must contain actions.',
        `${path}.${key}`,
        'Every statement names the actions it covers with Action (or NotAction), e.g. "s3:GetObject".',
      ),
    );
  for (const action of actions) {
    const problem = actionProblem(action);
    if (problem) errors.push(malformed('actionFormat', problem.message, `${path}.${key}`, problem.explanation));
    else if (kind === 'trust' && !trustActionPattern.test(action))
      errors.push(
        malformed(
          'trust',
          'AssumeRole policy may only specify STS AssumeRole actions.',
          `${path}.${key}`,
          `A trust policy only says who may assume the role ("sts:AssumeRole"); "${action}" belongs in a ` +
            'permissions policy attached to the role.',
        ),
      );
  }
  return { notAction, actions };
}

/** Resource or NotResource: one of them (none in a trust policy), a string or a non-empty list of ARNs or `*`. */
function readResources(raw: Record<string, unknown>, path: string, kind: PolicyKind, errors: PolicyError[]) {
  const notResource = raw.NotResource !== undefined;
  const key = notResource ? 'NotResource' : 'Resource';
  const everything = { notResource: false, resources: ['*'] };
  if (notResource && raw.Resource !== undefined) {
    errors.push(syntaxError(path, 'A statement names its resources with exactly one of Resource or NotResource.'));
    return everything;
  }
  if (kind === 'trust') {
    if (raw[key] !== undefined)
      errors.push(
        malformed(
          'trust',
          `Has prohibited field ${key}`,
          `${path}.${key}`,
          'A trust policy is attached to the role it guards, so it names no Resource: only who may assume the role ' +
            '(Principal) and how (Action, such as "sts:AssumeRole"). Permissions go in a separate policy on the role.',
        ),
      );
    return everything;
  }
  if (raw[key] === undefined && kind === 'resource') return everything;
  const resources = raw[key] === undefined ? [] : stringsOf(raw[key], true);
  if (resources === null) {
    errors.push(
      syntaxError(`${path}.${key}`, `${key} is a string or a list of strings, e.g. "arn:aws:s3:::photos/*".`),
    );
    return everything;
  }
  if (resources.length === 0)
    errors.push(
      malformed(
        'resources',
        'Policy statement must contain resources.',
        `${path}.${key}`,
        'Every statement names what it applies to with Resource (or NotResource); "*" means every resource.',
      ),
    );
  for (const resource of resources) {
    const problem = resourceProblem(resource);
    if (problem) errors.push(malformed(problem.stage, problem.message, `${path}.${key}`, problem.explanation));
  }
  return { notResource, resources };
}

/** Principal or NotPrincipal: never in an identity policy, always in a resource or trust policy. */
function readPrincipal(raw: Record<string, unknown>, path: string, kind: PolicyKind, errors: PolicyError[]) {
  const principal = raw.Principal ?? raw.NotPrincipal;
  if (isIdentityKind(kind) && principal !== undefined)
    errors.push(
      malformed(
        'principal',
        'Policy document should not specify a principal.',
        `${path}.${raw.Principal === undefined ? 'NotPrincipal' : 'Principal'}`,
        'An identity policy applies to the user, group or role it is attached to; only resource policies (such as ' +
          'bucket policies) name a Principal.',
      ),
    );
  if (!isIdentityKind(kind) && principal === undefined)
    errors.push(
      malformed(
        'principal',
        'Missing required field Principal',
        `${path}.Principal`,
        kind === 'trust'
          ? 'A trust policy says who may assume the role with Principal, e.g. {"Service": "ec2.amazonaws.com"}.'
          : 'A resource policy must say who it applies to with Principal.',
      ),
    );
  return principal;
}

function readStatement(raw: unknown, path: string, kind: PolicyKind, errors: PolicyError[]): NormalisedStatement {
  if (!isPlainObject(raw)) {
    errors.push(syntaxError(path, 'Each statement is a JSON object with Effect, Action and Resource.'));
    return { effect: 'Deny', notAction: false, actions: [], notResource: false, resources: [], condition: {} };
  }
  for (const key of Object.keys(raw)) {
    if (!statementKeys.has(key))
      errors.push(
        syntaxError(
          `${path}.${key}`,
          `"${key}" is not a statement element. Statement elements are ${[...statementKeys].join(', ')}; names are ` +
            'case-sensitive.',
        ),
      );
  }
  readSid(raw, path, kind, errors);
  const effect = readEffect(raw, path, errors);
  const principal = readPrincipal(raw, path, kind, errors);
  return {
    ...(typeof raw.Sid === 'string' ? { sid: raw.Sid } : {}),
    effect,
    ...readActions(raw, path, kind, errors),
    ...readResources(raw, path, kind, errors),
    ...(principal === undefined ? {} : { principal }),
    condition: raw.Condition === undefined ? {} : readCondition(raw.Condition, `${path}.Condition`, errors),
  };
}

/** The document's JSON, or the syntax error IAM reports, placed at its line and column for a learner. */
function readJson(text: string): { document: unknown } | { error: PolicyError } {
  try {
    return { document: JSON.parse(text) };
  } catch (error) {
    const offset = jsonErrorOffset(text);
    const where =
      offset === null ? '' : (({ line, column }) => ` at line ${line}, column ${column}`)(lineAndColumn(text, offset));
    return {
      error: syntaxError(
        '',
        `The document is not valid JSON${where}: ${jsonSyntaxProblem(errorMessage(error))}. Check for a missing comma or ` +
          'quote, or a trailing comma.',
      ),
    };
  }
}

/** The top level: its size, its elements, the language Version and the Id. */
function readTopLevel(text: string, document: Record<string, unknown>, kind: PolicyKind, errors: PolicyError[]) {
  const size = sizeQuotas[kind];
  if (size && text.replace(/\s/g, '').length > size.characters)
    errors.push({
      code: 'LimitExceeded',
      message: `Cannot exceed quota for ${size.quota}: ${size.characters}`,
      path: '',
      explanation:
        `This kind of policy is limited to ${size.characters} characters, not counting whitespace. Split it into ` +
        'several policies, or use wildcards where they stay precise.',
      stage: 'size',
    });
  for (const key of Object.keys(document)) {
    if (!topLevelKeys.has(key))
      errors.push(syntaxError(key, `"${key}" is not a policy element. The top level has Version, Id and Statement.`));
  }
  const { Version: version } = document;
  if (version !== undefined && (typeof version !== 'string' || !versions.has(version)))
    errors.push(
      syntaxError('Version', 'Version is the policy language date: "2012-10-17" (not the date you wrote the policy).'),
    );
  else if (kind === 'managed' && version !== '2012-10-17')
    errors.push(
      malformed(
        'version',
        'Policy document must be version 2012-10-17 or greater.',
        'Version',
        'A managed policy is written in the current policy language: add "Version": "2012-10-17".',
      ),
    );
  if (document.Id !== undefined && typeof document.Id !== 'string')
    errors.push(syntaxError('Id', 'Id is a string naming the policy.'));
}

/** Statement ids are unique within a policy; IAM reports a repeated one before a statement's other problems. */
function checkUniqueSids(rawStatements: unknown[], paths: string[], errors: PolicyError[]): void {
  const seen = new Set<string>();
  rawStatements.forEach((raw, index) => {
    const sid = isPlainObject(raw) && typeof raw.Sid === 'string' ? raw.Sid : '';
    if (sid === '') return;
    if (seen.has(sid))
      errors.push(
        malformed(
          'sid',
          'Statement IDs (SID) in a single policy must be unique.',
          `${paths[index]}.Sid`,
          `Another statement already uses the Sid "${sid}".`,
        ),
      );
    seen.add(sid);
  });
}

/** Parses and validates a policy document. Either the normalised policy or every problem found, IAM's answer first. */
export function parsePolicy(
  text: string,
  kind: PolicyKind = 'identity',
): { policy: NormalisedPolicy } | { errors: PolicyError[] } {
  const json = readJson(text);
  if ('error' in json) return { errors: [json.error] };
  const { document } = json;
  if (!isPlainObject(document))
    return { errors: [syntaxError('', 'A policy is a JSON object with "Version" and "Statement".')] };
  const errors: PolicyError[] = [];
  readTopLevel(text, document, kind, errors);
  const listed = Array.isArray(document.Statement);
  const rawStatements: unknown[] = listed
    ? (document.Statement as unknown[])
    : document.Statement === undefined
      ? []
      : [document.Statement];
  if (rawStatements.length === 0)
    errors.push(syntaxError('Statement', 'A policy needs at least one statement in "Statement".'));
  const paths = rawStatements.map((_, index) => (listed ? `Statement[${index}]` : 'Statement'));
  checkUniqueSids(rawStatements, paths, errors);
  const statements = rawStatements.map((raw, index) => readStatement(raw, paths[index]!, kind, errors));
  if (errors.length > 0) return { errors: inReportingOrder(errors) };
  return {
    policy: {
      ...(typeof document.Version === 'string' ? { version: document.Version } : {}),
      ...(typeof document.Id === 'string' ? { id: document.Id } : {}),
      statements,
    },
  };
}
