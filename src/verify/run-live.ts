import type { CheckerRun } from '../../checkers/run';
import { askCourseServer, type CourseServerFailure } from '../live/ask-course-server';
import type { LiveVerifyRequest } from './request';

/** Why live Verify could not give a result, in words for the panel. */
export type VerifyFailure = CourseServerFailure;

/**
 * Live Verify: the local server (`npm start`) runs the checker with the learner's own credentials, which never
 * reach the page. On a static host there is no server, and the panel says how to get one.
 */
export async function verifyLive(
  request: LiveVerifyRequest,
): Promise<{ run: CheckerRun } | { failure: VerifyFailure }> {
  const answer = await askCourseServer<CheckerRun>(
    '/api/verify/',
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) },
    {
      noServerHint: 'Live mode needs the course running on your machine: npm start.',
      unavailableHint: 'Run the course on your machine with npm start, or use the CLI: npm run awscourse -- check.',
      awaited: 'a result',
    },
  );
  return 'failure' in answer ? answer : { run: answer.body };
}
