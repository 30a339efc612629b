/**
 * The statements waiting to go to the instructor's LRS, kept in IndexedDB so that a learner who is offline, or whose
 * LRS is down, loses nothing. An entry is keyed by its LRS and statement id, so queuing the same statement twice
 * keeps one; an entry the LRS acknowledged stays as a small receipt (its statement dropped), the set of ids already
 * sent, so that no statement goes to the same LRS twice.
 */
import { openSingleStoreDatabase } from '../lib/indexed-db';
import type { XapiStatement } from './xapi';
import { LrsError, type LrsSendResult } from './xapi-lrs';

/** Where queued statements go: an LRS, and for a cmi5 launch the session they belong to (no other may send them). */
export interface QueueTarget {
  /** The LRS's xAPI endpoint. */
  endpoint: string;
  /** The cmi5 session id; none outside a cmi5 launch. */
  session?: string;
}

/** One statement in the queue, or the receipt of one sent. */
export interface QueuedStatement {
  /** The store key: the endpoint and the statement id, a line apart. */
  key: string;
  /** The statement id. */
  id: string;
  /** The LRS it goes to. */
  endpoint: string;
  /** The cmi5 session it belongs to, if any. */
  session?: string;
  /** When it was queued (ms since 1970) and its place in its batch: statements are sent in this order. */
  queuedAt: number;
  /** Its place among the statements queued at the same time. */
  index: number;
  /** The statement; dropped once the LRS has it. */
  statement?: XapiStatement;
  /** When the LRS acknowledged it; absent while it waits. */
  sentAt?: string;
}

/** Where the queue keeps its entries: IndexedDB in the browser, memory in tests. */
export interface StatementStore {
  /** Adds the entries whose key is not stored yet, in one transaction; resolves to how many were added. */
  addMissing(entries: QueuedStatement[]): Promise<number>;
  /** Stores the entries, replacing any with the same key. */
  put(entries: QueuedStatement[]): Promise<void>;
  /** Every entry. */
  all(): Promise<QueuedStatement[]>;
}

/** The key of a statement for an LRS: one entry per LRS and id. */
export const queueKey = (endpoint: string, id: string) => `${endpoint}\n${id}`;

/**
 * Queues statements for a target, in the order given, after any already waiting. Statements queued before (waiting or
 * sent) for the same LRS are left as they are. Resolves to how many were new.
 */
export function enqueue(
  store: StatementStore,
  target: QueueTarget,
  statements: readonly XapiStatement[],
  now: Date,
): Promise<number> {
  const queuedAt = now.getTime();
  return store.addMissing(
    statements.map((statement, index) => ({
      key: queueKey(target.endpoint, statement.id),
      id: statement.id,
      endpoint: target.endpoint,
      ...(target.session ? { session: target.session } : {}),
      queuedAt,
      index,
      statement,
    })),
  );
}

/**
 * The statements waiting for a target, oldest first by their timestamps (the order xAPI and cmi5 judge statements
 * in), then in the order they were queued.
 */
export async function waitingFor(store: StatementStore, target: QueueTarget): Promise<QueuedStatement[]> {
  const entries = await store.all();
  const time = (entry: QueuedStatement) => Date.parse(entry.statement!.timestamp);
  return entries
    .filter((e) => !e.sentAt && e.statement && e.endpoint === target.endpoint && e.session === target.session)
    .sort((a, b) => time(a) - time(b) || a.queuedAt - b.queuedAt || a.index - b.index);
}

/** Sends a batch of statements to the LRS: `postStatements` bound to the LRS, its credentials and `fetch`. */
export type SendStatements = (statements: XapiStatement[]) => Promise<LrsSendResult>;

/** What one pass over the queue did. */
export interface FlushResult {
  /** Statements the LRS acknowledged in this pass. */
  sent: number;
  /** Of those, statements it already held with other content (sent before from another course address). */
  conflicting: number;
  /** Statements still waiting for the target. */
  waiting: number;
  /** Why the pass stopped early; the statements it did not send stay queued. */
  error?: LrsError;
}

/** How many statements go in one request. */
const batchSize = 50;

/** The receipt that replaces a statement once the LRS holds it. */
const receiptOf = ({ statement: _sent, ...entry }: QueuedStatement, at: string): QueuedStatement => ({
  ...entry,
  sentAt: at,
});

/**
 * Sends what waits for a target, oldest first, in batches, marking each batch as sent once the LRS acknowledges it.
 * The first failure stops the pass, and everything not acknowledged stays queued: a retryable error (offline, the LRS
 * busy) is for trying again later, another (credentials refused) for the learner to see.
 */
export async function flushQueue(
  store: StatementStore,
  target: QueueTarget,
  send: SendStatements,
  now: () => Date = () => new Date(),
): Promise<FlushResult> {
  let sent = 0;
  let conflicting = 0;
  const waiting = await waitingFor(store, target);
  for (let start = 0; start < waiting.length; start += batchSize) {
    const batch = waiting.slice(start, start + batchSize);
    try {
      const result = await send(batch.map((entry) => entry.statement!));
      const acknowledged = new Set([...result.stored, ...result.conflicting]);
      const at = now().toISOString();
      await store.put(batch.filter((entry) => acknowledged.has(entry.id)).map((entry) => receiptOf(entry, at)));
      sent += acknowledged.size;
      conflicting += result.conflicting.length;
    } catch (error) {
      const lrsError =
        error instanceof LrsError
          ? error
          : new LrsError('The statements could not be saved for sending.', { retryable: false });
      return { sent, conflicting, waiting: (await waitingFor(store, target)).length, error: lrsError };
    }
  }
  return { sent, conflicting, waiting: (await waitingFor(store, target)).length };
}

