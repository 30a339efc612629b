// Bytes over the wire for a lesson page, as Chromium fetches it from the course server (`dist/serve.mjs`): on load,
// then after scrolling to the end so every widget hydrates. Each response counts its headers and its body as sent
// (compressed or not). The same page is measured twice in the same run: as Chromium asks for it (brotli and gzip
// accepted), and with `Accept-Encoding: identity`, which is what every response was before the server compressed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { freePort, waitFor } from '../scripts/local-servers.mjs';

const lesson = '/week-1/exercise-3/';

async function measure(browser, site, extraHTTPHeaders) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, extraHTTPHeaders });
  const page = await context.newPage();
  const finished = [];
  page.on('requestfinished', (request) => finished.push(request));
  await page.goto(`${site}${lesson}`, { waitUntil: 'networkidle' });
  const onLoad = finished.length;
  for (let screen = 0; screen < 40; screen++) await page.mouse.wheel(0, 900);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  const sizes = await Promise.all(finished.map((request) => request.sizes()));
  const bytes = sizes.map((size) => size.responseHeadersSize + size.responseBodySize);
  const sum = (list) => list.reduce((total, size) => total + size, 0);
  await context.close();
  return {
    load: { requests: onLoad, bytes: sum(bytes.slice(0, onLoad)) },
    scrolled: { requests: bytes.length, bytes: sum(bytes) },
  };
}

export async function run() {
  if (!existsSync('dist/serve.mjs')) throw new Error('no production build: run `npm run build` first');
  const port = await freePort();
  const site = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ['dist/serve.mjs'], { env: { ...process.env, PORT: String(port) } });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    await waitFor(`${site}/`);
    const uncompressed = await measure(browser, site, { 'accept-encoding': 'identity' });
    const compressed = await measure(browser, site, {});
    const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
    const row = (label, key) =>
      `| ${label} | ${uncompressed[key].requests} | ${kb(uncompressed[key].bytes)} | ${kb(compressed[key].bytes)} | ` +
      `${((1 - compressed[key].bytes / uncompressed[key].bytes) * 100).toFixed(0)}% |`;
    const report = [
      `Transfer size of ${lesson} (headers and bodies as sent):`,
      '',
      '| when | requests | uncompressed | as Chromium gets it | saved |',
      '| --- | ---: | ---: | ---: | ---: |',
      row('on load', 'load'),
      row('after scrolling to the end (widgets hydrated)', 'scrolled'),
    ].join('\n');
    return { report, ok: compressed.load.bytes < uncompressed.load.bytes };
  } finally {
    await browser.close();
    server.kill();
  }
}
