/**
 * Whether a page may have an LRS to send to, for the script every page loads: it must stay tiny, so it only looks,
 * and the code that reads a launch (xapi-launch.ts) loads when this says yes.
 */

/** The sessionStorage key of the tab's launch (its parameters, token included): never localStorage. */
export const launchStorageKey = 'awscourse.lrs-launch';

/** Whether the build names an LRS, the address carries a launch (`endpoint`), or the tab kept one earlier. */
export function instructorLrsHinted(): boolean {
  if (import.meta.env.PUBLIC_XAPI_ENDPOINT) return true;
  if (new URLSearchParams(location.search).has('endpoint')) return true;
  try {
    return sessionStorage.getItem(launchStorageKey) !== null;
  } catch {
    return false;
  }
}
