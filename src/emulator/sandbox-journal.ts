import { createHash } from 'node:crypto';
import { validateSandboxState } from './persistence';
import type { Bucket, SandboxState } from './state';
import { nameRecord, parseJsonRecords } from '../lib/name-record';

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

/**
 * A copy of a bucket with every body it holds mapped: its objects', its older versions' and the parts of its
 * multipart uploads in progress. `where` names each body for a message (`s3://bucket/key`).
 */
export function mapBucketBodies(bucket: Bucket, map: (body: string, where: string) => string): Bucket {
  const at = (key: string) => `s3://${bucket.name}/${key}`;
  const mapped: Bucket = {
    ...bucket,
    objects: mapEntries(bucket.objects, (object) => ({ ...object, body: map(object.body, at(object.key)) })),
  };
  if (bucket.versions) {
    mapped.versions = mapEntries(bucket.versions, (versions) =>
      versions.map((version) =>
        'body' in version ? { ...version, body: map(version.body, at(version.key)) } : version,
      ),
    );
  }
  if (bucket.uploads) {
    mapped.uploads = mapEntries(bucket.uploads, (upload) => ({
      ...upload,
      parts: mapEntries(upload.parts, (part, number) => ({
        ...part,
        body: map(part.body, `part ${number} of the upload of ${at(upload.key)}`),
      })),
    }));
  }
  return mapped;
}

function mapEntries<T, U>(record: Record<string, T>, map: (value: T, key: string) => U): Record<string, U> {
  return nameRecord(Object.entries(record).map(([key, value]) => [key, map(value, key)]));
}

function eachObjectBody(state: SandboxState, visit: (body: string) => void): void {
  for (const bucket of Object.values(state.buckets))
    mapBucketBodies(bucket, (body) => {
      visit(body);
      return body;
    });
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
  const withReference = (bucket: Bucket): Bucket =>
    mapBucketBodies(bucket, (body) => {
      const digest = digestOfBody(bodies, body);
      if (!bodies.stored.has(digest)) added[digest] = body;
      return `@${digest}`;
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
  let lost: string | undefined;
  const valid = validateSandboxState(last.state);
  if (!('state' in valid)) return { error: valid.error };
  for (const [name, bucket] of Object.entries(valid.state.buckets)) {
    valid.state.buckets[name] = mapBucketBodies(bucket, (reference, where) => {
      const body = known.get(reference.slice(1));
      lost ??= body === undefined ? where : undefined;
      return body ?? reference;
    });
  }
  if (lost !== undefined) return { error: `The sandbox journal has lost the body of ${lost}.` };
  return { state: valid.state, records: records.length };
}
