import type { RecordOwner } from './record-owners';
import { progressStatements, type StatementSource, type XapiStatement } from './xapi';

/**
 * A record's statements, as `awscourse report` gives a class's: each id once, and those of a learner of several
 * files keyed by their id, so that a statement two of the learner's files make is written once. Made from the
 * record itself, never from a learner's merged one: a statement keeps the id (and actor) the site gave it when it
 * sent it, or an LRS would hold that attempt twice.
 */
export function* statementsOfRecord(
  progress: Parameters<typeof progressStatements>[0],
  owner: RecordOwner,
  source: StatementSource,
): Generator<{ statement: XapiStatement; key?: string }> {
  const ids = new Set<string>();
  for (const statement of progressStatements(progress, source)) {
    if (ids.has(statement.id)) continue;
    ids.add(statement.id);
    yield owner.merged ? { statement, key: statement.id } : { statement };
  }
}
