import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Server } from 'node:http';
import { startEmulatorServer } from '../emulator/node-server';
import { isLoopbackHost } from '../lib/local-request-gate';
import { createSandbox, type Sandbox } from '../emulator/sandbox';
import { lockSandboxFile, readSandboxFile, type SandboxFileSaver, sandboxFileSaver } from '../emulator/sandbox-file';
import { journalFileOf } from '../emulator/sandbox-journal';
import { defaultAccountId, sandboxRootKey, type SandboxState } from '../emulator/state';
import { parseCommandArgs } from './args';
import { emulatorHelp } from './emulator-help';
import { type CliIo, UsageError } from './io';
import { errorMessage } from '../lib/error-message';
import type { FileLock } from '../lib/lock-file';
import { privateFolderMode } from '../lib/write-file-durably';

/**
 * The web pages allowed to use the endpoint unless `--allow-origin` says otherwise: the course server (`npm start`)
 * and the photo gallery app as the lessons start it, whose `<img>` tags show presigned URLs of the sandbox's S3.
 */
export const defaultAllowedOrigins = [
  'http://localhost:4321',
  'http://127.0.0.1:4321',
  'http://localhost:5000',
  'http://127.0.0.1:5000',
];

/** The sandbox file `awscourse emulator` and `awscourse check --offline` share by default. */
export function defaultSandboxFile(env: Record<string, string | undefined>, home: string): string {
  return join(env.AWSCOURSE_HOME ?? join(home, '.awscourse'), 'sandbox.json');
}

/** Reads a saved sandbox; a damaged file stops the command and is left exactly as it was. */
async function loadState(file: string): Promise<SandboxState | undefined> {
  const read = await readSandboxFile(file);
  if ('problem' in read) throw new UsageError(read.problem.message, read.problem.hint);
  return 'state' in read ? read.state : undefined;
}

/**
 * Saves after each change and holds the change's answer until the save is on disk, so an acknowledged write
 * survives a crash; a failed save answers InternalError and is reported here.
 */
function saveOnChange(sandbox: Sandbox, file: string, io: CliIo): SandboxFileSaver {
  const saver = sandboxFileSaver(file, () => sandbox.state);
  sandbox.subscribe(() =>
    saver.save().catch((error: unknown) => {
      io.stderr(`Could not save the sandbox to ${file}: ${errorMessage(error)}\n`);
      throw error;
    }),
  );
  return saver;
}

/** The environment variables that point AWS tools at the endpoint, as shell lines. */
export function endpointEnvironment(url: string): string {
  return [
    `export AWS_ENDPOINT_URL=${url}`,
    `export AWS_ACCESS_KEY_ID=${sandboxRootKey.accessKeyId}`,
    `export AWS_SECRET_ACCESS_KEY=${sandboxRootKey.secretAccessKey}`,
    'export AWS_DEFAULT_REGION=us-west-2',
  ].join('\n');
}

/**
 * `awscourse emulator`: resolves with the running server and a function that stops it. With a state file, every
 * change is on disk before it is answered, and the file is locked against a second emulator until it stops.
 */
export async function runEmulatorCommand(
  args: string[],
  io: CliIo,
): Promise<{ server: Server; url: string; stop: () => Promise<void> } | null> {
  const { values } = parseCommandArgs('emulator', args, {
    port: { type: 'string', default: '4566' },
    host: { type: 'string', default: '127.0.0.1' },
    state: { type: 'string' },
    memory: { type: 'boolean', default: false },
    reset: { type: 'boolean', default: false },
    'allow-remote': { type: 'boolean', default: false },
    'allow-origin': { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout(emulatorHelp);
    return null;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port}".`, 'For example: --port 4566');
  if (!isLoopbackHost(values.host) && !values['allow-remote']) {
    throw new UsageError(
      `--host ${values.host} would let other machines use the sandbox with its published key.`,
      'Use 127.0.0.1, or add --allow-remote if you mean it.',
    );
  }
  const allowedOrigins = values['allow-origin'] ?? defaultAllowedOrigins;
  for (const origin of allowedOrigins)
    if (!URL.canParse(origin) || !/^https?:$/.test(new URL(origin).protocol))
      throw new UsageError(
        `--allow-origin takes a web page's origin, not "${origin}".`,
        'For example: --allow-origin http://localhost:4321',
      );
  if (values.memory && values.state) throw new UsageError('Choose --state FILE or --memory, not both.');
  const stateFile = values.memory ? undefined : (values.state ?? defaultSandboxFile(io.env, homedir()));
  const lock = stateFile ? await lockStateFile(stateFile) : null;
  try {
    return await serveSandbox(stateFile, { ...values, allowedOrigins }, port, io, lock);
  } catch (error) {
    await lock?.release();
    throw error;
  }
}

/** Creates the state file's folder (0700) and takes its lock; another live emulator holding it is a usage error. */
async function lockStateFile(file: string): Promise<FileLock> {
  await mkdir(dirname(file), { recursive: true, mode: privateFolderMode });
  const lock = await lockSandboxFile(file);
  if ('problem' in lock) throw new UsageError(lock.problem.message, lock.problem.hint);
  return lock;
}

/** Loads (or resets) the state, listens, and prints how to use the endpoint; `lock` is released on stop. */
async function serveSandbox(
  stateFile: string | undefined,
  values: { host: string; reset: boolean; allowedOrigins: string[] },
  port: number,
  io: CliIo,
  lock: FileLock | null,
): Promise<{ server: Server; url: string; stop: () => Promise<void> }> {
  if (stateFile && values.reset && existsSync(stateFile)) {
    const backup = `${stateFile}.${new Date().toISOString().replace(/[:.]/g, '-')}.bak`;
    await rename(stateFile, backup);
    // The changes not folded into the file yet go with it, where "awscourse check --state BACKUP" still finds them.
    await rename(journalFileOf(stateFile), journalFileOf(backup)).catch(() => {});
    io.stdout(`The previous sandbox was moved to ${backup}.\n`);
  }
  const sandbox = createSandbox({ state: stateFile ? await loadState(stateFile) : undefined });
  const saver = stateFile ? saveOnChange(sandbox, stateFile, io) : undefined;
  let started: { server: Server; url: string };
  try {
    started = await startEmulatorServer({ sandbox, port, host: values.host, allowedOrigins: values.allowedOrigins });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new UsageError(`Port ${port} is already in use.`, 'Pick another with --port, or stop what listens there.');
    throw new UsageError(`Could not listen on ${values.host}:${port}: ${errorMessage(error)}`);
  }
  io.stdout(
    [
      `Sandbox AWS account ${defaultAccountId} listening on ${started.url}`,
      stateFile ? `State: ${stateFile} (saved after every change)` : 'State: in memory only (lost when you stop it)',
      '',
      'Point the AWS CLI, boto3 or your app at it from another terminal:',
      endpointEnvironment(started.url),
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  return {
    ...started,
    stop: async () => {
      await new Promise<void>((resolve) => started.server.close(() => resolve()));
      await saver?.close().catch((error: unknown) => {
        io.stderr(`Could not fold the journal into ${stateFile}: ${errorMessage(error)}; it is read with the file.\n`);
      });
      await lock?.release();
    },
  };
}
