import { describe, expect, it } from 'vitest';
import { fetchAppPage } from '../../checkers/gallery-page';
import {
  connectionRefused,
  createPageServers,
  isLoopbackHost,
  refuseLoopback,
  type PageServerHandler,
} from '../../src/emulator/page-servers';
import { createSandbox } from '../../src/emulator/sandbox';
import { sandboxFetch } from '../../src/emulator/sdk-handler';

/** A handler that answers with the method and path it was asked, so a test sees which request arrived. */
const echo: PageServerHandler = async (request) =>
  new Response(`${request.method} ${new URL(request.url).pathname}`, { headers: { 'content-type': 'text/plain' } });

const offline: typeof fetch = () => Promise.reject(new TypeError('fetch failed'));

describe('createPageServers', () => {
  it('finds the server listening on a port by localhost', () => {
    const servers = createPageServers();
    servers.listen({ host: '127.0.0.1', port: 5000 }, echo);
    expect(servers.handlerFor(new URL('http://localhost:5000/'))).toBe(echo);
  });

  it('finds a server bound to 127.0.0.1 by 127.0.0.1', () => {
    const servers = createPageServers();
    servers.listen({ host: '127.0.0.1', port: 5000 }, echo);
    expect(servers.handlerFor(new URL('http://127.0.0.1:5000/photos'))).toBe(echo);
  });

  it('finds a server bound to 0.0.0.0 by localhost', () => {
    const servers = createPageServers();
    servers.listen({ host: '0.0.0.0', port: 8080 }, echo);
    expect(servers.handlerFor(new URL('http://localhost:8080/'))).toBe(echo);
  });

  it('finds a server on port 80 by a URL without a port', () => {
    const servers = createPageServers();
    servers.listen({ host: 'localhost', port: 80 }, echo);
    expect(servers.handlerFor(new URL('http://localhost/'))).toBe(echo);
  });

  it('finds nothing on another port', () => {
    const servers = createPageServers();
    servers.listen({ host: '127.0.0.1', port: 5000 }, echo);
    expect(servers.handlerFor(new URL('http://localhost:5001/'))).toBeUndefined();
  });

  it('finds nothing for a host that is not this machine', () => {
    const servers = createPageServers();
    servers.listen({ host: '0.0.0.0', port: 5000 }, echo);
    expect(servers.handlerFor(new URL('http://example.com:5000/'))).toBeUndefined();
  });

  it('finds nothing once the server is closed', () => {
    const servers = createPageServers();
    const server = servers.listen({ host: '127.0.0.1', port: 5000 }, echo);
    if ('problem' in server) throw new Error(server.problem.message);
    server.close();
    expect(servers.handlerFor(new URL('http://localhost:5000/'))).toBeUndefined();
  });

  it('refuses a second server on a port in use, as EADDRINUSE', () => {
    const servers = createPageServers();
    servers.listen({ host: '127.0.0.1', port: 5000 }, echo);
    expect(servers.listen({ host: '0.0.0.0', port: 5000 }, echo)).toMatchObject({
      problem: { code: 'EADDRINUSE', message: expect.stringContaining('port 5000 is in use') },
    });
  });

  it('lets a closed server’s port be taken again, and an old close leave the new server alone', () => {
    const servers = createPageServers();
    const first = servers.listen({ host: '127.0.0.1', port: 5000 }, echo);
    if ('problem' in first) throw new Error(first.problem.message);
    first.close();
    const second: PageServerHandler = async () => new Response('second');
    servers.listen({ host: '127.0.0.1', port: 5000 }, second);
    first.close();
    expect(servers.handlerFor(new URL('http://localhost:5000/'))).toBe(second);
  });

  it('refuses to bind an address that is not the loopback, as EADDRNOTAVAIL', () => {
    const servers = createPageServers();
    expect(servers.listen({ host: '10.0.0.5', port: 5000 }, echo)).toMatchObject({
      problem: { code: 'EADDRNOTAVAIL' },
    });
  });
});

describe('isLoopbackHost', () => {
  it.each(['localhost', '127.0.0.1', '127.1.2.3', '0.0.0.0'])('counts %s as this machine', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['example.com', '10.0.0.5', '169.254.169.254'])('does not count %s', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('sandboxFetch with page servers', () => {
  it('answers http://localhost:PORT from the server listening there', async () => {
    const servers = createPageServers();
    servers.listen({ host: '127.0.0.1', port: 5000 }, echo);
    const response = await sandboxFetch(
      createSandbox(),
      offline,
      servers,
    )('http://localhost:5000/upload', {
      method: 'POST',
      body: 'x',
    });
    expect(await response.text()).toBe('POST /upload');
  });

  it('still answers AWS URLs from the sandbox', async () => {
    const servers = createPageServers();
    servers.listen({ host: '127.0.0.1', port: 443 }, echo);
    const response = await sandboxFetch(createSandbox(), offline, servers)('https://s3.us-west-2.amazonaws.com/');
    expect(await response.text()).toContain('AccessDenied');
  });

  it('sends a loopback URL nothing listens on to the network', async () => {
    const network: typeof fetch = async () => new Response('the real machine');
    const response = await sandboxFetch(createSandbox(), network, createPageServers())('http://localhost:5000/');
    expect(await response.text()).toBe('the real machine');
  });
});

describe('refuseLoopback', () => {
  it('refuses a loopback URL with the error a refused connection gives', async () => {
    await expect(refuseLoopback(offline)('http://localhost:5000/')).rejects.toMatchObject({
      name: 'TypeError',
      cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5000' },
    });
  });

  it('sends every other URL to the network', async () => {
    const network: typeof fetch = async () => new Response('elsewhere');
    expect(await (await refuseLoopback(network)('http://example.com/')).text()).toBe('elsewhere');
  });

  it('makes the checkers say the app did not answer (ECONNREFUSED)', async () => {
    const fetchFn = sandboxFetch(createSandbox(), refuseLoopback(offline), createPageServers());
    expect(await fetchAppPage(fetchFn, 'http://localhost:5000')).toEqual({
      url: 'http://localhost:5000',
      state: 'down',
      reason: 'ECONNREFUSED',
    });
  });

  it('names the port of a URL without one', () => {
    expect((connectionRefused(new URL('http://127.0.0.1/')).cause as Error).message).toBe(
      'connect ECONNREFUSED 127.0.0.1:80',
    );
  });
});
