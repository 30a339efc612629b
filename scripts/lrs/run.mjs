#!/usr/bin/env node
// `npm run lrs`: sends a generated class to a real Learning Record Store and reads it back, then does the same from
// the browser. The LRS is Learning Locker's statements service, `xapi-statements` (learning-locker.mjs), run on
// 127.0.0.1 in its in-memory mode. The script sends the class with `awscourse report --send-xapi`, reads every
// statement back through the LRS's GET /statements (following `more`), checks that the LRS holds exactly
// progressStatements' output (what `--xapi` writes), that a second send adds nothing, and that wrong credentials are
// refused without being shown. Then the built site in Chromium, opened with an xAPI launch link naming the LRS, sends a
// learner's Verify attempts itself; the LRS must hold exactly progressStatements' output for the browser's record, and
// that record, downloaded and sent again by `awscourse`, must add nothing and meet no conflict, the launch's actor and
// registration being kept in it (browser-send.mjs). Not part of `npm test`.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awscourseReport, conflictingCount, printedCount, sentCount } from './awscourse-report.mjs';
import { checkBrowserSends } from './browser-send.mjs';
import { expectSame, identicalCount, note, verbCounts } from './checks.mjs';
import { installedLrsVersion, installLrs, readBack, startAuth, startLrs } from './learning-locker.mjs';

/** Five learners, 36 Verify attempts each, three checks an attempt, two quizzes: several batches, several pages. */
const learners = 5;
const attemptsPerLearner = 36;

function fail(message) {
  process.stderr.write(`lrs: ${message}\n`);
  process.exitCode = 1;
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

/** Sends the generated class with `awscourse report --send-xapi`, again and again, and with wrong credentials. */
async function checkCliSends(lrs, work) {
  const classDir = join(work, 'class');
  mkdirSync(classDir);
  for (let n = 1; n <= learners; n++)
    writeFileSync(join(classDir, `learner-${n}.json`), JSON.stringify(progressFile(n), null, 2));
  const expectedFile = join(work, 'expected.json');
  const written = await awscourseReport([classDir, '--xapi', expectedFile]);
  if (written.status !== 0) throw new Error(`awscourse report --xapi failed:\n${written.output}`);
  const expected = JSON.parse(readFileSync(expectedFile, 'utf8'));
  process.stdout.write(
    `Class: ${learners} learners, ${learners * attemptsPerLearner} attempts, ${expected.length} statements\n\n`,
  );
  const withAuth = { AWSCOURSE_XAPI_AUTH: lrs.credentials };
  const send = (journal, ...options) =>
    awscourseReport(
      [classDir, '--send-xapi', lrs.endpoint, '--xapi-journal', join(work, journal), ...options],
      withAuth,
    );
  const heldInAll = async () => (await readBack(lrs.endpoint, lrs.authorization)).statements.length;

  const first = await awscourseReport([
    classDir,
    '--send-xapi',
    lrs.endpoint,
    '--xapi-auth',
    lrs.credentials,
    '--xapi-journal',
    join(work, 'journal.txt'),
  ]);
  expectSame('first send: exit status', first.status, 0);
  const held = await readBack(lrs.endpoint, lrs.authorization);
  note(`read back in ${held.pages} pages of at most 100`);
  expectSame('statements the LRS holds', held.statements.length, expected.length);
  expectSame('verbs', verbCounts(held.statements), verbCounts(expected));
  expectSame(
    'statements identical to progressStatements’ output',
    identicalCount(held.statements, expected),
    expected.length,
  );

  // Again with the journal: nothing is sent. Again without it: everything is sent, and the LRS adds nothing.
  const again = await send('journal.txt');
  expectSame('second send, same journal: exit status', again.status, 0);
  expectSame('second send, same journal: statements sent', sentCount(again.output), '0');
  const fresh = await send('fresh.txt');
  expectSame('third send, no journal: exit status', fresh.status, 0);
  expectSame('third send, no journal: statements sent', sentCount(fresh.output), printedCount(expected.length));
  expectSame('statements the LRS holds after three sends', await heldInAll(), expected.length);

  // The same ids under another course address: the LRS answers 409, each statement is PUT, and each is refused.
  const moved = await send('moved.txt', '--site-url', 'https://moved.example');
  expectSame('other course address: exit status', moved.status, 1);
  expectSame(
    'other course address: statements refused as conflicting',
    conflictingCount(moved.output),
    printedCount(expected.length),
  );
  expectSame('statements the LRS holds after that', await heldInAll(), expected.length);

  const secret = lrs.credentials.slice(lrs.credentials.indexOf(':') + 1);
  const refused = await awscourseReport(
    [classDir, '--send-xapi', lrs.endpoint, '--xapi-journal', join(work, 'refused.txt')],
    { AWSCOURSE_XAPI_AUTH: `${lrs.credentials}-wrong` },
  );
  expectSame('wrong credentials: exit status', refused.status, 2);
  expectSame('wrong credentials: says so', /did not accept the credentials \(401/.test(refused.output), true);
  expectSame('wrong credentials: the output shows the secret', refused.output.includes(secret), false);
  for (const journal of ['journal.txt', 'fresh.txt'])
    expectSame(`${journal} holds the secret`, readFileSync(join(work, journal), 'utf8').includes(secret), false);
}

async function main() {
  installLrs();
  const work = mkdtempSync(join(tmpdir(), 'awscourse-lrs-'));
  const key = `course-${randomBytes(4).toString('hex')}`;
  const secret = randomBytes(18).toString('base64url');
  const auth = await startAuth(key, secret);
  let server;
  try {
    server = await startLrs(work, auth.url);
    process.stdout.write(
      `LRS: xapi-statements ${installedLrsVersion()} (Node ${process.versions.node}) at ${server.endpoint}\n`,
    );
    const lrs = {
      endpoint: server.endpoint,
      credentials: `${key}:${secret}`,
      authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`,
    };
    await checkCliSends(lrs, work);
    await checkBrowserSends(lrs, work);
  } finally {
    await server?.stop();
    await auth.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
