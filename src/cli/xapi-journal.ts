/**
 * The journal of a resumable send (`awscourse report --send-xapi`): one line per statement the LRS acknowledged, so
 * running the command again sends only the rest. A line holds the statement's id and a hash of the LRS's address and
 * the statement's bytes: a statement changed since (another course address) or sent to another LRS is sent again.
 * Lines are appended and synced after each batch, so a send killed at any moment loses at most the batch under way,
 * which the LRS, holding the same ids, answers as already stored. No credential is ever written to it.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { XapiStatement } from '../progress/xapi';
import { statementsUrl } from '../progress/xapi-lrs';
import { privateFileMode, privateFolderMode } from '../lib/write-file-durably';

/** The journal's first line, saying what the file is. */
const journalHeading = '# Statements an LRS acknowledged (awscourse report --send-xapi): id, hash of LRS and statement';

/** What a send asks of its journal. */
export interface SendJournal {
  /** Whether the LRS acknowledged this very statement before. */
  has: (statement: XapiStatement) => boolean;
  /** Keeps the statements the LRS acknowledged, synced to disk before it resolves. */
  add: (statements: XapiStatement[]) => Promise<void>;
}

/** A statement's journal key: its bytes and the LRS's Statements address (without credentials), hashed. */
export function journalKey(endpoint: string, statement: XapiStatement): string {
  const lrs = statementsUrl(endpoint).href;
  return createHash('sha256')
    .update(`${lrs}\n${JSON.stringify(statement)}`)
    .digest('hex')
    .slice(0, 32);
}

/** The keys of a journal's text; a line cut off by a crash, or anything else, is ignored. */
function keysOf(text: string): Set<string> {
  const keys = text
    .split('\n')
    .map((line) => /^\S+ ([0-9a-f]{32})$/.exec(line)?.[1])
    .filter((key): key is string => key !== undefined);
  return new Set(keys);
}

/** Appends text to a file and syncs it: created 0600 (its folder 0700) when new. */
async function appendSynced(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: privateFolderMode });
  const handle = await open(file, 'a', privateFileMode);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Opens the journal at `file` for sends to the LRS at `endpoint`, reading what it holds; a missing file is an empty
 * journal, made on the first acknowledgement.
 *
 * @example const journal = await openSendJournal('awscourse-xapi-journal.txt', 'https://lrs.example/xapi/');
 */
export async function openSendJournal(file: string, endpoint: string): Promise<SendJournal> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  const keys = keysOf(text ?? '');
  // A line a crash cut off is ended first, so that the next one starts on a line of its own.
  let opening = text === undefined ? `${journalHeading}\n` : text === '' || text.endsWith('\n') ? '' : '\n';
  return {
    has: (statement) => keys.has(journalKey(endpoint, statement)),
    async add(statements) {
      if (statements.length === 0) return;
      const added = statements.map((statement) => ({ id: statement.id, key: journalKey(endpoint, statement) }));
      await appendSynced(file, opening + added.map(({ id, key }) => `${id} ${key}\n`).join(''));
      opening = '';
      for (const { key } of added) keys.add(key);
    },
  };
}
