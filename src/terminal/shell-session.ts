import type { Bash } from 'just-bash';
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

/**
 * Runs a line with just-bash in a session: its variables and directory, and `$?` handed on (just-bash starts every
 * exec at 0, so a subshell exiting with the last status goes first, as bash would have it).
 */
export async function runInSession(
  bash: Bash,
  session: ShellSession,
  line: string,
  signal?: AbortSignal,
): Promise<SessionRun> {
  const lastStatus = Number(session.env['?'] ?? '0');
  const script = lastStatus === 0 ? line : `(exit ${lastStatus})\n${line}`;
  const result = await bash.exec(script, {
    env: session.env,
    replaceEnv: true,
    cwd: session.cwd,
    rawScript: true,
    ...(signal ? { signal } : {}),
  });
  const env: Record<string, string> = { ...result.env, '?': String(result.exitCode) };
  return {
    stdout: result.stdout,
    stderr: result.stderr,
    exitCode: result.exitCode,
    session: { env, cwd: env.PWD ?? session.cwd },
  };
}
