import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { HttpRequest } from '@smithy/protocol-http';
import { createSandbox } from '../../../src/emulator/sandbox';
import { sandboxRequestHandler } from '../../../src/emulator/sdk-handler';
import { sandboxRootKey } from '../../../src/emulator/state';
import { runAwsCaptured } from '../../../src/terminal/aws/aws-command';
import { memoryFiles } from '../aws/run-aws';
import { createNormaliser, type DecodedRequest, decodeRequest, type RawRequest } from './normalise';

/** One corpus command: its words (with `$VARIABLES`), the variables it saves from its output, its environment. */
export interface CorpusEntry {
  argv: string[];
  save?: string[];
  env?: Record<string, string>;
}

/** What one command sent and printed, normalised. */
export interface Outcome {
  requests: DecodedRequest[];
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The recorded fixture: the CLI's version, the endpoint it used, and each command with its outcome. */
export interface Recording {
  cli: string;
  endpoint: string;
  entries: (CorpusEntry & Outcome)[];
}

const golden = 'tests/terminal/golden';
const home = '/home/learner';

function substitute(text: string, vars: Record<string, string>): string {
  return text.replace(/\$([A-Z_]+)/g, (match, name: string) => vars[name] ?? match);
}

async function rawRequest(request: HttpRequest): Promise<RawRequest> {
  const query = new URLSearchParams(
    Object.entries(request.query ?? {}).flatMap(([key, value]) =>
      value === null ? [[key, '']] : (Array.isArray(value) ? value : [value]).map((v) => [key, v]),
    ),
  ).toString();
  const body = request.body;
  const bytes =
    body === undefined || body === null
      ? new Uint8Array()
      : typeof body === 'string'
        ? new TextEncoder().encode(body)
        : body instanceof Uint8Array
          ? body
          : new Uint8Array(await new Response(body as BodyInit).arrayBuffer());
  return {
    method: request.method,
    url: `${request.path}${query ? `?${query}` : ''}`,
    headers: request.headers,
    body: bytes,
  };
}

/** The files the corpus's commands find in their working directory and home, as the recording script sets them. */
function corpusFiles() {
  const setup = JSON.parse(readFileSync(`${golden}/setup.json`, 'utf8')) as { home: Record<string, string> };
  const files: Record<string, string | Uint8Array> = {};
  for (const name of readdirSync(`${golden}/files`, { recursive: true, encoding: 'utf8' }))
    if (statSync(`${golden}/files/${name}`).isFile()) files[name] = readFileSync(`${golden}/files/${name}`, 'utf8');
  files['cat.jpg'] = new Uint8Array(readFileSync('public/sample-photos/chelsea.jpg'));
  for (const [path, content] of Object.entries(setup.home)) files[`${home}/${path}`] = content;
  return memoryFiles(files);
}

/** Reads the recorded fixture. */
export function readRecording(): Recording {
  return JSON.parse(readFileSync(`${golden}/recorded.json`, 'utf8')) as Recording;
}

/** Runs the corpus through our `aws` against a fresh sandbox, as the recording script ran it through the CLI. */
export async function replay(recording: Recording): Promise<Outcome[]> {
  // Times keep a fraction of a second, as the recording's do, so none prints without one by chance (ms = 0).
  const sandbox = createSandbox({
    now: () => {
      const now = new Date();
      now.setUTCMilliseconds(500);
      return now;
    },
  });
  const inner = sandboxRequestHandler(sandbox);
  const log: HttpRequest[] = [];
  const requestHandler = {
    ...inner,
    handle: (request: HttpRequest) => {
      log.push(request.clone());
      return inner.handle(request);
    },
  };
  const files = corpusFiles();
  const vars: Record<string, string> = {};
  const outcomes: Outcome[] = [];
  for (const entry of recording.entries) {
    log.length = 0;
    const env = {
      HOME: home,
      AWS_ACCESS_KEY_ID: sandboxRootKey.accessKeyId,
      AWS_SECRET_ACCESS_KEY: sandboxRootKey.secretAccessKey,
      AWS_DEFAULT_REGION: 'us-west-2',
      ...Object.fromEntries(Object.entries(entry.env ?? {}).map(([k, v]) => [k, substitute(v, vars)])),
    };
    const { exitCode, stdout, stderr } = await runAwsCaptured({
      argv: ['--endpoint-url', recording.endpoint, ...entry.argv.map((word) => substitute(word, vars))],
      env,
      files,
      requestHandler,
    });
    const words = stdout.trim().split(/\s+/);
    for (const [i, name] of (entry.save ?? []).entries()) vars[name] = words[i] ?? '';
    const normalise = createNormaliser();
    const requests: DecodedRequest[] = [];
    for (const request of log)
      requests.push(JSON.parse(normalise(JSON.stringify(decodeRequest(await rawRequest(request))))) as DecodedRequest);
    outcomes.push({ requests, stdout: normalise(stdout), stderr: normalise(stderr), exitCode });
  }
  return outcomes;
}
