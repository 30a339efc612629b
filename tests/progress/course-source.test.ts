import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { classStatements } from '../../src/cli/report-xapi';
import { classLearners, readProgressSource } from '../../src/progress/class-progress';
import { configuredSiteUrl, courseRevision, courseSiteUrl, courseSource } from '../../src/progress/course-source';
import { summarizeProgress } from '../../src/progress/progress-summary';
import { recordOwners } from '../../src/progress/record-owners';
import { emptyProgress, recordQuizAnswers, recordVerifyAttempt } from '../../src/progress/record';
import type { Progress } from '../../src/progress/schema';
import { progressStatements } from '../../src/progress/xapi';
import { postStatements } from '../../src/progress/xapi-lrs';

/** A record as the site keeps it: built by the site's own updates, keys in the order they make them. */
function browserRecord(): Progress {
  const start = emptyProgress('learner-0001', new Date('2026-11-24T10:00:00.000Z'));
  const quizzed = recordQuizAnswers(start, 'week-1/cidr', { 0: 1, 1: 2 }, [1, 1], new Date('2026-11-24T10:05:00Z'));
  const attempted = recordVerifyAttempt(quizzed, {
    exercise: 'exercise-3',
    at: '2026-11-24T11:00:00.000+01:00',
    mode: 'offline',
    status: 'failed',
    durationMs: 812.5,
    // Keys in another order than the schema's, as a checker may report them.
    checks: [
      { status: 'pass', message: 'VPC vpc-0abc is available.', id: 'vpc-exists', title: 'The VPC exists' },
      { evidence: { b: 2, a: 'sg-0abc' }, message: 'No rule for tcp/22.', status: 'fail', id: 'security-group' },
    ],
  });
  return { ...attempted, learner: { name: 'Student 42', id: 'learner-0001', rosterId: 'ana@example.edu' } };
}

/** The request body postStatements sends for these statements. */
async function sentBody(statements: ReturnType<typeof progressStatements>): Promise<string> {
  let body = '';
  const fetchImpl = (async (_url: RequestInfo | URL, init?: RequestInit) => {
    body = String(init?.body);
    return Response.json([]);
  }) as typeof fetch;
  await postStatements({ endpoint: 'https://lrs.example/xapi/' }, statements, fetchImpl);
  return body;
}

describe('the course’s statement source', () => {
  it('defaults to the address astro.config.mjs gives the site', async () => {
    const config = await readFile(new URL('../../astro.config.mjs', import.meta.url), 'utf8');
    expect(/^\s*site:\s*'([^']+)'/m.exec(config)?.[1]).toBe(configuredSiteUrl);
    expect(courseSiteUrl()).toBe(configuredSiteUrl);
  });

  it('takes a given address instead, without its trailing slash', () => {
    expect(courseSiteUrl('https://course.example.edu/')).toBe('https://course.example.edu');
  });

  it('gives the course’s version as the revision', async () => {
    const manifest = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
    const { version } = JSON.parse(manifest) as { version: string };
    expect(courseRevision).toBe(version);
    expect(courseSource()).toEqual({ siteUrl: configuredSiteUrl, revision: version });
  });

  it('makes the site and the report send byte-identical statements for the same record', async () => {
    const record = browserRecord();
    const fromSite = await sentBody(progressStatements(record, courseSource()));
    // The report reads the downloaded file back through the schema, merges a learner's files, and makes the
    // statements of each file's own record, each id once.
    const read = readProgressSource({ name: 'ana.json', text: JSON.stringify(record, null, 2) });
    if (!('progress' in read)) throw new Error(`the record was skipped: ${read.skipped}`);
    const again = readProgressSource({ name: 'ana-2.json', text: JSON.stringify(record) });
    if (!('progress' in again)) throw new Error(`the record was skipped: ${again.skipped}`);
    const records = [read, again];
    const learners = classLearners(
      records.map(({ name, progress }) => ({ name, progress: summarizeProgress(progress) })),
    );
    const fromReport = await sentBody([...classStatements(recordOwners(learners), records)]);
    expect(fromSite.length).toBeGreaterThan(1000);
    expect(fromReport).toBe(fromSite);
  });

  it('gives other bytes for another address, which an LRS holding the first would refuse', async () => {
    const record = browserRecord();
    const atDefault = await sentBody(progressStatements(record, courseSource()));
    const elsewhere = await sentBody(progressStatements(record, courseSource({ siteUrl: 'https://course.example' })));
    expect(elsewhere).not.toBe(atDefault);
  });
});
