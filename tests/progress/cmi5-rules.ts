import validation from '@learninglocker/xapi-validation';

// The package is CommonJS with exports.default: Node's loader hands that over as the default import's `default`,
// Vite's as the default import itself.
type Validate = (statement: unknown) => { path: string[] }[];
const validate: Validate = (validation as unknown as { default?: Validate }).default ?? (validation as Validate);

const cmi5Category = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const moveOnCategory = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
const sessionIdExtension = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const verb = (name: string) => `http://adlnet.gov/expapi/verbs/${name}`;

interface Statement {
  actor: { account?: unknown };
  verb: { id: string };
  object: { id: string };
  result?: { success?: boolean; completion?: boolean; score?: unknown; duration?: string };
  context?: {
    registration?: string;
    contextActivities?: { category?: { id: string }[]; grouping?: { id: string }[] };
    extensions?: Record<string, unknown>;
  };
}

/** The cmi5 session id a statement carries, if any. */
export const sessionIdIn = (statement: unknown) =>
  (statement as Statement | undefined)?.context?.extensions?.[sessionIdExtension] as string | undefined;

/**
 * What is wrong with a statement an AU sends in a cmi5 session, by xAPI 1.0.3 (Learning Locker's validator) and by
 * the cmi5 rules of sections 9.2 to 9.6: empty when nothing is. `defined` says which kind the statement must be.
 */
export function cmi5Violations(
  value: unknown,
  kind: 'defined' | 'allowed',
  launch: { registration: string; sessionId: string; activityId: string },
): string[] {
  const problems = validate(value).map((error) => `xAPI: ${error.path.join('.')}`);
  const statement = value as Statement;
  const categories = statement.context?.contextActivities?.category?.map((activity) => activity.id) ?? [];
  const result = statement.result ?? {};
  const verbId = statement.verb.id;
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  check(statement.context?.registration === launch.registration, 'registration is not the launch’s');
  check(statement.context?.extensions?.[sessionIdExtension] === launch.sessionId, 'no session id');
  check(statement.actor.account !== undefined, 'actor has no account');
  if (kind === 'allowed') {
    check(!categories.includes(cmi5Category), 'an allowed statement carries the cmi5 category');
    check(!categories.includes(moveOnCategory), 'an allowed statement carries the moveOn category');
    return problems;
  }
  const judges = result.success !== undefined || result.completion !== undefined;
  check(categories.includes(cmi5Category), 'no cmi5 category');
  check(
    categories.includes(moveOnCategory) === judges,
    'moveOn category without success or completion, or the reverse',
  );
  check(statement.object.id === launch.activityId, 'object is not the AU');
  check(result.score === undefined || [verb('passed'), verb('failed')].includes(verbId), 'score outside passed/failed');
  check(
    result.success === undefined || [verb('passed'), verb('failed')].includes(verbId),
    'success outside passed/failed',
  );
  check(result.completion === undefined || verbId === verb('completed'), 'completion outside completed');
  const needsDuration = ['terminated', 'completed', 'passed', 'failed'].map(verb).includes(verbId);
  check(!needsDuration || typeof result.duration === 'string', 'no duration');
  return problems;
}
