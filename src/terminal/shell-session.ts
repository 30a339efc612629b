import type { Bash, Command, CustomCommand } from 'just-bash';
/** The learner's home directory in the lab terminal. */
export const labHome = '/home/learner';

/** What carries over from one command line to the next: the variables and the working directory. */
export interface ShellSession {
  env: Record<string, string>;
  cwd: string;
}

/** A new terminal's session: in the learner's home, under their name. */
export function freshSession(): ShellSession {
  return {
    env: { HOME: labHome, USER: 'learner', LOGNAME: 'learner', PATH: '/usr/bin:/bin', TERM: 'xterm-256color' },
    cwd: labHome,
  };
}

/** The prompt for a session, bash's `\u:\w\$ `: `learner:~$ `, `learner:/tmp$ `. */
export function promptOf(session: ShellSession): string {
  const home = session.env.HOME ?? labHome;
  const cwd = session.cwd;
  const shown = cwd === home ? '~' : cwd.startsWith(`${home}/`) ? `~${cwd.slice(home.length)}` : cwd;
  return `${session.env.USER ?? 'learner'}:${shown}$ `;
}

/** What a line printed, how it ended, and the session the next line starts from. */
export interface SessionRun {
  stdout: string;
  stderr: string;
  exitCode: number;
  session: ShellSession;
}

/** The status of a command Ctrl-C stopped, as bash gives it: 128 + SIGINT's 2. */
export const interruptedStatus = 130;

/** What just-bash prints when a signal aborts a line; bash prints nothing (the terminal has echoed `^C`). */
const abortedMessage = 'bash: execution aborted\n';

/**
 * The shell's custom commands, each noting the directory and variables it ran with when Ctrl-C stops it. just-bash
 * drops everything a line changed when it aborts; bash keeps what ran before the interrupted command, so after
 * `cd ~/gallery && python3 app.py` and Ctrl-C the learner is still in `~/gallery`. `take` hands over (once) the
 * session the last interrupted command stood in.
 */
export function noteInterruptions(commands: readonly CustomCommand[]): {
  commands: CustomCommand[];
  take(): ShellSession | undefined;
} {
  let noted: ShellSession | undefined;
  const noting = (command: Command): Command => ({
    ...command,
    async execute(args, ctx) {
      // just-bash revokes the context once the line is cancelled, so the session is read as the command starts.
      const ranIn: ShellSession = { cwd: ctx.cwd, env: Object.fromEntries(ctx.env) };
      const note = () => {
        noted = ranIn;
      };
      ctx.signal?.addEventListener('abort', note, { once: true });
      try {
        return await command.execute(args, ctx);
      } finally {
        ctx.signal?.removeEventListener('abort', note);
      }
    },
  });
  return {
    commands: commands.map((command) => ('execute' in command ? noting(command) : command)),
    take() {
      const taken = noted;
      noted = undefined;
      return taken;
    },
  };
}

/**
 * Runs a line with just-bash in a session: its variables and directory, and `$?` handed on (just-bash starts every
 * exec at 0, so a subshell exiting with the last status goes first, as bash would have it). A line Ctrl-C stopped
 * (`signal`) ends with status 130 in the session `interrupted` gives (see {@link noteInterruptions}), or the one it
 * started from when no noting command was running.
 */
export async function runInSession(
  bash: Bash,
  session: ShellSession,
  line: string,
  signal?: AbortSignal,
  interrupted: () => ShellSession | undefined = () => undefined,
): Promise<SessionRun> {
  const lastStatus = Number(session.env['?'] ?? '0');
  const script = lastStatus === 0 ? line : `(exit ${lastStatus})\n${line}`;
  interrupted();
  const result = await bash.exec(script, {
    env: session.env,
    replaceEnv: true,
    cwd: session.cwd,
    rawScript: true,
    ...(signal ? { signal } : {}),
  });
  if (signal?.aborted) {
    const stoppedIn = interrupted() ?? session;
    const stderr = result.stderr.endsWith(abortedMessage)
      ? result.stderr.slice(0, -abortedMessage.length)
      : result.stderr;
    const env = { ...stoppedIn.env, '?': String(interruptedStatus) };
    return { stdout: result.stdout, stderr, exitCode: interruptedStatus, session: { env, cwd: stoppedIn.cwd } };
  }
  const env: Record<string, string> = { ...result.env, '?': String(result.exitCode) };
  return {
    stdout: result.stdout,
    stderr: result.stderr,
    exitCode: result.exitCode,
    session: { env, cwd: env.PWD ?? session.cwd },
  };
}
