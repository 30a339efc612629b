/**
 * Reading the photo gallery of exercises 5 and 6 the way a learner sees it: fetching its page, and finding in the
 * HTML each `<img>` (its URL, its `data-key`) and the text shown after it (where exercise 6 prints the labels).
 * Small regexes rather than a DOM, so the checkers run unchanged in Node and in the browser.
 */
import { fail, pass, type CheckOutcome } from './contract';
import { errorMessage } from '../src/lib/error-message';
import { nameRecord } from '../src/lib/name-record';
import type { AskPhrases } from './surface';

/** How long the checkers wait for the learner's app (or S3) to answer before giving up. */
export const fetchTimeoutMs = 10_000;

/** What fetching the app's page gave: its answer, or why nothing answered. */
export type AppPage =
  | { url: string; state: 'answered'; status: number; contentType: string; html: string }
  | { url: string; state: 'down'; reason: string };

/** One image of the gallery page, in page order. */
export interface GalleryImage {
  /** The `src` attribute with entities decoded, resolved against the page's address. */
  src: string;
  dataKey?: string;
  alt?: string;
  /** The text between this image and the next (or `</body>`): tags dropped, one line per block, trimmed. */
  text: string;
}

/** A label with a confidence, as the page shows it (`Dog (98.7)`, `Dog 98.7%`, `Dog: 98.7`). */
export interface ShownLabel {
  /** The label as it appears, e.g. `Dog (98.7)`. */
  text: string;
  name: string;
  confidence: number;
  /** Digits after the decimal point, so a comparison can allow for the page's rounding. */
  decimals: number;
}

/** Why a fetch failed, in words a learner recognises (`ECONNREFUSED`, `no answer within 10 s`). */
export function fetchFailure(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${fetchTimeoutMs / 1000} s`;
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return errorMessage(error);
}

/** Fetches the app's page; a network failure is an answer too ("down"), never a thrown error. */
export async function fetchAppPage(fetchFn: typeof fetch, url: string): Promise<AppPage> {
  try {
    const response = await fetchFn(url, { signal: AbortSignal.timeout(fetchTimeoutMs) });
    return {
      url,
      state: 'answered',
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      html: await response.text(),
    };
  } catch (error) {
    return { url, state: 'down', reason: fetchFailure(error) };
  }
}

/** The page's HTML when the app answered 200 with HTML; otherwise null. */
export function galleryHtml(page: AppPage): string | null {
  if (page.state !== 'answered' || page.status !== 200) return null;
  return /html/i.test(page.contentType) || /<(?:!doctype html|html|body|img)\b/i.test(page.html) ? page.html : null;
}

/** The `app-answers` check both gallery checkers share: the app answers 200 with an HTML page. */
export function appAnswers(page: AppPage, ask: AskPhrases): CheckOutcome {
  const startApp =
    'Start the app in examples/photo-gallery with PHOTOS_BUCKET and FLASK_SECRET set: flask --app app run --host ' +
    '127.0.0.1 --port 5000 — keep it running while you verify.';
  const start = `${startApp} If it runs at another address, ${ask.param('appUrl', '<its address>')}.`;
  if (page.state === 'down')
    return fail(`Nothing answers at ${page.url} (${page.reason}).`, start, { appUrl: page.url });
  if (page.status !== 200) {
    const alert = /<[^>]*\brole=["']?alert\b[^>]*>([\s\S]*?)<\//i.exec(page.html);
    const detail = alert ? `: ${textOf(alert[1]!).replace(/\n/g, ' ')}` : '';
    return fail(
      `The app at ${page.url} answered HTTP ${page.status}${detail}.`,
      'Look at the terminal where the app runs for the error; a 502 from the course app means it could not list the ' +
        'bucket (check PHOTOS_BUCKET, the region and your credentials).',
      { appUrl: page.url, status: page.status },
    );
  }
  if (galleryHtml(page) === null)
    return fail(
      `The app at ${page.url} answered, but not with an HTML page (content-type ${page.contentType || 'none'}).`,
      `Open the address in a browser: it should show the gallery. If the gallery runs elsewhere, ` +
        `${ask.param('appUrl', '<its address>')}.`,
      { appUrl: page.url },
    );
  return pass(`The app answers at ${page.url}.`, { appUrl: page.url });
}

const namedEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the HTML entities templates produce (`&amp;`, `&#39;`, `&#x2F;`, ...); unknown ones stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(
    /&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));/gi,
    (entity, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (decimal !== undefined || hex !== undefined) {
        const code = decimal !== undefined ? parseInt(decimal, 10) : parseInt(hex!, 16);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
      }
      return namedEntities[name!.toLowerCase()] ?? entity;
    },
  );
}

