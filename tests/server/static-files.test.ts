import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cacheControlFor, fileInRoot, staticResponse } from '../../src/server/static-files';

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'static-files-'));
  mkdirSync(join(root, 'week-1/cidr'), { recursive: true });
  mkdirSync(join(root, '_astro'));
  writeFileSync(join(root, 'week-1/cidr/index.html'), '<h1>CIDR</h1>');
  writeFileSync(join(root, 'week-1/cidr/index.html.br'), 'brotli bytes');
  writeFileSync(join(root, 'week-1/cidr/index.html.gz'), 'gzip bytes');
  writeFileSync(join(root, '_astro/app.Ab12Cd.js'), 'console.log(1)');
  writeFileSync(join(root, 'photo.jpg'), 'jpeg bytes');
  writeFileSync(join(root, 'photo.jpg.gz'), 'never sent');
});

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  staticResponse(new Request(`http://127.0.0.1${path}`, { method, headers }), root);

describe('fileInRoot', () => {
  it("names a folder's index.html for a path ending in a slash", () => {
    expect(fileInRoot('/srv/site', '/week-1/cidr/')).toBe('/srv/site/week-1/cidr/index.html');
  });

  it('decodes the path', () => {
    expect(fileInRoot('/srv/site', '/sample%20photos/cat.jpg')).toBe('/srv/site/sample photos/cat.jpg');
  });

  it('refuses paths that lead out of the root, however they are spelt', () => {
    for (const path of ['/../etc/passwd', '/..%2f..%2fetc/passwd', '/%2e%2e/secret', '/a/../../secret', '/..']) {
      expect(fileInRoot('/srv/site', path), path).toBeUndefined();
    }
  });

  it('takes the root with or without a trailing slash', () => {
    expect(fileInRoot('/srv/site/', '/favicon.svg')).toBe('/srv/site/favicon.svg');
  });

  it('refuses a sibling folder whose name starts like the root', () => {
    expect(fileInRoot('/srv/site', '/../site-private/key')).toBeUndefined();
  });

  it('refuses NUL bytes, backslashes and paths that do not decode', () => {
    for (const path of ['/index.html%00.js', '/..%5c..%5csecret', '/%E0%A4%A']) {
      expect(fileInRoot('/srv/site', path), path).toBeUndefined();
    }
  });
});

describe('cacheControlFor', () => {
  it("lets browsers keep Astro's hashed assets for a year without asking", () => {
    expect(cacheControlFor('/_astro/Base.DkaPL7_J.css')).toBe('public, max-age=31536000, immutable');
  });

  it('has browsers check pages and unhashed files with the server on every use', () => {
    expect(cacheControlFor('/week-1/cidr/')).toBe('no-cache');
    expect(cacheControlFor('/pagefind/pagefind-ui.js')).toBe('no-cache');
    expect(cacheControlFor('/mockServiceWorker.js')).toBe('no-cache');
  });
});

describe('staticResponse', () => {
  it('sends the brotli copy to a client that accepts it, with its encoding, type and Vary', async () => {
    const response = (await get('/week-1/cidr/', { 'accept-encoding': 'gzip, deflate, br' }))!;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('vary')).toBe('accept-encoding');
    expect(response.headers.get('content-length')).toBe('12');
    expect(await response.text()).toBe('brotli bytes');
  });

  it('sends the gzip copy to a client that accepts only gzip', async () => {
    const response = (await get('/week-1/cidr/', { 'accept-encoding': 'gzip' }))!;
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(await response.text()).toBe('gzip bytes');
  });

  it('sends the file as it is, still with Vary, to a client that accepts no encoding', async () => {
    const response = (await get('/week-1/cidr/'))!;
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(response.headers.get('vary')).toBe('accept-encoding');
    expect(await response.text()).toBe('<h1>CIDR</h1>');
  });

  it('never sends a compressed copy of a file that is not compressible', async () => {
    const response = (await get('/photo.jpg', { 'accept-encoding': 'gzip' }))!;
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(response.headers.get('vary')).toBeNull();
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(await response.text()).toBe('jpeg bytes');
  });

  it('gives each encoding its own ETag and answers 304 when the client has that one', async () => {
    const brotli = (await get('/week-1/cidr/', { 'accept-encoding': 'br' }))!;
    const plain = (await get('/week-1/cidr/'))!;
    const etag = brotli.headers.get('etag')!;
    expect(etag).not.toBe(plain.headers.get('etag'));
    const again = (await get('/week-1/cidr/', { 'accept-encoding': 'br', 'if-none-match': etag }))!;
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const response = (await get('/week-1/cidr/', { 'accept-encoding': 'br' }, 'HEAD'))!;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('12');
    expect(await response.text()).toBe('');
  });

  it('redirects a folder asked for without its trailing slash, keeping the query', async () => {
    const response = (await get('/week-1/cidr?from=outline'))!;
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/week-1/cidr/?from=outline');
  });

  it('leaves to other handlers what it does not hold, other methods, and paths out of the root', async () => {
    expect(await get('/no-such-page/')).toBeUndefined();
    expect(await get('/api/verify/', {}, 'POST')).toBeUndefined();
    expect(await get('/api/diagram/?region=us-west-2')).toBeUndefined();
    expect(await get('/..%2f..%2fetc%2fpasswd')).toBeUndefined();
  });
});
