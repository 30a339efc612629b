import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSandboxState } from '../../src/emulator/persistence';
import { readSandboxFile, sandboxFileSaver } from '../../src/emulator/sandbox-file';
import { journalFileOf } from '../../src/emulator/sandbox-journal';
import { createSandboxState, defaultAccountId, type SandboxState } from '../../src/emulator/state';

const fileIn = () => join(mkdtempSync(join(tmpdir(), 'sandbox-file-')), 'sandbox.json');

function addUser(state: SandboxState, name: string): void {
  state.accounts[defaultAccountId]!.iam.users[name] = {
    userName: name,
    userId: `AIDA${name.toUpperCase().padEnd(17, 'X')}`,
    path: '/',
    createDate: '2026-12-03T00:00:00.000Z',
    tags: [],
    attachedPolicyArns: [],
    inlinePolicies: {},
  };
}

/** The users the sandbox file alone holds, as a browser loading it would see them. */
function usersInFileAlone(file: string): string[] {
  const parsed = parseSandboxState(readFileSync(file, 'utf8'));
  if ('error' in parsed) throw new Error(parsed.error);
  return Object.keys(parsed.state.accounts[defaultAccountId]!.iam.users);
}

async function usersRead(file: string): Promise<string[]> {
  const read = await readSandboxFile(file);
  if (!('state' in read)) throw new Error(JSON.stringify(read));
  return Object.keys(read.state.accounts[defaultAccountId]!.iam.users);
}

describe('a sandbox file being saved', () => {
  it('appends later changes to the journal, leaving the file as it was, and reads both back', async () => {
    const file = fileIn();
    const state = createSandboxState();
    const saver = sandboxFileSaver(file, () => state, { idleMs: -1 });
    addUser(state, 'ana');
    await saver.save();
    const fileAfterFirst = readFileSync(file, 'utf8');
    addUser(state, 'ben');
    await saver.save();
    expect(readFileSync(file, 'utf8')).toBe(fileAfterFirst);
    expect(readFileSync(journalFileOf(file), 'utf8').split('\n')).toHaveLength(3);
    expect(await usersRead(file)).toEqual(['ana', 'ben']);
    await saver.close();
  });

  it('folds the journal into the file once changes stop, so the file alone is current', async () => {
    const file = fileIn();
    const state = createSandboxState();
    const saver = sandboxFileSaver(file, () => state, { idleMs: 20 });
    await saver.save();
    addUser(state, 'ana');
    await saver.save();
    expect(usersInFileAlone(file)).toEqual([]);
    await expect.poll(() => usersInFileAlone(file)).toEqual(['ana']);
    await saver.close();
  });

  it('folds the journal in on close', async () => {
    const file = fileIn();
    const state = createSandboxState();
    const saver = sandboxFileSaver(file, () => state, { idleMs: -1 });
    await saver.save();
    addUser(state, 'ana');
    await saver.save();
    await saver.close();
    expect(usersInFileAlone(file)).toEqual(['ana']);
    expect(readFileSync(journalFileOf(file), 'utf8').split('\n')).toHaveLength(2);
  });

  it('rewrites the file rather than appending once the journal passes its limit', async () => {
    const file = fileIn();
    const state = createSandboxState();
    const saver = sandboxFileSaver(file, () => state, { idleMs: -1, journalLimit: 1 });
    await saver.save();
    addUser(state, 'ana');
    await saver.save();
    addUser(state, 'ben');
    await saver.save();
    expect(usersInFileAlone(file)).toEqual(['ana', 'ben']);
    expect(readFileSync(journalFileOf(file), 'utf8').split('\n')).toHaveLength(2);
    await saver.close();
  });

  it('keeps the journal 0600, since its records hold every access key', async () => {
    const file = fileIn();
    const saver = sandboxFileSaver(file, () => createSandboxState(), { idleMs: -1 });
    await saver.save();
    await saver.save();
    expect(statSync(journalFileOf(file)).mode & 0o777).toBe(0o600);
    await saver.close();
  });
});
