/**
 * The page's one instructor link (instructor-link.ts) with the browser's parts: the launch taken from the address,
 * the IndexedDB queue, timers, Web Locks (one tab sends at a time), and the page's events. It sends on load, after
 * every progress save (a Verify attempt, a finished quiz), when the browser is back online, and, for a cmi5 launch,
 * sends `terminated` when the tab closes, not when the learner follows a link (the "Exit course" button ends the
 * session on purpose).
 */
import { browserStorage, progressChangedEvent, readProgress, updateProgress } from './browser-store';
import { createInstructorLink, type InstructorLink } from './instructor-link';
import { isProgressProblem } from './record';
import type { Progress } from './schema';
import { type LaunchProblem, type SessionStorageLike, takeLaunch } from './xapi-launch';
import { indexedDbStatementStore, memoryStatementStore } from './xapi-queue';

/** The page's link, when the course sends anywhere, and a problem with the launch or the build's LRS, if any. */
export interface PageInstructorLink {
  /** The link; none when the build names no LRS and no launch does. */
  link?: InstructorLink;
  /** Why a launch link (or the build's LRS) cannot be used. */
  problem?: LaunchProblem;
}

let opened: PageInstructorLink | undefined;

/** The tab's sessionStorage, or undefined where the browser blocks it. */
function tabStorage(): SessionStorageLike | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

/**
 * Saves a change of the stored record, when it has one, and gives the record as saved: none where localStorage is
 * blocked (nothing to send), none when the save fails, and none while the record cannot be read, which only the
 * course frame's script keeps aside and tells of (course-frame.ts), so it is read before anything is saved.
 */
function saveProgress(change: (progress: Progress) => Progress): Progress | undefined {
  const storage = browserStorage();
  const read = storage && readProgress(storage);
  if (!storage || !read || isProgressProblem(read)) return undefined;
  if (change(read) === read) return read;
  const saved = updateProgress(storage, change);
  return saved.saveError ? undefined : saved.progress;
}

/**
 * Whether the page is going away because it navigates (a followed link, a reload, a script's `location`), not because
 * the tab closes or the learner types another address: a navigation may come back (Back, or the next course page) and
 * keeps a cmi5 session going; a close ends it with `terminated`. Told by the Navigation API where the browser has
 * it, else by clicks on links; either holds for a few seconds, so a download or a cancelled navigation does not
 * stop a later close from ending the session.
 */
function watchPageNavigation(): () => boolean {
  let navigatingUntil = 0;
  const navigating = () => {
    navigatingUntil = Date.now() + 5000;
  };
  (window as { navigation?: EventTarget }).navigation?.addEventListener('navigate', navigating);
  document.addEventListener(
    'click',
    (event) => {
      const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (anchor instanceof HTMLAnchorElement && anchor.target !== '_blank') navigating();
    },
    true,
  );
  return () => Date.now() < navigatingUntil;
}

/** Takes the launch, creates the link, wires it to the page's events and sends what waits. */
function open(): PageInstructorLink {
  const storage = tabStorage();
  const { lrs, problem } = takeLaunch({
    href: location.href,
    replaceAddress: (href) => history.replaceState(history.state, '', href),
    storage,
    env: import.meta.env,
  });
  if (!lrs) return { problem };
  const link = createInstructorLink({
    lrs,
    store: typeof indexedDB === 'undefined' ? memoryStatementStore() : indexedDbStatementStore(),
    storage,
    fetch: (input, init) => fetch(input, init),
    saveProgress,
    now: () => new Date(),
    setTimer: (work, ms) => {
      const timer = setTimeout(work, ms);
      return () => clearTimeout(timer);
    },
    exclusive: (work) => (navigator.locks ? navigator.locks.request('awscourse-xapi-send', work) : work()),
  });
  const pageNavigates = watchPageNavigation();
  window.addEventListener('online', () => void link.sendNow());
  // A page back from the back/forward cache may have missed saves, or the session's end, while it was away.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) void link.sendNow();
  });
  window.addEventListener(progressChangedEvent, () => void link.sendNow());
  window.addEventListener('pagehide', () => {
    if (!pageNavigates()) link.leaving();
  });
  void link.sendNow();
  return { link, problem };
}

/** The page's instructor link, opened on first use: the course frame's script and the Progress page share it. */
export function pageInstructorLink(): PageInstructorLink {
  opened ??= open();
  return opened;
}
