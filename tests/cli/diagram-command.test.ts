import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CliIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { themePalettes } from '../../src/diagram/draw';
import { startEmulatorServer } from '../../src/emulator/node-server';
import { serializeSandboxState } from '../../src/emulator/persistence';
import { createSandbox, type Sandbox } from '../../src/emulator/sandbox';
import { sandboxRequestHandler } from '../../src/emulator/sdk-handler';
import { sandboxRootKey } from '../../src/emulator/state';
import { emptyProgress } from '../../src/progress/record';
import type { VerifyAttempt } from '../../src/progress/schema';
import { doExercise3, doExercise4 } from '../checkers/course-steps';
import { clientsFor, type Keys } from '../emulator/sandbox-clients';
import { withoutCredentials } from '../live/without-credentials';

function captureIo(env: Record<string, string | undefined> = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, cwd: process.cwd() };
}

/** SDK clients wired straight into a sandbox through the SDK request handler. */
const inProcessClients = (sandbox: Sandbox) =>
  clientsFor(sandboxRootKey, 'us-west-2', { requestHandler: sandboxRequestHandler(sandbox) });

/** A sandbox file in which exercise 3 was done, in a home folder of its own (for progress), and its ids. */
async function exercise3Done() {
  const home = mkdtempSync(join(tmpdir(), 'awscourse-diagram-'));
  const sandbox = createSandbox();
  const done = await doExercise3(inProcessClients(sandbox));
  const file = join(home, 'sandbox.json');
  writeFileSync(file, serializeSandboxState(sandbox.state));
  return { ...done, file, home, io: captureIo({ AWSCOURSE_HOME: home }) };
}

/** A failed exercise 3 attempt whose one check names `evidence` and says `message`. */
function failedAttempt(message: string, evidence: Record<string, string>, rest: Partial<VerifyAttempt> = {}) {
  return {
    exercise: 'exercise-3',
    at: '2026-12-04T10:00:00.000Z',
    mode: 'offline',
    status: 'failed',
    region: 'us-west-2',
    checks: [{ id: 'public-subnet', title: 'A public subnet', status: 'fail', message, evidence }],
    ...rest,
  } satisfies VerifyAttempt;
}

/** Writes a progress file holding `attempts`, and answers its path. */
function progressFile(folder: string, attempts: VerifyAttempt[]): string {
  const file = join(folder, 'progress.json');
  writeFileSync(file, JSON.stringify({ ...emptyProgress('learner-0001', new Date()), attempts }));
  return file;
}

