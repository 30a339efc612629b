import { describe, expect, it } from 'vitest';
import {
  loadProgress,
  progressStorageKey,
  readProgress,
  updateProgress,
  type KeyValueStorage,
} from '../../src/progress/browser-store';
import { emptyProgress, recordLessonVisit } from '../../src/progress/record';

/** An in-memory stand-in for localStorage. */
function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { items: Map<string, string> } {
  const items = new Map(Object.entries(initial));
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

const now = new Date('2026-11-24T10:00:00.000Z');

describe('browser progress store', () => {
  it('gives an empty record with a learner id when nothing is stored', () => {
    const { progress, problem } = loadProgress(memoryStorage(), now);
    expect(problem).toBeUndefined();
    expect(progress.learner.id.length).toBeGreaterThanOrEqual(8);
    expect(progress.lessons).toEqual({});
  });

  it('saves an update and loads it back', () => {
    const storage = memoryStorage();
    updateProgress(storage, (p) => recordLessonVisit(p, 'week-1/cidr', now), now);
    expect(loadProgress(storage, now).progress.lessons['week-1/cidr']?.firstVisitedAt).toBe(now.toISOString());
  });

  it('keeps unreadable data under a backup key instead of overwriting it', () => {
    const storage = memoryStorage({ [progressStorageKey]: '{"format": "awscourse-progress", broken' });
    const { problem } = loadProgress(storage, now);
    expect(problem).toMatchObject({ code: 'not-json' });
    expect(storage.items.get(problem!.backupKey)).toBe('{"format": "awscourse-progress", broken');
    expect(JSON.parse(storage.items.get(progressStorageKey)!)).toMatchObject({
      format: 'awscourse-progress',
      version: 1,
    });
  });

  it('reads unreadable data as its problem, leaving it where it is and keeping no backup', () => {
    const storage = memoryStorage({ [progressStorageKey]: '{"format": "awscourse-progress", broken' });
    expect(readProgress(storage, now)).toMatchObject({ code: 'not-json' });
    expect([...storage.items]).toEqual([[progressStorageKey, '{"format": "awscourse-progress", broken']]);
  });

  it('reads an empty record without saving it when nothing is stored', () => {
    const storage = memoryStorage();
    expect(readProgress(storage, now)).toMatchObject({ attempts: [], updatedAt: now.toISOString() });
    expect(storage.items.size).toBe(0);
  });

  it('reports a failed save and leaves the stored record as it was', () => {
    const stored = JSON.stringify(emptyProgress('learner-0001', now));
    const storage: KeyValueStorage = {
      getItem: () => stored,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const result = updateProgress(storage, (p) => recordLessonVisit(p, 'week-1/cidr', now), now);
    expect(result.saveError).toContain('QuotaExceededError');
    expect(result.progress.lessons).toEqual({});
  });
});
