import { describe, expect, it } from 'vitest';
import { madeAhead } from '../../src/lib/made-ahead';

/** A source that notes when each item is asked for. */
function noted(events: string[], count: number) {
  return (async function* () {
    for (let n = 0; n < count; n++) {
      events.push(`make ${n}`);
      yield n;
    }
  })();
}

describe('madeAhead', () => {
  it('gives every item, in order', async () => {
    const items: number[] = [];
    for await (const item of madeAhead(noted([], 5))) items.push(item);
    expect(items).toEqual([0, 1, 2, 3, 4]);
  });

  it('makes the next item while the one before is being used', async () => {
    const events: string[] = [];
    for await (const item of madeAhead(noted(events, 3))) {
      events.push(`use ${item}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      events.push(`used ${item}`);
    }
    expect(events).toEqual(['make 0', 'use 0', 'make 1', 'used 0', 'use 1', 'make 2', 'used 1', 'use 2', 'used 2']);
  });
});
