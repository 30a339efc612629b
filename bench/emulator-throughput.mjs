// Requests per second of the sandbox's HTTP endpoint (`awscourse emulator`, saving to a state file as learners run
// it) for reads (DescribeVpcs, ListObjectsV2, GetObject) and writes (PutObject of a 10 kB photo, CreateTags), beside
// moto_server on the same machine in the same run. Each request is signed once with SigV4 and replayed over
// keep-alive connections by 16 concurrent clients for a fixed time; both servers get the same load. moto_server is
// optional: without it the table says so.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { freePort, waitFor } from '../scripts/local-servers.mjs';

const keys = { accessKeyId: 'AKIASANDBOXROOT00001', secretAccessKey: 'sandbox/root/secret/key/for/offline/0001' };
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrency = 16;

async function sign(port, service, method, path, query, body, extraHeaders = {}) {
  const signer = new SignatureV4({
    service,
    region: 'us-west-2',
    credentials: keys,
    sha256: Sha256,
    uriEscapePath: service !== 's3',
  });
  const host = `127.0.0.1:${port}`;
  const headers = { host, ...extraHeaders };
  if (body) headers['content-length'] = String(Buffer.byteLength(body));
  const signed = await signer.sign({
    method,
    protocol: 'http:',
    hostname: '127.0.0.1',
    port,
    path,
    query,
    headers,
    body,
  });
  const search = new URLSearchParams(query).toString();
  return { method, path: search ? `${path}?${search}` : path, headers: signed.headers, body };
}

/** Sends a request; resolves with its status and, when `keepBody` is set, its body text. */
function send(agent, port, request, keepBody = false) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, agent, method: request.method, path: request.path, headers: request.headers },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => keepBody && chunks.push(chunk));
        res.on('end', () =>
          resolve(keepBody ? { status: res.statusCode, body: Buffer.concat(chunks).toString() } : res.statusCode),
        );
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

/** Seeds a VPC and a bucket of 50 photos; resolves with the VPC's id. */
async function seed(port) {
  const agent = new http.Agent({ keepAlive: true });
  const ok = async (request) => {
    const { status, body } = await send(agent, port, request, true);
    if (status >= 300) throw new Error(`seeding failed with ${status} on ${request.method} ${request.path}`);
    return body;
  };
  const created = await ok(
    await sign(port, 'ec2', 'POST', '/', {}, 'Action=CreateVpc&CidrBlock=10.1.0.0/16&Version=2016-11-15', {
      'content-type': 'application/x-www-form-urlencoded',
    }),
  );
  const vpcId = /<vpcId>(vpc-[0-9a-f]+)<\/vpcId>/.exec(created)?.[1];
  if (!vpcId) throw new Error(`seeding: no vpcId in the CreateVpc answer: ${created.slice(0, 200)}`);
  await ok(
    await sign(
      port,
      's3',
      'PUT',
      '/bench-bucket',
      {},
      '<CreateBucketConfiguration><LocationConstraint>us-west-2</LocationConstraint></CreateBucketConfiguration>',
      { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    ),
  );
  const photo = 'x'.repeat(10 * 1024);
  for (let i = 0; i < 50; i++) {
    await ok(
      await sign(port, 's3', 'PUT', `/bench-bucket/photos/${String(i).padStart(3, '0')}.jpg`, {}, photo, {
        'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
        'content-type': 'image/jpeg',
      }),
    );
  }
  agent.destroy();
  return vpcId;
}

async function measure(port, request, duration = seconds) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let done = 0;
  let failed = 0;
  const until = Date.now() + duration * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const status = await send(agent, port, request);
        if (status === 200) done++;
        else failed++;
      }
    }),
  );
  agent.destroy();
  return { rps: done / duration, failed };
}

/** Seeds a server and signs one request per operation for it. */
async function prepare(port) {
  const vpcId = await seed(port);
  return {
    DescribeVpcs: await sign(port, 'ec2', 'POST', '/', {}, 'Action=DescribeVpcs&Version=2016-11-15', {
      'content-type': 'application/x-www-form-urlencoded',
    }),
    ListObjectsV2: await sign(port, 's3', 'GET', '/bench-bucket', { 'list-type': '2', prefix: 'photos/' }, undefined, {
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
    }),
    GetObject: await sign(port, 's3', 'GET', '/bench-bucket/photos/007.jpg', {}, undefined, {
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
    }),
    PutObject: await sign(port, 's3', 'PUT', '/bench-bucket/uploads/new.jpg', {}, 'y'.repeat(10 * 1024), {
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
      'content-type': 'image/jpeg',
    }),
    CreateTags: await sign(
      port,
      'ec2',
      'POST',
      '/',
      {},
      `Action=CreateTags&ResourceId.1=${vpcId}&Tag.1.Key=Name&Tag.1.Value=bench&Version=2016-11-15`,
      { 'content-type': 'application/x-www-form-urlencoded' },
    ),
  };
}

