import { defineCommand, type Command } from 'just-bash';
import { runAwsCaptured } from './aws/aws-command';
import type { RequestHandler } from './aws/aws-context';
import { bytesOfByteString } from './byte-string';
import { shellAwsFiles } from './shell-files';
import type { TerminalIo } from './terminal-io';

/**
 * The shell's `aws` command: the model-driven CLI of `./aws`, run with the shell's exported variables, its virtual
 * files (relative to the working directory; `-` is standard input) and the given SDK request handler.
 */
export function awsShellCommand(requestHandler: RequestHandler, io: () => TerminalIo): Command {
  return defineCommand('aws', async (args, ctx) => {
    const { prompt, columns } = io();
    return runAwsCaptured({
      argv: args,
      env: ctx.exportedEnv ?? Object.fromEntries(ctx.env),
      files: shellAwsFiles(ctx.fs, ctx.cwd, bytesOfByteString(ctx.stdin)),
      requestHandler,
      ...(prompt ? { prompt } : {}),
      ...(columns ? { terminalWidth: columns } : {}),
    });
  });
}
