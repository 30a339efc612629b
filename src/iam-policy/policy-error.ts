/**
 * The order in which IAM checks a policy document. IAM answers with the first problem of the earliest stage that has
 * one: a syntax error hides a missing Version, which hides a date that does not parse, and so on. The order is what
 * IAM's answers show, e.g. a statement with neither Action nor Resource is refused for its actions, and one whose
 * only problem is `"Action": "invalid"` is refused for that before its missing Resource.
 */
export const policyStages = [
  /** The document is over its size quota (LimitExceeded). */
  'size',
  /** JSON, element names and types, Effect: "Syntax errors in policy." */
  'syntax',
  /** A managed policy without Version 2012-10-17. */
  'version',
  /** Effect in the wrong case, dates, truncated ARNs: "The policy failed legacy parsing". */
  'legacy',
  /** Statement ids: their characters, then their uniqueness. */
  'sid',
  /** A statement without Action or NotAction. */
  'actions',
  /** A Principal where none may be, or none where one must be. */
  'principal',
  /** A Resource entry that is not an ARN IAM takes. */
  'resourceFormat',
  /** An Action entry that is not service:Operation. */
  'actionFormat',
  /** A statement without Resource or NotResource. */
  'resources',
  /** A trust policy's own rules: no Resource, STS actions only. */
  'trust',
] as const;

/** One of {@link policyStages}. */
export type PolicyStage = (typeof policyStages)[number];

/** One problem that makes IAM refuse the document. */
export interface PolicyError {
  /** IAM's code: `MalformedPolicyDocument`, or `LimitExceeded` for a document over its size quota. */
  code: 'MalformedPolicyDocument' | 'LimitExceeded';
  /** IAM's own message, e.g. `Policy statement must contain actions.` */
  message: string;
  /** Where in the document, e.g. `Statement[1].Action`; empty for the whole document. */
  path: string;
  /** What it means and how to fix it, for a learner. */
  explanation: string;
  /** When IAM reports it, among the document's other problems. */
  stage: PolicyStage;
}

/** A problem IAM reports as MalformedPolicyDocument. */
export const malformed = (stage: PolicyStage, message: string, path: string, explanation: string): PolicyError => ({
  code: 'MalformedPolicyDocument',
  message,
  path,
  explanation,
  stage,
});

/** A problem with the document's JSON or its elements' names and types, which IAM reports without detail. */
export const syntaxError = (path: string, explanation: string) =>
  malformed('syntax', 'Syntax errors in policy.', path, explanation);

/** The problems in the order IAM reports them: by stage, then in document order. */
export function inReportingOrder(errors: readonly PolicyError[]): PolicyError[] {
  const rank = (error: PolicyError) => policyStages.indexOf(error.stage);
  return [...errors].sort((a, b) => rank(a) - rank(b));
}
