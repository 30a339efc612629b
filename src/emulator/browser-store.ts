import { parseSandboxState } from './persistence';
import type { SandboxState } from './state';
import { openSingleStoreDatabase } from '../lib/indexed-db';
import { announceSandboxChange } from './sandbox-changed-event';

/**
 * The browser's copy of the sandbox, in IndexedDB (photos outgrow localStorage). A saved state that cannot be read
 * is kept under a backup key, never overwritten, and the caller is told why a fresh sandbox was started.
 */
const databaseName = 'awscourse';

const storeName = 'sandbox';
const stateKey = 'state';

function openDatabase(): Promise<IDBDatabase> {
  return openSingleStoreDatabase(databaseName, storeName);
}

function transact<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return openDatabase().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const request = run(db.transaction(storeName, mode).objectStore(storeName));
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
      }),
  );
}

/** The saved sandbox, or none; `problem` says why a saved one was set aside. */
export async function loadBrowserSandbox(): Promise<{ state?: SandboxState; problem?: string }> {
  const text = await readBrowserSandboxFile();
  if (text === undefined) return {};
  const parsed = parseSandboxState(text);
  if ('state' in parsed) return { state: parsed.state };
  const backupKey = `${stateKey}.unreadable.${new Date().toISOString()}`;
  await transact('readwrite', (store) => store.put(text, backupKey));
  await forgetBrowserSandbox();
  return { problem: `${parsed.error} It was kept as ${backupKey} and a fresh sandbox was started.` };
}

/** Saves the sandbox (called after each change); whoever saves tells the page (`announceSandboxChange`) when to redraw. */
export async function saveBrowserSandbox(state: SandboxState): Promise<void> {
  await transact('readwrite', (store) => store.put(JSON.stringify(state), stateKey));
}

/** The saved sandbox as the file `awscourse emulator` keeps, or none when this browser has no sandbox yet. */
export async function readBrowserSandboxFile(): Promise<string | undefined> {
  const text = await transact<unknown>('readonly', (store) => store.get(stateKey));
  return typeof text === 'string' ? text : undefined;
}

/** Forgets the saved sandbox: the next command or Verify starts a fresh one. */
export async function forgetBrowserSandbox(): Promise<void> {
  await transact('readwrite', (store) => store.delete(stateKey));
  announceSandboxChange();
}
