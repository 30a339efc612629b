import { defineCommand, type Command } from 'just-bash';
import type { InstanceMachine } from './instance-machine';

/** A word quoted for the shell, so `sudo` hands its command on exactly as typed. */
const quoted = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

/** The ways of asking `sudo` for a root shell rather than one command. */
const rootShells = [['-i'], ['-s'], ['su'], ['su', '-'], ['su', '-l'], ['-i', 'bash'], ['bash'], ['-s', 'bash']];

/** The environment a command run as root gets. */
const rootEnv = (user: string) => ({ USER: 'root', LOGNAME: 'root', HOME: '/root', SUDO_USER: user });

/**
 * `sudo` on a sandbox instance, where the login user may do anything as root without a password (as `ec2-user` may
 * on Amazon Linux): `sudo CMD…` runs the command as root; `sudo -i`, `sudo su` and `sudo -s` ask for a root shell,
 * which `openRootShell` opens once the line has run.
 */
export function sudoCommand(machine: () => InstanceMachine, openRootShell: () => void): Command {
  return defineCommand('sudo', async (args, ctx) => {
    const current = machine();
    if (args.length === 0)
      return { stdout: '', stderr: 'usage: sudo -h | -K | -k | -V\nusage: sudo [-AbEHknPS] command\n', exitCode: 1 };
    if (rootShells.some((shape) => shape.length === args.length && shape.every((word, i) => args[i] === word))) {
      openRootShell();
      return { stdout: '', stderr: '', exitCode: 0 };
    }
    const command = args[0] === '-E' ? args.slice(1) : args;
    if (!ctx.exec) return { stdout: '', stderr: 'sudo: cannot run a command here\n', exitCode: 1 };
    // sudo runs a program, never a shell builtin or a function, and finds it on its own path.
    if (ctx.getRegisteredCommands && !ctx.getRegisteredCommands().includes(command[0]!))
      return { stdout: '', stderr: `sudo: ${command[0]}: command not found\n`, exitCode: 1 };
    const exec = ctx.exec;
    return current.asRoot(() =>
      exec(command.map(quoted).join(' '), {
        cwd: ctx.cwd,
        env: { ...(ctx.exportedEnv ?? {}), ...rootEnv(current.user) },
        ...(ctx.stdin ? { stdin: String(ctx.stdin), stdinKind: 'bytes' as const } : {}),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      }),
    );
  });
}
