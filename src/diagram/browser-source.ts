import { createCheckerAws } from '../../checkers/aws-clients';
import { loadBrowserSandbox } from '../emulator/browser-store';
import { sandboxRegions } from '../emulator/regions';
import { createSandbox } from '../emulator/sandbox';
import { sandboxRequestHandler } from '../emulator/sdk-handler';
import { sandboxRootKey } from '../emulator/state';
import { regionProblem } from '../lib/aws-regions';
import { regionHint } from '../verify/request';
import { collectAccount, DiagramReadError } from './collect';
import type { AccountSnapshot } from './snapshot';

/** Why there is nothing to draw, in words for the panel. */
export interface DiagramFailure {
  message: string;
  hint?: string;
}

/**
 * The sandbox this browser keeps, read as the diagram reads an account: through the SDK and the sandbox's own request
 * handler, read-only, in the page. Loaded only when a diagram is shown.
 */
export async function readSandboxAccount(
  region: string,
): Promise<{ snapshot: AccountSnapshot; note?: string } | { failure: DiagramFailure }> {
  const wrongRegion = regionProblem(region, sandboxRegions);
  if (wrongRegion) return { failure: { message: wrongRegion, hint: regionHint } };
  const loaded = await loadBrowserSandbox();
  const sandbox = createSandbox({ state: loaded.state });
  const aws = createCheckerAws({
    region,
    credentials: sandboxRootKey,
    requestHandler: sandboxRequestHandler(sandbox),
    maxAttempts: 1,
  });
  try {
    const snapshot = await collectAccount({ aws, regions: [region], mode: 'offline', surface: 'panel' });
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
  let response: Response;
  try {
    response = await fetch(`/api/diagram/?region=${encodeURIComponent(region)}`, {
      headers: { accept: 'application/json' },
    });
  } catch {
    return {
      failure: {
        message: 'The course server did not answer.',
        hint: 'Drawing your own account needs the course running on your machine: npm start.',
      },
    };
  }
  if (response.status === 404 || response.status === 405)
    return {
      failure: {
        message: 'Live mode is not available on this copy of the course.',
        hint: 'Run the course on your machine with npm start, or use the CLI: npm run awscourse -- diagram.',
      },
    };
  const body = (await response.json().catch(() => null)) as (AccountSnapshot & { error?: DiagramFailure }) | null;
  if (!body) return { failure: { message: `The course server answered HTTP ${response.status} without a diagram.` } };
  if (body.error) return { failure: body.error };
  return { snapshot: body };
}
