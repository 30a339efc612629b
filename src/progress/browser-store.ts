import type { Progress } from './schema';
import { emptyProgress, isProgressProblem, readStoredProgress, type ProgressProblem } from './record';
import { errorMessage } from '../lib/error-message';

/** The localStorage key of the learner's progress record. The record carries its own version inside. */
export const progressStorageKey = 'awscourse.progress';

/** The event the store dispatches on `window` after every save, so widgets and progress marks can refresh. */
export const progressChangedEvent = 'awscourse:progress';

/** The part of the Web Storage API the store uses; tests pass an in-memory one. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The learner's record, plus what happened to unreadable data found in its place. */
export interface LoadedProgress {
  /** The record to use. */
  progress: Progress;
  /** Set when the stored value could not be read; the value was kept under `backupKey`, untouched. */
  problem?: ProgressProblem & { backupKey: string };
}

function randomLearnerId(): string {
  return (
    globalThis.crypto?.randomUUID?.() ?? `learner-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
  );
}

/** Tells the page's widgets, the progress marks and the instructor link that the stored record changed. */
function announceChange(): void {
  if (typeof window !== 'undefined') window.dispatchEvent(new CustomEvent(progressChangedEvent));
}

/**
 * The learner's record as it is stored, changing nothing: an empty record (not saved) when nothing is stored yet, or
 * the problem with a stored value that cannot be read. The page's widgets read with this; only the course frame's
 * script loads with {@link loadProgress}, so that unreadable progress is kept aside and told of by the one script
 * that shows it, and never replaced unseen by a widget that happened to read first.
 */
export function readProgress(storage: KeyValueStorage, now = new Date()): Progress | ProgressProblem {
  const stored = storage.getItem(progressStorageKey);
  return stored === null ? emptyProgress(randomLearnerId(), now) : readStoredProgress(stored);
}

/**
 * Loads the learner's record: the course frame's, once per page. Nothing stored yet gives an empty record. A stored
 * value that cannot be read (broken JSON, another app's data, a newer version) is copied to a backup key before
 * anything overwrites it, so no stored progress is ever lost; a fresh record is saved in its place, the widgets are
 * told to read it, and the problem is returned for the page to show.
 */
export function loadProgress(storage: KeyValueStorage, now = new Date()): LoadedProgress {
  const stored = storage.getItem(progressStorageKey);
  if (stored === null) return { progress: emptyProgress(randomLearnerId(), now) };
  const read = readStoredProgress(stored);
  if (!isProgressProblem(read)) return { progress: read };
  const backupKey = `${progressStorageKey}.unreadable.${now.toISOString()}`;
  storage.setItem(backupKey, stored);
  const progress = emptyProgress(randomLearnerId(), now);
  storage.setItem(progressStorageKey, JSON.stringify(progress));
  announceChange();
  return { progress, problem: { ...read, backupKey } };
}

/**
 * Applies a pure update to the stored record and saves it. Returns the new record, or the reason it could not be
 * saved (storage full or disabled), in which case the stored record is unchanged.
 */
export function updateProgress(
  storage: KeyValueStorage,
  update: (progress: Progress) => Progress,
  now = new Date(),
): { progress: Progress; saveError?: string } {
  const { progress } = loadProgress(storage, now);
  const next = update(progress);
  try {
    storage.setItem(progressStorageKey, JSON.stringify(next));
  } catch (error) {
    const reason = errorMessage(error);
    return { progress, saveError: `Progress could not be saved in this browser (${reason}).` };
  }
  announceChange();
  return { progress: next };
}

/** The browser's localStorage, or undefined where it is blocked (some privacy modes throw on access). */
export function browserStorage(): KeyValueStorage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
