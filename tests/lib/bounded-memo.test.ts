import { describe, expect, it } from 'vitest';
import { boundedMemo } from '../../src/lib/bounded-memo';

describe('boundedMemo', () => {
  it('works an answer out once per argument', () => {
    let calls = 0;
    const double = boundedMemo((n: number) => {
      calls++;
      return n * 2;
    });
    expect([double(2), double(2), double(3)]).toEqual([4, 4, 6]);
    expect(calls).toBe(2);
  });

  it('keeps an answer of null or undefined like any other', () => {
    let calls = 0;
    const nothing = boundedMemo((_: string) => {
      calls++;
      return null;
    });
    nothing('a');
    nothing('a');
    expect(calls).toBe(1);
  });

  it('forgets every answer once it holds its limit, so a client cannot fill memory', () => {
    let calls = 0;
    const same = boundedMemo((s: string) => {
      calls++;
      return s;
    }, 2);
    for (const key of ['a', 'b', 'c', 'a']) same(key);
    expect(calls).toBe(4);
  });
});
