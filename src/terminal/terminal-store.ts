import type { SavedEntry } from './fs-snapshot';
import type { ShellSession } from './shell-session';
import { openSingleStoreDatabase } from '../lib/indexed-db';

/**
 * The lab terminal's own IndexedDB database, beside the sandbox's (src/emulator/browser-store.ts): its files, its
 * variables and directory, and its history, shared by every lesson of the course.
 */
const databaseName = 'awscourse-terminal';
const storeName = 'terminal';

/** The most history lines kept, as bash's HISTSIZE. */
export const historyLimit = 500;

/** What a page finds of an earlier terminal; absent parts were never saved. */
export interface SavedTerminal {
  files?: SavedEntry[];
  session?: ShellSession;
  history?: string[];
}

function openDatabase(): Promise<IDBDatabase> {
  return openSingleStoreDatabase(databaseName, storeName);
}

function settle(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
  });
}

const keys = ['files', 'session', 'history'] as const;

/** The terminal saved by an earlier page, or nothing. */
export async function loadTerminal(): Promise<SavedTerminal> {
  const db = await openDatabase();
  const store = db.transaction(storeName, 'readonly').objectStore(storeName);
  const values = await Promise.all(
    keys.map(
      (key) =>
        new Promise<unknown>((resolve, reject) => {
          const request = store.get(key);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
        }),
    ),
  );
  db.close();
  return Object.fromEntries(keys.flatMap((key, i) => (values[i] === undefined ? [] : [[key, values[i]]])));
}

/** Saves the given parts of the terminal in one transaction; the history is cut to its last {@link historyLimit}. */
export async function saveTerminal(parts: SavedTerminal): Promise<void> {
  const db = await openDatabase();
  const transaction = db.transaction(storeName, 'readwrite');
  const store = transaction.objectStore(storeName);
  if (parts.files) store.put(parts.files, 'files');
  if (parts.session) store.put(parts.session, 'session');
  if (parts.history) store.put(parts.history.slice(-historyLimit), 'history');
  await settle(transaction);
  db.close();
}
