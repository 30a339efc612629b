// The figures `npm run lrs` prints and checks: each one labelled, with what was expected when it differs.
import { isDeepStrictEqual } from 'node:util';

/** Checks one figure, printing it; a mismatch makes the run fail. */
export function expectSame(label, actual, expected) {
  const same = isDeepStrictEqual(actual, expected);
  const shown = (value) => (typeof value === 'object' ? JSON.stringify(value) : String(value));
  process.stdout.write(
    `${same ? 'ok  ' : 'FAIL'}  ${label}: ${shown(actual)}${same ? '' : ` (expected ${shown(expected)})`}\n`,
  );
  if (!same) process.exitCode = 1;
}

/** Prints a figure that is told, not checked. */
export function note(text) {
  process.stdout.write(`      ${text}\n`);
}

/** How many statements each verb has, by its display name. */
export function verbCounts(statements) {
  const counts = {};
  for (const { verb } of statements) counts[verb.display['en-US']] = (counts[verb.display['en-US']] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort());
}

/** A statement as the LRS returns it, without what the LRS adds (stored, authority, version). */
function asSent({ stored: _stored, authority: _authority, version: _version, ...statement }) {
  return statement;
}

/** How many of the expected statements the LRS holds exactly as they are (same id, same content). */
export function identicalCount(held, expected) {
  const byId = new Map(held.map((statement) => [statement.id, asSent(statement)]));
  return expected.filter((statement) => isDeepStrictEqual(byId.get(statement.id), statement)).length;
}
