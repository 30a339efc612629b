import { createLocalRequestGate, isLoopbackHost } from '../lib/local-request-gate';

/**
 * The course server's local API (`/api/verify/`, `/api/diagram/`): a JSON answer, never cached, for it answers from
 * the learner's account as it is now.
 *
 * @example return json({ error: { message: 'Send the request as JSON.' } }, 415);
 */
export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });

/** How an endpoint of the local API words its refusals: who refuses ("Live checks answer"), and where to go instead. */
export interface RefusalWords {
  answers: string;
  hint: string;
}

/**
 * The local API uses the learner's credentials: only a page of this very site, on this machine, may ask. Anything
 * else (another machine, a name that is not this server's, another origin, a cross-site request) is refused with 403
 * by the local request gate before a credential is touched; null when the request may go on. The port is the one the
 * browser put in `Host`: a page can only reach this server through the port it listens on, and the course server
 * checks that port itself.
 */
export function localApiRefusal(request: Request, clientAddress: string, words: RefusalWords): Response | null {
  if (!isLoopbackHost(clientAddress)) return json({ error: { message: `${words.answers} only this machine.` } }, 403);
  const host = request.headers.get('host') ?? undefined;
  const port = host && URL.canParse(`http://${host}`) ? Number(new URL(`http://${host}`).port || 80) : 0;
  const refused = createLocalRequestGate({ listenHost: process.env.HOST ?? '127.0.0.1', port }).check({
    host,
    origin: request.headers.get('origin') ?? undefined,
    referer: request.headers.get('referer') ?? undefined,
    secFetchSite: request.headers.get('sec-fetch-site') ?? undefined,
  });
  if (!refused) return null;
  const message = `${words.answers} only the course site itself. ${refused.message}`;
  return json({ error: { message, hint: words.hint } }, 403);
}
