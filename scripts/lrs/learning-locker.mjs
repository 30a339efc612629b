// Learning Locker's statements service, `xapi-statements` (GPL-3.0: a development tool here, installed into a cache
// folder outside the course, never bundled, never a dependency), run on 127.0.0.1 in its in-memory mode with a
// stand-in for Learning Locker's auth endpoint, and read back through its own GET /statements.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from '../local-servers.mjs';

/** The LRS's version: the last published; its code is from 2017 (engines: node 6 - 8). */
const lrsPackage = 'xapi-statements@5.0.1';
const cache =
  process.env.AWSCOURSE_LRS_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'awscourse-lrs');
const lrsMain = join(cache, 'node_modules', 'xapi-statements', 'dist', 'index.js');

/** Installs xapi-statements into the cache folder, once; its install scripts are not run (it needs none). */
export function installLrs() {
  if (existsSync(lrsMain)) return;
  process.stdout.write(`Installing ${lrsPackage} into ${cache} …\n`);
  mkdirSync(cache, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const done = spawnSync(
    npm,
    ['install', '--prefix', cache, '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', lrsPackage],
    { stdio: 'inherit' },
  );
  if (done.status !== 0 || !existsSync(lrsMain)) throw new Error(`npm could not install ${lrsPackage} into ${cache}`);
}

/** The installed LRS's version, e.g. `5.0.1`. */
export function installedLrsVersion() {
  return JSON.parse(readFileSync(join(cache, 'node_modules', 'xapi-statements', 'package.json'), 'utf8')).version;
}

/**
 * The LRS's "fetch" auth asks an endpoint who an Authorization header belongs to (Learning Locker's /auth). This
 * stand-in knows one client, made for this run, allowed everything; any other header is unknown (404: the LRS 401s).
 */
export async function startAuth(key, secret) {
  const expected = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
  const client = {
    _id: '5a0000000000000000000001',
    title: 'awscourse conformance',
    authority: { objectType: 'Agent', mbox: 'mailto:awscourse-lrs-check@example.org' },
    isTrusted: true,
    lrs_id: '5a0000000000000000000002',
    organisation: '5a0000000000000000000003',
    scopes: ['all'],
  };
  const server = createServer((request, response) => {
    const known = request.headers.authorization === expected;
    response.writeHead(known ? 200 : 404, { 'Content-Type': 'application/json' });
    response.end(known ? JSON.stringify(client) : '{}');
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}/auth`, stop: () => new Promise((resolve) => server.close(resolve)) };
}

/** xapi-statements listens on every interface (`app.listen(port)`); this makes a bare port mean 127.0.0.1. */
const loopbackOnly = `data:text/javascript,${encodeURIComponent(
  "import net from 'node:net';" +
    'const listen = net.Server.prototype.listen;' +
    'net.Server.prototype.listen = function (...args) {' +
    "  if (typeof args[0] === 'number' && typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');" +
    '  return listen.apply(this, args);' +
    '};',
)}`;

/** Starts the LRS in memory on a free loopback port; resolves with its xAPI endpoint and how to stop it. */
export async function startLrs(work, authUrl) {
  const port = await freePort();
  const log = [];
  const lrs = spawn(process.execPath, ['--import', loopbackOnly, lrsMain], {
    // Its working folder is the run's, so it reads no .env of the course's.
    cwd: work,
    env: {
      PATH: process.env.PATH,
      EXPRESS_PORT: String(port),
      MODELS_REPO: 'memory',
      STORAGE_REPO: 'local',
      FS_LOCAL_STORAGE_DIR: join(work, 'lrs-storage'),
      EXPRESS_MORGAN_DIRECTORY: join(work, 'lrs-logs'),
      EVENTS_REPO: 'test',
      AUTH_REPO: 'fetch',
      LL_CLIENT_INFO_ENDPOINT: authUrl,
      SERVICE_AWAIT_UPDATES: 'true',
      WINSTON_CONSOLE_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  lrs.stdout.on('data', (chunk) => log.push(String(chunk)));
  lrs.stderr.on('data', (chunk) => log.push(String(chunk)));
  const exited = new Promise((resolve) => lrs.once('exit', resolve));
  const endpoint = `http://127.0.0.1:${port}/xAPI/`;
  try {
    await Promise.race([
      waitFor(`${endpoint}about`),
      exited.then((code) => {
        throw new Error(`the LRS exited (${code}) on start:\n${log.join('')}`);
      }),
    ]);
  } catch (error) {
    lrs.kill('SIGKILL');
    throw error;
  }
  // Its SIGTERM handler calls process.exit() from its own 'exit' handler, and under Node 24 it keeps running: killed.
  const stop = async () => {
    if (lrs.exitCode === null && lrs.signalCode === null) lrs.kill('SIGKILL');
    await exited;
  };
  return { endpoint, stop, log };
}

/**
 * The statements the LRS holds, through its own GET /statements, page by page, and how many pages; `filter` adds the
 * query's `agent` (an object, sent as JSON) and `registration`, and `limit` the page size (100 unless given).
 *
 * The in-memory store sorts by the time a statement was stored but pages on from a version 1 UUID of its own, which
 * does not sort by time: a page boundary can skip statements stored in a later second. A count that must be exact
 * across several sends is read in one page, with a `limit` above it.
 *
 * @example await readBack(endpoint, authorization, { agent: { mbox: 'mailto:a@example.org' } });
 */
export async function readBack(endpoint, authorization, filter = {}) {
  const headers = { 'X-Experience-API-Version': '1.0.3', Authorization: authorization };
  const query = new URLSearchParams({ limit: String(filter.limit ?? 100), ascending: 'true' });
  if (filter.agent) query.set('agent', JSON.stringify(filter.agent));
  if (filter.registration) query.set('registration', filter.registration);
  const statements = [];
  let pages = 0;
  let next = new URL(`statements?${query}`, endpoint).href;
  while (next) {
    const response = await fetch(next, { headers });
    if (!response.ok) throw new Error(`GET ${next} answered ${response.status}: ${await response.text()}`);
    const page = await response.json();
    statements.push(...page.statements);
    pages += 1;
    next = page.more ? new URL(page.more, endpoint).href : undefined;
  }
  return { statements, pages };
}
