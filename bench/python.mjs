// Python in the lab terminal, on the production build (dist/): the bytes Pyodide adds to the site (gzip level 9:
// its runtime files under /pyodide/ and the page's own chunks that load them), and the time from pressing Enter on
// `python3 -c "print(1)"` to the `1` on the screen in headless Chromium, median of 5: cold (a fresh browser
// context, nothing cached), warm (the same context reloaded: the HTTP cache revalidates with ETags) and with Python
// already started in the page. Needs `npm run build` first.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { median, openLabTerminal, withBuiltSite } from './built-site.mjs';

const clientRoot = 'dist/client';
const port = 48_000 + Math.floor(Math.random() * 1000);
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} kB`;

/** The files python3's first run fetches: Pyodide's runtime, and the chunks of src/terminal/python that load it. */
function pythonFiles() {
  const runtime = readdirSync(join(clientRoot, 'pyodide'))
    .filter((name) => !/\.(br|gz)$/.test(name))
    .map((name) => `pyodide/${name}`);
  const chunks = readdirSync(join(clientRoot, '_astro'))
    .filter((name) => /^(pyodide|python-runtime|boto3-bridge)\.[\w-]+\.js$/.test(name))
    .map((name) => `_astro/${name}`);
  return [...runtime, ...chunks].map((path) => {
    const content = readFileSync(join(clientRoot, path));
    return { path, raw: content.length, gzip: gzipSync(content, { level: 9 }).length };
  });
}

/** Types `python3 -c "print(1)"` and waits for its `1` in the screen reader's rows; ms from Enter. */
async function printOne(page) {
  await page.locator('.lab-terminal-screen textarea').focus();
  await page.keyboard.type('python3 -c "print(1)"');
  const started = await page.evaluate(() => performance.now());
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    () => [...document.querySelectorAll('.xterm-accessibility-tree > div')].some((row) => row.textContent === '1'),
    undefined,
    { timeout: 120_000, polling: 'raf' },
  );
  const ended = await page.evaluate(() => performance.now());
  await page.keyboard.type('clear');
  await page.keyboard.press('Enter');
  return ended - started;
}

async function timings() {
  return withBuiltSite(port, async (browser, origin) => {
    const cold = [];
    const warm = [];
    const started = [];
    for (let round = 0; round < 5; round++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await openLabTerminal(page, origin, '/week-1/exercise-3/');
      cold.push(await printOne(page));
      started.push(await printOne(page));
      await openLabTerminal(page, origin, '/week-1/exercise-3/');
      warm.push(await printOne(page));
      await context.close();
    }
    return { cold: median(cold), warm: median(warm), started: median(started) };
  });
}

export async function run() {
  if (!existsSync(join(clientRoot, 'pyodide'))) throw new Error('no production build: run `npm run build` first');
  const files = pythonFiles();
  const total = (key) => files.reduce((sum, file) => sum + file[key], 0);
  const time = await timings();
  return {
    ok: true,
    report: [
      `Pyodide adds ${kb(total('gzip'))} gzip -9 (${kb(total('raw'))} raw), fetched on the first python3 only:`,
      ...files.map((file) => `  ${file.path}: ${kb(file.gzip)} (${kb(file.raw)} raw)`),
      `Enter on python3 -c "print(1)" to the 1 on screen, median of 5: cold ${time.cold.toFixed(0)} ms, warm (HTTP ` +
        `cache, revalidated) ${time.warm.toFixed(0)} ms, Python already started ${time.started.toFixed(0)} ms.`,
    ].join('\n'),
  };
}
