#!/usr/bin/env node
// Records the golden fixtures for the terminal's `aws`: runs every command of tests/terminal/golden/corpus.json
// through the real AWS CLI v2 (/usr/bin/aws) against a fresh `awscourse emulator`, through a small proxy that
// records each HTTP request, and writes what the CLI sent, printed and returned to
// tests/terminal/golden/recorded.json. Needs /usr/bin/aws, so it is not part of `npm test`; the replay test
// (tests/terminal/golden/golden.test.ts) needs neither Python nor the CLI. Usage: npm run golden
import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNormaliser, decodeRequest } from '../tests/terminal/golden/normalise.ts';
import { freePort } from './local-servers.mjs';

const cli = '/usr/bin/aws';
const golden = 'tests/terminal/golden';
const rootKey = { id: 'AKIASANDBOXROOT00001', secret: 'sandbox/root/secret/key/for/offline/0001' };

execFileSync('node', ['scripts/build-cli.mjs'], { stdio: 'inherit' });

/**
 * Starts `awscourse emulator` with a fresh in-memory sandbox on 127.0.0.2:`port`; resolves with its URL. The proxy
 * takes 127.0.0.1 on the same port, so the Host the CLI signs (`127.0.0.1:port`) is one the emulator serves.
 */
function startEmulator(port) {
  const child = spawn(
    'node',
    ['bin/awscourse.mjs', 'emulator', '--memory', '--host', '127.0.0.2', '--port', String(port)],
    { stdio: 'pipe' },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match) resolve({ child, url: match[1] });
    });
    child.on('exit', (code) => reject(new Error(`awscourse emulator exited (${code}): ${output}`)));
  });
}

/** A proxy in front of the emulator, on 127.0.0.1:`port`, that records every request into `log`. */
function startProxy(target, port, log) {
  const server = createServer(async (req, res) => {
    const parts = [];
    for await (const part of req) parts.push(part);
    const body = new Uint8Array(Buffer.concat(parts));
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    log.push({ method: req.method, url: req.url, headers, body });
    const { expect: _, ...forwarded } = headers;
    const upstream = request(`${target}${req.url}`, { method: req.method, headers: forwarded }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (error) => {
      res.writeHead(502);
      res.end(String(error));
    });
    upstream.end(body);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

function substitute(text, vars) {
  return text.replace(/\$([A-Z_]+)/g, (match, name) => vars[name] ?? match);
}

/** The working directory and home every command runs in: the lesson files and a `course` profile. */
function prepareDirectories() {
  const root = mkdtempSync(join(tmpdir(), 'aws-golden-'));
  const work = join(root, 'work');
  const home = join(root, 'home');
  mkdirSync(work);
  mkdirSync(join(home, '.aws'), { recursive: true });
  cpSync(join(golden, 'files'), work, { recursive: true });
  copyFileSync('public/sample-photos/chelsea.jpg', join(work, 'cat.jpg'));
  const setup = JSON.parse(readFileSync(join(golden, 'setup.json'), 'utf8'));
  for (const [path, content] of Object.entries(setup.home)) writeFileSync(join(home, path), content);
  return { root, work, home };
}

const corpus = JSON.parse(readFileSync(join(golden, 'corpus.json'), 'utf8'));
const port = await freePort();
const emulator = await startEmulator(port);
process.on('exit', () => emulator.child.kill());
const log = [];
const proxy = await startProxy(emulator.url, port, log);
const endpoint = `http://127.0.0.1:${proxy.address().port}`;
const dirs = prepareDirectories();
const vars = {};
const entries = [];
try {
  for (const entry of corpus.entries) {
    log.length = 0;
    const argv = entry.argv.map((word) => substitute(word, vars));
    const env = {
      PATH: process.env.PATH,
      HOME: dirs.home,
      LANG: 'C.UTF-8',
      AWS_PAGER: '',
      AWS_ACCESS_KEY_ID: rootKey.id,
      AWS_SECRET_ACCESS_KEY: rootKey.secret,
      AWS_DEFAULT_REGION: 'us-west-2',
      ...Object.fromEntries(Object.entries(entry.env ?? {}).map(([k, v]) => [k, substitute(v, vars)])),
    };
    const run = await new Promise((resolve) => {
      const child = spawn(cli, ['--endpoint-url', endpoint, ...argv], { cwd: dirs.work, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('close', (code) => resolve({ stdout, stderr, exitCode: code }));
    });
    if (entry.save) {
      const words = run.stdout.trim().split(/\s+/);
      for (const [i, name] of entry.save.entries()) vars[name] = words[i] ?? '';
    }
    const normalise = createNormaliser();
    const requests = log.map((request) => JSON.parse(normalise(JSON.stringify(decodeRequest(request)))));
    entries.push({
      ...entry,
      requests,
      stdout: normalise(run.stdout),
      stderr: normalise(run.stderr),
      exitCode: run.exitCode,
    });
    process.stdout.write(`${run.exitCode === 0 ? '.' : run.exitCode}`);
  }
} finally {
  proxy.close();
  emulator.child.kill();
  rmSync(dirs.root, { recursive: true, force: true });
}
const version = execFileSync(cli, ['--version'], { encoding: 'utf8' }).trim().split(' ')[0];
writeFileSync(join(golden, 'recorded.json'), `${JSON.stringify({ cli: version, endpoint, entries }, null, 1)}\n`);
process.stdout.write(`\n${entries.length} commands recorded with ${version} into ${golden}/recorded.json\n`);
