// How scripts/moto-suite/run.mjs sorts the failures of moto's tests on the sandbox: a short cause read from pytest's
// failure message, and the explanation (explanations.json) a failing test falls under.

/** Error codes with which the sandbox says it does not have an operation at all. */
const missingOperationCodes = new Set(['InvalidAction', 'UnknownOperationException', 'NotImplemented']);

/** Causes read from a failure message, the first that matches naming it. */
const causes = [
  [
    /An error occurred \(([\w.]+)\) when calling the (\w+) operation/,
    (m) => (missingOperationCodes.has(m[1]) ? `missing operation ${m[2]}` : `${m[2]} answered ${m[1]}`),
  ],
  [/Failed: Timeout/, () => 'timed out'],
  [/KeyError: '([^']+)'/, (m) => `a response lacks ${m[1]}`],
  [/DID NOT RAISE/, () => 'no error where the test expects one'],
  [/ParamValidationError|Parameter validation failed/, () => "the client refused the sandbox's answer"],
  [/ResponseParserError|Unable to parse response/, () => "the client could not parse the sandbox's answer"],
  [/AssertionError|^assert /, () => 'a value differs from what the test expects'],
];

/** A short cause for a failure message: the operation and error code, a missing response field, a timeout... */
export function causeOf(message) {
  for (const [pattern, name] of causes) {
    const match = pattern.exec(message);
    if (match) return name(match);
  }
  return /^([\w.]+(?:Error|Exception))/.exec(message)?.[1] ?? (message.split('\n')[0].slice(0, 80) || 'failed');
}

/** Whether a cause is an operation the sandbox does not have. */
export function isMissingOperation(cause) {
  return cause.startsWith('missing operation ');
}

/** A test-name pattern (`*` for any run of characters) as a regular expression. */
function patternOf(glob) {
  return new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`);
}

/**
 * The explanation a failing test falls under: the first whose `tests` patterns match its id and whose `cause`
 * (a regular expression, when given) matches what the sandbox answered; undefined when none does.
 */
export function explain(explanations, id, cause) {
  return explanations.find(
    (group) =>
      group.tests.some((glob) => patternOf(glob).test(id)) && (!group.cause || new RegExp(group.cause).test(cause)),
  );
}
