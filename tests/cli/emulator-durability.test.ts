import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSandboxFile } from '../../src/emulator/sandbox-file';
import { defaultAccountId, sandboxRootKey } from '../../src/emulator/state';

const root = new URL('../../', import.meta.url).pathname;

/** Starts the built `awscourse emulator` on a free port; resolves once it prints where it listens. */
function startEmulator(stateFile: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['bin/awscourse.mjs', 'emulator', '--port', '0', '--state', stateFile], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ child, url });
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`the emulator exited (${code ?? signal}) before listening: ${out}`)),
    );
  });
}

/** The IAM users the state file and its journal hold now, as the next start would load them. */
async function savedUserNames(stateFile: string): Promise<Set<string>> {
  const read = await readSandboxFile(stateFile);
  if ('problem' in read) throw new Error(read.problem.message);
  if ('absent' in read) return new Set();
  return new Set(Object.keys(read.state.accounts[defaultAccountId]!.iam.users));
}

/** Creates users from `writers` concurrent loops until the process dies; collects the names IAM acknowledged. */
async function createUsersUntilKilled(url: string, round: number, writers: number, acked: string[]): Promise<void> {
  const iam = new IAMClient({ region: 'us-east-1', endpoint: url, credentials: sandboxRootKey, maxAttempts: 1 });
  let next = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (;;) {
        const userName = `r${round}-u${next++}`;
        try {
          await iam.send(new CreateUserCommand({ UserName: userName }));
        } catch {
          return;
        }
        acked.push(userName);
      }
    }),
  );
  iam.destroy();
}

describe('the emulator state file under kill -9', () => {
  beforeAll(() => {
    const build = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
  });

  it('keeps every acknowledged write across 30 kills at random moments', { timeout: 180_000 }, async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'durability-')), 'sandbox.json');
    const acked: string[] = [];
    const lost = new Set<string>();
    for (let round = 0; round < 30; round++) {
      const { child, url } = await startEmulator(stateFile);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const ackedBefore = acked.length;
      const writing = createUsersUntilKilled(url, round, 8, acked);
      while (acked.length === ackedBefore) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 150));
      child.kill('SIGKILL');
      await Promise.all([exited, writing]);
      const saved = await savedUserNames(stateFile);
      for (const name of acked) if (!saved.has(name)) lost.add(name);
    }
    expect(acked.length).toBeGreaterThan(300);
    expect([...lost], `${lost.size} of ${acked.length} acknowledged writes lost`).toEqual([]);
  });
});
