/** ssh's connection to a sandbox instance, loaded on the first `ssh` rather than with the terminal. */
import type { IFileSystem } from 'just-bash';
import { addressOfHost, reachInstance } from '../emulator/instance-reachability';
import type { Sandbox } from '../emulator/sandbox';
import { courseHint } from './course-hint';
import type { SshRequest } from './ssh-arguments';
import { authenticate } from './ssh-authentication';
import { hostKeyOf } from './ssh-host-key';
import { verifyHostKey } from './ssh-known-hosts';
import type { ConnectToInstance } from './ssh-command';
import type { TerminalIo } from './terminal-io';

/** The client ssh says it is with -v. */
const clientVersion = 'OpenSSH_9.6p1, OpenSSL 3.2.2 4 Jun 2024';

const isIpv4 = (host: string) => /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host);

/** What one ssh run has printed so far on stderr, and -v's debug lines among it. */
function transcript(verbosity: number) {
  let text = verbosity > 0 ? `${clientVersion}\ndebug1: Reading configuration data /etc/ssh/ssh_config\n` : '';
  return {
    print: (lines: string) => {
      text += lines;
    },
    debug: (line: string) => {
      if (verbosity > 0) text += `debug1: ${line}\n`;
    },
    /** What was printed so far, handed to the terminal ahead of a question so that it shows in order. */
    flush: () => {
      const printed = text;
      text = '';
      return printed;
    },
    end: (exitCode: number, hint?: string) => ({
      stdout: '',
      stderr: text + (hint ? courseHint(hint) : ''),
      exitCode,
    }),
  };
}

/** ssh's warning for each `-i` file it cannot read, printed before it connects. */
async function missingIdentityFiles(fs: IFileSystem, cwd: string, files: string[]): Promise<string> {
  const missing = await Promise.all(
    files.map(async (file) => ((await fs.exists(fs.resolvePath(cwd, file))) ? '' : file)),
  );
  return missing
    .filter(Boolean)
    .map((file) => `Warning: Identity file ${file} not accessible: No such file or directory.\n`)
    .join('');
}

/** `~/…` in an option's path, as ssh expands it. */
const expandHome = (path: string, home: string) => (path.startsWith('~/') ? `${home}${path.slice(1)}` : path);

/**
 * One ssh run, in the order the real one meets its rules: the host answers on the port (reachInstance), its host key
 * is accepted, a key file and the user are accepted; then the login goes to `connect`. What ssh printed goes to
 * stderr, with the course's hint line under a failure.
 */
export async function runSsh(
  request: SshRequest,
  context: { fs: IFileSystem; cwd: string; home: string; localUser: string },
  sandbox: Sandbox,
  io: TerminalIo,
  connect: ConnectToInstance,
) {
  const { fs, cwd, home } = context;
  const out = transcript(request.verbosity);
  const host = request.host.toLowerCase();
  const user = request.user ?? context.localUser;
  const identityFiles = request.identityFiles.map((file) => expandHome(file, home));
  out.print(await missingIdentityFiles(fs, cwd, identityFiles));
  const address = addressOfHost(host);
  const reach = reachInstance(sandbox.state, { host, port: request.port });
  if (!reach.reached && reach.failure.rule === 'no-such-address' && !isIpv4(address)) {
    out.print(`ssh: Could not resolve hostname ${host}: Name or service not known\n`);
    return out.end(
      255,
      `${host} is not a name the lab's network knows: use the instance's public IPv4 address or public DNS name ` +
        `(aws ec2 describe-instances --query "Reservations[].Instances[].PublicIpAddress").`,
    );
  }
  out.debug(`Connecting to ${host} [${address}] port ${request.port}.`);
  if (!reach.reached) {
    out.print(`ssh: connect to host ${host} port ${request.port}: Connection timed out\n`);
    return out.end(255, reach.failure.explanation);
  }
  if (request.port !== 22) {
    out.print(`ssh: connect to host ${host} port ${request.port}: Connection refused\n`);
    return out.end(255, `sshd on ${reach.instance.instanceId} listens on port 22 only: leave out -p.`);
  }
  out.debug('Connection established.');
  out.debug(`Authenticating to ${host}:22 as '${user}'`);
  const key = await hostKeyOf(reach.instance.instanceId);
  out.debug(`Server host key: ssh-ed25519 ${key.fingerprint}`);
  const verdict = await verifyHostKey({
    fs,
    knownHostsFile: fs.resolvePath(cwd, expandHome(request.options.userknownhostsfile ?? '~/.ssh/known_hosts', home)),
    host,
    address,
    key,
    strictness: request.options.stricthostkeychecking ?? 'ask',
    ...(io.prompt ? { prompt: (question: string) => io.prompt!(out.flush() + question) } : {}),
  });
  out.print(verdict.printed);
  if (!verdict.verified) return out.end(verdict.exitCode ?? 255, verdict.hint);
  const login = { ...reach, user, identityFiles };
  const authentication = await authenticate(fs, cwd, sandbox.state, login);
  out.print(authentication.printed);
  out.debug('Authentications that can continue: publickey,gssapi-keyex,gssapi-with-mic');
  if (!authentication.accepted) {
    out.print(`${user}@${host}: Permission denied (publickey,gssapi-keyex,gssapi-with-mic).\n`);
    return out.end(255, authentication.hint);
  }
  out.debug('Authentication succeeded (publickey).');
  const { accountId, region, instance } = reach;
  await connect({
    accountId,
    region,
    instanceId: instance.instanceId,
    user,
    ...(request.command !== undefined ? { command: request.command } : {}),
  });
  return out.end(0);
}
