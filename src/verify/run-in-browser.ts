import { createCheckerAws } from '../../checkers/aws-clients';
import { checkers } from '../../checkers/index';
import { CheckerParamsError, maskRunKeys, runChecker, type CheckerRun } from '../../checkers/run';
import {
  forgetBrowserSandbox,
  loadBrowserSandbox,
  readBrowserSandboxFile,
  saveBrowserSandbox,
} from '../emulator/browser-store';
import { parseSandboxState, serializeSandboxState } from '../emulator/persistence';
import { sandboxRegions } from '../emulator/regions';
import { announceSandboxChange } from '../emulator/sandbox-changed-event';
import { refuseLoopback } from '../emulator/page-servers';
import { createSandbox } from '../emulator/sandbox';
import { sandboxFetch, sandboxRequestHandler } from '../emulator/sdk-handler';
import { sandboxRootKey } from '../emulator/state';
import { regionProblem } from '../lib/aws-regions';
import { regionHint, type LiveVerifyRequest } from './request';
import type { VerifyFailure } from './run-live';

/**
 * Offline Verify: the checker runs in the page against the sandbox kept in this browser (IndexedDB), through an SDK
 * request handler, so no network and no service worker are involved. Loaded only when the learner presses Verify.
 * A region the sandbox does not serve, or parameters the checker refuses, come back as a failure to show.
 */
export async function verifyOffline(
  request: LiveVerifyRequest,
): Promise<{ run: CheckerRun; note?: string } | { failure: VerifyFailure }> {
  const region = request.region ?? 'us-west-2';
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
  const params = Object.fromEntries(Object.entries(request.params ?? {}).filter(([, value]) => value.trim() !== ''));
  let run: CheckerRun;
  try {
    run = await runChecker(checkers[request.exercise]!, {
      aws,
      mode: 'offline',
      surface: 'panel',
      params,
      accessKeyId: sandboxRootKey.accessKeyId,
      // The page's loopback is its own servers (the gallery run in the terminal): nothing else answers there.
      fetch: sandboxFetch(sandbox, refuseLoopback(fetch)),
    });
  } catch (error) {
    if (error instanceof CheckerParamsError) return { failure: { message: error.message, hint: error.hint } };
    throw error;
  }
  const note =
    loaded.problem ??
    (loaded.state
      ? undefined
      : 'This browser has no sandbox yet: load the file "npm run emulator" keeps (~/.awscourse/sandbox.json) to check ' +
        'what you built there.');
  return { run: maskRunKeys(run), note };
}

/** Replaces this browser's sandbox with a file saved by `awscourse emulator`; a bad file changes nothing. */
export async function importSandboxFile(text: string): Promise<{ ok: true } | { error: string }> {
  const parsed = parseSandboxState(text);
  if ('error' in parsed) return { error: `${parsed.error} This browser's sandbox was not changed.` };
  await saveBrowserSandbox(parsed.state);
  announceSandboxChange();
  return { ok: true };
}

/** A sandbox file to download: its name (with today's date) and its text, as `awscourse emulator` writes it. */
export interface SandboxDownload {
  name: string;
  text: string;
}

/** This browser's sandbox as a file `awscourse emulator --state FILE` and "Load a sandbox file" read; none yet: none. */
export async function exportSandboxFile(now = new Date()): Promise<SandboxDownload | undefined> {
  const stored = await readBrowserSandboxFile();
  if (stored === undefined) return undefined;
  const parsed = parseSandboxState(stored);
  // A stored copy this version cannot read is still offered as it is: it is the learner's, and may be repaired.
  const text = 'state' in parsed ? serializeSandboxState(parsed.state) : stored;
  return { name: `sandbox-${now.toISOString().slice(0, 10)}.json`, text };
}

/** Starts this browser's sandbox afresh; resolves with the old one as a file to keep, if there was one. */
export async function resetSandbox(now = new Date()): Promise<SandboxDownload | undefined> {
  const backup = await exportSandboxFile(now);
  await forgetBrowserSandbox();
  return backup;
}
