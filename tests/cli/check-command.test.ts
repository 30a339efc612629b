import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isReadOnlyAction } from '../../checkers/policy';
import type { CheckerRun } from '../../checkers/run';
import type { CliIo } from '../../src/cli/io';
import { runEmulatorCommand } from '../../src/cli/emulator-command';
import { main } from '../../src/cli/main';
import { serializeSandboxState } from '../../src/emulator/persistence';
import { createSandbox, type Sandbox } from '../../src/emulator/sandbox';
import { sandboxRequestHandler } from '../../src/emulator/sdk-handler';
import { sandboxRootKey } from '../../src/emulator/state';
import { progressSchema } from '../../src/progress/schema';
import { doExercise3, doExercise4 } from '../checkers/course-steps';
import { clientsFor } from '../emulator/sandbox-clients';

function captureIo(env: Record<string, string | undefined> = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, cwd: process.cwd() };
}

/** SDK clients wired straight into a sandbox through the SDK request handler. */
const inProcessClients = (sandbox: Sandbox) =>
  clientsFor(sandboxRootKey, 'us-west-2', { requestHandler: sandboxRequestHandler(sandbox) });

/** A sandbox file in which exercise 3 was done, and a home folder for progress. */
async function exercise3Done() {
  const dir = mkdtempSync(join(tmpdir(), 'awscourse-check-'));
  const sandbox = createSandbox();
  await doExercise3(inProcessClients(sandbox));
  const file = join(dir, 'sandbox.json');
  writeFileSync(file, serializeSandboxState(sandbox.state));
  return { file, home: dir };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('awscourse check', () => {
  it('checks the saved sandbox offline, prints ✓ lines, exits 0 and appends to the progress file', async () => {
    const { file, home } = await exercise3Done();
    const io = captureIo({ AWSCOURSE_HOME: home, NO_COLOR: '1' });
    expect(await main(['check', 'exercise-3', '--offline', '--state', file], io)).toBe(0);
    const text = io.out.join('');
    expect(text).toContain(
      'Exercise 3: a VPC, a web server and the metadata service (us-west-2, account 123456789012, offline)',
    );
    expect(text).toMatch(/ {2}✓ The VPC exists: VPC vpc-\w+ \(10\.1\.0\.0\/16\) is available\./);
    expect(text).toContain('Result: passed');
    expect(text).not.toContain('\u001b[');
    const progress = progressSchema.parse(JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8')));
    expect(progress).toMatchObject({ format: 'awscourse-progress', version: 1 });
    expect(progress.attempts).toHaveLength(1);
    expect(progress.attempts[0]).toMatchObject({
      exercise: 'exercise-3',
      mode: 'offline',
      status: 'passed',
      account: '123456789012',
    });
    expect(await main(['check', 'exercise-3', '--offline', '--state', file], io)).toBe(0);
    expect(progressSchema.parse(JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8'))).attempts).toHaveLength(
      2,
    );
  });

  it('exits 1 with ✗ and the hint when a check fails, and prints JSON with --json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'awscourse-check-'));
    const file = join(dir, 'sandbox.json');
    writeFileSync(file, serializeSandboxState(createSandbox().state));
    const io = captureIo({ AWSCOURSE_HOME: dir });
    expect(await main(['check', 'exercise-3', '--offline', '--state', file, '--no-save'], io)).toBe(1);
    expect(io.out.join('')).toContain('✗ The VPC exists: No VPC tagged Name=edx-build-aws-vpc in us-west-2.');
    expect(io.out.join('')).toContain('      Create the stack');
    const json = captureIo({ AWSCOURSE_HOME: dir });
    expect(await main(['check', 'exercise-3', '--offline', '--state', file, '--json', '--no-save'], json)).toBe(1);
    const result = JSON.parse(json.out.join(''));
    expect(result).toMatchObject({ exercise: 'exercise-3', status: 'failed', mode: 'offline' });
    expect(() => readFileSync(join(dir, 'progress.json'))).toThrow();
  });

  it('colours the marks on a terminal and not with NO_COLOR', async () => {
    const { file, home } = await exercise3Done();
    const tty = { ...captureIo({ AWSCOURSE_HOME: home }), isTty: true };
    await main(['check', 'exercise-3', '--offline', '--state', file, '--no-save'], tty);
    expect(tty.out.join('')).toContain('\u001b[32m✓\u001b[0m');
    const noColour = { ...captureIo({ AWSCOURSE_HOME: home, NO_COLOR: '' }), isTty: true };
    await main(['check', 'exercise-3', '--offline', '--state', file, '--no-save'], noColour);
    expect(noColour.out.join('')).not.toContain('\u001b[');
  });

  it('passes --param values to the checker and refuses unknown ones with exit 2', async () => {
    const { file, home } = await exercise3Done();
    const io = captureIo({ AWSCOURSE_HOME: home });
    expect(
      await main(
        ['check', 'exercise-3', '--offline', '--state', file, '--no-save', '--param', 'instanceName=Other'],
        io,
      ),
    ).toBe(1);
    expect(io.out.join('')).toContain('No instance tagged Name=Other');
    const bad = captureIo({ AWSCOURSE_HOME: home });
    expect(await main(['check', 'exercise-3', '--offline', '--state', file, '--param', 'colour=blue'], bad)).toBe(2);
    expect(bad.err.join('')).toContain(
      'exercise-3 cannot run: "colour" not a parameter of this check (it takes vpcName, securityGroupName, ' +
        'instanceName, identityDocument).',
    );
    expect(await main(['check', 'exercise-3', '--offline', '--state', file, '--param', 'novalue'], captureIo())).toBe(
      2,
    );
  });

  it('reads a sandbox file that starts with a UTF-8 byte order mark', async () => {
    const { file, home } = await exercise3Done();
    writeFileSync(file, `\uFEFF${readFileSync(file, 'utf8')}`);
    const io = captureIo({ AWSCOURSE_HOME: home });
    expect(await main(['check', 'exercise-3', '--offline', '--state', file, '--no-save'], io)).toBe(0);
  });

  it('says the sandbox file is a folder, rather than EISDIR', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'awscourse-check-'));
    const io = captureIo({ AWSCOURSE_HOME: dir });
    expect(await main(['check', 'exercise-3', '--offline', '--state', dir, '--no-save'], io)).toBe(2);
    expect(io.err.join('')).toContain(`${dir} is a folder, not a sandbox file.`);
  });

  it('answers usage mistakes with exit 2 and a message', async () => {
    const io = captureIo();
    expect(await main(['check'], io)).toBe(2);
    expect(await main(['check', 'exercise-99'], io)).toBe(2);
    expect(io.err.join('')).toContain('Unknown exercise "exercise-99"');
    expect(await main(['check', 'exercise-3', '--offline', '--state', '/nonexistent/sandbox.json'], io)).toBe(2);
    expect(io.err.join('')).toContain('No sandbox file at /nonexistent/sandbox.json');
    expect(await main(['check', '--help'], io)).toBe(0);
    expect(io.out.join('')).toContain('Exit status: 0 all checks passed');
  });

  it('shows an access key id in full on the terminal but masks it in the progress file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'awscourse-check-'));
    const sandbox = createSandbox();
    const { keys } = await doExercise4(inProcessClients(sandbox));
    const file = join(dir, 'sandbox.json');
    writeFileSync(file, serializeSandboxState(sandbox.state));
    const io = captureIo({ AWSCOURSE_HOME: dir, NO_COLOR: '1' });
    expect(await main(['check', 'key-cleanup', '--offline', '--state', file], io)).toBe(1);
    expect(io.out.join('')).toContain(`--access-key-id ${keys.accessKeyId}`);
    const saved = readFileSync(join(dir, 'progress.json'), 'utf8');
    expect(saved).not.toContain(keys.accessKeyId);
    expect(saved).toContain(`AKIA…${keys.accessKeyId.slice(-4)}`);
    expect(saved).not.toContain(keys.secretAccessKey);
  });

  it('answers offline S3 requests without signatures from the sandbox, not from the internet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'awscourse-check-'));
    const sandbox = createSandbox();
    const { s3 } = inProcessClients(sandbox);
    await s3.send(
      new CreateBucketCommand({
        Bucket: 'photos-bucket',
        CreateBucketConfiguration: { LocationConstraint: 'us-west-2' },
      }),
    );
    for (const name of ['chelsea', 'coffee']) {
      await s3.send(
        new PutObjectCommand({
          Bucket: 'photos-bucket',
          Key: `${name}.jpg`,
          Body: readFileSync(new URL(`../../public/sample-photos/${name}.jpg`, import.meta.url)),
        }),
      );
    }
    const file = join(dir, 'sandbox.json');
    writeFileSync(file, serializeSandboxState(sandbox.state));
    const io = captureIo({ AWSCOURSE_HOME: dir, NO_COLOR: '1' });
    await main(
      [
        'check',
        'exercise-5',
        '--offline',
        '--state',
        file,
        '--no-save',
        '--json',
        '--param',
        'bucket=photos-bucket',
        '--app-url',
        'http://127.0.0.1:9/',
      ],
      io,
    );
    const run = JSON.parse(io.out.join('')) as CheckerRun;
    expect(run.checks.find((c) => c.id === 'unsigned-get-refused')).toMatchObject({ status: 'pass' });
    expect(run.checks.find((c) => c.id === 'block-public-access')).toMatchObject({ status: 'pass' });
  });

  it('keeps a damaged progress file untouched and says the result was not saved', async () => {
    const { file, home } = await exercise3Done();
    writeFileSync(join(home, 'progress.json'), '{"format": "something-else"}');
    const io = captureIo({ AWSCOURSE_HOME: home });
    expect(await main(['check', 'exercise-3', '--offline', '--state', file], io)).toBe(0);
    expect(io.err.join('')).toContain('This result was not saved. The file was left as it is;');
    expect(readFileSync(join(home, 'progress.json'), 'utf8')).toBe('{"format": "something-else"}');
  });

  it('checks live through AWS_ENDPOINT_URL, here the sandbox endpoint', async () => {
    const running = (await runEmulatorCommand(['--port', '0', '--memory'], captureIo()))!;
    try {
      vi.stubEnv('AWS_ACCESS_KEY_ID', sandboxRootKey.accessKeyId);
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', sandboxRootKey.secretAccessKey);
      vi.stubEnv('AWS_ENDPOINT_URL', running.url);
      const io = captureIo({ AWS_ENDPOINT_URL: running.url, AWS_REGION: 'us-west-2', NO_COLOR: '1' });
      expect(await main(['check', 'exercise-3', '--no-save'], io)).toBe(1);
      expect(io.out.join('')).toContain('(us-west-2, account 123456789012, live)');
    } finally {
      await running.stop();
    }
  });

  it('exits 2 with what to do when there are no credentials', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-aws-'));
    for (const name of [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_PROFILE',
      'AWS_ROLE_ARN',
      'AWS_WEB_IDENTITY_TOKEN_FILE',
      'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    ])
      vi.stubEnv(name, undefined);
    vi.stubEnv('AWS_CONFIG_FILE', join(empty, 'config'));
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(empty, 'credentials'));
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    const io = captureIo({ AWS_REGION: 'us-west-2' });
    expect(await main(['check', 'exercise-3', '--no-save'], io)).toBe(2);
    expect(io.err.join('')).toContain('No AWS credentials were found for the check.');
    expect(io.err.join('')).toContain('aws configure');
  });
});

