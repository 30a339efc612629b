/**
 * A resumable send of many statements to an LRS, as `awscourse report --send-xapi` makes it: in batches, each tried
 * again after a growing wait when the trouble may pass (network, 429, 5xx), each acknowledged batch kept in the
 * journal, so that a send stopped anywhere is finished by running it again.
 */
import type { XapiStatement } from '../progress/xapi';
import { type LrsEndpoint, LrsError, postStatements, retryDelayMs } from '../progress/xapi-lrs';
import type { SendJournal } from './xapi-journal';

/** How many statements go in one request: small enough for any LRS's request limit, large enough to be quick. */
export const statementsPerBatch = 200;

/** How a send goes. */
export interface ResumableSend {
  lrs: LrsEndpoint;
  /**
   * The statements, gone through twice: once to count them and what the journal holds, once to send the rest. An
   * array, or an iterable that makes the same statements each time (a class's, read again from its files).
   */
  statements: Iterable<XapiStatement>;
  journal: SendJournal;
  /** How many times to try a batch before giving up on the send, at least 1. */
  tries: number;
  /** Told how many statements are done (acknowledged, before or now) after each batch. */
  onProgress: (done: number, total: number) => void;
  /** Waits between tries; tests pass one that does not. */
  wait?: (ms: number) => Promise<void>;
  fetchImpl?: typeof fetch;
  batchSize?: number;
}

/** What a send did. */
export interface SendOutcome {
  total: number;
  /** Statements the journal held as acknowledged, not sent again. */
  sentBefore: number;
  /** Statements the LRS acknowledged in this send. */
  sent: number;
  /** Ids the LRS holds with other content: not stored, and not in the journal, so a re-run reports them again. */
  conflicting: string[];
  /** Statements not sent because the send stopped, with why. */
  unsent: number;
  error?: LrsError;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Consecutive runs of `size` items (the last one shorter), made as they are needed. */
function* batchesOf<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length < size) continue;
    yield batch;
    batch = [];
  }
  if (batch.length) yield batch;
}

/** The statements the journal does not hold, in order. */
function* unsentStatements({ statements, journal }: ResumableSend): Generator<XapiStatement> {
  for (const statement of statements) if (!journal.has(statement)) yield statement;
}

/** Sends one batch, trying again after a wait while the error is retryable and tries are left. */
async function sendBatch(send: ResumableSend, batch: XapiStatement[]) {
  for (let failed = 0; ; ) {
    try {
      return await postStatements(send.lrs, batch, send.fetchImpl);
    } catch (error) {
      if (!(error instanceof LrsError)) throw error;
      failed += 1;
      if (!error.retryable || failed >= send.tries) return error;
      await (send.wait ?? sleep)(retryDelayMs(failed, error));
    }
  }
}

/**
 * Sends the statements the journal does not hold, batch by batch; stops at the first batch that fails for good (not
 * retryable, or out of tries) and says how many were left unsent and why.
 */
export async function sendResumably(send: ResumableSend): Promise<SendOutcome> {
  let total = 0;
  let sentBefore = 0;
  for (const statement of send.statements) {
    total += 1;
    if (send.journal.has(statement)) sentBefore += 1;
  }
  const outcome: SendOutcome = { total, sentBefore, sent: 0, conflicting: [], unsent: 0 };
  send.onProgress(outcome.sentBefore, total);
  for (const batch of batchesOf(unsentStatements(send), send.batchSize ?? statementsPerBatch)) {
    const result = await sendBatch(send, batch);
    if (result instanceof LrsError) {
      outcome.unsent = total - outcome.sentBefore - outcome.sent - outcome.conflicting.length;
      outcome.error = result;
      return outcome;
    }
    const stored = new Set(result.stored);
    await send.journal.add(batch.filter((statement) => stored.has(statement.id)));
    outcome.sent += result.stored.length;
    outcome.conflicting.push(...result.conflicting);
    send.onProgress(outcome.sentBefore + outcome.sent + outcome.conflicting.length, total);
  }
  return outcome;
}

/** A count as the messages show it: `5,000`. */
export const count = (n: number) => n.toLocaleString('en-US');

/** A send's progress display: `show` after each batch, `end` once the send is over. */
export interface SendProgress {
  show: (done: number, total: number) => void;
  end: () => void;
}

/**
 * Shows a send's progress on stderr: on a terminal, a bar redrawn in place; otherwise a line
 * `Sent 1,200 of 5,000 statements.` each time another tenth is done, so a log is not flooded.
 */
export function sendProgress(write: (text: string) => void, terminal: boolean): SendProgress {
  let shownTenths = -1;
  let barOpen = false;
  return {
    show(done, total) {
      if (total === 0) return;
      const text = `Sent ${count(done)} of ${count(total)} statements`;
      if (terminal) {
        const filled = Math.round((done / total) * 30);
        write(`\r[${'#'.repeat(filled)}${'-'.repeat(30 - filled)}] ${text}`);
        barOpen = true;
        return;
      }
      const tenths = Math.floor((done / total) * 10);
      if (tenths === shownTenths) return;
      shownTenths = tenths;
      write(`${text}.\n`);
    },
    end() {
      if (barOpen) write('\n');
      barOpen = false;
    },
  };
}