/** An element's text as a reader sees it: inline tags joined into their line, block tags breaking lines. */
function textOf(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<\/?(?:a|abbr|b|code|em|i|mark|small|span|strong|sub|sup)\b[^>]*>/gi, ' ')
      .replace(/<[^>]*>/g, '\n'),
  )
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** A tag's attributes by lower-case name, values decoded; quoted values may hold `>`. */
function attributesOf(tagBody: string): Record<string, string> {
  const attributes = nameRecord<string>();
  for (const match of tagBody.matchAll(/([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g)) {
    attributes[match[1]!.toLowerCase()] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

/**
 * Every `<img>` of the page in order, with the text after it up to the next image (or `</body>`). `pageUrl`
 * resolves relative sources, so an image the app serves itself is named by its full address.
 */
export function galleryImages(html: string, pageUrl: string): GalleryImage[] {
  const tags = [...html.matchAll(/<img\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi)];
  const bodyEnd = html.search(/<\/body\s*>/i);
  return tags.map((tag, index) => {
    const attributes = attributesOf(tag[1]!);
    const from = tag.index + tag[0].length;
    const next = tags[index + 1]?.index ?? (bodyEnd >= from ? bodyEnd : html.length);
    let src = attributes.src ?? '';
    try {
      src = new URL(src, pageUrl).href;
    } catch {
      // Not a URL even relative to the page: kept as written, so the message can quote it.
    }
    return { src, dataKey: attributes['data-key'], alt: attributes.alt, text: textOf(html.slice(from, next)) };
  });
}

/**
 * The key a URL names in `bucket`, URL-decoded: virtual-hosted (`<bucket>.s3[.region].amazonaws.com/<key>`, or any
 * host starting with the bucket's name) or path-style (`/<bucket>/<key>` on any host, as the sandbox's endpoint
 * serves). Null when the URL is not an object of that bucket.
 */
export function objectKeyOfUrl(src: string, bucket: string): string | null {
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return null;
  }
  let encoded: string;
  if (url.hostname.toLowerCase().startsWith(`${bucket}.`)) encoded = url.pathname.slice(1);
  else if (url.pathname.startsWith(`/${bucket}/`)) encoded = url.pathname.slice(bucket.length + 2);
  else return null;
  try {
    const key = decodeURIComponent(encoded);
    return key === '' ? null : key;
  } catch {
    return null;
  }
}

// A label name: words starting with a letter, not glued to a preceding word (so `2024-05-01T10:00` is no label).
const labelName = String.raw`(?<![\w'&.-])([A-Za-z][\w'&.-]*(?: [A-Za-z][\w'&.-]*)*)`;
const number = String.raw`(\d{1,3}(?:\.\d+)?)`;
const labelPattern = new RegExp(
  `${labelName}(?:\\s*\\(\\s*${number}\\s*%?\\s*\\)|\\s*[:=\u2013\u2014-]\\s*${number}(?![\\d.])\\s*%?|\\s+${number}\\s*%)`,
  'g',
);

/** The labels with confidences in a photo's text: `Dog (98.7)`, `Dog 98.7%`, `Dog: 98.7`, one or many per line. */
export function shownLabels(text: string): ShownLabel[] {
  const labels: ShownLabel[] = [];
  for (const line of text.split('\n')) {
    for (const match of line.matchAll(labelPattern)) {
      const digits = match[2] ?? match[3] ?? match[4]!;
      const confidence = Number(digits);
      if (confidence > 100) continue;
      labels.push({ text: match[0].trim(), name: match[1]!, confidence, decimals: digits.split('.')[1]?.length ?? 0 });
    }
  }
  return labels;
}
