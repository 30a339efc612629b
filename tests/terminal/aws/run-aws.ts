import { createSandbox, type Sandbox } from '../../../src/emulator/sandbox';
import { sandboxRequestHandler } from '../../../src/emulator/sdk-handler';
import { sandboxRootKey } from '../../../src/emulator/state';
import { runAwsCaptured } from '../../../src/terminal/aws/aws-command';
import type { AwsContext } from '../../../src/terminal/aws/aws-context';
import type { AwsFiles } from '../../../src/terminal/aws/files';

/** Files in memory, by path, for `aws` under test. */
export function memoryFiles(initial: Record<string, string | Uint8Array> = {}): AwsFiles & {
  files: Map<string, string | Uint8Array>;
} {
  const files = new Map(Object.entries(initial));
  const modified = new Map<string, Date>();
  return {
    files,
    stat: async (path) => {
      const content = files.get(path);
      if (content === undefined) return undefined;
      const size = typeof content === 'string' ? new TextEncoder().encode(content).length : content.length;
      return { size, modified: modified.get(path) ?? new Date(0) };
    },
    setModified: async (path, date) => {
      modified.set(path, date);
    },
    readText: async (path) => {
      const content = files.get(path);
      return content === undefined
        ? undefined
        : typeof content === 'string'
          ? content
          : new TextDecoder().decode(content);
    },
    readBytes: async (path) => {
      const content = files.get(path);
      return content === undefined
        ? undefined
        : typeof content === 'string'
          ? new TextEncoder().encode(content)
          : content;
    },
    write: async (path, data) => {
      files.set(path, data);
      modified.set(path, new Date());
    },
    exists: async (path) => files.has(path),
    remove: async (path) => {
      files.delete(path);
    },
    list: async (directory) => {
      const prefix = `${directory.replace(/\/$/, '')}/`;
      const under = [...files.keys()]
        .filter((path) => path.startsWith(prefix))
        .map((path) => path.slice(prefix.length));
      return under.length > 0 ? under : undefined;
    },
  };
}

/** The sandbox root's environment: its key and us-west-2. */
export const rootEnv = {
  HOME: '/home/learner',
  AWS_ACCESS_KEY_ID: sandboxRootKey.accessKeyId,
  AWS_SECRET_ACCESS_KEY: sandboxRootKey.secretAccessKey,
  AWS_DEFAULT_REGION: 'us-west-2',
};

/** What one `aws` run printed and returned. */
export interface AwsRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A sandbox, files and environment to run `aws` command lines against, one after another. */
export function awsHarness(
  options: { sandbox?: Sandbox; env?: Record<string, string | undefined>; files?: Record<string, string> } = {},
) {
  const sandbox = options.sandbox ?? createSandbox();
  const files = memoryFiles(options.files);
  const requestHandler = sandboxRequestHandler(sandbox);
  const run = async (prompt: AwsContext['prompt'], argv: string[]): Promise<AwsRun> => {
    const { exitCode, stdout, stderr } = await runAwsCaptured({
      argv,
      env: options.env ?? rootEnv,
      files,
      requestHandler,
      ...(prompt ? { prompt } : {}),
    });
    return { code: exitCode, stdout, stderr };
  };
  return {
    sandbox,
    files,
    run: (...argv: string[]) => run(undefined, argv),
    /** Runs with a terminal that answers questions with `prompt`. */
    runWithPrompt: (prompt: NonNullable<AwsContext['prompt']>, ...argv: string[]) => run(prompt, argv),
  };
}
