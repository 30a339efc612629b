/** Where a command writes and what it reads from its environment; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** True when stdout is a terminal (colour is used only then, and never with NO_COLOR set). */
  isTty?: boolean;
}

/** Exit codes every command keeps to: 0 all good, 1 a check failed, 2 a usage, credential or setup problem. */
export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;

/** A problem the user can fix, with the exit code it ends the command with. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly exitCode: number = exitCodes.usage,
  ) {
    super(message);
  }
}
