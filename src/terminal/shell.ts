import { Bash, getCommandNames, InMemoryFs, type IFileSystem } from 'just-bash';
import type { Sandbox } from '../emulator/sandbox';
import { sandboxRootKey } from '../emulator/sandbox-root-key';
import { awsShellCommand } from './aws-shell-command';
import { withCheckIp } from './checkip';
import { clearCommand } from './clear-command';
import { curlCommand, offlineNetwork } from './curl-command';
import { editorCommands } from './editor-command';
import { openCommands } from './open-command';
import { pipCommands, pythonCommands } from './python/python-commands';
import { type RemoteResult, sshCommand } from './ssh-command';
import type { InstanceLogin } from './instance-login';
import type { InstanceShell } from './instance/instance-shell';
import { freshSession, labHome, noteInterruptions, promptOf, runInSession, type ShellSession } from './shell-session';
import type { TerminalIo } from './terminal-io';

/** What one command line printed and how it ended. */
export interface ShellResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The lab terminal's shell: one command line at a time, its variables and directory kept between lines. */
export interface LabShell {
  /** The filesystem the next line sees: the learner's (kept across reloads by the page), or the instance's. */
  readonly fs: IFileSystem;
  /** The variables and directory the next line starts with: the learner's, or the instance's while logged in there. */
  session(): ShellSession;
  /** The prompt for the next line: `learner:~$ `, or the instance's `[ec2-user@ip-10-1-1-23 ~]$ `. */
  prompt(): string;
  /**
   * Moves the shell onto an instance, as ssh does once it connected: the next lines run there until `exit`. Entered
   * during a line (by `ssh`), that line's output ends with the instance's login banner and its last login.
   */
  enterInstance(login: InstanceLogin): Promise<void>;
  /** Where the shell is logged in, or null on the learner's own machine. */
  onInstance(): InstanceLogin | null;
  /** Runs one command line (or several, with here-documents); `signal` stops it at the next command. */
  run(line: string, options?: { signal?: AbortSignal }): Promise<ShellResult>;
  /** Every command the shell knows, for Tab completion. */
  commandNames(): string[];
}

/** Options for a lab shell: the sandbox its `aws` and `curl` reach, and what a reload restored. */
export interface LabShellOptions {
  /** The sandbox, or a function that loads it, called when `aws` or `curl` first runs (the page's terminal). */
  sandbox: Sandbox | (() => Promise<Sandbox>);
  /** The filesystem saved by an earlier page; a new one with the learner's home and AWS configuration otherwise. */
  fs?: IFileSystem;
  /** The variables and directory saved by an earlier page. */
  session?: ShellSession;
  /** The terminal around the shell, asked each time `aws` or the editor runs. */
  io?: () => TerminalIo;
}

/** The AWS configuration a new terminal starts with: the sandbox account's root key and the course's region. */
const awsConfiguration = {
  [`${labHome}/.aws/config`]: '[default]\nregion = us-west-2\noutput = json\n',
  [`${labHome}/.aws/credentials`]:
    `[default]\naws_access_key_id = ${sandboxRootKey.accessKeyId}\n` +
    `aws_secret_access_key = ${sandboxRootKey.secretAccessKey}\n`,
};

/** A new filesystem: the learner's home with the AWS CLI configured for the sandbox, and `/tmp`. */
export function freshLabFileSystem(): IFileSystem {
  const fs = new InMemoryFs();
  for (const [path, content] of Object.entries(awsConfiguration)) fs.writeFileSync(path, content);
  fs.mkdirSync('/tmp', { recursive: true });
  return fs;
}

/**
 * The network `curl` sees: AWS addresses answered by the sandbox, the sandbox's instances by their web servers (when
 * the sandbox's network lets the learner in), every other failing as offline. The sandbox and its request handling
 * load on the first request, so a terminal opens without them.
 */
function sandboxNetwork(sandbox: () => Promise<Sandbox>): typeof fetch {
  const aws: typeof fetch = async (input, init) => {
    const [{ sandboxFetch }, reached] = await Promise.all([import('../emulator/sdk-handler'), sandbox()]);
    return sandboxFetch(reached, offlineNetwork)(input, init);
  };
  const network: typeof fetch = async (input, init) => {
    const [{ instanceWebNetwork }, { instanceNetwork }] = await Promise.all([
      import('./instance/instance-web'),
      import('./instance/instance-network'),
    ]);
    const networkOf = (reached: Sandbox, instanceId: string) => instanceNetwork(reached, instanceId, network);
    return instanceWebNetwork(sandbox, networkOf, aws)(input, init);
  };
  return network;
}

