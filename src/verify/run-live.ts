import type { CheckerRun } from '../../checkers/run';
import type { LiveVerifyRequest } from './request';

/** Why live Verify could not give a result, in words for the panel. */
export interface VerifyFailure {
  message: string;
  hint?: string;
}

/**
 * Live Verify: the local server (`npm start`) runs the checker with the learner's own credentials, which never
 * reach the page. On a static host there is no server, and the panel says how to get one.
 */
export async function verifyLive(
  request: LiveVerifyRequest,
): Promise<{ run: CheckerRun } | { failure: VerifyFailure }> {
  let response: Response;
  try {
    response = await fetch('/api/verify/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
  } catch {
    return {
      failure: {
        message: 'The course server did not answer.',
        hint: 'Live mode needs the course running on your machine: npm start.',
      },
    };
  }
  if (response.status === 404 || response.status === 405) {
    return {
      failure: {
        message: 'Live mode is not available on this copy of the course.',
        hint: 'Run the course on your machine with npm start, or use the CLI: npm run awscourse -- check.',
      },
    };
  }
  const body = (await response.json().catch(() => null)) as (CheckerRun & { error?: VerifyFailure }) | null;
  if (!body) return { failure: { message: `The course server answered HTTP ${response.status} without a result.` } };
  if (body.error) return { failure: body.error };
  return { run: body };
}
