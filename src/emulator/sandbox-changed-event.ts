/**
 * Dispatched on `window` after this page changed the saved sandbox (a command in the lab terminal, a file loaded, a
 * reset): the account diagram redraws on it. Its own module, so that a listener loads none of the store.
 */
export const sandboxChangedEvent = 'awscourse:sandbox';
