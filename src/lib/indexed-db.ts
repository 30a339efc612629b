/**
 * Opens an IndexedDB database that holds one object store, creating both on first use: the sandbox's
 * (src/emulator/browser-store.ts) and the lab terminal's (src/terminal/terminal-store.ts) are such databases.
 *
 * @example const db = await openSingleStoreDatabase('awscourse', 'sandbox');
 */
export function openSingleStoreDatabase(databaseName: string, storeName: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(databaseName, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(storeName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB is not available'));
  });
}
