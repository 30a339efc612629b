import { Bash, type Command, defineCommand, getCommandNames } from 'just-bash';
import type { Sandbox } from '../../emulator/sandbox';
import type { Instance, SandboxState } from '../../emulator/state';
import type { InstanceLogin } from '../instance-login';
import type { ShellResult } from '../shell';
import { noteInterruptions, runInSession, type ShellSession } from '../shell-session';
import { restoredMachine } from './instance-boot';
import { instanceCommands, surroundingsOf } from './instance-commands';
import { diskChanges, sameDisk } from './instance-disk';
import { answerOnMachine } from './instance-web';
import { learnerAddress } from '../../emulator/instance-reachability';

/** A line's result on the instance, and whether it ended the connection (`exit`, or the instance went away). */
export interface InstanceResult extends ShellResult {
  disconnected: boolean;
}

/** The shell ssh opened on an instance: its own disk, prompt, users and commands. */
export interface InstanceShell {
  readonly login: InstanceLogin;
  /** What sshd printed on login: Amazon Linux's banner, and the previous login's time and address after the first. */
  readonly greeting: string;
  readonly fs: Bash['fs'];
  prompt(): string;
  /** The variables and directory of the shell logged in now (the login user's, or root's after `sudo -i`). */
  session(): ShellSession;
  run(line: string, options?: { signal?: AbortSignal }): Promise<InstanceResult>;
  commandNames(): string[];
}

/** What Amazon Linux 2023 prints when ssh logs in. */
export const loginBanner = `   ,     #_
   ~\\_  ####_        Amazon Linux 2023
  ~~  \\_#####\\
  ~~     \\###|
  ~~       \\#/ ___   https://aws.amazon.com/linux/amazon-linux-2023
   ~~       V~' '->
    ~~~         /
      ~~._.   _/
         _/ _/
       _/m/'
`;

/** Where the instance keeps the time and address of the last login, as `lastlog` does. */
const lastLogPath = '/var/log/lastlog';

/** `Thu Dec  3 18:01:02 2026`, as sshd dates the last login. */
function loginTime(date: Date): string {
  const [weekday, , , year, time] = date.toUTCString().split(' ');
  const month = date.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  return `${weekday!.slice(0, 3)} ${month} ${String(date.getUTCDate()).padStart(2, ' ')} ${time} ${year}`;
}

/**
 * The login's greeting: the banner, and `Last login: … from …` when someone logged in before; then records this
 * login (from the learner's address), so the next one names it.
 */
async function greet(fs: InstanceShell['fs'], now: Date): Promise<string> {
  const last = await fs.readFile(lastLogPath).catch(() => undefined);
  await fs.writeFile(lastLogPath, `${loginTime(now)} from ${learnerAddress}\n`);
  return last ? `${loginBanner}Last login: ${last}` : loginBanner;
}

/** The instance a login names, as the sandbox holds it now. */
export function instanceOfLogin(state: SandboxState, login: InstanceLogin): Instance | undefined {
  return state.accounts[login.accountId]?.regions[login.region]?.instances[login.instanceId];
}

const userPath = '/usr/local/bin:/usr/bin:/usr/local/sbin:/usr/sbin';

/** A login session of `user` on the instance, in their home. */
function sessionOf(user: string): ShellSession {
  const home = user === 'root' ? '/root' : `/home/${user}`;
  return {
    env: { HOME: home, USER: user, LOGNAME: user, PATH: userPath, TERM: 'xterm-256color', SHELL: '/bin/bash' },
    cwd: home,
  };
}

/** bash's `[\u@\h \W]\$ ` on Amazon Linux: `[ec2-user@ip-10-1-1-23 ~]$ `, `[root@ip-10-1-1-23 html]# `. */
function promptOf(session: ShellSession, shortHost: string): string {
  const user = session.env.USER ?? 'ec2-user';
  const cwd = session.cwd;
  const shown = cwd === session.env.HOME ? '~' : cwd === '/' ? '/' : cwd.slice(cwd.lastIndexOf('/') + 1);
  return `[${user}@${shortHost} ${shown}]${user === 'root' ? '#' : '$'} `;
}

/** What ssh prints when the instance stopped answering while the learner was logged in. */
const brokenPipe = 'client_loop: send disconnect: Broken pipe\n';

/**
 * The command every line ends with, which hands on the line's status: a line that did not reach it ended with `exit`
 * (just-bash stops the script there and says nothing else), so the login shell ends too.
 */
const lineEnd = '__instance_line_end';

/**
 * Opens a shell on the instance a login names: its disk as the first boot left it with the learner's saved changes
 * on top, logged in as the login's user. Each line's changes to the disk, packages and services are saved in the
 * sandbox at once (through `Sandbox.update`, so the sandbox's own saving keeps them).
 */
