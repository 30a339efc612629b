import type { APIRoute } from 'astro';
import { maskKeys } from '../../../checkers/aws-errors';
import { collectAccount, DiagramReadError } from '../../diagram/collect';
import { regionProblem } from '../../lib/aws-regions';
import { errorMessage } from '../../lib/error-message';
import { LiveCredentialsError, liveCheckerAws } from '../../live/checker-aws';
import { json, localApiRefusal } from '../../live/local-api';
import { regionHint } from '../../verify/request';

// The account diagram's live mode reads the learner's own account with their credentials: never prerendered.
export const prerender = false;

/** The most regions one request reads: each is seven calls at once. */
export const maxDiagramRegions = 5;

/** Who refuses a request that is not from this very site on this machine, and where to draw the diagram instead. */
const refusalWords = {
  answers: 'The account diagram answers',
  hint: 'Open the course at the address npm start printed, and draw the diagram there.',
};

/** The regions `?region=` names, each once, or the 400 that says what is wrong with them. */
function regionsOf(url: URL): { regions: string[] } | { refused: Response } {
  const regions = [...new Set(url.searchParams.getAll('region'))];
  if (regions.length > maxDiagramRegions)
    return {
      refused: json(
        {
          error: { message: `At most ${maxDiagramRegions} regions at once, not ${regions.length}.`, hint: regionHint },
        },
        400,
      ),
    };
  for (const region of regions) {
    const problem = regionProblem(region);
    if (problem) return { refused: json({ error: { message: problem, hint: regionHint } }, 400) };
  }
  return { regions };
}

/**
 * `GET /api/diagram/?region=us-west-2[&region=…]`: the learner's own account, read-only, as an `AccountSnapshot`
 * (the server's configured region when none is named). Refused credentials answer 401 with `kind: 'credentials'`;
 * no network, or AWS unreachable, 502; each with the problem and what to do.
 */
export const GET: APIRoute = async ({ request, url, clientAddress }) => {
  const refused = localApiRefusal(request, clientAddress, refusalWords);
  if (refused) return refused;
  const asked = regionsOf(url);
  if ('refused' in asked) return asked.refused;
  try {
    const live = await liveCheckerAws({ region: asked.regions[0], env: process.env, surface: 'panel' });
    const regions = asked.regions.length ? asked.regions : [live.region];
    return json(await collectAccount({ aws: live.aws, regions, mode: 'live', surface: 'panel' }));
  } catch (error) {
    const credentials =
      error instanceof LiveCredentialsError ||
      (error instanceof DiagramReadError && error.problem.kind === 'credentials');
    if (credentials)
      return json({ error: { kind: 'credentials', message: error.problem.message, hint: error.problem.hint } }, 401);
    if (error instanceof DiagramReadError)
      return json({ error: { message: error.problem.message, hint: error.problem.hint } }, 502);
    console.error('live diagram failed:', maskKeys(errorMessage(error)));
    return json({ error: { message: 'The account could not be read; see the terminal running npm start.' } }, 500);
  }
};
