/**
 * Batches saves: the returned `commit` resolves once a save that started after it was called has finished (or
 * rejects with that save's error). Calls while a save is in flight share the next save, so however many writers
 * wait, at most one save runs and at most one is queued. `save` must read what it saves when it starts.
 *
 * @example
 * const commit = groupCommit(() => appendToJournal(file, sandbox.state));
 * await commit(); // this change is on disk
 */
export function groupCommit(save: () => Promise<void>): () => Promise<void> {
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
    if (!running) return start();
    queued = running
      .catch(() => {})
      .then(() => {
        queued = null;
        return start();
      });
    return queued;
  };
}
