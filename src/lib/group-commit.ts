/** How {@link groupCommit} gathers writers. */
export interface GroupCommitOptions {
  /**
   * How long a save waits before it starts when none is running, so that writers arriving together share it rather
   * than the first taking a save of its own (PostgreSQL's `commit_delay`). Default 0: start at once.
   */
  gatherMs?: number;
}

/**
 * Batches saves: the returned `commit` resolves once a save that started after it was called has finished (or
 * rejects with that save's error). Calls while a save is in flight, or while one gathers, share the next save, so
 * however many writers wait, at most one save runs and at most one is queued. `save` must read what it saves when
 * it starts.
 *
 * @example
 * const commit = groupCommit(() => writeFileDurably(file, serialize(sandbox.state)));
 * await commit(); // this change is on disk
 */
export function groupCommit(save: () => Promise<void>, options: GroupCommitOptions = {}): () => Promise<void> {
  const gatherMs = options.gatherMs ?? 0;
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  const start = (): Promise<void> => {
    const current: Promise<void> = save().finally(() => {
      if (running === current) running = null;
    });
    running = current;
    return current;
  };
  return () => {
    if (queued) return queued;
    if (!running && gatherMs === 0) return start();
    const before = running ? running.catch(() => {}) : new Promise((resolve) => setTimeout(resolve, gatherMs));
    queued = before.then(() => {
      queued = null;
      return start();
    });
    return queued;
  };
}
