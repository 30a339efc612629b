import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { defaultJournal } from '../../src/cli/report-xapi-options';
import { courseSource } from '../../src/progress/course-source';
import { emptyProgress, recordQuizAnswers, recordVerifyAttempt } from '../../src/progress/record';
import type { Progress, VerifyAttempt } from '../../src/progress/schema';
import { progressStatements, type XapiStatement } from '../../src/progress/xapi';
import { type FakeLrs, readBackStatements, startFakeLrs } from './fake-lrs';

const password = 'lrs-s3cret-pass';
const credentials = `course-key:${password}`;
const token = Buffer.from(credentials).toString('base64');

function captureIo(cwd: string, env: CliIo['env'] = {}): CliIo & { out: string[]; err: string[]; all: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    all: () => out.join('') + err.join(''),
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env,
    cwd,
  };
}

const exercises = ['exercise-3', 'exercise-4', 'exercise-5'] as const;

/** One Verify attempt with four checks that ran: five statements. */
function attempt(n: number): VerifyAttempt {
  const passed = n % 3 === 0;
  return {
    exercise: exercises[n % exercises.length]!,
    at: new Date(Date.parse('2026-11-24T09:00:00.000Z') + n * 60_000).toISOString(),
    mode: 'offline',
    status: passed ? 'passed' : 'failed',
    durationMs: 400 + n,
    checks: ['vpc', 'subnets', 'routes', 'group'].map((id, index) => ({
      id,
      status: passed || index < 2 ? 'pass' : 'fail',
      message: `Check ${id} of attempt ${n}.`,
    })),
  };
}

/** A learner who pressed Verify `attempts` times and finished a quiz. */
function learner(id: string, attempts: number): Progress {
  const start = emptyProgress(id, new Date('2026-11-24T08:00:00.000Z'));
  const quizzed = recordQuizAnswers(start, 'week-1/cidr', { 0: 1, 1: 0 }, [1, 1], new Date('2026-11-24T08:30:00Z'));
  return Array.from({ length: attempts }, (_, n) => attempt(n)).reduce(recordVerifyAttempt, quizzed);
}

/** Three learners, 30 attempts each: 3 × (30 × 5 + 1) = 453 statements, more than two batches. */
const records = () => [learner('learner-0001', 30), learner('learner-0002', 30), learner('learner-0003', 30)];
const classSize = 453;

/** The statements the site would send for the class, each learner's from their own record. */
const siteStatements = () => records().flatMap((record) => progressStatements(record, courseSource()));

let dir: string;
let lrs: FakeLrs;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'awscourse-xapi-'));
  for (const record of records()) await writeFile(join(dir, `${record.learner.id}.json`), JSON.stringify(record));
  lrs = await startFakeLrs(credentials);
});

afterEach(async () => {
  await lrs.close();
  await rm(dir, { recursive: true, force: true });
});

/** Runs `awscourse report . --send-xapi LRS` with the credentials and any more arguments. */
async function send(more: string[] = [], env: CliIo['env'] = {}) {
  const io = captureIo(dir, env);
  const code = await main(['report', '.', '--send-xapi', lrs.endpoint, '--xapi-auth', credentials, ...more], io);
  return { code, io };
}

/** The ids carried by the writes since `from`. */
const idsWrittenSince = (from: number) => lrs.writes.slice(from).flatMap((write) => write.ids);

/** A statement read back, without what the LRS added. */
function asSent(statement: Record<string, unknown>) {
  const { stored: _stored, version: _version, ...sent } = statement;
  return sent;
}

