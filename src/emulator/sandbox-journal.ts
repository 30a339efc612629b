import { createHash } from 'node:crypto';
import { validateSandboxState } from './persistence';
import type { Bucket, SandboxState } from './state';
import { parseJsonRecords } from '../lib/name-record';

/**
 * The journal beside a sandbox file (`sandbox.json.journal`): what the emulator appends and fsyncs for each group of
 * changes, so that a change is durable without rewriting the whole file, photos and all. Its first line names the
 * snapshot (the sandbox file) it continues, by digest; each further line is one record, `DIGEST JSON`, holding the
 * whole state with every S3 object's body replaced by a reference (`@` and the body's digest; `@` is not a base64
 * character), and the bodies that neither the snapshot nor an earlier record holds. The emulator folds the journal
 * back into the sandbox file when it falls idle, grows large, starts or stops; until then readers replay it.
 */

/** The journal's first line, naming its format. */
const journalFormat = 'awscourse-sandbox-journal';
const journalVersion = 1;

/** The hex SHA-256 of a text: how the journal names its snapshot, its records and bodies. */
export function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The journal file of a sandbox file. */
export function journalFileOf(file: string): string {
  return `${file}.journal`;
}

/** The first line of a journal that continues the snapshot whose text is `snapshotText`. */
export function journalHeader(snapshotText: string): string {
  return `${JSON.stringify({ format: journalFormat, version: journalVersion, snapshot: digestOf(snapshotText) })}\n`;
}

/**
 * What a journal writer remembers between records: each body's digest (worked out once per distinct body), and
 * which digests the snapshot or an earlier record already holds, so a body is written once.
 */
export interface JournalBodies {
  digests: Map<string, string>;
  stored: Set<string>;
}

function digestOfBody(bodies: JournalBodies, body: string): string {
  let digest = bodies.digests.get(body);
  if (digest === undefined) {
    digest = digestOf(body);
    bodies.digests.set(body, digest);
  }
  return digest;
}

function eachObjectBody(state: SandboxState, visit: (body: string) => void): void {
  for (const bucket of Object.values(state.buckets))
    for (const object of Object.values(bucket.objects)) visit(object.body);
}

/** The bodies a snapshot of `state` holds, for the journal that continues it. */
export function bodiesOfSnapshot(state: SandboxState, before?: JournalBodies): JournalBodies {
  const bodies: JournalBodies = { digests: new Map(), stored: new Set() };
  eachObjectBody(state, (body) => {
    const digest = before?.digests.get(body) ?? digestOf(body);
    bodies.digests.set(body, digest);
    bodies.stored.add(digest);
  });
  return bodies;
}

/**
 * One journal line for `state`: the state with its bodies as references, and the bodies not stored yet, which
 * `bodies` then counts as stored (call it only for a line that will be written).
 */
export function journalRecord(state: SandboxState, bodies: JournalBodies): string {
  const added: Record<string, string> = {};
  const withReference = (bucket: Bucket): Bucket => ({
    ...bucket,
    objects: Object.fromEntries(
      Object.entries(bucket.objects).map(([key, object]) => {
        const digest = digestOfBody(bodies, object.body);
        if (!bodies.stored.has(digest)) added[digest] = object.body;
        return [key, { ...object, body: `@${digest}` }];
      }),
    ),
  });
  const json = JSON.stringify({
    state: {
      ...state,
      buckets: Object.fromEntries(Object.entries(state.buckets).map(([n, b]) => [n, withReference(b)])),
    },
    bodies: added,
  });
  for (const digest of Object.keys(added)) bodies.stored.add(digest);
  return `${digestOf(json)} ${json}\n`;
}

/** A snapshot with its journal replayed: the latest state, and how many records it took. */
export type JournalReplay = { state: SandboxState; records: number } | { error: string };

interface JournalLine {
  state: SandboxState;
  bodies: Record<string, string>;
}

/** The journal's records, in order, up to the first one that is torn (a crash mid-append) or damaged. */
function readRecords(journalText: string): JournalLine[] {
  const lines = journalText.split('\n');
  // The text after the last newline is a record whose append did not finish: it was never acknowledged.
  lines.pop();
  const records: JournalLine[] = [];
  for (const line of lines.slice(1)) {
    const space = line.indexOf(' ');
    const json = line.slice(space + 1);
    if (space !== 64 || digestOf(json) !== line.slice(0, space)) break;
    records.push(parseJsonRecords(json) as JournalLine);
  }
  return records;
}

/** Whether a journal's first line says it continues the snapshot `snapshotText`. */
export function journalContinues(journalText: string, snapshotText: string): boolean {
  const header = journalText.slice(0, journalText.indexOf('\n') + 1);
  return header === journalHeader(snapshotText);
}

/**
 * The snapshot's state with the journal's last complete record applied, its bodies taken from the records or the
 * snapshot. A journal that continues another snapshot (left by a crash between folding it in and starting the next
 * one) is ignored: everything in it is in the snapshot already.
 */
export function replayJournal(snapshot: SandboxState, snapshotText: string, journalText: string): JournalReplay {
  if (!journalContinues(journalText, snapshotText)) return { state: snapshot, records: 0 };
  const records = readRecords(journalText);
  const last = records.at(-1);
  if (!last) return { state: snapshot, records: 0 };
  const known = new Map<string, string>();
  eachObjectBody(snapshot, (body) => known.set(digestOf(body), body));
  for (const record of records) for (const [digest, body] of Object.entries(record.bodies)) known.set(digest, body);
  for (const bucket of Object.values(last.state.buckets ?? {}))
    for (const [key, object] of Object.entries(bucket.objects ?? {})) {
      const body = known.get(object.body.slice(1));
      if (body === undefined) return { error: `The sandbox journal has lost the body of s3://${bucket.name}/${key}.` };
      object.body = body;
    }
  const valid = validateSandboxState(last.state);
  return 'state' in valid ? { state: valid.state, records: records.length } : { error: valid.error };
}
