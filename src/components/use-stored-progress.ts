import { useEffect, useState } from 'preact/hooks';
import { browserStorage, loadProgress, progressChangedEvent, progressStorageKey } from '../progress/browser-store';
import type { Progress } from '../progress/schema';

/** The learner's record as a widget sees it: still being read, unreadable because storage is blocked, or loaded. */
export type StoredProgress = { state: 'reading' } | { state: 'blocked' } | { state: 'ready'; progress: Progress };

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
    // A problem with the stored record is the course frame's to show, once per page; here the fresh record is used.
    const read = () => setStored({ state: 'ready', progress: loadProgress(storage).progress });
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
