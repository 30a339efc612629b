import { describe, expect, inject, it } from 'vitest';

const site = inject('siteUrl');
const chromium = { 'accept-encoding': 'gzip, deflate, br, zstd' };

describe('the course server, serving the build', () => {
  it('sends a lesson compressed with brotli, to be checked with the server before each reuse', async () => {
    const response = await fetch(`${site}/week-1/exercise-3/`, { headers: chromium });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('vary')).toBe('accept-encoding');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('<h1>Exercise 3');
  });

  it("sends the page's hashed stylesheet compressed, for browsers to keep a year", async () => {
    const html = await (await fetch(`${site}/week-1/exercise-3/`)).text();
    const stylesheet = /href="(\/_astro\/[^"]+\.css)"/.exec(html)![1];
    const response = await fetch(`${site}${stylesheet}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it("answers a path that names nothing with the course's 404 page and status 404, compressed too", async () => {
    const response = await fetch(`${site}/week-1/no-such-lesson/`, { headers: chromium });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('This page is not in the course');
  });
});
