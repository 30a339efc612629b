/**
 * "Send to my instructor" while the course is open: the learner's statements are queued (xapi-queue.ts) and sent to
 * the LRS the build or a launch names (xapi-launch.ts), with retries, and the page is told how many wait. A cmi5
 * launch adds its session around them (cmi5.ts, cmi5-session.ts): `initialized` before anything, the course's
 * statements as cmi5 allowed ones, `completed`/`passed` when the criteria are met, `terminated` when the learner
 * leaves. Everything the browser provides comes in through {@link InstructorLinkContext}, so tests drive it all.
 */
import {
  type Cmi5Session,
  courseStanding,
  initializedStatement,
  isSessionStatement,
  satisfaction,
  sessionIdOf,
  sessionLaunch,
  terminatedStatement,
} from './cmi5';
import { type Cmi5SessionState, lmsEndpoint, loadCmi5State, saveCmi5State, startCmi5Session } from './cmi5-session';
import { courseSource } from './course-source';
import { keepLaunch } from './keep-launch';
import type { Progress } from './schema';
import { progressStatements, type XapiStatement } from './xapi';
import { type InstructorLrs, type SessionStorageLike, xapiStatementLaunch } from './xapi-launch';
import { type LrsEndpoint, LrsError, postStatements, retryDelayMs, statementsUrl, xapiVersion } from './xapi-lrs';
import {
  enqueue,
  type FlushResult,
  flushQueue,
  type QueueTarget,
  retryingFlush,
  type StatementStore,
  waitingFor,
} from './xapi-queue';

/** Where sending stands, for the page to show. */
export interface InstructorLinkStatus {
  /** The host the statements go to, e.g. `lrs.example.edu`. */
  destination: string;
  /** Who named the LRS: the build (`configured`), an xAPI launch, or a cmi5 launch. */
  kind: InstructorLrs['kind'];
  /** Statements waiting to be sent. */
  waiting: number;
  /** A send is under way. */
  sending: boolean;
  /** When the LRS last acknowledged statements sent from this page. */
  lastSentAt?: string;
  /** The last problem, in plain words with what to do; cleared by the next send that works. */
  problem?: { message: string; hint?: string };
  /** A cmi5 launch's session: starting (token, launch data), active, or ended (`terminated` queued). */
  session?: 'starting' | 'active' | 'ended';
  /** Where the LMS wants the learner taken when they leave (its returnURL, http or https only). */
  returnUrl?: string;
}

/** What the link needs from its surroundings. */
export interface InstructorLinkContext {
  /** Where to send. */
  lrs: InstructorLrs;
  /** The queue's store (IndexedDB in the page). */
  store: StatementStore;
  /** The tab's sessionStorage, which keeps a cmi5 session across the course's pages. */
  storage?: SessionStorageLike;
  /** `fetch`. */
  fetch: typeof fetch;
  /**
   * Saves `change` of the learner's progress record (a pure update, which gives the record itself when it changes
   * nothing) and gives the record as saved; none while the record cannot be read or saved, and nothing new is queued
   * then. The link keeps on the record the launch it sends attempts and quizzes under (keep-launch.ts).
   */
  saveProgress: (change: (progress: Progress) => Progress) => Progress | undefined;
  /** The clock. */
  now: () => Date;
  /** Runs `work` after `ms`; returns a way to cancel it. */
  setTimer: (work: () => void, ms: number) => () => void;
  /** Runs `work` while no other tab of the course sends (the Web Locks API in the page). */
  exclusive: <T>(work: () => Promise<T>) => Promise<T>;
  /** Randomness for the retry delays' spread. */
  random?: () => number;
}

/** The link's controls. */
export interface InstructorLink {
  /** Where sending stands now. */
  status(): InstructorLinkStatus;
  /** Calls `listener` on every change; returns a way to stop. */
  subscribe(listener: (status: InstructorLinkStatus) => void): () => void;
  /** Queues what is new in the progress record and sends everything waiting (on load, after a save, "Send now"). */
  sendNow(): Promise<InstructorLinkStatus>;
  /** Ends a cmi5 session: queues `terminated` after everything else and sends. Does nothing for other launches. */
  exit(): Promise<InstructorLinkStatus>;
  /**
   * The page is going away for good (the tab closes, the learner goes to another site): a cmi5 session's waiting
   * statements and its `terminated` leave in `keepalive` requests, which outlive the page.
   */
  leaving(): void;
}

