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
import { sshCommand } from './ssh-command';
import { freshSession, labHome, promptOf, type ShellSession } from './shell-session';
import type { TerminalIo } from './terminal-io';

/** What one command line printed and how it ended. */
export interface ShellResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The lab terminal's shell: one command line at a time, its variables and directory kept between lines. */
export interface LabShell {
  /** The virtual filesystem, shared by every command and kept across reloads by the page. */
  readonly fs: IFileSystem;
  /** The variables and directory the next line starts with. */
  session(): ShellSession;
  /** The prompt for the next line: `learner:~$ `. */
  prompt(): string;
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
 * The network `curl` sees: AWS addresses answered by the sandbox, every other failing as offline. The sandbox and
 * its request handling load on the first request, so a terminal opens without them.
 */
function sandboxNetwork(sandbox: () => Promise<Sandbox>): typeof fetch {
  return async (input, init) => {
    const [{ sandboxFetch }, reached] = await Promise.all([import('../emulator/sdk-handler'), sandbox()]);
    return sandboxFetch(reached, offlineNetwork)(input, init);
  };
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
    // The lab shell moves onto the instance here once enterInstance lands (the inside-the-instance branch).
    sshCommand(sandbox, io, async () => {}),
    clearCommand,
    ...editorCommands(io),
    ...pythonCommands(sandbox, io),
    ...pipCommands,
    ...openCommands(io),
  ];
  const bash = new Bash({ fs, cwd: labHome, env: freshSession().env, customCommands: custom });
  let session = options.session ?? freshSession();
  const names = [...new Set([...getCommandNames(), ...custom.map((command) => command.name)])].sort();
  return {
    fs,
    session: () => session,
    prompt: () => promptOf(session),
    async run(line, runOptions = {}) {
      // just-bash starts every exec with $? at 0; a subshell exiting with the last status hands it on, as bash does.
      const lastStatus = Number(session.env['?'] ?? '0');
      const script = lastStatus === 0 ? line : `(exit ${lastStatus})\n${line}`;
      const result = await bash.exec(script, {
        env: session.env,
        replaceEnv: true,
        cwd: session.cwd,
        rawScript: true,
        ...(runOptions.signal ? { signal: runOptions.signal } : {}),
      });
      const env: Record<string, string> = { ...result.env, '?': String(result.exitCode) };
      session = { env, cwd: env.PWD ?? session.cwd };
      return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
    },
    commandNames: () => names,
  };
}
