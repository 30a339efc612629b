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
