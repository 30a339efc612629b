import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AstroNodeHandler, createCourseServer } from '../../src/server/course-server';

let server: Server;
let port: number;
let astroCalls: string[];

/** Stands in for Astro's handler: it renders the local API's endpoints and passes on everything else, as Astro does. */
const astroHandler: AstroNodeHandler = (request, response, next) => {
  astroCalls.push(`${request.method} ${request.url}`);
  const path = new URL(request.url ?? '', 'http://localhost').pathname;
  if (path !== '/api/verify/' && path !== '/api/diagram/') return next();
  response.writeHead(200, { 'content-type': 'application/json' }).end('{"live":true}');
};

function siteWithSecretBeside(): string {
  const parent = mkdtempSync(join(tmpdir(), 'course-server-'));
  writeFileSync(join(parent, 'secret.txt'), 'AWS_SECRET_ACCESS_KEY=do-not-serve');
  const root = join(parent, 'client');
  mkdirSync(join(root, 'week-1'), { recursive: true });
  writeFileSync(join(root, 'week-1/index.html'), '<h1>Week 1</h1>');
  writeFileSync(join(root, '404.html'), '<h1>This page is not in the course</h1>');
  return root;
}

/** A raw HTTP request: the path goes out exactly as written, not normalised as `fetch` would. */
function send(path: string, options: { method?: string; headers?: Record<string, string> } = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, path, ...options }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () =>
        resolve({ status: incoming.statusCode!, headers: incoming.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
    outgoing.on('error', reject).end();
  });
}

beforeAll(async () => {
  server = createCourseServer({ root: siteWithSecretBeside(), astroHandler });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
beforeEach(() => {
  astroCalls = [];
});
afterAll(() => {
  server.close();
});

describe('the course server', () => {
  it('serves a page from the client folder without asking Astro', async () => {
    const response = await send('/week-1/');
    expect(response.status).toBe(200);
    expect(response.body).toBe('<h1>Week 1</h1>');
    expect(astroCalls).toEqual([]);
  });

  it("hands Astro what is not a file, such as the live Verify endpoint, with the request's method", async () => {
    const response = await send('/api/verify/', { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(response.body).toBe('{"live":true}');
    expect(astroCalls).toEqual(['POST /api/verify/']);
  });

  it('hands Astro the live account diagram with its query, as it hands it the Verify endpoint', async () => {
    const response = await send('/api/diagram/?region=us-west-2&region=eu-west-1');
    expect(response.body).toBe('{"live":true}');
    expect(astroCalls).toEqual(['GET /api/diagram/?region=us-west-2&region=eu-west-1']);
  });

  it("answers an unknown path with the course's 404 page and status 404, never to be cached", async () => {
    const response = await send('/week-9/no-such-lesson/');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toContain('This page is not in the course');
  });

  it('answers a missing hashed asset with 404, not with a year-long cache', async () => {
    const response = await send('/_astro/gone.Ab12Cd.js');
    expect(response.status).toBe(404);
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('never serves a file from outside the client folder', async () => {
    for (const path of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/week-1/..%2f..%2fsecret.txt']) {
      const response = await send(path);
      expect(response.status, path).toBe(404);
      expect(response.body, path).not.toContain('do-not-serve');
    }
  });

  it('refuses a request target that is not a path', async () => {
    const response = await send('http://[bad');
    expect(response.status).toBe(400);
  });
});

describe('the course server, asked for a name not its own', () => {
  it('refuses a page for a name that resolves here, as a DNS-rebound page asks, without reading a file', async () => {
    const response = await send('/week-1/', { headers: { host: `evil.test:${port}` } });
    expect(response.status).toBe(403);
    expect(response.body).toContain(`not evil.test:${port}`);
  });

  it('refuses the live Verify endpoint for such a name with a JSON error, before Astro sees it', async () => {
    const response = await send('/api/verify/', { headers: { host: `evil.test:${port}` } });
    expect(response.status).toBe(403);
    expect((JSON.parse(response.body) as { error: { hint: string } }).error.hint).toContain(
      `http://127.0.0.1:${port}/`,
    );
    expect(astroCalls).toEqual([]);
  });

  it('refuses the live account diagram for such a name with a JSON error, before Astro sees it', async () => {
    const response = await send('/api/diagram/?region=us-west-2', { headers: { host: `evil.test:${port}` } });
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toBe('application/json');
    expect(astroCalls).toEqual([]);
  });

  it('answers for localhost and [::1] on its port too', async () => {
    expect((await send('/week-1/', { headers: { host: `localhost:${port}` } })).status).toBe(200);
    expect((await send('/week-1/', { headers: { host: `[::1]:${port}` } })).status).toBe(200);
  });
});
