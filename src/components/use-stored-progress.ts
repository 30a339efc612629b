import { useEffect, useState } from 'preact/hooks';
import { browserStorage, progressChangedEvent, progressStorageKey, readProgress } from '../progress/browser-store';
import { isProgressProblem, type ProgressProblem } from '../progress/record';
import type { Progress } from '../progress/schema';

/**
 * The learner's record as a widget sees it: still being read, out of reach because storage is blocked, stored in a
 * form this course cannot read, or loaded.
 */
export type StoredProgress =
  | { state: 'reading' }
  | { state: 'blocked' }
  | { state: 'unreadable'; problem: ProgressProblem }
  | { state: 'ready'; progress: Progress };

/**
 * The learner's record from this browser's storage, read after hydration and read again whenever it changes: in this
 * page (the store's event) or in another tab (the browser's `storage` event).
 */
export function useStoredProgress(): StoredProgress {
  const [stored, setStored] = useState<StoredProgress>({ state: 'reading' });
  useEffect(() => {
    const storage = browserStorage();
    if (!storage) {
      setStored({ state: 'blocked' });
      return;
    }
    // Only reads: unreadable progress is the course frame's to keep aside and tell of (course-frame.ts), which it
    // could not if a widget, hydrated first, had already replaced it. The frame's fresh record comes as a change.
    const read = () => {
      const found = readProgress(storage);
      setStored(
        isProgressProblem(found) ? { state: 'unreadable', problem: found } : { state: 'ready', progress: found },
      );
    };
    const readIfOurs = (event: StorageEvent) => {
      if (event.key === progressStorageKey || event.key === null) read();
    };
    read();
    window.addEventListener(progressChangedEvent, read);
    window.addEventListener('storage', readIfOurs);
    return () => {
      window.removeEventListener(progressChangedEvent, read);
      window.removeEventListener('storage', readIfOurs);
    };
  }, []);
  return stored;
}
