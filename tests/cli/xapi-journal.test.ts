import { appendFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalKey, openSendJournal } from '../../src/cli/xapi-journal';
import type { XapiStatement } from '../../src/progress/xapi';

const endpoint = 'https://lrs.example/xapi/';

function statement(id: string, timestamp = '2026-11-24T10:00:00.000Z'): XapiStatement {
  return {
    id,
    actor: { objectType: 'Agent', account: { homePage: 'https://course.example/', name: 'learner-0001' } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/attempted', display: { 'en-US': 'attempted' } },
    object: {
      objectType: 'Activity',
      id: 'https://course.example/x',
      definition: { type: 't', name: { 'en-US': 'x' } },
    },
    context: { revision: '1', platform: 'awscourse', language: 'en', contextActivities: { grouping: [] } },
    timestamp,
  };
}

const journalFile = async () => join(await mkdtemp(join(tmpdir(), 'awscourse-journal-')), 'sent', 'journal.txt');

describe('the send journal', () => {
  it('holds what was added, across openings', async () => {
    const file = await journalFile();
    await (await openSendJournal(file, endpoint)).add([statement('a'), statement('b')]);
    const reopened = await openSendJournal(file, endpoint);
    expect([reopened.has(statement('a')), reopened.has(statement('b')), reopened.has(statement('c'))]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('does not hold a statement whose content changed since, nor one sent to another LRS', async () => {
    const file = await journalFile();
    await (await openSendJournal(file, endpoint)).add([statement('a')]);
    expect((await openSendJournal(file, endpoint)).has(statement('a', '2026-11-25T10:00:00.000Z'))).toBe(false);
    expect((await openSendJournal(file, 'https://other.example/xapi/')).has(statement('a'))).toBe(false);
  });

  it('treats an address with or without a final slash or credentials as one LRS', () => {
    const key = journalKey(endpoint, statement('a'));
    expect(journalKey('https://lrs.example/xapi', statement('a'))).toBe(key);
    expect(journalKey('https://key:secret@lrs.example/xapi/', statement('a'))).toBe(key);
  });

  it('ignores a line a crash cut off, and starts the next addition on a line of its own', async () => {
    const file = await journalFile();
    await (await openSendJournal(file, endpoint)).add([statement('a')]);
    await appendFile(file, 'b 12ab');
    const journal = await openSendJournal(file, endpoint);
    expect(journal.has(statement('b'))).toBe(false);
    await journal.add([statement('c')]);
    const lines = (await readFile(file, 'utf8')).split('\n');
    expect(lines.slice(1)).toEqual([
      `a ${journalKey(endpoint, statement('a'))}`,
      'b 12ab',
      `c ${journalKey(endpoint, statement('c'))}`,
      '',
    ]);
    expect((await openSendJournal(file, endpoint)).has(statement('c'))).toBe(true);
  });
});