/** Runs one flush at a time, and flushes again after a retryable failure, waiting longer after each. */
export interface RetryingFlush {
  /** Flushes now, or right after the flush under way, in place of any retry scheduled. */
  flushNow(): Promise<FlushResult>;
  /** Cancels the scheduled retry, if any. */
  stop(): void;
}

/** What {@link retryingFlush} needs. */
export interface RetryingFlushOptions {
  /** One pass over the queue ({@link flushQueue} bound to its store, target and LRS). */
  flush: () => Promise<FlushResult>;
  /** Told every pass's result, for the page to show. */
  onResult: (result: FlushResult) => void;
  /** Runs `work` after `ms` and returns a way to cancel it: `setTimeout` in the page, a fake clock in tests. */
  setTimer: (work: () => void, ms: number) => () => void;
  /** How long to wait after `failedTries` retryable failures in a row (xapi-lrs.ts's `retryDelayMs`). */
  delayMs: (failedTries: number, error: LrsError) => number;
}

/**
 * Flushes with retries: a retryable failure (offline, the LRS busy) schedules another flush, each wait longer than
 * the last (exponential backoff); success or an error only the learner can fix (credentials refused) ends the
 * retries, the statements staying queued. Calls while a flush runs share the one that follows it.
 */
export function retryingFlush(options: RetryingFlushOptions): RetryingFlush {
  let failedTries = 0;
  let cancelRetry: (() => void) | undefined;
  let tail: Promise<unknown> = Promise.resolve();
  let next: Promise<FlushResult> | undefined;
  const stop = () => {
    cancelRetry?.();
    cancelRetry = undefined;
  };
  const run = async () => {
    next = undefined;
    stop();
    const result = await options.flush();
    failedTries = result.error?.retryable ? failedTries + 1 : 0;
    if (result.error?.retryable)
      cancelRetry = options.setTimer(() => void flushNow(), options.delayMs(failedTries, result.error));
    options.onResult(result);
    return result;
  };
  const flushNow = (): Promise<FlushResult> => {
    if (next) return next;
    const started = tail.then(run);
    next = started;
    tail = started.catch(() => undefined);
    return started;
  };
  return { flushNow, stop };
}

/** A store in memory: for tests, and where the browser refuses IndexedDB. */
export function memoryStatementStore(): StatementStore & { entries: Map<string, QueuedStatement> } {
  const entries = new Map<string, QueuedStatement>();
  return {
    entries,
    async addMissing(added) {
      const fresh = added.filter((entry) => !entries.has(entry.key));
      for (const entry of fresh) entries.set(entry.key, structuredClone(entry));
      return fresh.length;
    },
    async put(changed) {
      for (const entry of changed) entries.set(entry.key, structuredClone(entry));
    },
    async all() {
      return [...entries.values()].map((entry) => structuredClone(entry));
    },
  };
}

/** Resolves when a transaction has committed, with what `result` says then. */
function committed<T>(transaction: IDBTransaction, result: () => T): Promise<T> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve(result());
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/**
 * The queue's IndexedDB store: database `awscourse-xapi`, object store `statements`, keyed by {@link queueKey}. Adding
 * uses `add`, which refuses a key already stored, in one transaction: two tabs queuing at once still keep one entry.
 * Where the browser refuses IndexedDB (some private modes), the queue lives in memory, as long as the page.
 */
export function indexedDbStatementStore(databaseName = 'awscourse-xapi'): StatementStore {
  const storeName = 'statements';
  const opening = openSingleStoreDatabase(databaseName, storeName).catch(() => undefined);
  const inMemory = memoryStatementStore();
  const transaction = async (mode: IDBTransactionMode) => (await opening)?.transaction(storeName, mode);
  return {
    async addMissing(entries) {
      const tx = await transaction('readwrite');
      if (!tx) return inMemory.addMissing(entries);
      let added = 0;
      for (const entry of entries) {
        const request = tx.objectStore(storeName).add(entry, entry.key);
        request.onsuccess = () => {
          added += 1;
        };
        // A key already stored is the point of the queue's dedupe, not a failure of the transaction.
        request.onerror = (event) => {
          event.preventDefault();
          event.stopPropagation();
        };
      }
      return committed(tx, () => added);
    },
    async put(entries) {
      const tx = await transaction('readwrite');
      if (!tx) return inMemory.put(entries);
      for (const entry of entries) tx.objectStore(storeName).put(entry, entry.key);
      return committed(tx, () => undefined);
    },
    async all() {
      const tx = await transaction('readonly');
      if (!tx) return inMemory.all();
      const request = tx.objectStore(storeName).getAll();
      return committed(tx, () => request.result as QueuedStatement[]);
    },
  };
}
