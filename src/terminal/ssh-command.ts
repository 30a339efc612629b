import { type Command, defineCommand } from 'just-bash';
import type { Sandbox } from '../emulator/sandbox';
import type { InstanceLogin } from './instance-login';
import { parseSshArguments } from './ssh-arguments';
import type { TerminalIo } from './terminal-io';

/** Moves the lab shell onto the instance ssh logged in to (or runs the remote command there). */
export type ConnectToInstance = (login: InstanceLogin) => Promise<void>;

/**
 * The lab shell's `ssh`: connects to a sandbox instance only when the real one would — the instance answers on
 * port 22 from the learner's address, its host key is accepted, a key file is the private key of its key pair with
 * a mode only its owner can read, and the user is its image's — and then hands the login to `connect`. Each failure
 * prints what OpenSSH prints and one `hint:` line saying which rule failed and where to look.
 */
export function sshCommand(sandbox: () => Promise<Sandbox>, io: () => TerminalIo, connect: ConnectToInstance): Command {
  return defineCommand('ssh', async (args, ctx) => {
    const request = parseSshArguments(args);
    if ('message' in request) return { stdout: '', stderr: request.message, exitCode: request.exitCode };
    const home = ctx.env.get('HOME') ?? '/';
    const localUser = ctx.env.get('USER') ?? 'learner';
    // The rules, the key formats and the sandbox's network load on the first ssh, not with the terminal.
    const { runSsh } = await import('./ssh-connection');
    return runSsh(request, { fs: ctx.fs, cwd: ctx.cwd, home, localUser }, await sandbox(), io(), connect);
  });
}
