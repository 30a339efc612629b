/**
 * The preview panel's requests as the learner's browser makes them: a form of the shown page submitted with its fields
 * (files included), redirects followed, and the cookies a server sets kept and sent back to it (the gallery's
 * "Uploaded" message travels in its session cookie).
 */
import { pageCookieHeader, setCookiesOf } from '../emulator/page-servers';

/** A request the panel sends: where, and how (method, body). */
export interface PreviewRequest {
  url: string;
  init: RequestInit;
}

/** Cookies by origin, each by name, as a browser keeps them for the preview. */
export type PreviewCookies = Map<string, Map<string, string>>;

/** Statuses that send the browser on to `Location`. */
const redirects = new Set([301, 302, 303, 307, 308]);
/** How many redirects a browser follows before giving up (Chromium's limit). */
const maxRedirects = 20;

/**
 * What submitting a form sends, as the browser encodes it: a GET's fields in the query string of its action, a POST's
 * as `multipart/form-data` (files included) or `application/x-www-form-urlencoded`, by the form's `enctype`.
 */
export function formRequest(form: HTMLFormElement, submitter?: HTMLElement | null): PreviewRequest {
  const fields = new FormData(form, submitter ?? null);
  const action = new URL(form.getAttribute('action') || form.ownerDocument.baseURI, form.ownerDocument.baseURI);
  if (form.method.toLowerCase() !== 'post') {
    action.search = new URLSearchParams(
      [...fields].map(([name, value]) => [name, typeof value === 'string' ? value : value.name]),
    ).toString();
    return { url: action.href, init: { method: 'GET' } };
  }
  const multipart = form.enctype.toLowerCase() === 'multipart/form-data';
  const body = multipart
    ? fields
    : new URLSearchParams([...fields].map(([name, value]) => [name, typeof value === 'string' ? value : value.name]));
  return { url: action.href, init: { method: 'POST', body } };
}

/** The `Cookie` header for a URL from the kept cookies, or undefined when there are none. */
function cookieHeader(cookies: PreviewCookies, url: URL): string | undefined {
  const kept = cookies.get(url.origin);
  return kept?.size ? [...kept].map(([name, value]) => `${name}=${value}`).join('; ') : undefined;
}

/** Keeps the cookies a response sets (and forgets those it expires with `Max-Age=0`). */
function keepCookies(cookies: PreviewCookies, url: URL, response: Response): void {
  for (const line of setCookiesOf(response)) {
    const [pair = '', ...attributes] = line.split(';');
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const kept = cookies.get(url.origin) ?? new Map<string, string>();
    cookies.set(url.origin, kept);
    const expired = attributes.some((attribute) => /^\s*max-age\s*=\s*0\s*$/i.test(attribute));
    if (expired) kept.delete(pair.slice(0, at).trim());
    else kept.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
}

/**
 * Sends a request as the browser would and follows its redirects (a 303, or a 301/302 after a POST, continues as a
 * GET), carrying the kept cookies: the final response and its URL.
 */
export async function fetchAsBrowser(
  request: PreviewRequest,
  network: typeof fetch,
  cookies: PreviewCookies,
): Promise<{ url: string; response: Response }> {
  let { url, init } = request;
  for (let hop = 0; ; hop++) {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookie = cookieHeader(cookies, target);
    // Under the page's own name: a browser drops a Cookie header that the page's code sets.
    if (cookie) headers.set(pageCookieHeader, cookie);
    const response = await network(url, { ...init, headers, redirect: 'manual' });
    keepCookies(cookies, target, response);
    const location = response.headers.get('location');
    if (!redirects.has(response.status) || !location || hop === maxRedirects) return { url, response };
    await response.body?.cancel();
    url = new URL(location, url).href;
    const keepsMethod = response.status === 307 || response.status === 308;
    init = keepsMethod ? init : { method: 'GET' };
  }
}
