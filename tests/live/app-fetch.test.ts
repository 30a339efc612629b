import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchAppPage } from '../../checkers/gallery-page';
import { appAddressProblem, guardedFetch } from '../../src/live/app-fetch';

let app: Server;
let port: number;
const asked: string[] = [];
beforeAll(async () => {
  app = createServer((request, response) => {
    asked.push(`${request.headers.host} ${request.url}`);
    if (request.url === '/to-metadata') response.writeHead(302, { location: 'http://169.254.169.254/latest/' }).end();
    else if (request.url === '/moved') response.writeHead(301, { location: '/' }).end();
    else response.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Gallery</h1>');
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  port = (app.address() as AddressInfo).port;
});
afterAll(() => {
  app.close();
});

/** A resolver for the tests' own names: `gallery.test` is this machine, `nas.test` a private address. */
const resolve = async (hostname: string) =>
  ({ 'gallery.test': [{ address: '127.0.0.1', family: 4 }], 'nas.test': [{ address: '192.168.1.20', family: 4 }] })[
    hostname
  ] ?? [];
const fetch = guardedFetch({ allowPrivate: false, resolve });

describe('appAddressProblem', () => {
  it('lets live checks open this machine and the internet', () => {
    for (const address of ['127.0.0.1', '::1', '52.94.236.248', '2600:1f18::1'])
      expect(appAddressProblem(address, false), address).toBeNull();
  });

  it('never opens a cloud metadata service, even when private addresses are allowed', () => {
    for (const address of ['169.254.169.254', 'fd00:ec2::254', '::ffff:169.254.169.254'])
      expect(appAddressProblem(address, true), address).toContain('cloud metadata service');
  });

  it('opens private ranges only when the learner opted in', () => {
    for (const address of ['10.0.0.5', '172.16.0.1', '192.168.1.20', 'fd12::1', '100.64.0.1']) {
      expect(appAddressProblem(address, false), address).toContain('AWSCOURSE_ALLOW_PRIVATE_APP_URLS=1');
      expect(appAddressProblem(address, true), address).toBeNull();
    }
  });

  it('never opens link-local, unspecified or multicast addresses', () => {
    for (const address of ['169.254.1.1', 'fe80::1', '0.0.0.0', '224.0.0.1'])
      expect(appAddressProblem(address, true), address).toContain('not an address of this machine or of the internet');
  });
});

describe('the live checks’ fetch', () => {
  it('fetches the gallery on this machine', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<h1>Gallery</h1>');
  });

  it('connects to the address it checked, with the name kept in Host', async () => {
    const response = await fetch(`http://gallery.test:${port}/`);
    expect(await response.text()).toBe('<h1>Gallery</h1>');
    expect(asked.at(-1)).toBe(`gallery.test:${port} /`);
  });

  it('refuses a name that resolves to a private address, saying how to allow it', async () => {
    await expect(fetch('http://nas.test:5000/')).rejects.toThrow(/192\.168\.1\.20 is a private address/);
  });

  it('refuses a metadata address without connecting', async () => {
    await expect(fetch('http://169.254.169.254/latest/meta-data/')).rejects.toThrow(/cloud metadata service/);
    await expect(fetch('http://[fd00:ec2::254]/latest/')).rejects.toThrow(/cloud metadata service/);
  });

  it('checks every redirect the same way', async () => {
    await expect(fetch(`http://127.0.0.1:${port}/to-metadata`)).rejects.toThrow(/cloud metadata service/);
    expect(await (await fetch(`http://127.0.0.1:${port}/moved`)).text()).toBe('<h1>Gallery</h1>');
  });

  it('says only that nothing answered when no one listens, not why', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    const page = await fetchAppPage(fetch, `http://127.0.0.1:${closedPort}/`);
    expect(page).toEqual({ url: `http://127.0.0.1:${closedPort}/`, state: 'down', reason: 'did not answer' });
  });
});
