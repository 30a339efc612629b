import { describe, expect, it } from 'vitest';
import { cookiesOf, createPageServers, type PageServerHandler, withSetCookies } from '../../src/emulator/page-servers';
import { createSandbox } from '../../src/emulator/sandbox';
import { sandboxFetch } from '../../src/emulator/sdk-handler';
import { fetchAsBrowser, type PreviewCookies } from '../../src/terminal/preview-request';

const offline: typeof fetch = () => Promise.reject(new TypeError('fetch failed'));

/** An app like the gallery: POST /upload sets a cookie and redirects to /, which shows the cookie it was sent. */
const app: PageServerHandler = async (request) => {
  const url = new URL(request.url);
  if (url.pathname === '/upload' && request.method === 'POST') {
    const response = new Response('', { status: 302, headers: { location: '/' } });
    return withSetCookies(response, [`session=${(await request.formData()).get('name')}; Path=/; HttpOnly`]);
  }
  if (url.pathname === '/forget') {
    return withSetCookies(new Response('forgotten'), ['session=; Path=/; Max-Age=0']);
  }
  return new Response(`${request.method} ${url.pathname} cookie=${cookiesOf(request) ?? 'none'}`);
};

function network() {
  const servers = createPageServers();
  servers.listen({ host: '127.0.0.1', port: 5000 }, app);
  return sandboxFetch(createSandbox(), offline, servers);
}

describe('fetchAsBrowser', () => {
  it('follows a redirect after a POST as a GET, with the cookie the POST set', async () => {
    const form = new FormData();
    form.append('name', 'rocket');
    const cookies: PreviewCookies = new Map();
    const { url, response } = await fetchAsBrowser(
      { url: 'http://localhost:5000/upload', init: { method: 'POST', body: form } },
      network(),
      cookies,
    );
    expect(url).toBe('http://localhost:5000/');
    expect(await response.text()).toBe('GET / cookie=session=rocket');
  });

  it('keeps the cookie for the next request to the same origin', async () => {
    const cookies: PreviewCookies = new Map([['http://localhost:5000', new Map([['session', 'kept']])]]);
    const { response } = await fetchAsBrowser({ url: 'http://localhost:5000/', init: {} }, network(), cookies);
    expect(await response.text()).toBe('GET / cookie=session=kept');
  });

  it('forgets a cookie the server expires with Max-Age=0', async () => {
    const cookies: PreviewCookies = new Map([['http://localhost:5000', new Map([['session', 'kept']])]]);
    const fetchFn = network();
    await fetchAsBrowser({ url: 'http://localhost:5000/forget', init: {} }, fetchFn, cookies);
    const { response } = await fetchAsBrowser({ url: 'http://localhost:5000/', init: {} }, fetchFn, cookies);
    expect(await response.text()).toBe('GET / cookie=none');
  });
});
