#!/usr/bin/env node
// `npm run lrs`: sends a generated class to a real Learning Record Store and reads it back. The LRS is Learning
// Locker's statements service, `xapi-statements` (GPL-3.0: a development tool here, installed into a cache folder
// outside the course, never bundled, never a dependency), run on 127.0.0.1 in its in-memory mode. The script sends
// the class with `awscourse report --send-xapi`, reads every statement back through the LRS's GET /statements
// (following `more`), checks that the LRS holds exactly progressStatements' output (what `--xapi` writes), that a
// second send adds nothing, and that wrong credentials are refused without being shown. Not part of `npm test`.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { freePort, waitFor } from '../local-servers.mjs';

const root = new URL('../../', import.meta.url).pathname;
/** The LRS's version: the last published; its code is from 2017 (engines: node 6 - 8). */
const lrsPackage = 'xapi-statements@5.0.1';
const cache =
  process.env.AWSCOURSE_LRS_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'awscourse-lrs');
const lrsMain = join(cache, 'node_modules', 'xapi-statements', 'dist', 'index.js');

/** Five learners, 36 Verify attempts each, three checks an attempt, two quizzes: several batches, several pages. */
const learners = 5;
const attemptsPerLearner = 36;

function fail(message) {
  process.stderr.write(`lrs: ${message}\n`);
  process.exitCode = 1;
}

