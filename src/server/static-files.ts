import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { chooseEncoding, type Encoding, precompressedEncodings } from './encoding';
import { fileKindOf } from './file-kind';

/** Where Astro puts the files whose names carry a hash of their content (its `build.assets` folder). */
const hashedAssetsPath = '/_astro/';

/**
 * A file under `/_astro/` changes name when it changes, so a browser may keep it for a year without asking again;
 * anything else (pages, the search index, the service worker) is checked with the server on every use, which costs
 * a 304 when it has not changed.
 */
export function cacheControlFor(pathname: string): string {
  return pathname.startsWith(hashedAssetsPath) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * The file a URL path names inside `root` (an absolute folder), or `undefined` when the path cannot name one there:
 * it does not decode, holds a NUL or a backslash, or leads out of `root` (`/../`, `%2e%2e%2f`). A path ending in `/`
 * names its folder's `index.html`.
 *
 * @example
 * fileInRoot('/srv/site', '/week-1/cidr/'); // '/srv/site/week-1/cidr/index.html'
 * fileInRoot('/srv/site', '/..%2fsecret'); // undefined
 */
export function fileInRoot(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const folder = resolve(root);
  const path = resolve(folder, `.${decoded.endsWith('/') ? `${decoded}index.html` : decoded}`);
  return path.startsWith(`${folder}${sep}`) ? path : undefined;
}

async function statFile(path: string): Promise<{ size: number; modified: number } | undefined> {
  try {
    const found = await stat(path);
    return found.isFile() ? { size: found.size, modified: found.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

/** The precompressed copies that exist beside `path`. */
async function copiesBeside(path: string): Promise<Encoding[]> {
  const found = await Promise.all(
    precompressedEncodings.map(async ({ name, suffix }) => ((await statFile(`${path}${suffix}`)) ? name : undefined)),
  );
  return found.filter((name) => name !== undefined);
}

function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === etag);
}

/**
 * The response carrying the file at `path` (which must exist) for `request`: in the encoding the client prefers
 * among the copies the build made, with its type, encoding, length, cache policy and an ETag per encoding, and
 * `304 Not Modified` when the client's copy is current.
 */
export async function fileResponse(request: Request, path: string, status = 200): Promise<Response> {
  const kind = fileKindOf(path);
  const encoding = kind.compress
    ? chooseEncoding(request.headers.get('accept-encoding'), await copiesBeside(path))
    : undefined;
  const sent = encoding ? `${path}${precompressedEncodings.find(({ name }) => name === encoding)!.suffix}` : path;
  const file = (await statFile(sent))!;
  const etag = `"${file.size.toString(16)}-${Math.trunc(file.modified).toString(16)}${encoding ? `-${encoding}` : ''}"`;
  const headers = new Headers({
    'content-type': kind.contentType,
    // An error page answers for a path that may name a hashed asset later; it must never be kept.
    'cache-control': status === 200 ? cacheControlFor(new URL(request.url).pathname) : 'no-cache',
    etag,
  });
  if (kind.compress) headers.set('vary', 'accept-encoding');
  if (encoding) headers.set('content-encoding', encoding);
  if (status === 200 && etagMatches(request.headers.get('if-none-match'), etag)) {
    return new Response(null, { status: 304, headers });
  }
  headers.set('content-length', String(file.size));
  const body = request.method === 'HEAD' ? null : await openAsBlob(sent);
  return new Response(body, { status, headers });
}

/**
 * The built site's own answer to a GET or HEAD request: the file the path names under `root`, or a redirect to the
 * folder's address when the path names a folder without its trailing slash (`/week-1/cidr` → `/week-1/cidr/`), as
 * the site's links all end in one. `undefined` when `root` holds nothing for it; another handler may know it.
 */
export async function staticResponse(request: Request, root: string): Promise<Response | undefined> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
  const url = new URL(request.url);
  const path = fileInRoot(root, url.pathname);
  if (!path) return undefined;
  if (await statFile(path)) return fileResponse(request, path);
  const folderIndex = url.pathname.endsWith('/') ? undefined : fileInRoot(root, `${url.pathname}/`);
  if (folderIndex && (await statFile(folderIndex))) {
    return new Response(null, { status: 301, headers: { location: `${url.pathname}/${url.search}` } });
  }
  return undefined;
}
