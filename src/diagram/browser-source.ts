import { createCheckerAws } from '../../checkers/aws-clients';
import { loadBrowserSandbox } from '../emulator/browser-store';
import { sandboxRegions } from '../emulator/regions';
import { createSandbox, type Sandbox } from '../emulator/sandbox';
import { sandboxRequestHandler } from '../emulator/sdk-handler';
import { createSandboxState, sandboxRootKey } from '../emulator/state';
import type { CheckerAws } from '../../checkers/contract';
import { regionProblem } from '../lib/aws-regions';
import { askCourseServer, type CourseServerFailure } from '../live/ask-course-server';
import { regionHint } from '../verify/request';
import { collectAccount, DiagramReadError } from './collect';
import type { AccountSnapshot } from './snapshot';

/** Why there is nothing to draw, in words for the panel. */
export type DiagramFailure = CourseServerFailure;

/**
 * One sandbox and one set of SDK clients for every read of the page: each read puts the saved state in it, so the
 * clients (and their resolved middleware) are made once, not at each redraw.
 */
let reader: { sandbox: Sandbox; aws: (region: string) => CheckerAws } | undefined;

function sandboxReader() {
  if (!reader) {
    const sandbox = createSandbox();
    const aws = createCheckerAws({
      region: 'us-west-2',
      credentials: sandboxRootKey,
      requestHandler: sandboxRequestHandler(sandbox),
      maxAttempts: 1,
    });
    reader = { sandbox, aws: (region) => aws.inRegion(region) };
  }
  return reader;
}

/**
 * The sandbox this browser keeps, read as the diagram reads an account: through the SDK and the sandbox's own request
 * handler, read-only, in the page. Loaded only when a diagram is shown.
 */
export function readSandboxAccount(
  region: string,
): Promise<{ snapshot: AccountSnapshot; note?: string } | { failure: DiagramFailure }> {
  // One read at a time: they share the reader's sandbox.
  const read = queue.then(() => readSandboxNow(region));
  queue = read.catch(() => {});
  return read;
}

let queue: Promise<unknown> = Promise.resolve();

async function readSandboxNow(
  region: string,
): Promise<{ snapshot: AccountSnapshot; note?: string } | { failure: DiagramFailure }> {
  const wrongRegion = regionProblem(region, sandboxRegions);
  if (wrongRegion) return { failure: { message: wrongRegion, hint: regionHint } };
  const started = performance.now();
  const loaded = await loadBrowserSandbox();
  const { sandbox, aws: awsIn } = sandboxReader();
  // The reader's sandbox has no listener: nothing it is given is saved back.
  await sandbox.replaceState(loaded.state ?? createSandboxState());
  performance.measure('account diagram: sandbox load', { start: started });
  const aws = awsIn(region);
  try {
    const reading = performance.now();
    const snapshot = await collectAccount({ aws, regions: [region], mode: 'offline', surface: 'panel' });
    performance.measure('account diagram: read', { start: reading });
    return { snapshot, ...(loaded.problem ? { note: loaded.problem } : {}) };
  } catch (error) {
    if (error instanceof DiagramReadError) return { failure: error.problem };
    throw error;
  }
}

/**
 * The learner's own account, read by the course server on their machine (`npm start`) with their credentials, which
 * never reach the page. On a static host there is no server, and the panel says how to get one.
 */
export async function readLiveAccount(
  region: string,
): Promise<{ snapshot: AccountSnapshot } | { failure: DiagramFailure }> {
  const answer = await askCourseServer<AccountSnapshot>(
    `/api/diagram/?region=${encodeURIComponent(region)}`,
    { headers: { accept: 'application/json' } },
    {
      noServerHint: 'Drawing your own account needs the course running on your machine: npm start.',
      unavailableHint: 'Run the course on your machine with npm start, or use the CLI: npm run awscourse -- diagram.',
      awaited: 'a diagram',
    },
  );
  return 'failure' in answer ? answer : { snapshot: answer.body };
}
