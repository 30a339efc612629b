// The lab terminal in the page, on the production build (dist/): the bytes it loads when opened (gzip level 9, the
// terminal-view chunk and its static imports, and the aws SDK chunk its first `aws` command loads), the time from
// pressing "Open the lab terminal" to a prompt (goal under 1 s), and the time per `aws ec2 describe-vpcs` typed in
// it (goal under 50 ms), in headless Chromium. Needs `npm run build` first.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const clientRoot = 'dist/client';
/** The measure src/terminal/browser-lab.ts records for each command line. */
const lineMeasure = 'lab terminal: command line';
const port = 47_000 + Math.floor(Math.random() * 1000);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

/** A chunk of dist/client and every chunk it imports statically, as paths under dist/client. */
export function staticImports(path, seen = new Set()) {
  if (seen.has(path)) return seen;
  seen.add(path);
  const code = readFileSync(join(clientRoot, path), 'utf8');
  for (const match of code.matchAll(/(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g))
    staticImports(join(path, '..', match[1]), seen);
  return seen;
}

function terminalBytes() {
  const chunks = readdirSync(join(clientRoot, '_astro'));
  const view = chunks.find((name) => /^terminal-view\.[\w-]+\.js$/.test(name));
  const files = [...staticImports(`_astro/${view}`)];
  const css = chunks.filter((name) => /^terminal-view\.[\w-]+\.css$/.test(name)).map((name) => `_astro/${name}`);
  const gz = (paths) =>
    paths.reduce((sum, path) => sum + gzipSync(readFileSync(join(clientRoot, path)), { level: 9 }).length, 0);
  return { js: gz(files), css: gz(css), files: files.length };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timings() {
  const server = spawn(process.execPath, ['dist/serve.mjs'], { env: { ...process.env, PORT: String(port) } });
  try {
    for (
      let i = 0;
      i < 50 &&
      !(await fetch(`http://127.0.0.1:${port}/`).then(
        (r) => r.ok,
        () => false,
      ));
      i++
    )
      await new Promise((resolve) => setTimeout(resolve, 100));
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const opens = [];
    const describes = [];
    for (let round = 0; round < 5; round++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/week-1/exercise-3/`);
      await page.waitForSelector('astro-island:not([ssr]) .lab-terminal');
      const started = await page.evaluate(() => performance.now());
      await page.getByRole('button', { name: 'Open the lab terminal' }).click();
      await page.waitForFunction(() =>
        document.querySelector('.xterm-accessibility-tree')?.textContent?.includes('learner:~$'),
      );
      opens.push((await page.evaluate(() => performance.now())) - started);
      // The first aws command loads the EC2 SDK; later ones are what a learner waits for, line after line.
      for (let i = 0; i < 6; i++) {
        await page.keyboard.type(`aws ec2 describe-vpcs > /dev/null; echo r${round}n$((1000+${i}))`);
        await page.keyboard.press('Enter');
        await page.waitForFunction(
          ({ name, count }) => performance.getEntriesByName(name).length > count,
          { name: lineMeasure, count: i },
          { polling: 'raf' },
        );
      }
      // The terminal's own measure of each line (sandbox load, the command, the saves); the first loads the EC2 SDK.
      const lines = await page.evaluate(
        (name) => performance.getEntriesByName(name).map((e) => e.duration),
        lineMeasure,
      );
      describes.push(...lines.slice(1));
      await context.close();
    }
    await browser.close();
    return { open: median(opens), describe: median(describes) };
  } finally {
    server.kill();
  }
}

export async function run() {
  if (!existsSync(clientRoot)) throw new Error('no production build: run `npm run build` first');
  const bytes = terminalBytes();
  const time = await timings();
  const ok = time.open < 1000 && time.describe < 50;
  return {
    ok,
    report: [
      `Loaded on opening: ${kb(bytes.js)} JavaScript in ${bytes.files} files and ${kb(bytes.css)} CSS (gzip -9).`,
      `Click to prompt: median ${time.open.toFixed(0)} ms of 5 fresh pages (goal under 1000 ms).`,
      `aws ec2 describe-vpcs in the page, its line's sandbox load, run and saves: median ${time.describe.toFixed(1)} ms ` +
        '(goal under 50 ms; the first, which loads the EC2 SDK, left out).',
    ].join('\n'),
  };
}
