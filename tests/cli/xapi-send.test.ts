import { describe, expect, it } from 'vitest';
import type { SendJournal } from '../../src/cli/xapi-journal';
import { sendProgress, sendResumably } from '../../src/cli/xapi-send';
import type { XapiStatement } from '../../src/progress/xapi';

const statements = Array.from({ length: 5 }, (_, n) => ({ id: `id-${n}` }) as XapiStatement);

/** A journal in memory. */
function memoryJournal(held: string[] = []): SendJournal & { ids: Set<string> } {
  const ids = new Set(held);
  return {
    ids,
    has: (statement) => ids.has(statement.id),
    add: async (added) => {
      for (const statement of added) ids.add(statement.id);
    },
  };
}

/** A fetch answering each request in turn with the given statuses. */
function answering(...statuses: number[]) {
  const bodies: string[] = [];
  const fetchImpl = (async (_url: RequestInfo | URL, init?: RequestInit) => {
    bodies.push(String(init?.body));
    const status = statuses.shift() ?? 200;
    return new Response(status === 204 ? null : '[]', { status });
  }) as typeof fetch;
  return { fetchImpl, bodies };
}

const lrs = { endpoint: 'https://lrs.example/xapi/' };

describe('sendResumably', () => {
  it('sends in batches what the journal does not hold, and adds what the LRS acknowledged', async () => {
    const journal = memoryJournal(['id-1']);
    const { fetchImpl, bodies } = answering(200, 200);
    const outcome = await sendResumably({
      lrs,
      statements,
      journal,
      tries: 1,
      batchSize: 2,
      onProgress: () => {},
      fetchImpl,
    });
    expect(bodies.map((body) => (JSON.parse(body) as XapiStatement[]).map((s) => s.id))).toEqual([
      ['id-0', 'id-2'],
      ['id-3', 'id-4'],
    ]);
    expect(outcome).toMatchObject({ total: 5, sentBefore: 1, sent: 4, unsent: 0, conflicting: [] });
    expect([...journal.ids].sort()).toEqual(['id-0', 'id-1', 'id-2', 'id-3', 'id-4']);
  });

  it('sends from an iterable made again each time, counting first, as from an array', async () => {
    const journal = memoryJournal(['id-1']);
    const { fetchImpl, bodies } = answering(200, 200);
    let made = 0;
    const remade = {
      *[Symbol.iterator]() {
        made += 1;
        yield* statements;
      },
    };
    const outcome = await sendResumably({
      lrs,
      statements: remade,
      journal,
      tries: 1,
      batchSize: 2,
      onProgress: () => {},
      fetchImpl,
    });
    expect(made).toBe(2);
    expect(bodies.map((body) => (JSON.parse(body) as XapiStatement[]).map((s) => s.id))).toEqual([
      ['id-0', 'id-2'],
      ['id-3', 'id-4'],
    ]);
    expect(outcome).toMatchObject({ total: 5, sentBefore: 1, sent: 4, unsent: 0 });
  });

  it('tries a batch again after a retryable error, waiting longer each time', async () => {
    const waits: number[] = [];
    const { fetchImpl } = answering(503, 502, 200);
    const outcome = await sendResumably({
      lrs,
      statements,
      journal: memoryJournal(),
      tries: 3,
      onProgress: () => {},
      fetchImpl,
      wait: async (ms) => {
        waits.push(ms);
      },
    });
    expect(outcome).toMatchObject({ sent: 5, unsent: 0 });
    expect(waits).toHaveLength(2);
    expect(waits[1]).toBeGreaterThan(waits[0]!);
  });

  it('stops at an error that is not retryable, counting what is left unsent', async () => {
    const { fetchImpl, bodies } = answering(200, 401);
    const journal = memoryJournal();
    const outcome = await sendResumably({
      lrs,
      statements,
      journal,
      tries: 5,
      batchSize: 2,
      onProgress: () => {},
      fetchImpl,
    });
    expect(bodies).toHaveLength(2);
    expect(outcome).toMatchObject({ sent: 2, unsent: 3, error: { status: 401, retryable: false } });
    expect([...journal.ids]).toEqual(['id-0', 'id-1']);
  });

  it('leaves statements the LRS holds with other content out of the journal', async () => {
    const journal = memoryJournal();
    const { fetchImpl } = answering(409, 204, 409, 204, 204, 204);
    const outcome = await sendResumably({ lrs, statements, journal, tries: 1, onProgress: () => {}, fetchImpl });
    expect(outcome).toMatchObject({ sent: 4, conflicting: ['id-1'], unsent: 0 });
    expect(journal.ids.has('id-1')).toBe(false);
  });
});

describe('sendProgress', () => {
  it('writes a line each time another tenth is done when not on a terminal', () => {
    const written: string[] = [];
    const progress = sendProgress((text) => written.push(text), false);
    for (const done of [0, 50, 99, 100, 450, 1000]) progress.show(done, 1000);
    progress.end();
    expect(written).toEqual([
      'Sent 0 of 1,000 statements.\n',
      'Sent 100 of 1,000 statements.\n',
      'Sent 450 of 1,000 statements.\n',
      'Sent 1,000 of 1,000 statements.\n',
    ]);
  });

  it('redraws a bar in place on a terminal, and ends its line', () => {
    const written: string[] = [];
    const progress = sendProgress((text) => written.push(text), true);
    progress.show(1200, 5000);
    progress.end();
    expect(written).toEqual([`\r[${'#'.repeat(7)}${'-'.repeat(23)}] Sent 1,200 of 5,000 statements`, '\n']);
  });
});
