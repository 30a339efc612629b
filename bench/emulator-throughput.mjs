// Requests per second of the sandbox's HTTP endpoint (`awscourse emulator`, saving to a state file as learners run
// it) for reads (DescribeVpcs, ListObjectsV2, GetObject) and writes (PutObject of a 10 kB photo, CreateTags), beside
// moto_server on the same machine in the same run, and beside the ceiling: a bare node:http server answering a fixed
// small XML body (bench/bare-http-server.mjs) to the same requests. Each request is signed once with SigV4 and
// replayed over keep-alive connections by 16 concurrent clients for a fixed time; every server gets the same load.
// moto_server is optional: without it the table says so.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

/** CPU seconds a process has used so far (user and system, all threads), from /proc; null where there is none. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return null;
  }
}

/** Linux's clock ticks per second, in which /proc counts CPU time. */
const clockTicks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/**
 * Replays `request` for `duration` seconds; with the server's `pid`, also the CPU time the server spent per answer
 * (µs), which a machine shared with other work changes far less than the rate.
 */
async function measure(port, request, duration = seconds, pid = undefined) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const cpuBefore = pid ? cpuSeconds(pid) : null;
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
  const cpuAfter = pid ? cpuSeconds(pid) : null;
  const cpuUs = cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) * 1e6) / (done + failed);
  return { rps: done / duration, failed, cpuUs };
}

/** `BENCH_OPERATIONS=DescribeVpcs,GetObject`: measure only these; all by default. */
const chosenOperations = process.env.BENCH_OPERATIONS?.split(',');