/** Installs xapi-statements into the cache folder, once; its install scripts are not run (it needs none). */
function installLrs() {
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

/**
 * The LRS's "fetch" auth asks an endpoint who an Authorization header belongs to (Learning Locker's /auth). This
 * stand-in knows one client, made for this run, allowed everything; any other header is unknown (404: the LRS 401s).
 */
async function startAuth(key, secret) {
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
async function startLrs(work, authUrl) {
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

/** A progress file of one learner, as "Download my progress" writes it. */
function progressFile(n) {
  const id = `lrs-learner-${String(n).padStart(4, '0')}`;
  const exercises = ['exercise-3', 'exercise-4', 'exercise-5', 'exercise-6', 'key-cleanup'];
  const attempts = Array.from({ length: attemptsPerLearner }, (_, a) => {
    const passed = (a + n) % 3 === 0;
    return {
      exercise: exercises[(a + n) % exercises.length],
      at: new Date(Date.UTC(2026, 10, 24, 9, 0, 0) + (n * 1000 + a) * 60_000).toISOString(),
      mode: a % 2 ? 'live' : 'offline',
      status: passed ? 'passed' : 'failed',
      region: 'us-east-1',
      ...(a % 2 ? { account: '123456789012' } : {}),
      durationMs: 300 + a * 7,
      checks: [
        { id: 'vpc-exists', title: 'The VPC exists', status: 'pass', message: 'VPC vpc-0abc is available.' },
        {
          id: 'security-group',
          status: passed ? 'pass' : 'fail',
          message: passed ? 'Ports 22 and 80 are open.' : 'No rule for tcp/22.',
          ...(passed ? {} : { hint: 'Add an inbound rule for port 22.', evidence: { groupId: 'sg-0abc' } }),
        },
        { id: 'costs', status: passed ? 'warn' : 'skip', message: 'The instance is still running.' },
      ],
    };
  });
  const quiz = (correct, completedAt) => ({ answers: { 0: 1, 1: 0 }, correct, total: 2, completedAt });
  return {
    format: 'awscourse-progress',
    version: 1,
    learner: { id, name: `LRS learner ${n}` },
    updatedAt: '2026-12-01T00:00:00.000Z',
    lessons: {},
    quizzes: {
      'week-1/cidr': quiz(n % 3, '2026-11-24T08:00:00.000Z'),
      'week-2/s3': quiz(2, '2026-11-25T08:00:00.000Z'),
    },
    attempts,
  };
}

/**
 * Runs `awscourse report` with the arguments; resolves with its exit status and output. Asynchronously: the auth
 * stand-in in this process must keep answering the LRS while the command sends.
 */
function awscourse(args, env = {}) {
  const child = spawn(process.execPath, [join(root, 'bin', 'awscourse.mjs'), 'report', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  return new Promise((resolve) => child.once('close', (status) => resolve({ status, output })));
}

/** Every statement the LRS holds, through its own GET /statements, page by page; and how many pages. */
async function readBack(endpoint, authorization) {
  const headers = { 'X-Experience-API-Version': '1.0.3', Authorization: authorization };
  const statements = [];
  let pages = 0;
  let next = new URL('statements?limit=100&ascending=true', endpoint).href;
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

/** A statement as the LRS returns it, without what the LRS adds (stored, authority, version). */
function asSent({ stored: _stored, authority: _authority, version: _version, ...statement }) {
  return statement;
}

/** How many statements each verb has, by its display name. */
function verbCounts(statements) {
  const counts = {};
  for (const { verb } of statements) counts[verb.display['en-US']] = (counts[verb.display['en-US']] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort());
}

/** Checks one figure, printing it; a mismatch makes the run fail. */
function expectSame(label, actual, expected) {
  const same = isDeepStrictEqual(actual, expected);
  const shown = (value) => (typeof value === 'object' ? JSON.stringify(value) : String(value));
  process.stdout.write(
    `${same ? 'ok  ' : 'FAIL'}  ${label}: ${shown(actual)}${same ? '' : ` (expected ${shown(expected)})`}\n`,
  );
  if (!same) process.exitCode = 1;
}

async function main() {
  installLrs();
  const work = mkdtempSync(join(tmpdir(), 'awscourse-lrs-'));
  const key = `course-${randomBytes(4).toString('hex')}`;
  const secret = randomBytes(18).toString('base64url');
  const authorization = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
  const auth = await startAuth(key, secret);
  let lrs;
  try {
    lrs = await startLrs(work, auth.url);
    const version = JSON.parse(readFileSync(join(cache, 'node_modules', 'xapi-statements', 'package.json'), 'utf8'));
    process.stdout.write(
      `LRS: xapi-statements ${version.version} (Node ${process.versions.node}) at ${lrs.endpoint}\n`,
    );

    const classDir = join(work, 'class');
    mkdirSync(classDir);
    for (let n = 1; n <= learners; n++)
      writeFileSync(join(classDir, `learner-${n}.json`), JSON.stringify(progressFile(n), null, 2));
    const expectedFile = join(work, 'expected.json');
    const written = await awscourse([classDir, '--xapi', expectedFile]);
    if (written.status !== 0) throw new Error(`awscourse report --xapi failed:\n${written.output}`);
    const expected = JSON.parse(readFileSync(expectedFile, 'utf8'));
    process.stdout.write(
      `Class: ${learners} learners, ${learners * attemptsPerLearner} attempts, ${expected.length} statements\n\n`,
    );

    const journal = join(work, 'journal.txt');
    const first = await awscourse([
      classDir,
      '--send-xapi',
      lrs.endpoint,
      '--xapi-auth',
      `${key}:${secret}`,
      '--xapi-journal',
      journal,
    ]);
    expectSame('first send: exit status', first.status, 0);
    const held = await readBack(lrs.endpoint, authorization);
    process.stdout.write(`      read back in ${held.pages} pages of at most 100\n`);
    expectSame('statements the LRS holds', held.statements.length, expected.length);
    expectSame('verbs', verbCounts(held.statements), verbCounts(expected));
    const byId = new Map(held.statements.map((statement) => [statement.id, asSent(statement)]));
    const identical = expected.filter((statement) => isDeepStrictEqual(byId.get(statement.id), statement)).length;
    expectSame('statements identical to progressStatements’ output', identical, expected.length);

    // Again with the journal: nothing is sent. Again without it: everything is sent, and the LRS adds nothing.
    const again = await awscourse([classDir, '--send-xapi', lrs.endpoint, '--xapi-journal', journal], {
      AWSCOURSE_XAPI_AUTH: `${key}:${secret}`,
    });
    expectSame('second send, same journal: exit status', again.status, 0);
    expectSame(
      'second send, same journal: statements sent',
      /Sent ([\d,]+) of [\d,]+ statements to /.exec(again.output)?.[1],
      '0',
    );
    const fresh = await awscourse([classDir, '--send-xapi', lrs.endpoint, '--xapi-journal', join(work, 'fresh.txt')], {
      AWSCOURSE_XAPI_AUTH: `${key}:${secret}`,
    });
    expectSame('third send, no journal: exit status', fresh.status, 0);
    expectSame(
      'third send, no journal: statements sent',
      /Sent ([\d,]+) of [\d,]+ statements to /.exec(fresh.output)?.[1],
      expected.length.toLocaleString('en-US'),
    );
    expectSame(
      'statements the LRS holds after three sends',
      (await readBack(lrs.endpoint, authorization)).statements.length,
      expected.length,
    );

    // The same ids under another course address: the LRS answers 409, each statement is PUT, and each is refused.
    const moved = await awscourse(
      [
        classDir,
        '--send-xapi',
        lrs.endpoint,
        '--xapi-journal',
        join(work, 'moved.txt'),
        '--site-url',
        'https://moved.example',
      ],
      { AWSCOURSE_XAPI_AUTH: `${key}:${secret}` },
    );
    expectSame('other course address: exit status', moved.status, 1);
    expectSame(
      'other course address: statements refused as conflicting',
      /already holds ([\d,]+) of the statements with other content/.exec(moved.output)?.[1],
      expected.length.toLocaleString('en-US'),
    );
    expectSame(
      'statements the LRS holds after that',
      (await readBack(lrs.endpoint, authorization)).statements.length,
      expected.length,
    );

    const wrongSecret = `${secret}-wrong`;
    const refused = await awscourse(
      [classDir, '--send-xapi', lrs.endpoint, '--xapi-journal', join(work, 'refused.txt')],
      {
        AWSCOURSE_XAPI_AUTH: `${key}:${wrongSecret}`,
      },
    );
    expectSame('wrong credentials: exit status', refused.status, 2);
    expectSame('wrong credentials: says so', /did not accept the credentials \(401/.test(refused.output), true);
    expectSame('wrong credentials: the output shows the secret', refused.output.includes(secret), false);
    for (const file of [journal, join(work, 'fresh.txt')])
      expectSame(`${file.slice(work.length + 1)} holds the secret`, readFileSync(file, 'utf8').includes(secret), false);
  } finally {
    await lrs?.stop();
    await auth.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
