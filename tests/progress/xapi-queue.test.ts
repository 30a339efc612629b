import { describe, expect, it } from 'vitest';
import type { XapiStatement } from '../../src/progress/xapi';
import { LrsError, type LrsSendResult } from '../../src/progress/xapi-lrs';
import {
  enqueue,
  type FlushResult,
  flushQueue,
  memoryStatementStore,
  queueKey,
  retryingFlush,
  waitingFor,
} from '../../src/progress/xapi-queue';

const endpoint = 'https://lrs.example.edu/xapi/';
const target = { endpoint };
const now = new Date('2026-12-04T10:00:00.000Z');

/** A statement with an id, enough for the queue, which never looks inside. */
const statement = (id: string) => ({ id, timestamp: now.toISOString() }) as XapiStatement;
const statements = (...ids: string[]) => ids.map(statement);

/** A send that stores everything and records each batch's ids. */
function acceptingSend() {
  const batches: string[][] = [];
  const send = async (sent: XapiStatement[]): Promise<LrsSendResult> => {
    batches.push(sent.map((s) => s.id));
    return { stored: sent.map((s) => s.id), conflicting: [] };
  };
  return { batches, send };
}

const offline = new LrsError('The LRS at https://lrs.example.edu/xapi/statements could not be reached.', {
  retryable: true,
});
const refused = new LrsError('The LRS did not accept the credentials (401 Unauthorized).', {
  status: 401,
  retryable: false,
});

describe('the statement queue', () => {
  it('keeps one entry per statement id, however often it is queued', async () => {
    const store = memoryStatementStore();
    expect(await enqueue(store, target, statements('a', 'b'), now)).toBe(2);
    expect(await enqueue(store, target, statements('b', 'c'), now)).toBe(1);
    expect((await waitingFor(store, target)).map((e) => e.id)).toEqual(['a', 'b', 'c']);
  });

  it('sends in the order statements were queued, and keeps a receipt without the statement', async () => {
    const store = memoryStatementStore();
    await enqueue(store, target, statements('first', 'second'), now);
    await enqueue(store, target, statements('third'), new Date(now.getTime() + 1000));
    const { batches, send } = acceptingSend();
    expect(await flushQueue(store, target, send, () => now)).toEqual({ sent: 3, conflicting: 0, waiting: 0 });
    expect(batches).toEqual([['first', 'second', 'third']]);
    const receipt = store.entries.get(queueKey(endpoint, 'first'));
    expect(receipt).toMatchObject({ id: 'first', sentAt: now.toISOString() });
    expect(receipt).not.toHaveProperty('statement');
    expect([...store.entries.values()].every((entry) => entry.sentAt && !entry.statement)).toBe(true);
  });

  it('sends the oldest statement first by its timestamp, whenever it was queued', async () => {
    const store = memoryStatementStore();
    const later = { id: 'terminated', timestamp: '2026-12-04T10:05:00.000Z' } as XapiStatement;
    const earlier = { id: 'attempted', timestamp: '2026-12-04T10:04:00.000Z' } as XapiStatement;
    await enqueue(store, target, [later], now);
    await enqueue(store, target, [earlier], new Date(now.getTime() + 1000));
    const { batches, send } = acceptingSend();
    await flushQueue(store, target, send);
    expect(batches).toEqual([['attempted', 'terminated']]);
  });

  it('does not queue again a statement the LRS already acknowledged', async () => {
    const store = memoryStatementStore();
    await enqueue(store, target, statements('a'), now);
    await flushQueue(store, target, acceptingSend().send);
    expect(await enqueue(store, target, statements('a', 'b'), now)).toBe(1);
    const { batches, send } = acceptingSend();
    await flushQueue(store, target, send);
    expect(batches).toEqual([['b']]);
  });

  it('sends in batches of 50', async () => {
    const store = memoryStatementStore();
    const ids = Array.from({ length: 120 }, (_, index) => `s-${index}`);
    await enqueue(store, target, statements(...ids), now);
    const { batches, send } = acceptingSend();
    await flushQueue(store, target, send);
    expect(batches.map((batch) => batch.length)).toEqual([50, 50, 20]);
    expect(batches.flat()).toEqual(ids);
  });

  it('keeps what was not acknowledged when the LRS cannot be reached, and says it may be retried', async () => {
    const store = memoryStatementStore();
    await enqueue(store, target, statements(...Array.from({ length: 60 }, (_, index) => `s-${index}`)), now);
    let calls = 0;
    const result = await flushQueue(store, target, async (sent) => {
      calls += 1;
      if (calls === 2) throw offline;
      return { stored: sent.map((s) => s.id), conflicting: [] };
    });
    expect(result).toEqual({ sent: 50, conflicting: 0, waiting: 10, error: offline });
    expect((await waitingFor(store, target))[0]?.id).toBe('s-50');
  });

  it('keeps the statements when the LRS refuses them, with the error for the learner', async () => {
    const store = memoryStatementStore();
    await enqueue(store, target, statements('a'), now);
    const result = await flushQueue(store, target, async () => {
      throw refused;
    });
    expect(result).toMatchObject({ sent: 0, waiting: 1, error: { retryable: false, status: 401 } });
  });

  it('counts statements the LRS held already with other content as sent, and says how many', async () => {
    const store = memoryStatementStore();
    await enqueue(store, target, statements('a', 'b'), now);
    const result = await flushQueue(store, target, async () => ({ stored: ['a'], conflicting: ['b'] }));
    expect(result).toEqual({ sent: 2, conflicting: 1, waiting: 0 });
  });

  it('keeps each cmi5 session’s statements to itself, and an LRS’s apart from another’s', async () => {
    const store = memoryStatementStore();
    await enqueue(store, { endpoint, session: 'old' }, statements('old-1'), now);
    await enqueue(store, { endpoint, session: 'new' }, statements('new-1'), now);
    await enqueue(store, { endpoint: 'https://other.example.edu/xapi/' }, statements('new-1'), now);
    expect((await waitingFor(store, { endpoint, session: 'new' })).map((e) => e.id)).toEqual(['new-1']);
    // The same id for another LRS is another entry.
    expect(store.entries.size).toBe(3);
  });
});

