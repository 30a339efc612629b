import { defineCommand, type Command } from 'just-bash';
import type { Sandbox } from '../emulator/sandbox';
import { bytesOfByteString } from './byte-string';
import { shellAwsFiles } from './shell-files';
import type { TerminalIo } from './terminal-io';

/** The code `aws` runs: the CLI, the SDK under it and the sandbox's request handler, loaded once. */
export const loadAwsCli = () => Promise.all([import('./aws/aws-command'), import('../emulator/sdk-handler')]);

/**
 * The shell's `aws` command: the model-driven CLI of `./aws`, run with the shell's exported variables, its virtual
 * files (relative to the working directory; `-` is standard input) and an SDK request handler answered by the
 * sandbox. The CLI, the SDK and the sandbox load on the first `aws`, so the terminal's prompt does not wait for them.
 * On an instance, `metadata` reaches its metadata service, where the CLI finds the role's credentials and the region.
 */
export function awsShellCommand(
  sandbox: () => Promise<Sandbox>,
  io: () => TerminalIo,
  metadata?: typeof fetch,
): Command {
  return defineCommand('aws', async (args, ctx) => {
    const [[{ runAwsCaptured }, { sandboxRequestHandler }], reached] = await Promise.all([loadAwsCli(), sandbox()]);
    const { prompt, columns } = io();
    return runAwsCaptured({
      argv: args,
      env: ctx.exportedEnv ?? Object.fromEntries(ctx.env),
      files: shellAwsFiles(ctx.fs, ctx.cwd, bytesOfByteString(ctx.stdin)),
      requestHandler: sandboxRequestHandler(reached),
      ...(metadata ? { metadata } : {}),
      ...(prompt ? { prompt } : {}),
      ...(columns ? { terminalWidth: columns } : {}),
    });
  });
}
