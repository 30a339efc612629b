import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { runEmulatorCommand } from '../../src/cli/emulator-command';
import { type CliIo, UsageError } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { parseSandboxState, serializeSandboxState } from '../../src/emulator/persistence';
import { createSandboxState, sandboxRootKey } from '../../src/emulator/state';

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd: process.cwd() };
}

const clientConfig = (endpoint: string) => ({
  region: 'us-west-2',
  endpoint,
  forcePathStyle: true,
  credentials: sandboxRootKey,
  maxAttempts: 1,
});

describe('the emulator endpoint (awscourse emulator)', () => {
  it('serves the SDK over HTTP and prints the environment to use', async () => {
    const io = captureIo();
    const running = (await runEmulatorCommand(['--port', '0', '--memory'], io))!;
    try {
      expect(io.out.join('')).toContain(`export AWS_ENDPOINT_URL=${running.url}`);
      expect(io.out.join('')).toContain(`export AWS_ACCESS_KEY_ID=${sandboxRootKey.accessKeyId}`);
      const identity = await new STSClient(clientConfig(running.url)).send(new GetCallerIdentityCommand({}));
      expect(identity.Account).toBe('123456789012');
    } finally {
      await running.stop();
    }
  });

  it('saves the state to the file after a change and loads it on the next start', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sandbox-')), 'state.json');
    const first = (await runEmulatorCommand(['--port', '0', '--state', file], captureIo()))!;
    await new S3Client(clientConfig(first.url)).send(
      new CreateBucketCommand({
        Bucket: 'photos-bucket',
        CreateBucketConfiguration: { LocationConstraint: 'us-west-2' },
      }),
    );
    await first.stop();
    const saved = parseSandboxState(readFileSync(file, 'utf8'));
    expect('state' in saved && Object.keys(saved.state.buckets)).toEqual(['photos-bucket']);
    const second = (await runEmulatorCommand(['--port', '0', '--state', file], captureIo()))!;
    try {
      const buckets = await new S3Client(clientConfig(second.url)).send(new ListBucketsCommand({}));
      expect(buckets.Buckets!.map((b) => b.Name)).toEqual(['photos-bucket']);
    } finally {
      await second.stop();
    }
  });

  it('starts fresh with --reset and keeps the old file as a backup', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-'));
    const file = join(dir, 'state.json');
    const first = (await runEmulatorCommand(['--port', '0', '--state', file], captureIo()))!;
    await new S3Client(clientConfig(first.url)).send(
      new CreateBucketCommand({
        Bucket: 'photos-bucket',
        CreateBucketConfiguration: { LocationConstraint: 'us-west-2' },
      }),
    );
    await first.stop();
    const io = captureIo();
    const second = (await runEmulatorCommand(['--port', '0', '--state', file, '--reset'], io))!;
    try {
      expect((await new S3Client(clientConfig(second.url)).send(new ListBucketsCommand({}))).Buckets ?? []).toEqual([]);
      const backup = /moved to (\S+)\.\n/.exec(io.out.join(''))![1]!;
      expect(readFileSync(backup, 'utf8')).toContain('photos-bucket');
    } finally {
      await second.stop();
    }
  });

  it('refuses to start from a damaged state file and leaves the file as it was', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sandbox-')), 'state.json');
    const damaged = serializeSandboxState(createSandboxState()).replace(
      '"format": "awscourse-sandbox"',
      '"format": "something-else"',
    );
    writeFileSync(file, damaged);
    await expect(runEmulatorCommand(['--port', '0', '--state', file], captureIo())).rejects.toThrow(
      /not a sandbox state file[\s\S]*was not changed/,
    );
    expect(readFileSync(file, 'utf8')).toBe(damaged);
    writeFileSync(file, '{ not json');
    await expect(runEmulatorCommand(['--port', '0', '--state', file], captureIo())).rejects.toThrow(/not valid JSON/);
  });

  it('saves to ~/.awscourse/sandbox.json (under AWSCOURSE_HOME) unless told otherwise', async () => {
    const home = mkdtempSync(join(tmpdir(), 'awscourse-home-'));
    const io = { ...captureIo(), env: { AWSCOURSE_HOME: home } };
    const running = (await runEmulatorCommand(['--port', '0'], io))!;
    await new S3Client(clientConfig(running.url)).send(
      new CreateBucketCommand({
        Bucket: 'photos-bucket',
        CreateBucketConfiguration: { LocationConstraint: 'us-west-2' },
      }),
    );
    await running.stop();
    expect(io.out.join('')).toContain(`State: ${join(home, 'sandbox.json')}`);
    expect(readFileSync(join(home, 'sandbox.json'), 'utf8')).toContain('photos-bucket');
  });

  it('listens on loopback only unless told otherwise', async () => {
    await expect(runEmulatorCommand(['--host', '0.0.0.0'], captureIo())).rejects.toBeInstanceOf(UsageError);
    const io = captureIo();
    expect(await main(['emulator', '--host', '0.0.0.0'], io)).toBe(2);
    expect(io.err.join('')).toContain('--allow-remote');
    expect(await main(['emulator', '--port', 'abc'], captureIo())).toBe(2);
    expect(await main(['emulator', '--bogus'], captureIo())).toBe(2);
  });

  it('turns away requests a web page sends from another origin', async () => {
    const running = (await runEmulatorCommand(['--port', '0', '--memory'], captureIo()))!;
    try {
      const foreign = await fetch(`${running.url}/`, { headers: { origin: 'https://evil.example' } });
      expect(foreign.status).toBe(403);
      const local = await fetch(`${running.url}/`, { headers: { origin: 'http://127.0.0.1:4321' } });
      expect(local.status).toBe(403);
      expect(await local.text()).toContain('<Code>AccessDenied</Code>');
    } finally {
      await running.stop();
    }
  });

  it('prints help for the command and for unknown commands', async () => {
    const io = captureIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.out.join('')).toContain('awscourse <command>');
    expect(await main(['help', 'emulator'], io)).toBe(0);
    expect(io.out.join('')).toContain('--state FILE');
    expect(await main(['frobnicate'], io)).toBe(2);
  });
});

describe('sandbox state files', () => {
  it('round-trip through JSON', () => {
    const state = createSandboxState(new Date('2026-01-01T00:00:00Z'));
    expect(parseSandboxState(serializeSandboxState(state))).toEqual({ state });
  });

  it('name the broken field of a damaged file', () => {
    const state = createSandboxState() as unknown as { accessKeys: Record<string, { status: string }> };
    Object.values(state.accessKeys)[0]!.status = 'Sleeping';
    const parsed = parseSandboxState(JSON.stringify(state));
    expect('error' in parsed && parsed.error).toMatch(
      /^The sandbox file is damaged at accessKeys\.AKIASANDBOXROOT00001\.status/,
    );
  });

  it('refuse a file from a future version', () => {
    const parsed = parseSandboxState(JSON.stringify({ ...createSandboxState(), version: 99 }));
    expect('error' in parsed && parsed.error).toContain('version');
  });
});