/** The shell of an instance, on the instance's own network, disk and `aws`. */
async function instanceShellFor(sandbox: Sandbox, login: InstanceLogin, io: () => TerminalIo): Promise<InstanceShell> {
  const [{ openInstanceShell }, { instanceNetwork }] = await Promise.all([
    import('./instance/instance-shell'),
    import('./instance/instance-network'),
  ]);
  const outside = sandboxNetwork(() => Promise.resolve(sandbox));
  return openInstanceShell({
    sandbox,
    login,
    network: (instanceId) => instanceNetwork(sandbox, instanceId, outside),
    aws: (metadata) => awsShellCommand(() => Promise.resolve(sandbox), io, metadata),
    ...(io().prompt ? { ask: async (question: string) => io().prompt?.(question) } : {}),
  });
}

/** The network of the lab terminal, which curl and the preview panel share: the sandbox's, and checkip. */
export const labNetwork = (sandbox: () => Promise<Sandbox>): typeof fetch => withCheckIp(sandboxNetwork(sandbox));

/**
 * A bash-compatible shell (just-bash) over a virtual filesystem, with `aws` and `curl` answering from `sandbox`, and
 * `nano`/`vi` opening the editor of the terminal around it.
 * just-bash starts each `exec` afresh, so the shell hands every line the previous line's variables and directory.
 *
 * @example
 * const shell = createLabShell({ sandbox });
 * await shell.run('VPC=$(aws ec2 describe-vpcs --query "Vpcs[0].VpcId" --output text)');
 * await shell.run('echo $VPC');
 */
export function createLabShell(options: LabShellOptions): LabShell {
  const fs = options.fs ?? freshLabFileSystem();
  const io = options.io ?? (() => ({}));
  const given = options.sandbox;
  const sandbox = typeof given === 'function' ? given : () => Promise.resolve(given);
  const custom = [
    awsShellCommand(sandbox, io),
    curlCommand(labNetwork(sandbox)),
    sshCommand(sandbox, io, (login) => connect(login)),
    clearCommand,
    ...editorCommands(io),
    ...pythonCommands(sandbox, io),
    ...pipCommands,
    ...openCommands(io),
  ];
  const interruptions = noteInterruptions(custom);
  const bash = new Bash({ fs, cwd: labHome, env: freshSession().env, customCommands: interruptions.commands });
  let session = options.session ?? freshSession();
  const names = [...new Set([...getCommandNames(), ...custom.map((command) => command.name)])].sort();
  let instance: InstanceShell | null = null;
  let banner = '';
  let lineRunning = false;
  /** ssh's login: the shell moves onto the instance, or runs ssh's remote command there and stays here. */
  async function connect({ command, ...login }: InstanceLogin): Promise<RemoteResult | undefined> {
    if (command === undefined) {
      instance = await instanceShellFor(await sandbox(), login, io);
      if (lineRunning) banner = instance.greeting;
      return undefined;
    }
    const remote = await instanceShellFor(await sandbox(), login, io);
    const { stdout, stderr, exitCode } = await remote.run(command);
    return { stdout, stderr, exitCode };
  }
  return {
    get fs() {
      return instance?.fs ?? fs;
    },
    session: () => instance?.session() ?? session,
    prompt: () => instance?.prompt() ?? promptOf(session),
    onInstance: () => instance?.login ?? null,
    async enterInstance(login) {
      await connect({ ...login, command: undefined });
    },
    async run(line, runOptions = {}) {
      if (instance) {
        const result = await instance.run(line, runOptions);
        if (result.disconnected) instance = null;
        return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
      }
      lineRunning = true;
      const result = await runHere(line, runOptions).finally(() => {
        lineRunning = false;
      });
      const greeting = banner;
      banner = '';
      return { ...result, stdout: result.stdout + greeting };
    },
    commandNames: () => instance?.commandNames() ?? names,
  };

  async function runHere(line: string, runOptions: { signal?: AbortSignal }): Promise<ShellResult> {
    const run = await runInSession(bash, session, line, runOptions.signal, interruptions.take);
    session = run.session;
    return { stdout: run.stdout, stderr: run.stderr, exitCode: run.exitCode };
  }
}