describe('awscourse report --xapi', () => {
  it('writes every learner’s statements as one JSON array, the same the site makes', async () => {
    const io = captureIo(dir);
    expect(await main(['report', '.', '--xapi', 'out/class.json'], io)).toBe(0);
    expect(io.out.join('')).toContain(`Wrote out/class.json (${classSize} statements).\n`);
    const written = JSON.parse(await readFile(join(dir, 'out', 'class.json'), 'utf8'));
    expect(written).toEqual(siteStatements());
    expect((await stat(join(dir, 'out', 'class.json'))).mode & 0o777).toBe(0o600);
  });

  it('keeps each file’s own statement ids when the report merges one learner’s records from two browsers', async () => {
    const laptop = { ...learner('learner-laptop', 2), learner: { id: 'learner-laptop', rosterId: 'ana@example.edu' } };
    const browser = { ...learner('learner-0001', 30), learner: { id: 'learner-0001', rosterId: 'Ana@example.edu' } };
    await writeFile(join(dir, 'learner-0001.json'), JSON.stringify(browser));
    await writeFile(join(dir, 'laptop.json'), JSON.stringify(laptop));
    const io = captureIo(dir);
    expect(await main(['report', '.', '--xapi', 'class.json'], io)).toBe(0);
    expect(io.out.join('')).toMatch(/Merged 2 files of ana@example\.edu: /i);
    const written = (JSON.parse(await readFile(join(dir, 'class.json'), 'utf8')) as XapiStatement[]).map((s) => s.id);
    const own = [browser, laptop].flatMap((record) => progressStatements(record, courseSource()).map((s) => s.id));
    expect(written.filter((id) => own.includes(id))).toHaveLength(own.length);
  });

  it('puts the address --site-url gives in the statements', async () => {
    const io = captureIo(dir);
    await main(['report', '.', '--xapi', 'class.json', '--site-url', 'https://course.example.edu/'], io);
    const [first] = JSON.parse(await readFile(join(dir, 'class.json'), 'utf8')) as XapiStatement[];
    expect(first!.object.id).toMatch(/^https:\/\/course\.example\.edu\/xapi\/exercises\//);
  });
});

describe('awscourse report --send-xapi', () => {
  it('sends every statement in batches, byte for byte what the site sends, and says so', async () => {
    const { code, io } = await send();
    expect(code).toBe(0);
    expect(io.out.join('')).toContain(`Sent ${classSize} of ${classSize} statements to ${lrs.endpoint}.\n`);
    expect(lrs.writes.map((write) => [write.method, write.ids.length])).toEqual([
      ['POST', 200],
      ['POST', 200],
      ['POST', 53],
    ]);
    const readBack = (await readBackStatements(lrs, credentials)).map(asSent);
    expect(JSON.stringify(readBack)).toBe(JSON.stringify(siteStatements()));
  });

  it('shows progress on stderr as lines when it is not a terminal', async () => {
    const { io } = await send();
    expect(io.err.join('')).toBe(
      'Sent 0 of 453 statements.\nSent 200 of 453 statements.\nSent 400 of 453 statements.\nSent 453 of 453 statements.\n',
    );
  });

  it('adds no statement when the class is sent a second time, and sends nothing the journal holds', async () => {
    await send();
    const before = lrs.writes.length;
    const { code, io } = await send();
    expect(code).toBe(0);
    expect(lrs.writes.length).toBe(before);
    expect(io.out.join('')).toContain(
      `Sent 0 of ${classSize} statements to ${lrs.endpoint}; ${classSize} were sent before`,
    );
    expect(lrs.held.size).toBe(classSize);
  });

  it('adds no statement when sent again without the journal: the LRS’s 409 leads to one PUT each, all held the same', async () => {
    await send();
    await rm(join(dir, defaultJournal));
    const before = lrs.writes.length;
    const { code } = await send();
    expect(code).toBe(0);
    const again = lrs.writes.slice(before);
    expect(again.filter((write) => write.method === 'POST').map((write) => write.status)).toEqual([409, 409, 409]);
    expect(again.filter((write) => write.method === 'PUT' && write.status === 204)).toHaveLength(classSize);
    expect(lrs.held.size).toBe(classSize);
  });

  it('resumes a send the LRS broke off halfway, sending only what it had not acknowledged', async () => {
    lrs.failAfter = 250;
    const first = await send(['--xapi-tries', '1']);
    expect(first.code).toBe(1);
    expect(first.io.err.join('')).toContain(
      `Could not send ${classSize - 200} statements: The LRS at ${lrs.endpoint}statements could not take the statements now (503)`,
    );
    expect(first.io.err.join('')).toContain('Run the same command again to send the rest.\n');
    expect(lrs.held.size).toBe(250);

    lrs.failAfter = undefined;
    const acknowledged = new Set(idsWrittenSince(0).slice(0, 200));
    const before = lrs.writes.length;
    const second = await send();
    expect(second.code).toBe(0);
    const resent = idsWrittenSince(before);
    expect(resent.filter((id) => acknowledged.has(id))).toEqual([]);
    // The 50 the LRS stored without acknowledging come back once in the 409's PUTs, held the same.
    expect(new Set(resent).size).toBe(classSize - 200);
    expect(lrs.held.size).toBe(classSize);
    expect(second.io.out.join('')).toContain(`Sent ${classSize - 200} of ${classSize} statements`);
  });

  it('tries a batch again after a wait when the LRS is busy', async () => {
    lrs.busyWrites = 1;
    const { code } = await send();
    expect(code).toBe(0);
    expect(lrs.writes.map((write) => write.status)).toEqual([503, 200, 200, 200]);
    expect(lrs.held.size).toBe(classSize);
  });

  it('reports a statement the LRS holds with other content, stores the rest, and exits 1', async () => {
    const [first] = siteStatements();
    lrs.held.set(first!.id, { statement: { ...first!, timestamp: '2026-01-01T00:00:00.000Z' }, stored: '2026-01-01' });
    const { code, io } = await send();
    expect(code).toBe(1);
    expect(io.err.join('')).toContain(`The LRS already holds 1 of the statements with other content (${first!.id})`);
    expect(lrs.held.size).toBe(classSize);
  });

  it('says the credentials were refused, exits 2, and shows or keeps no credential', async () => {
    const io = captureIo(dir);
    const wrong = `course-key:${password}-typo`;
    const code = await main(['report', '.', '--send-xapi', lrs.endpoint, '--xapi-auth', wrong], io);
    expect(code).toBe(2);
    expect(io.err.join('')).toContain(
      `Could not send ${classSize} statements: The LRS at ${lrs.endpoint}statements did not accept the credentials (401 Unauthorized).\nCheck the user name and password`,
    );
    expect(io.all()).not.toContain(password);
    expect(io.all()).not.toContain(Buffer.from(wrong).toString('base64'));
    expect(lrs.held.size).toBe(0);
  });

  it('takes the credentials from AWSCOURSE_XAPI_AUTH', async () => {
    const io = captureIo(dir, { AWSCOURSE_XAPI_AUTH: credentials });
    expect(await main(['report', '.', '--send-xapi', lrs.endpoint], io)).toBe(0);
    expect(lrs.held.size).toBe(classSize);
  });

  it('keeps no credential in the journal', async () => {
    await send(['--xapi-journal', 'sent/journal.txt']);
    const journal = await readFile(join(dir, 'sent', 'journal.txt'), 'utf8');
    expect(journal.trim().split('\n')).toHaveLength(classSize + 1);
    expect(journal).not.toContain(password);
    expect(journal).not.toContain(token);
    expect((await stat(join(dir, 'sent', 'journal.txt'))).mode & 0o777).toBe(0o600);
  });

  it('sends to another LRS what the journal holds for the first', async () => {
    await send();
    const other = await startFakeLrs(credentials);
    try {
      const io = captureIo(dir);
      expect(await main(['report', '.', '--send-xapi', other.endpoint, '--xapi-auth', credentials], io)).toBe(0);
      expect(other.held.size).toBe(classSize);
    } finally {
      await other.close();
    }
  });

  it('says an address without an Statements resource is wrong', async () => {
    const io = captureIo(dir);
    const code = await main(
      ['report', '.', '--send-xapi', lrs.endpoint.replace('/xapi/', '/lrs/'), '--xapi-auth', credentials],
      io,
    );
    expect(code).toBe(2);
    expect(io.err.join('')).toContain('There is no xAPI Statements resource at');
  });

  it('refuses credentials that are not USER:PASSWORD without repeating them', async () => {
    const io = captureIo(dir);
    const code = await main(['report', '.', '--send-xapi', lrs.endpoint, '--xapi-auth', password], io);
    expect(code).toBe(2);
    expect(io.err.join('')).toContain('takes USER:PASSWORD');
    expect(io.all()).not.toContain(password);
  });

  it('refuses to send credentials over http:// to another machine', async () => {
    const io = captureIo(dir);
    const code = await main(['report', '.', '--send-xapi', 'http://lrs.example/xapi/', '--xapi-auth', credentials], io);
    expect(code).toBe(2);
    expect(io.err.join('')).toContain('credentials would cross the network unencrypted');
  });

  it('refuses --xapi-auth without --send-xapi', async () => {
    const io = captureIo(dir);
    expect(await main(['report', '.', '--xapi-auth', credentials], io)).toBe(2);
    expect(io.err.join('')).toContain('--xapi-auth is for --send-xapi');
    expect(io.all()).not.toContain(password);
  });
});
