import type { APIRoute } from 'astro';
import { checkers } from '../../../checkers/index';
import { CheckerParamsError, maskRunKeys, runChecker } from '../../../checkers/run';
import { isLoopbackHost } from '../../lib/local-request-gate';
import { LiveCredentialsError, liveCheckerAws } from '../../live/checker-aws';
import { regionHint, liveVerifyRequestSchema } from '../../verify/request';
import { regionProblem } from '../../lib/aws-regions';
import { errorMessage } from '../../lib/error-message';

// Live mode runs on the learner's machine (`npm start`), with their AWS credentials, so it is never prerendered.
export const prerender = false;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });

/**
 * Live checks use the learner's credentials: only a page of this very site, on this machine, may ask. Anything
 * else (another origin, another host, a cross-site request) is refused before a credential is touched.
 */
function refusal(request: Request, clientAddress: string, url: URL): Response | null {
  if (!isLoopbackHost(clientAddress.replace(/^::ffff:/, '')))
    return json({ error: { message: 'Live checks answer only this machine.' } }, 403);
  const origin = request.headers.get('origin');
  const site = request.headers.get('sec-fetch-site');
  if ((origin !== null && origin !== url.origin) || (site !== null && site !== 'same-origin')) {
    return json({ error: { message: 'Live checks answer only the course site itself.' } }, 403);
  }
  return null;
}

/** Tells the Verify panel that live mode is available here. */
export const GET: APIRoute = ({ request, clientAddress, url }) =>
  refusal(request, clientAddress, url) ?? json({ live: true });

/** Runs one checker live and answers its result, with access key ids masked. */
export const POST: APIRoute = async ({ request, clientAddress, url }) => {
  const refused = refusal(request, clientAddress, url);
  if (refused) return refused;
  if (!request.headers.get('content-type')?.startsWith('application/json'))
    return json({ error: { message: 'Send the request as JSON.' } }, 415);
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return json({ error: { message: 'The request is not valid JSON.' } }, 400);
  }
  const parsed = liveVerifyRequestSchema.safeParse(body);
  if (!parsed.success)
    return json(
      {
        error: { message: `Bad request: ${parsed.error.issues[0]!.path.join('.')} ${parsed.error.issues[0]!.message}` },
      },
      400,
    );
  const { exercise, params, region } = parsed.data;
  const wrongRegion = region === undefined ? undefined : regionProblem(region);
  if (wrongRegion) return json({ error: { message: wrongRegion, hint: regionHint } }, 400);
  try {
    const live = await liveCheckerAws({ region, env: process.env, surface: 'panel' });
    // Empty fields mean "use the course's default", as in the CLI when a --param is not given.
    const given = Object.fromEntries(Object.entries(params).filter(([, value]) => value.trim() !== ''));
    const run = await runChecker(checkers[exercise]!, {
      aws: live.aws,
      mode: 'live',
      surface: 'panel',
      params: given,
      accessKeyId: live.accessKeyId,
    });
    return json(maskRunKeys(run));
  } catch (error) {
    if (error instanceof LiveCredentialsError)
      return json({ error: { kind: 'credentials', message: error.problem.message, hint: error.problem.hint } }, 401);
    if (error instanceof CheckerParamsError) return json({ error: { message: error.message, hint: error.hint } }, 400);
    console.error('live verify failed:', errorMessage(error));
    return json({ error: { message: 'The check could not run; see the terminal running npm start.' } }, 500);
  }
};
