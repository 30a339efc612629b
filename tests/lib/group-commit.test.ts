import { describe, expect, it } from 'vitest';
import { groupCommit } from '../../src/lib/group-commit';

/** A save that records what it saw when it started and finishes when told to. */
function controlledSave(read: () => number) {
  const started: number[] = [];
  const finishers: (() => void)[] = [];
  const save = () => {
    started.push(read());
    return new Promise<void>((resolve) => finishers.push(resolve));
  };
  return { save, started, finish: () => finishers.shift()!() };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('groupCommit', () => {
  it('starts a save at once when none is running', async () => {
    let value = 1;
    const { save, started, finish } = controlledSave(() => value);
    const commit = groupCommit(save);
    const done = commit();
    expect(started).toEqual([1]);
    finish();
    await done;
    value = 2;
    expect(started).toEqual([1]);
  });

  it('answers every change made during a save with one next save that sees all of them', async () => {
    let value = 1;
    const { save, started, finish } = controlledSave(() => value);
    const commit = groupCommit(save);
    const first = commit();
    const waiting = [2, 3, 4].map((next) => {
      value = next;
      return commit();
    });
    expect(started).toEqual([1]);
    finish();
    await first;
    await tick();
    expect(started).toEqual([1, 4]);
    finish();
    await Promise.all(waiting);
  });

  it('does not resolve a change made during a save with that save', async () => {
    const { save, finish } = controlledSave(() => 0);
    const commit = groupCommit(save);
    void commit();
    let later = false;
    const waiting = commit().then(() => {
      later = true;
    });
    finish();
    await tick();
    expect(later).toBe(false);
    finish();
    await waiting;
    expect(later).toBe(true);
  });

  it("rejects the waiting changes with their save's error, and saves again on the next change", async () => {
    let fail = true;
    const commit = groupCommit(async () => {
      if (fail) throw new Error('disk full');
    });
    await expect(commit()).rejects.toThrow('disk full');
    fail = false;
    await expect(commit()).resolves.toBeUndefined();
  });
});