/** Seeds a server and signs one request per operation for it (the chosen ones only). */
async function prepare(port) {
  const vpcId = await seed(port);
  const operations = {
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
  return Object.fromEntries(
    Object.entries(operations).filter(([name]) => !chosenOperations || chosenOperations.includes(name)),
  );
}

/**
 * Seeds the server at `port` and measures each operation on it; with `ceilingPort`, measures the bare node:http
 * server with the same request right after, so both see the machine alike. Resolves with req/s by operation.
 */
async function benchServer(port, ceilingPort) {
  const operations = await prepare(port);
  const results = {};
  const ceiling = {};
  for (const [name, request] of Object.entries(operations)) {
    await measure(port, request, 1); // warm-up: JIT, connections, caches
    results[name] = await measure(port, request);
    if (!ceilingPort) continue;
    await measure(ceilingPort, request, 1);
    ceiling[name] = await measure(ceilingPort, request);
  }
  return { results, ceiling };
}

/** Starts the bare node:http server that gives the ceiling; resolves with its port and process. */
async function startCeiling() {
  const port = await freePort();
  const child = spawn(process.execPath, [new URL('bare-http-server.mjs', import.meta.url).pathname, String(port)], {
    stdio: 'ignore',
  });
  await waitFor(`http://127.0.0.1:${port}/`);
  return { port, child };
}

/** A share as a percentage: `12 %`. */
const percent = (part, whole) => `${((part / whole) * 100).toFixed(0)} %`;

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
    ceiling: await startCeiling(),
  };
  try {
    const requests = { after: await prepare(sides.after.port), before: await prepare(sides.before.port) };
    requests.ceiling = requests.after;
    const sideNames = ['before', 'after', 'ceiling'];
    const blank = () => Object.fromEntries(sideNames.map((side) => [side, []]));
    const rates = Object.fromEntries(Object.keys(requests.after).map((name) => [name, blank()]));
    const cpu = Object.fromEntries(Object.keys(requests.after).map((name) => [name, blank()]));
    for (let round = 0; round < rounds; round++)
      for (const name of Object.keys(requests.after))
        for (const side of round % 2 ? ['ceiling', 'before', 'after'] : ['after', 'before', 'ceiling']) {
          const { port, child } = sides[side];
          await measure(port, requests[side][name], 0.5);
          const { rps, cpuUs } = await measure(port, requests[side][name], seconds, child.pid);
          rates[name][side].push(rps);
          if (cpuUs !== null) cpu[name][side].push(cpuUs);
        }
    const change = (after, before) => {
      const percentage = (after / before - 1) * 100;
      return `${percentage >= 0 ? '+' : '−'}${Math.abs(percentage).toFixed(0)} %`;
    };
    const rows = Object.entries(rates).map(([name, rate]) => {
      const [before, after, ceiling] = sideNames.map((side) => median(rate[side]));
      return (
        `| ${name} | ${before.toFixed(0)} | ${after.toFixed(0)} | ${change(after, before)} | ${ceiling.toFixed(0)} | ` +
        `${percent(before, ceiling)} | ${percent(after, ceiling)} |`
      );
    });
    const cpuRows = Object.entries(cpu)
      .filter(([, spent]) => spent.after.length > 0)
      .map(([name, spent]) => {
        const [before, after, ceiling] = sideNames.map((side) => median(spent[side]));
        return (
          `| ${name} | ${before.toFixed(0)} | ${after.toFixed(0)} | ${change(after, before)} | ${ceiling.toFixed(0)} | ` +
          `${(before / ceiling).toFixed(1)}× | ${(after / ceiling).toFixed(1)}× |`
        );
      });
    const report = [
      `${concurrency} concurrent keep-alive clients, ${seconds} s per operation and side, ${rounds} rounds, medians; ` +
        `both save to a state file; baseline ${baseline}; the ceiling is a bare node:http server answering a fixed ` +
        `XML body to the same requests; Node ${process.versions.node}.`,
      '',
      '| operation | baseline req/s | this checkout req/s | change | bare node:http req/s | baseline / bare | ' +
        'this checkout / bare |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
      ...(cpuRows.length
        ? [
            '',
            "Each server's CPU time per answer (µs, user and system, from /proc):",
            '',
            '| operation | baseline | this checkout | change | bare node:http | baseline / bare | this checkout / bare |',
            '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
            ...cpuRows,
          ]
        : []),
    ].join('\n');
    return { ok: true, report };
  } finally {
    for (const side of Object.values(sides)) side.child.kill();
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
  let ceiling;
  try {
    sandbox = await startSandbox(root.pathname, stateFolder);
    ceiling = await startCeiling();
    const { results: ours, ceiling: bare } = await benchServer(sandbox.port, ceiling.port);
    let theirs = null;
    if (moto) {
      await waitFor(`http://127.0.0.1:${motoPort}/`);
      theirs = (await benchServer(motoPort)).results;
    }
    const rows = Object.keys(ours).map((name) => {
      const mine = ours[name];
      const reference = theirs?.[name];
      const ratio = reference ? `${(mine.rps / reference.rps).toFixed(1)}×` : 'n/a';
      return (
        `| ${name} | ${mine.rps.toFixed(0)} | ${bare[name].rps.toFixed(0)} | ${percent(mine.rps, bare[name].rps)} | ` +
        `${reference ? reference.rps.toFixed(0) : 'moto_server not installed'} | ${ratio} |`
      );
    });
    const failures = Object.values(ours).reduce((n, r) => n + r.failed, 0);
    const report = [
      `${concurrency} concurrent keep-alive clients, ${seconds} s per operation, signed once and replayed; the ` +
        `sandbox saves to a state file; the ceiling is a bare node:http server answering a fixed XML body to the same ` +
        `requests; Node ${process.versions.node}.`,
      '',
      '| operation | sandbox req/s | bare node:http req/s | sandbox / bare | moto_server req/s | sandbox / moto |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
      failures ? `${failures} sandbox requests failed.` : 'Every sandbox request answered 200.',
    ].join('\n');
    const ahead = theirs ? Object.keys(ours).every((name) => ours[name].rps > theirs[name].rps) : true;
    return { ok: failures === 0 && ahead, report };
  } finally {
    sandbox?.child.kill();
    ceiling?.child.kill();
    moto?.kill();
    rmSync(stateFolder, { recursive: true, force: true });
  }
}