async function benchServer(port) {
  const operations = await prepare(port);
  const results = {};
  for (const [name, request] of Object.entries(operations)) {
    await measure(port, request, 1); // warm-up: JIT, connections, caches
    results[name] = await measure(port, request);
  }
  return results;
}

/** Starts `awscourse emulator` of the checkout at `root`, saving to a state file in `folder`; resolves with its port. */
async function startSandbox(root, folder) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['bin/awscourse.mjs', 'emulator', '--state', join(folder, 'sandbox.json'), '--port', String(port)],
    { cwd: root, stdio: 'ignore' },
  );
  await waitFor(`http://127.0.0.1:${port}/`);
  return { port, child };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * `BENCH_BASELINE=DIR`: this checkout against another one (its CLI built there), both saving to state files, each
 * operation measured on one and then the other, in turn, for `BENCH_ROUNDS` rounds (the order alternating), so a
 * machine whose speed drifts slows both alike. Reports each side's median and the change.
 */
async function compareWithBaseline(root, baseline) {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  const built = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: baseline, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`could not build the baseline's CLI: ${built.stderr}`);
  const folder = mkdtempSync(join(tmpdir(), 'awscourse-bench-'));
  const sides = {
    after: await startSandbox(root, join(folder, 'after')),
    before: await startSandbox(baseline, join(folder, 'before')),
  };
  try {
    const requests = { after: await prepare(sides.after.port), before: await prepare(sides.before.port) };
    const rates = Object.fromEntries(Object.keys(requests.after).map((name) => [name, { before: [], after: [] }]));
    for (let round = 0; round < rounds; round++)
      for (const name of Object.keys(requests.after))
        for (const side of round % 2 ? ['before', 'after'] : ['after', 'before']) {
          await measure(sides[side].port, requests[side][name], 0.5);
          const { rps } = await measure(sides[side].port, requests[side][name]);
          rates[name][side].push(rps);
        }
    const rows = Object.entries(rates).map(([name, { before, after }]) => {
      const change = (median(after) / median(before) - 1) * 100;
      return `| ${name} | ${median(before).toFixed(0)} | ${median(after).toFixed(0)} | ${change >= 0 ? '+' : '−'}${Math.abs(change).toFixed(0)} % |`;
    });
    const report = [
      `${concurrency} concurrent keep-alive clients, ${seconds} s per operation and side, ${rounds} rounds, medians; ` +
        `both save to a state file; baseline ${baseline}; Node ${process.versions.node}.`,
      '',
      '| operation | baseline req/s | this checkout req/s | change |',
      '| --- | ---: | ---: | ---: |',
      ...rows,
    ].join('\n');
    return { ok: true, report };
  } finally {
    sides.after.child.kill();
    sides.before.child.kill();
    rmSync(folder, { recursive: true, force: true });
  }
}

export async function run() {
  const root = new URL('../', import.meta.url);
  const build = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root.pathname, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`could not build the CLI: ${build.stderr}`);
  if (process.env.BENCH_BASELINE) return compareWithBaseline(root.pathname, process.env.BENCH_BASELINE);
  const stateFolder = mkdtempSync(join(tmpdir(), 'awscourse-bench-'));
  const hasMoto = spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).status === 0;
  const motoPort = await freePort();
  const moto = hasMoto ? spawn('moto_server', ['-p', String(motoPort), '-H', '127.0.0.1'], { stdio: 'ignore' }) : null;
  let sandbox;
  try {
    sandbox = await startSandbox(root.pathname, stateFolder);
    const ours = await benchServer(sandbox.port);
    let theirs = null;
    if (moto) {
      await waitFor(`http://127.0.0.1:${motoPort}/`);
      theirs = await benchServer(motoPort);
    }
    const rows = Object.keys(ours).map((name) => {
      const mine = ours[name];
      const reference = theirs?.[name];
      const ratio = reference ? `${(mine.rps / reference.rps).toFixed(1)}×` : 'n/a';
      return (
        `| ${name} | ${mine.rps.toFixed(0)} | ` +
        `${reference ? reference.rps.toFixed(0) : 'moto_server not installed'} | ${ratio} |`
      );
    });
    const failures = Object.values(ours).reduce((n, r) => n + r.failed, 0);
    const report = [
      `${concurrency} concurrent keep-alive clients, ${seconds} s per operation, signed once and replayed; the ` +
        `sandbox saves to a state file; Node ${process.versions.node}.`,
      '',
      '| operation | sandbox req/s | moto_server req/s | sandbox / moto |',
      '| --- | ---: | ---: | ---: |',
      ...rows,
      '',
      failures ? `${failures} sandbox requests failed.` : 'Every sandbox request answered 200.',
    ].join('\n');
    const ahead = theirs ? Object.keys(ours).every((name) => ours[name].rps > theirs[name].rps) : true;
    return { ok: failures === 0 && ahead, report };
  } finally {
    sandbox?.child.kill();
    moto?.kill();
    rmSync(stateFolder, { recursive: true, force: true });
  }
}
