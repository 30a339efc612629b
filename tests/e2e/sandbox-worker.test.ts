import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openRecordingErrors } from './browser';

let server: Server;
let origin: string;
let browser: Browser;

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.jpg': 'image/jpeg' };

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-page-'));
  await build({
    entryPoints: [new URL('./fixtures/sandbox-page.ts', import.meta.url).pathname],
    outfile: join(dir, 'page.js'),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    logLevel: 'warning',
  });
  copyFileSync(new URL('../../public/mockServiceWorker.js', import.meta.url), join(dir, 'mockServiceWorker.js'));
  copyFileSync(new URL('../../public/sample-photos/chelsea.jpg', import.meta.url), join(dir, 'chelsea.jpg'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>sandbox</title><link rel="icon" href="data:,"><script type="module" ' +
      'src="/page.js"></script>',
  );
  server = createServer((request, response) => {
    const path = request.url === '/' ? '/index.html' : (request.url ?? '/');
    try {
      const body = readFileSync(join(dir, path.slice(1)));
      response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('offline mode in the browser', () => {
  it('answers the real SDK from the sandbox through the service worker, and serves presigned <img> URLs until they expire', async () => {
    const { page, errors } = await openRecordingErrors(browser);
    await page.goto(origin);
    await page.waitForFunction(() => 'runSandboxScenario' in window);
    const result = await page.evaluate(() =>
      (window as unknown as { runSandboxScenario: () => Promise<Record<string, unknown>> }).runSandboxScenario(),
    );
    expect(result).toEqual({
      account: '123456789012',
      vpcCount: 1,
      signedImage: { loaded: true, width: 451 },
      unsignedImage: { loaded: false, width: 0 },
      expiredImage: { loaded: false, width: 0 },
      expiredStatus: 403,
    });
    // The two refused images are logged by the browser as failed loads; nothing else may fail.
    expect(errors.filter((e) => !/Failed to load resource: the server responded with a status of 403/.test(e))).toEqual(
      [],
    );
  }, 60_000);

  it('keeps the sandbox in IndexedDB and sets a damaged copy aside instead of losing it', async () => {
    const { page, errors } = await openRecordingErrors(browser);
    await page.goto(origin);
    await page.waitForFunction(() => 'runStoreScenario' in window);
    const result = await page.evaluate(() =>
      (window as unknown as { runStoreScenario: () => Promise<Record<string, unknown>> }).runStoreScenario(),
    );
    expect(result.roundTrip).toBe(true);
    expect(result.damagedState).toBeNull();
    expect(result.damagedProblem).toMatch(
      /^The sandbox file is damaged at format: this is not a sandbox state file.* It was kept as state\.unreadable\.\d{4}-.* and a fresh sandbox was started\.$/,
    );
    expect(result.afterwards).toEqual({});
    expect(errors).toEqual([]);
  }, 60_000);
});
