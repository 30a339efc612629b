// The production build, served from a copy of its own for the run: other work on this machine rebuilds dist/ (and
// `npm run build` first empties it), which would pull pages and scripts from under the browser halfway through.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { freePort, waitFor } from '../local-servers.mjs';

const root = new URL('../../', import.meta.url).pathname;

/** The lock the course's builds take, so that none replaces dist/ while it is built or copied. */
const buildLock = '/tmp/awscourse-e2e.lock';

/**
 * Copies dist/ into `work`, building it first when there is none, under {@link buildLock}. The copy's server finds
 * the course's packages through a node_modules link, as dist/ finds them in the course folder.
 */
function snapshotBuild(work) {
  const copy = join(work, 'site');
  const script = [
    '[ -f dist/serve.mjs ] || { echo "Building the site (npm run build) …"; npm run -s build; } || exit 1',
    `cp -R dist "$1"`,
  ].join('\n');
  const done = spawnSync('flock', [buildLock, 'sh', '-c', script, 'snapshot', copy], { cwd: root, stdio: 'inherit' });
  if (done.status !== 0 || !existsSync(join(copy, 'serve.mjs')))
    throw new Error('the built site could not be made or copied: run "npm run build" and look at what it says.');
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return copy;
}

/**
 * Serves a copy of the build (its own dist/serve.mjs) on a free loopback port, launches Debian's Chromium (or
 * CHROMIUM_PATH), and resolves with what `use(browser, origin)` resolves with; both are stopped either way.
 */
export async function withSiteSnapshot(work, use) {
  const copy = snapshotBuild(work);
  const port = await freePort();
  const server = spawn(process.execPath, [join(copy, 'serve.mjs')], {
    env: { ...process.env, PORT: String(port) },
    stdio: 'ignore',
  });
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${origin}/`);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      return await use(browser, origin);
    } finally {
      await browser.close();
    }
  } finally {
    server.kill();
  }
}