/** Live mode through a sandbox endpoint with exercise 3 done, signing with `keys` (the root key by default). */
async function liveSandbox(keys?: (sandbox: Sandbox, url: string) => Promise<Keys>) {
  const sandbox = createSandbox();
  await doExercise3(inProcessClients(sandbox));
  const emulator = await startEmulatorServer({ sandbox, port: 0, host: '127.0.0.1' });
  const key = keys ? await keys(sandbox, emulator.url) : sandboxRootKey;
  vi.stubEnv('AWS_ACCESS_KEY_ID', key.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', key.secretAccessKey);
  const home = mkdtempSync(join(tmpdir(), 'awscourse-diagram-'));
  const io = captureIo({ AWS_ENDPOINT_URL: emulator.url, AWS_REGION: 'us-west-2', AWSCOURSE_HOME: home });
  return { io, key, stop: () => emulator.server.close() };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('awscourse diagram --offline', () => {
  it('prints the sandbox as an outline: the VPC, its four subnets and the web server', async () => {
    const { file, io } = await exercise3Done();
    expect(await main(['diagram', '--offline', '--state', file], io)).toBe(0);
    const text = io.out.join('');
    expect(text).toMatch(/^Sandbox account 123456789012\. Read /);
    expect(text).toMatch(/\n {4}- VPC edx-build-aws-vpc \(vpc-[0-9a-f]+\), 10\.1\.0\.0\/16\n/);
    for (const subnet of ['public-a', 'private-a', 'public-b', 'private-b'])
      expect(text).toContain(`- Subnet edx-subnet-${subnet} (`);
    expect(text).toMatch(/\n {10}- Instance Ex3WebServer \(i-[0-9a-f]+\): running/);
    expect(io.err).toEqual([]);
  });

  it('writes an SVG with those names, and says what it holds in one line', async () => {
    const { file, home, io } = await exercise3Done();
    const svg = join(home, 'account.svg');
    expect(await main(['diagram', '--offline', '--state', file, '--svg', svg], io)).toBe(0);
    const drawing = readFileSync(svg, 'utf8');
    expect(drawing.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(drawing.trimEnd().endsWith('</svg>')).toBe(true);
    for (const name of ['edx-build-aws-vpc', 'edx-subnet-public-a', 'edx-subnet-private-b', 'Ex3WebServer'])
      expect(drawing).toContain(name);
    expect(drawing).toContain(`fill="${themePalettes.light.bg}"`);
    expect(io.out.join('')).toBe(
      `Wrote ${svg}: Sandbox account 123456789012, us-west-2: 2 VPCs, 8 subnets, 1 instance, 0 buckets, 0 IAM users.\n`,
    );
  });

  it('draws the SVG in the dark theme with --theme dark', async () => {
    const { file, home, io } = await exercise3Done();
    const svg = join(home, 'dark.svg');
    expect(await main(['diagram', '--offline', '--state', file, '--svg', svg, '--theme', 'dark'], io)).toBe(0);
    const drawing = readFileSync(svg, 'utf8');
    expect(drawing).toContain(`fill="${themePalettes.dark.bg}"`);
    expect(drawing).toContain(`fill:${themePalettes.dark.fg}`);
    expect(drawing).not.toContain(themePalettes.light.fg);
  });

  it('draws in one column with --stacked', async () => {
    const { file, home, io } = await exercise3Done();
    const [wide, narrow] = [join(home, 'wide.svg'), join(home, 'narrow.svg')];
    await main(['diagram', '--offline', '--state', file, '--svg', wide], io);
    await main(['diagram', '--offline', '--state', file, '--svg', narrow, '--stacked'], io);
    const width = (svg: string) => Number(/ width="(\d+)"/.exec(readFileSync(svg, 'utf8'))![1]);
    expect(width(narrow)).toBeLessThan(width(wide));
  });

  it('draws every region asked for', async () => {
    const { file, io } = await exercise3Done();
    expect(
      await main(['diagram', '--offline', '--state', file, '--region', 'us-west-2', '--region', 'us-east-1'], io),
    ).toBe(0);
    expect(io.out.join('')).toMatch(/\n {2}- Region us-west-2\n[\s\S]*\n {2}- Region us-east-1\n/);
  });

  it('marks the failed checks of offline attempts in the regions drawn, not those of live mode or another region', async () => {
    const { file, home, io, publicSubnetId, vpcId } = await exercise3Done();
    progressFile(home, [
      failedAttempt('Failed offline.', { subnetId: publicSubnetId }),
      failedAttempt('Failed live.', { vpcId }, { mode: 'live', at: '2026-12-04T11:00:00.000Z' }),
      failedAttempt('Failed elsewhere.', { vpcId }, { region: 'eu-west-1', at: '2026-12-04T12:00:00.000Z' }),
    ]);
    expect(await main(['diagram', '--offline', '--state', file], io)).toBe(0);
    const text = io.out.join('');
    expect(text).toContain('  - Verify: ✗ Exercise 3: 1 check failed\n');
    expect(text).toMatch(/- Subnet edx-subnet-public-a \([^\n]* — ✗ Exercise 3: Failed offline\.\n/);
    expect(text).not.toContain('Failed live.');
    expect(text).not.toContain('Failed elsewhere.');
  });

  it('takes the marks from another progress file with --progress, and none with --no-progress', async () => {
    const { file, home, io, publicSubnetId } = await exercise3Done();
    const other = progressFile(mkdtempSync(join(tmpdir(), 'awscourse-other-')), [
      failedAttempt('Failed in the other file.', { subnetId: publicSubnetId }),
    ]);
    expect(await main(['diagram', '--offline', '--state', file, '--progress', other], io)).toBe(0);
    expect(io.out.join('')).toContain('✗ Exercise 3: Failed in the other file.');
    progressFile(home, [failedAttempt('Failed in the default file.', { subnetId: publicSubnetId })]);
    const unmarked = captureIo({ AWSCOURSE_HOME: home });
    expect(await main(['diagram', '--offline', '--state', file, '--no-progress'], unmarked)).toBe(0);
    expect(unmarked.out.join('')).not.toContain('✗');
  });

  it('warns in one line about a progress file it cannot read, draws without marks and leaves the file alone', async () => {
    const { file, home, io } = await exercise3Done();
    writeFileSync(join(home, 'progress.json'), '{"format": "something-else"}');
    expect(await main(['diagram', '--offline', '--state', file], io)).toBe(0);
    expect(io.out.join('')).toContain('- VPC edx-build-aws-vpc');
    expect(io.err.join('')).toMatch(
      new RegExp(`^Warning: ${join(home, 'progress.json')} is not a progress file this course can read[^\n]*\n$`),
    );
    expect(io.err.join('')).toContain('Drawn without Verify marks.');
    expect(readFileSync(join(home, 'progress.json'), 'utf8')).toBe('{"format": "something-else"}');
  });

  it('shows IAM users with their access keys shortened, never in full', async () => {
    const home = mkdtempSync(join(tmpdir(), 'awscourse-diagram-'));
    const sandbox = createSandbox();
    const { keys } = await doExercise4(inProcessClients(sandbox));
    const file = join(home, 'sandbox.json');
    writeFileSync(file, serializeSandboxState(sandbox.state));
    const io = captureIo({ AWSCOURSE_HOME: home });
    await main(['diagram', '--offline', '--state', file, '--svg', join(home, 'a.svg')], io);
    await main(['diagram', '--offline', '--state', file], io);
    expect(io.out.join('')).toContain(`access keys AKIA…${keys.accessKeyId.slice(-4)} (Active)`);
    for (const shown of [io.out.join(''), io.err.join(''), readFileSync(join(home, 'a.svg'), 'utf8')]) {
      expect(shown).not.toContain(keys.accessKeyId);
      expect(shown).not.toContain(keys.secretAccessKey);
    }
  });
});

describe('awscourse diagram, live', () => {
  it('draws the account AWS_ENDPOINT_URL answers for, in the region configured', async () => {
    const live = await liveSandbox();
    try {
      expect(await main(['diagram'], live.io)).toBe(0);
      expect(live.io.out.join('')).toMatch(/^AWS account 123456789012\. Read [^\n]*\n {2}- Region us-west-2\n/);
      expect(live.io.out.join('')).toContain('- VPC edx-build-aws-vpc');
    } finally {
      live.stop();
    }
  });

  it('warns about each part the credentials may not read, draws the rest and exits 0', async () => {
    const live = await liveSandbox(async (_sandbox, endpoint) => {
      const { iam } = clientsFor(sandboxRootKey, 'us-west-2', { endpoint });
      await iam.send(new CreateUserCommand({ UserName: 'ec2-only' }));
      await iam.send(
        new PutUserPolicyCommand({
          UserName: 'ec2-only',
          PolicyName: 'ec2-only',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }],
          }),
        }),
      );
      const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'ec2-only' }))).AccessKey!;
      return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    });
    try {
      expect(await main(['diagram'], live.io)).toBe(0);
      // The parts are read at once, so their warnings come in the order AWS answers.
      expect(live.io.err.join('').split('\n').sort()).toEqual([
        '',
        'Warning: IAM users could not be read: The credentials running the check may not call iam:ListUsers.',
        'Warning: S3 buckets could not be read: The credentials running the check may not call s3:ListAllMyBuckets.',
      ]);
      expect(live.io.out.join('')).toContain('- VPC edx-build-aws-vpc');
    } finally {
      live.stop();
    }
  });

  it('exits 2 with the problem and what to do when AWS refuses the key, never printing it', async () => {
    const live = await liveSandbox(async () => ({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wrong' }));
    try {
      expect(await main(['diagram'], live.io)).toBe(2);
      expect(live.io.err.join('')).toBe(
        'AWS did not accept these credentials (AuthFailure).\nThe access key may have been deleted or made ' +
          'inactive, or the secret is wrong. Check "aws configure list", or pass --profile with a working profile.\n',
      );
      expect(live.io.err.join('')).not.toContain('AKIAIOSFODNN7EXAMPLE');
      expect(live.io.out).toEqual([]);
    } finally {
      live.stop();
    }
  });

  it('exits 2 with what to do when there are no credentials', async () => {
    withoutCredentials();
    const io = captureIo({ AWS_REGION: 'us-west-2', AWSCOURSE_HOME: mkdtempSync(join(tmpdir(), 'awscourse-')) });
    expect(await main(['diagram'], io)).toBe(2);
    expect(io.err.join('')).toContain('No AWS credentials were found for the check.');
    expect(io.err.join('')).toContain('aws configure');
  });
});

describe('awscourse diagram, when the learner gets something wrong', () => {
  /** The exit status and stderr of `awscourse diagram` with `args`. */
  async function refused(args: string[]) {
    const io = captureIo({ AWSCOURSE_HOME: mkdtempSync(join(tmpdir(), 'awscourse-')) });
    return { code: await main(['diagram', ...args], io), err: io.err.join(''), out: io.out.join('') };
  }

  it('suggests the option a mistyped one was meant to be', async () => {
    expect(await refused(['--svgg', 'a.svg'])).toEqual({
      code: 2,
      err: 'Unknown option --svgg. Did you mean --svg?\nRun "awscourse diagram --help" for the options.\n',
      out: '',
    });
  });

  it('refuses --state without --offline', async () => {
    expect(await refused(['--state', 'sandbox.json'])).toMatchObject({
      code: 2,
      err: '--state goes with --offline.\n',
    });
  });

  it('refuses a theme it does not have, and a theme without an SVG', async () => {
    expect(await refused(['--offline', '--svg', 'a.svg', '--theme', 'blue'])).toMatchObject({
      code: 2,
      err: '--theme must be light or dark, not "blue".\nFor example: --svg account.svg --theme dark --stacked\n',
    });
    expect(await refused(['--offline', '--theme', 'dark'])).toMatchObject({
      code: 2,
      err: '--theme goes with --svg FILE.\nFor example: --svg account.svg --theme dark --stacked\n',
    });
  });

  it('refuses --progress with --no-progress', async () => {
    expect((await refused(['--offline', '--progress', 'p.json', '--no-progress'])).code).toBe(2);
  });

  it('names a region that does not exist, offline and live, before reading anything', async () => {
    const offline = await refused(['--offline', '--region', 'us-west-2', '--region', 'mars-1']);
    expect(offline).toEqual({
      code: 2,
      err:
        '"mars-1" is not an AWS region: region names look like us-west-2 or eu-central-1.\n' +
        'Pass --region with one of those, or leave it out for us-west-2.\n',
      out: '',
    });
    const live = await refused(['--region', 'mars-1']);
    expect(live).toMatchObject({ code: 2, err: expect.stringContaining('"mars-1" is not an AWS region') });
  });

  it('names a region the sandbox account does not serve', async () => {
    const { file } = await exercise3Done();
    const { code, err } = await refused(['--offline', '--state', file, '--region', 'ap-southeast-7']);
    expect(code).toBe(2);
    expect(err).toContain('ap-southeast-7 is an opt-in AWS region, which the sandbox account has not enabled');
  });

  it('says there is no sandbox file yet, and how to make one', async () => {
    const { code, err } = await refused(['--offline', '--state', '/nonexistent/sandbox.json']);
    expect(code).toBe(2);
    expect(err).toContain('No sandbox file at /nonexistent/sandbox.json.');
  });

  it('is listed in the usage and has its own help', async () => {
    const io = captureIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.out.join('')).toContain('  diagram      draw what an account holds');
    const help = captureIo();
    expect(await main(['help', 'diagram'], help)).toBe(0);
    expect(help.out.join('')).toContain('Usage: awscourse diagram [options]');
  });
});
