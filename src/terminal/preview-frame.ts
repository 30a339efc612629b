/**
 * The document the preview's `<iframe sandbox srcdoc>` shows: the page with a `<base>` so its relative links and
 * images resolve against its URL, and its images fetched through the lab's network and put in as `data:` URLs. The
 * frame runs no scripts and has an opaque origin, so neither the page's own requests nor a service worker reach the
 * sandbox from inside it: the page's images are loaded here, where the network is.
 */
import { bytesToBase64 } from '../emulator/base64';
import type { PreviewResult } from './preview-page';

/** An image's bytes as a `data:` URL, or undefined when it does not load. */
async function dataUrl(src: string, network: typeof fetch): Promise<string | undefined> {
  try {
    const response = await network(src);
    if (!response.ok) return undefined;
    const type = response.headers.get('content-type') ?? 'application/octet-stream';
    return `data:${type};base64,${bytesToBase64(new Uint8Array(await response.arrayBuffer()))}`;
  } catch {
    return undefined;
  }
}

/** The srcdoc of a loaded page: HTML with a `<base>` and its images in line; any other text as preformatted text. */
export async function framedPage(
  page: Extract<PreviewResult, { kind: 'page' }>,
  network: typeof fetch,
): Promise<string> {
  const document = new DOMParser().parseFromString(
    page.contentType.includes('html') ? page.body : '<!doctype html><pre></pre>',
    'text/html',
  );
  if (!page.contentType.includes('html')) document.querySelector('pre')!.textContent = page.body;
  const base = document.createElement('base');
  base.href = page.url;
  document.head.prepend(base);
  await Promise.all(
    [...document.querySelectorAll('img[src]')].map(async (image) => {
      const inline = await dataUrl(new URL(image.getAttribute('src')!, page.url).href, network);
      if (inline) image.setAttribute('src', inline);
    }),
  );
  return `<!doctype html>${document.documentElement.outerHTML}`;
}