describe('awscourse check, when the learner gets something wrong', () => {
  it('checks every exercise it can with "all" and skips the gallery exercises, saying which flag to pass', async () => {
    const { file, home } = await exercise3Done();
    const io = captureIo({ AWSCOURSE_HOME: home, NO_COLOR: '1' });
    expect(await main(['check', 'all', '--offline', '--state', file], io)).toBe(1);
    const text = io.out.join('');
    expect(text).toContain('Exercise 3: a VPC, a web server and the metadata service (us-west-2');
    expect(text).toMatch(/Exercise 4: .*\(us-west-2, account 123456789012, offline\)/);
    expect(text).toContain('– Skipped: exercise-5 cannot run: Photo bucket (bucket) missing.');
    expect(text).toContain('      Pass --param bucket=<value> (or set PHOTOS_BUCKET).');
    expect(text).toContain('– Skipped: exercise-6 cannot run: Photo bucket (bucket) missing.');
    const progress = progressSchema.parse(JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8')));
    expect(progress.attempts.map((attempt) => attempt.exercise)).toEqual(['exercise-3', 'exercise-4', 'key-cleanup']);
  });

  it('gives "all" each --param only where the exercise takes it', async () => {
    const { file, home } = await exercise3Done();
    const io = captureIo({ AWSCOURSE_HOME: home, NO_COLOR: '1' });
    await main(['check', 'all', '--offline', '--state', file, '--no-save', '--param', 'bucket=photos'], io);
    expect(io.out.join('')).not.toContain('Skipped');
    expect(io.out.join('')).toContain('There is no bucket named photos.');
  });

  it('refuses a --param that no exercise takes when checking all', async () => {
    const { file } = await exercise3Done();
    const io = captureIo();
    expect(await main(['check', 'all', '--offline', '--state', file, '--param', 'bukcet=photos'], io)).toBe(2);
    expect(io.err.join('')).toContain('No exercise takes the parameter "bukcet".');
  });

  it('names an unknown region as such offline, not as a credentials problem', async () => {
    const { file } = await exercise3Done();
    const io = captureIo();
    expect(await main(['check', 'exercise-3', '--region', 'mars-1', '--offline', '--state', file], io)).toBe(2);
    expect(io.err.join('')).toBe(
      '"mars-1" is not an AWS region: region names look like us-west-2 or eu-central-1.\n' +
        'Pass --region with one of those, or leave it out for us-west-2.\n',
    );
  });

  it('names an opt-in region the sandbox account has not enabled, listing the regions it serves', async () => {
    const { file } = await exercise3Done();
    const io = captureIo();
    expect(await main(['check', 'exercise-3', '--region', 'ap-southeast-7', '--offline', '--state', file], io)).toBe(2);
    expect(io.err.join('')).toContain(
      'ap-southeast-7 is an opt-in AWS region, which the sandbox account has not enabled',
    );
  });

  it('names an unknown region as such live, before looking for credentials', async () => {
    const io = captureIo();
    expect(await main(['check', 'exercise-3', '--region', 'mars-1', '--no-save'], io)).toBe(2);
    expect(io.err.join('')).toContain('"mars-1" is not an AWS region');
  });

  it('suggests the option a mistyped one was meant to be', async () => {
    const io = captureIo();
    expect(await main(['check', 'exercise-3', '--offlin'], io)).toBe(2);
    expect(io.err.join('')).toBe(
      'Unknown option --offlin. Did you mean --offline?\nRun "awscourse check --help" for the options.\n',
    );
  });

  it('says when an option is missing its value', async () => {
    const io = captureIo();
    expect(await main(['check', 'exercise-3', '--region'], io)).toBe(2);
    expect(io.err.join('')).toContain('--region needs a value: --region <value>.');
  });
});

describe('awscourse policy', () => {
  it('prints a policy of the checkers’ read-only actions only', async () => {
    const io = captureIo();
    expect(await main(['policy'], io)).toBe(0);
    const policy = JSON.parse(io.out.join('')) as { Statement: { Action: string[] }[] };
    const actions: string[] = policy.Statement[0].Action;
    expect(actions).toContain('ec2:DescribeVpcs');
    expect(actions).toContain('sts:GetCallerIdentity');
    expect(actions.every(isReadOnlyAction)).toBe(true);
    expect(policy.Statement[0]).toMatchObject({ Effect: 'Allow', Resource: '*' });
  });
});
