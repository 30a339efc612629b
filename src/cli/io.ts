/** Where a command writes and what it reads from its environment; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** True when stdout is a terminal (colour is used only then, and never with NO_COLOR set). */
  isTty?: boolean;
  /**
   * Called by a command that keeps running after it returns (the emulator) with the function that stops it cleanly.
   * The `awscourse` binary calls it on Ctrl+C or SIGTERM and then exits; tests keep it to stop the command themselves.
   */
  onStop?: (stop: () => Promise<void>) => void;
  /**
   * The script of the worker thread that reads a class's files beside the main one (`awscourse report`): the
   * bundle's report-worker.mjs. Without it, a class is read on one thread.
   */
  reportWorker?: URL;
}

/** Exit codes every command keeps to: 0 all good, 1 a check failed, 2 a usage, credential or setup problem. */
export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;

/** A problem the user can fix: what is wrong, and (on its own line) what to do about it. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    /** What to do next, when the message alone does not say. */
    readonly hint?: string,
    readonly exitCode: number = exitCodes.usage,
  ) {
    super(message);
  }
}
