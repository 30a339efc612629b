/**
 * Dispatched on `window` after this page changed the saved sandbox (a command line in the lab terminal, a file
 * loaded, a reset): the account diagram redraws on it. Its own module, so that a listener loads none of the store.
 */
export const sandboxChangedEvent = 'awscourse:sandbox';

/** Tells the page's listeners that the saved sandbox changed. */
export function announceSandboxChange(): void {
  if (typeof window !== 'undefined') window.dispatchEvent(new CustomEvent(sandboxChangedEvent));
}

/**
 * When the lab terminal tells of its changes: once the command line that made them has ended (its output is on the
 * screen, and the diagram's reading does not compete with it), or, while a line runs long (an app serving the web
 * preview, `aws ec2 wait`), at most `waitMs` after a change.
 */
export function sandboxChangeNotice(announce: () => void = announceSandboxChange, waitMs = 1000) {
  let running = false;
  let pending = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tell = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    pending = false;
    announce();
  };
  return {
    /** A change was saved. */
    saved() {
      pending = true;
      if (!running) tell();
      else timer ??= setTimeout(tell, waitMs);
    },
    lineStarted() {
      running = true;
    },
    lineEnded() {
      running = false;
      tell();
    },
  };
}
