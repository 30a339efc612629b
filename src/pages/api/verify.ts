import type { APIRoute } from 'astro';
import { checkers } from '../../../checkers/index';
import { CheckerParamsError, maskRunKeys, runChecker } from '../../../checkers/run';
import { readBoundedBody } from '../../lib/read-bounded-body';
import { allowPrivateAppUrlsVariable, guardedFetch } from '../../live/app-fetch';
import { LiveCredentialsError, liveCheckerAws } from '../../live/checker-aws';
import { json, localApiRefusal } from '../../live/local-api';
import { regionHint, liveVerifyRequestSchema } from '../../verify/request';
import { regionProblem } from '../../lib/aws-regions';
import { errorMessage } from '../../lib/error-message';

// Live mode runs on the learner's machine (`npm start`), with their AWS credentials, so it is never prerendered.
export const prerender = false;

/** The largest request the Verify panel sends is a few hundred bytes; anything past this is not from it. */
const maxRequestBytes = 64 * 1024;

/** Who refuses a request that is not from this very site on this machine, and where to press Verify instead. */
const refusalWords = {
  answers: 'Live checks answer',
  hint: 'Open the course at the address npm start printed, and press Verify there.',
};

/** The JSON body, read no further than {@link maxRequestBytes}; a 413 (closing the connection) past it. */
async function readJsonBody(request: Request): Promise<{ body: unknown } | { refused: Response }> {
  const tooLarge = () =>
    new Response(
      JSON.stringify({ error: { message: 'The request is larger than 64 KiB: not from the Verify panel.' } }),
      {
        status: 413,
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store', connection: 'close' },
      },
    );
  if (Number(request.headers.get('content-length') ?? 0) > maxRequestBytes) return { refused: tooLarge() };
  const read = request.body ? await readBoundedBody(request.body, maxRequestBytes) : { bytes: new Uint8Array() };
  if ('tooLarge' in read) return { refused: tooLarge() };
  try {
    return { body: JSON.parse(new TextDecoder().decode(read.bytes)) };
  } catch {
    return { refused: json({ error: { message: 'The request is not valid JSON.' } }, 400) };
  }
}

/** Tells the Verify panel that live mode is available here. */
export const GET: APIRoute = ({ request, clientAddress }) =>
  localApiRefusal(request, clientAddress, refusalWords) ?? json({ live: true });

/** Runs one checker live and answers its result, with access key ids masked. */
export const POST: APIRoute = async ({ request, clientAddress }) => {
  const refused = localApiRefusal(request, clientAddress, refusalWords);
  if (refused) return refused;
  if (!request.headers.get('content-type')?.startsWith('application/json'))
    return json({ error: { message: 'Send the request as JSON.' } }, 415);
  const read = await readJsonBody(request);
  if ('refused' in read) return read.refused;
  const parsed = liveVerifyRequestSchema.safeParse(read.body);
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
      // The app's address comes from the request: only this machine and the internet are opened (see app-fetch).
      fetch: guardedFetch({ allowPrivate: process.env[allowPrivateAppUrlsVariable] === '1' }),
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
