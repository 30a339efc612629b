/**
 * What the web preview panel shows for a URL: the page as the lab terminal's network answers it, or, for an
 * instance's address that does not answer, the same explanation `ssh` gives (reachInstance's), or why nothing did.
 */
import { addressOfHost, reachInstance } from '../emulator/instance-reachability';
import { isLoopbackHost } from '../emulator/page-servers';
import type { SandboxState } from '../emulator/state';
import { fetchAsBrowser, type PreviewCookies } from './preview-request';

/** A page to show, the reason an instance does not answer, or what went wrong otherwise. */
export type PreviewResult =
  | { kind: 'page'; url: string; status: number; contentType: string; body: string }
  | { kind: 'unreachable'; url: string; explanation: string }
  | { kind: 'failed'; url: string; message: string };

const isIpv4 = (host: string) => /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host);

/** The web server address the panel offers first: `http://PUBLIC_IP/` of the newest running instance, if any. */
export function newestInstanceAddress(state: SandboxState): string | undefined {
  const running = Object.values(state.accounts)
    .flatMap((account) => Object.values(account.regions))
    .flatMap((region) => Object.values(region.instances))
    .filter((instance) => instance.state === 'running' && instance.publicIpAddress)
    .sort((a, b) => Date.parse(b.launchTime) - Date.parse(a.launchTime));
  return running[0] ? `http://${running[0].publicIpAddress}/` : undefined;
}

/** How the panel asks for a page: a form's method and body (a plain GET without), and the browser's cookies. */
export interface PreviewOptions {
  init?: RequestInit;
  cookies?: PreviewCookies;
}

/** Why nothing answered at an address that is not an instance's. */
function nothingAnswers(url: URL, host: string, port: number): string {
  if (isIpv4(host) && !isLoopbackHost(host))
    return `Nothing answers on port ${port} of ${host}: no web server runs there yet (its user data starts one).`;
  if (isLoopbackHost(url.hostname))
    return (
      `Nothing answers at ${url.host}: no app runs in the terminal on port ${port}. Start it there ` +
      '(PHOTOS_BUCKET=… python3 app.py) and load again.'
    );
  return `${url.hostname} is outside the sandbox: the lab's network reaches only the sandbox's addresses.`;
}

/**
 * Fetches `address` for the panel through `network` (the terminal's curl's), as a browser does: following redirects
 * and sending back the cookies kept in `options`. An instance's address is first checked as a connection from the
 * learner to its port, so a closed group or a missing route is explained, not just blank; `localhost` reaches the
 * apps running in the terminal.
 */
export async function loadPreview(
  address: string,
  state: SandboxState,
  network: typeof fetch,
  options: PreviewOptions = {},
): Promise<PreviewResult> {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(address) ? address : `http://${address}`);
  } catch {
    return { kind: 'failed', url: address, message: `${address} is not a web address (http://PUBLIC_IP/).` };
  }
  const href = url.href;
  if (!/^https?:$/.test(url.protocol))
    return { kind: 'failed', url: href, message: 'The preview shows http and https addresses only.' };
  const host = addressOfHost(url.hostname);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (isIpv4(host) && !isLoopbackHost(host)) {
    const reach = reachInstance(state, { host, port });
    if (!reach.reached) return { kind: 'unreachable', url: href, explanation: reach.failure.explanation };
  }
  let answered: { url: string; response: Response };
  try {
    answered = await fetchAsBrowser({ url: href, init: options.init ?? {} }, network, options.cookies ?? new Map());
  } catch {
    return { kind: 'failed', url: href, message: nothingAnswers(url, host, port) };
  }
  const { response } = answered;
  return {
    kind: 'page',
    url: answered.url,
    status: response.status,
    contentType: response.headers.get('content-type') ?? 'text/html',
    body: await response.text(),
  };
}