export async function openInstanceShell(options: {
  sandbox: Sandbox;
  login: InstanceLogin;
  /** The instance's network: its metadata service (told which instance asks), AWS and the web servers. */
  network: (instanceId: string) => typeof fetch;
  /** The `aws` command for the instance, given its metadata service. */
  aws?: (metadata: typeof fetch) => Command;
  /** Asks the learner a question on the terminal; absent where no one can answer. */
  ask?: (question: string) => Promise<string | undefined>;
}): Promise<InstanceShell> {
  const { sandbox, login } = options;
  const instance = instanceOfLogin(sandbox.state, login);
  if (!instance) throw new TypeError(`No instance ${login.instanceId} in ${login.region}`);
  const outward = options.network(instance.instanceId);
  const { machine, image } = await restoredMachine(
    instance,
    surroundingsOf(instance, login.region, outward),
    login.user,
  );
  const ownHosts = new Set(['localhost', '127.0.0.1', instance.privateIpAddress]);
  // The instance reaches itself without the network's rules: `curl localhost` asks its own web server.
  const network: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    return ownHosts.has(new URL(request.url).hostname) ? answerOnMachine(machine, request) : outward(request);
  };
  const around = surroundingsOf(instance, login.region, network);
  const shortHost = around.hostName.split('.')[0]!;
  const sessions: ShellSession[] = [sessionOf(login.user)];
  let rootShellAsked = false;
  let lineEnded = false;
  let loggedOut = false;
  const custom = [
    defineCommand(lineEnd, async ([status]) => {
      lineEnded = true;
      return { stdout: '', stderr: '', exitCode: Number(status ?? '0') };
    }),
    defineCommand('logout', async () => {
      loggedOut = true;
      return { stdout: '', stderr: '', exitCode: 0 };
    }),
    ...instanceCommands(() => machine, {
      ...around,
      ...(options.ask ? { ask: options.ask } : {}),
      openRootShell: () => {
        rootShellAsked = true;
      },
    }),
    ...(options.aws ? [options.aws(network)] : []),
  ];
  const interruptions = noteInterruptions(custom);
  const bash = new Bash({
    fs: machine.fs,
    cwd: sessions[0]!.cwd,
    env: sessions[0]!.env,
    customCommands: interruptions.commands,
  });
  const names = [...new Set([...getCommandNames(), ...custom.map((command) => command.name)])]
    .filter((name) => name !== lineEnd)
    .sort();
  const current = () => sessions.at(-1)!;
  const save = async () => {
    const stored = instanceOfLogin(sandbox.state, login);
    const disk = { ...(await diskChanges(image, machine)), ...(stored?.disk?.restarted ? { restarted: true } : {}) };
    if (!stored || sameDisk(stored.disk, disk)) return;
    await sandbox.update((state) => {
      const target = instanceOfLogin(state, login);
      if (target) target.disk = disk;
    });
  };
  /** Ends the shell the line exited: a root shell back to the login user's, the login shell back to the learner. */
  const logOut = (ran: ShellResult): InstanceResult => {
    const stdout = `${ran.stdout}logout\n`;
    if (sessions.length > 1) {
      sessions.pop();
      machine.user = current().env.USER ?? login.user;
      return { ...ran, stdout, disconnected: false };
    }
    const address = instance.publicIpAddress ?? instance.privateIpAddress;
    return { ...ran, stdout, stderr: `${ran.stderr}Connection to ${address} closed.\n`, disconnected: true };
  };
  const greeting = await greet(machine.fs, machine.now());
  await save();
  return {
    login,
    greeting,
    fs: machine.fs,
    prompt: () => promptOf(current(), shortHost),
    session: current,
    commandNames: () => names,
    async run(line, runOptions = {}) {
      if (instanceOfLogin(sandbox.state, login)?.state !== 'running')
        return { stdout: '', stderr: brokenPipe, exitCode: 255, disconnected: true };
      lineEnded = false;
      loggedOut = false;
      const result = await runInSession(
        bash,
        current(),
        `${line}\n${lineEnd} $?`,
        runOptions.signal,
        interruptions.take,
      );
      sessions[sessions.length - 1] = result.session;
      if (rootShellAsked) {
        rootShellAsked = false;
        sessions.push(sessionOf('root'));
        machine.user = 'root';
      }
      await save();
      const exited =
        loggedOut || (!lineEnded && !runOptions.signal?.aborted && !result.stderr.startsWith('bash: syntax error'));
      const ran = { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
      return exited ? logOut(ran) : { ...ran, disconnected: false };
    },
  };
}
