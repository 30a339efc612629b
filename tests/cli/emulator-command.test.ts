import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateUserCommand, IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { runEmulatorCommand } from '../../src/cli/emulator-command';
import type { CliIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { serializeSandboxState } from '../../src/emulator/persistence';
import { readSandboxFile, sandboxFileSaver } from '../../src/emulator/sandbox-file';
import { createSandboxState, sandboxRootKey } from '../../src/emulator/state';

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd: process.cwd() };
}

const iamAt = (url: string) =>
  new IAMClient({ region: 'us-east-1', endpoint: url, credentials: sandboxRootKey, maxAttempts: 1 });

/** A pid no process has any more: a child that has already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

const folder = () => mkdtempSync(join(tmpdir(), 'emulator-command-'));

describe('awscourse emulator and its state file', () => {
  it('refuses to start on a state file another running emulator holds, naming its pid', async () => {
    const file = join(folder(), 'sandbox.json');
    const first = (await runEmulatorCommand(['--port', '0', '--state', file], captureIo()))!;
    try {
      const io = captureIo();
      expect(await main(['emulator', '--port', '0', '--state', file], io)).toBe(2);
      expect(io.err.join('')).toContain(`Another emulator (process ${process.pid}) is using ${file}`);
      expect(io.err.join('')).toContain('Stop that one first');
    } finally {
      await first.stop();
    }
  });

  it('lets the next emulator start once the first has stopped', async () => {
    const file = join(folder(), 'sandbox.json');
    await (await runEmulatorCommand(['--port', '0', '--state', file], captureIo()))!.stop();
    const second = (await runEmulatorCommand(['--port', '0', '--state', file], captureIo()))!;
    await second.stop();
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const file = join(folder(), 'sandbox.json');
    writeFileSync(`${file}.lock`, `${deadPid()}\n`);
    const running = (await runEmulatorCommand(['--port', '0', '--state', file], captureIo()))!;
    try {
      expect(readFileSync(`${file}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    } finally {
      await running.stop();
    }
  });

  it('clears the half-written temporary files of a killed emulator, and keeps the state file', async () => {
    const dir = folder();
    const file = join(dir, 'sandbox.json');
    writeFileSync(file, serializeSandboxState(createSandboxState(new Date())));
    writeFileSync(join(dir, `.sandbox.json.${deadPid()}-0badc0de.tmp`), '{"format": "awscourse-sand');
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const running = (await runEmulatorCommand(['--port', '0', '--state', file], captureIo()))!;
    try {
      expect(readdirSync(dir).sort()).toEqual(['notes.txt', 'sandbox.json', 'sandbox.json.lock']);
    } finally {
      await running.stop();
    }
  });

  it('creates the state file 0600 and its folder 0700, since it holds every access key', async () => {
    const file = join(folder(), 'new-home', 'sandbox.json');
    const running = (await runEmulatorCommand(['--port', '0', '--state', file], captureIo()))!;
    try {
      await iamAt(running.url).send(new CreateUserCommand({ UserName: 'ana' }));
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);
    } finally {
      await running.stop();
    }
  });

  it('makes a world-readable state file 0600 on its next save', async () => {
    const file = join(folder(), 'sandbox.json');
    writeFileSync(file, serializeSandboxState(createSandboxState()), { mode: 0o644 });
    const running = (await runEmulatorCommand(['--port', '0', '--state', file], captureIo()))!;
    try {
      await iamAt(running.url).send(new CreateUserCommand({ UserName: 'ana' }));
      expect(statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      await running.stop();
    }
  });

  it('reads a state file that starts with a UTF-8 byte order mark', async () => {
    const file = join(folder(), 'sandbox.json');
    const state = createSandboxState();
    state.accounts['123456789012']!.iam.users.ana = {
      userName: 'ana',
      userId: 'AIDASANDBOXANA000001',
      path: '/',
      createDate: '2026-01-01T00:00:00.000Z',
      tags: [],
      attachedPolicyArns: [],
      inlinePolicies: {},
    };
    writeFileSync(file, `\uFEFF${serializeSandboxState(state)}`);
    const running = (await runEmulatorCommand(['--port', '0', '--state', file], captureIo()))!;
    try {
      const users = await iamAt(running.url).send(new ListUsersCommand({}));
      expect(users.Users!.map((user) => user.UserName)).toEqual(['ana']);
    } finally {
      await running.stop();
    }
  });

  it('says so when the state file is a folder, rather than EISDIR', async () => {
    const file = join(folder(), 'sandbox.json');
    mkdirSync(file);
    const io = captureIo();
    expect(await main(['emulator', '--port', '0', '--state', file], io)).toBe(2);
    expect(io.err.join('')).toBe(
      `${file} is a folder, not a sandbox file.\nGive the path of a file (it is created if missing), or move the ` +
        'folder away.\n',
    );
  });

  it("takes the journal's unfolded changes along when --reset moves the old file away", async () => {
    const dir = folder();
    const file = join(dir, 'sandbox.json');
    const state = createSandboxState(new Date());
    const killed = sandboxFileSaver(file, () => state, { idleMs: -1 });
    await killed.save();
    state.accounts['123456789012']!.iam.users.ana = {
      userName: 'ana',
      userId: 'AIDAANAEXAMPLE0000001',
      path: '/',
      createDate: '2026-12-03T00:00:00.000Z',
      tags: [],
      attachedPolicyArns: [],
      inlinePolicies: {},
    };
    await killed.save();
    const io = captureIo();
    const running = (await runEmulatorCommand(['--port', '0', '--state', file, '--reset'], io))!;
    await running.stop();
    const backup = /moved to (\S+)\.\n/.exec(io.out.join(''))![1]!;
    const read = await readSandboxFile(backup);
    expect('state' in read && Object.keys(read.state.accounts['123456789012']!.iam.users)).toEqual(['ana']);
  });
});