/** A fake clock: timers run when the test says so. */
function fakeTimers() {
  const timers: { ms: number; work: () => void; cancelled: boolean }[] = [];
  return {
    timers,
    setTimer: (work: () => void, ms: number) => {
      const timer = { ms, work, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    pending: () => timers.filter((timer) => !timer.cancelled),
  };
}

/** Lets the promises the timers started run to their end. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

const failed = (error: LrsError): FlushResult => ({ sent: 0, conflicting: 0, waiting: 2, error });
const succeeded: FlushResult = { sent: 2, conflicting: 0, waiting: 0 };

describe('flushing with retries', () => {
  it('tries again after a retryable failure, waiting longer each time, until it works', async () => {
    const results = [failed(offline), failed(offline), succeeded];
    const clock = fakeTimers();
    const seen: FlushResult[] = [];
    const flusher = retryingFlush({
      flush: async () => results.shift()!,
      onResult: (result) => seen.push(result),
      setTimer: clock.setTimer,
      delayMs: (tries) => 1000 * 2 ** (tries - 1),
    });
    await flusher.flushNow();
    expect(clock.pending().map((t) => t.ms)).toEqual([1000]);
    clock.pending()[0]!.work();
    await settled();
    expect(clock.timers.map((t) => t.ms)).toEqual([1000, 2000]);
    clock.timers[1]!.work();
    await settled();
    expect(seen.map((result) => result.error?.retryable ?? 'ok')).toEqual([true, true, 'ok']);
    expect(clock.timers.length).toBe(2);
  });

  it('does not retry an error only the learner can fix', async () => {
    const clock = fakeTimers();
    const flusher = retryingFlush({
      flush: async () => failed(refused),
      onResult: () => undefined,
      setTimer: clock.setTimer,
      delayMs: () => 1000,
    });
    expect((await flusher.flushNow()).error).toBe(refused);
    expect(clock.timers).toEqual([]);
  });

  it('starts afresh when asked to flush now, cancelling the scheduled retry', async () => {
    const results = [failed(offline), succeeded];
    const clock = fakeTimers();
    const flusher = retryingFlush({
      flush: async () => results.shift()!,
      onResult: () => undefined,
      setTimer: clock.setTimer,
      delayMs: () => 60_000,
    });
    await flusher.flushNow();
    expect(clock.pending()).toHaveLength(1);
    expect(await flusher.flushNow()).toBe(succeeded);
    expect(clock.pending()).toHaveLength(0);
  });

  it('runs one flush at a time, and calls made meanwhile share the next', async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const flusher = retryingFlush({
      flush: async () => {
        running += 1;
        runs += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        return succeeded;
      },
      onResult: () => undefined,
      setTimer: fakeTimers().setTimer,
      delayMs: () => 1000,
    });
    const first = flusher.flushNow();
    await Promise.resolve();
    await Promise.resolve();
    const [second, third] = [flusher.flushNow(), flusher.flushNow()];
    expect(second).toBe(third);
    await Promise.all([first, second, third]);
    expect(most).toBe(1);
    expect(runs).toBe(2);
  });
});
