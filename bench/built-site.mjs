// The production build served as `npm start` serves it, with headless Chromium beside it: what the benches that
// time the page in a browser (terminal, python) share.
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

/** The middle value of a list of timings. */
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Serves dist/ on `port` (dist/serve.mjs), waits until it answers, launches Debian's Chromium (or CHROMIUM_PATH), and
 * resolves with what `measure(browser, origin)` resolves with; the browser and the server are stopped either way.
 */
export async function withBuiltSite(port, measure) {
  const server = spawn(process.execPath, ['dist/serve.mjs'], { env: { ...process.env, PORT: String(port) } });
  const origin = `http://127.0.0.1:${port}`;
  try {
    for (
      let i = 0;
      i < 50 &&
      !(await fetch(`${origin}/`).then(
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
    try {
      return await measure(browser, origin);
    } finally {
      await browser.close();
    }
  } finally {
    server.kill();
  }
}

/** Opens a lesson page of the served build (`path`) and its lab terminal, and waits for the learner's prompt. */
export async function openLabTerminal(page, origin, path) {
  await page.goto(`${origin}${path}`);
  await page.waitForSelector('astro-island:not([ssr]) .lab-terminal');
  await page.getByRole('button', { name: 'Open the lab terminal' }).click();
  await page.waitForFunction(() =>
    document.querySelector('.xterm-accessibility-tree')?.textContent?.includes('learner:~$'),
  );
}