/** A returnURL the page may go to: http or https only, never a `javascript:` address. */
function safeReturnUrl(url: string | undefined): string | undefined {
  const parsed = url ? URL.parse(url) : null;
  return parsed && (parsed.protocol === 'https:' || parsed.protocol === 'http:') ? parsed.href : undefined;
}

const noneRecorded = { completed: false, passed: false };

/** The problem as the learner reads it. */
const problemOf = (error: LrsError) => ({ message: error.message, ...(error.hint ? { hint: error.hint } : {}) });

/** Creates the link; {@link InstructorLink.sendNow} starts it. */
export function createInstructorLink(context: InstructorLinkContext): InstructorLink {
  const { lrs, store } = context;
  const listeners = new Set<(status: InstructorLinkStatus) => void>();
  let status: InstructorLinkStatus = {
    destination: new URL(lrs.endpoint).host,
    kind: lrs.kind,
    waiting: 0,
    sending: false,
  };
  const update = (change: Partial<InstructorLinkStatus>) => {
    status = { ...status, ...change };
    for (const listener of listeners) listener(status);
  };

  let cmi5State: Cmi5SessionState | undefined = lrs.kind === 'cmi5' ? loadCmi5State(context.storage, lrs) : undefined;
  let session: Cmi5Session | undefined;
  let waitingStatements: XapiStatement[] = [];
  if (cmi5State) update({ session: cmi5State.terminatedAt ? 'ended' : 'starting' });

  const keepCmi5State = (state: Cmi5SessionState) => {
    cmi5State = state;
    saveCmi5State(context.storage, state);
  };

  /** The LRS with its credentials: the launch's or the build's, or the cmi5 session's token. */
  const endpoint = (): LrsEndpoint =>
    lrs.kind === 'cmi5'
      ? lmsEndpoint(lrs, cmi5State?.authToken ?? '')
      : { endpoint: lrs.endpoint, ...(lrs.authorization ? { authorization: lrs.authorization } : {}) };

  /** Where this page's statements queue: the LRS, and for cmi5 the session, once it has begun. */
  const target = (): QueueTarget | undefined =>
    lrs.kind !== 'cmi5'
      ? { endpoint: lrs.endpoint }
      : session && { endpoint: lrs.endpoint, session: sessionIdOf(session) };

  /** Starts the cmi5 session, once per tab, and queues its `initialized` (again harmlessly: same id). */
  async function ensureSession(): Promise<void> {
    if (lrs.kind !== 'cmi5' || session || !cmi5State) return;
    const started = await startCmi5Session(lrs, cmi5State, {
      fetch: context.fetch,
      now: context.now,
      save: keepCmi5State,
    });
    session = started.session;
    update({
      session: cmi5State.terminatedAt ? 'ended' : 'active',
      returnUrl: safeReturnUrl(session.launchData.returnURL),
    });
    await enqueue(store, target()!, [initializedStatement(session)], new Date(session.initializedAt));
  }

  /**
   * The course's statements for a non-cmi5 LRS: every one in the progress record, each made as the record keeps it.
   * An xAPI launch that names the learner, a registration or its `activity_id` is kept first on each attempt and quiz
   * no launch has sent yet: their statements are then its actor's, in its registration, grouped under its id of the
   * course as well, so the portal finds them by the id it knows the course by.
   */
  function plainStatements(): XapiStatement[] | undefined {
    const launch = lrs.kind === 'xapi' ? xapiStatementLaunch(lrs) : undefined;
    const progress = context.saveProgress((kept) => (launch ? keepLaunch(kept, launch, context.now()) : kept));
    return progress && progressStatements(progress, courseSource());
  }

  /**
   * The cmi5 session's new statements: the course's made since it began, kept as the session's in the record and so
   * made as cmi5 allowed ones of it, then completed/passed.
   */
  function sessionStatements(active: Cmi5Session, state: Cmi5SessionState) {
    const launch = sessionLaunch(active);
    const progress = context.saveProgress((kept) => keepLaunch(kept, launch, context.now(), active.initializedAt));
    if (!progress) return undefined;
    const own = progressStatements(progress, courseSource()).filter((statement) =>
      isSessionStatement(statement, active),
    );
    const standing = courseStanding(progress, active.launchData.masteryScore);
    const judged = satisfaction(active, standing, state.recorded ?? noneRecorded, context.now());
    return { statements: [...own, ...judged.statements], recorded: judged.recorded };
  }

  /** Queues what the progress record has that the queue has not (the queue keeps one entry per statement id). */
  async function queueNew(): Promise<void> {
    const where = target();
    if (!where) return;
    if (lrs.kind !== 'cmi5') {
      const statements = plainStatements();
      if (statements) await enqueue(store, where, statements, context.now());
      return;
    }
    if (!session || !cmi5State || cmi5State.terminatedAt) return;
    const made = sessionStatements(session, cmi5State);
    if (!made) return;
    await enqueue(store, where, made.statements, context.now());
    keepCmi5State({ ...cmi5State, recorded: made.recorded });
  }

  /** Queues the session's `terminated`, once: after it, nothing more is queued for the session. */
  async function queueTerminated(): Promise<void> {
    if (!session || !cmi5State || cmi5State.terminatedAt) return;
    const at = context.now();
    await enqueue(store, target()!, [terminatedStatement(session, at)], at);
    keepCmi5State({ ...cmi5State, terminatedAt: at.toISOString() });
  }

  /** The learner asked to leave: the passes queue `terminated` after everything else, once the session has begun. */
  let exiting = false;

  /**
   * One pass: start the session if need be, queue what is new (then `terminated` when leaving), send what waits.
   * Passes run one at a time, so nothing is queued after `terminated`.
   */
  async function pass(): Promise<FlushResult> {
    update({ sending: true });
    try {
      await ensureSession();
      await queueNew();
      if (exiting) await queueTerminated();
      const where = target()!;
      // What is queued now, said before sending: a page waiting for "ended, nothing waiting" must not see it early.
      update({
        waiting: (await waitingFor(store, where)).length,
        ...(cmi5State?.terminatedAt ? { session: 'ended' } : {}),
      });
      const result = await flushQueue(
        store,
        where,
        (statements) => postStatements(endpoint(), statements, context.fetch),
        context.now,
      );
      waitingStatements = (await waitingFor(store, where)).map((entry) => entry.statement!);
      return result;
    } catch (error) {
      const lrsError =
        error instanceof LrsError
          ? error
          : new LrsError('The statements could not be queued.', {
              hint: 'Reload the page to try again.',
              retryable: false,
            });
      return { sent: 0, conflicting: 0, waiting: status.waiting, error: lrsError };
    }
  }

  const flusher = retryingFlush({
    flush: () => context.exclusive(pass),
    onResult: (result) =>
      update({
        sending: false,
        waiting: result.waiting,
        ...(result.sent > 0 ? { lastSentAt: context.now().toISOString() } : {}),
        problem: result.error && problemOf(result.error),
      }),
    setTimer: context.setTimer,
    delayMs: (failedTries, error) => retryDelayMs(failedTries, error, context.random),
  });

  async function exit(): Promise<InstructorLinkStatus> {
    if (lrs.kind !== 'cmi5') return status;
    exiting = true;
    await flusher.flushNow();
    return status;
  }

  function leaving(): void {
    if (lrs.kind !== 'cmi5' || !session || !cmi5State || cmi5State.terminatedAt) return;
    const at = context.now();
    const terminated = terminatedStatement(session, at);
    keepCmi5State({ ...cmi5State, terminatedAt: at.toISOString() });
    flusher.stop();
    const headers = {
      'Content-Type': 'application/json',
      'X-Experience-API-Version': xapiVersion,
      Authorization: endpoint().authorization!,
    };
    // Two requests, so that a waiting batch the LRS refuses cannot take `terminated` down with it; cmi5 orders a
    // session's statements by timestamp, and `terminated` has the latest.
    const batches = [...(status.sending || waitingStatements.length === 0 ? [] : [waitingStatements]), [terminated]];
    for (const batch of batches)
      void context
        .fetch(statementsUrl(lrs.endpoint), { method: 'POST', keepalive: true, headers, body: JSON.stringify(batch) })
        .catch(() => undefined);
  }

  return {
    status: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sendNow: async () => {
      await flusher.flushNow();
      return status;
    },
    exit,
    leaving,
  };
}
