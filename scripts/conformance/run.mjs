#!/usr/bin/env node
// `npm run conformance`: runs scenario.py (boto3 and the AWS CLI) against the sandbox's HTTP endpoint and against
// moto_server, compares status codes, error codes and response shapes step by step, and writes
// docs/conformance.md. Needs python3 with boto3 and moto[server], and the `aws` command. Not part of `npm test`.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const root = new URL('../../', import.meta.url);
const knownDifferences = JSON.parse(readFileSync(new URL('known-differences.json', import.meta.url), 'utf8'));

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function require(command, args, hint) {
  const probe = spawnSync(command, args, { encoding: 'utf8' });
  if (probe.status !== 0) {
    process.stderr.write(`conformance: ${hint}\n`);
    process.exit(2);
  }
}

async function waitFor(url) {
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`${url} did not come up`);
}

/** Key paths present in one shape and not the other: `+Path` only in the sandbox's answer, `-Path` only in moto's. */
function shapeDifference(mine, theirs, path = '') {
  if (mine === null || theirs === null || typeof mine !== 'object' || typeof theirs !== 'object') {
    return JSON.stringify(mine) === JSON.stringify(theirs) ? [] : [`~${path || '(value)'}`];
  }
  if (Array.isArray(mine) || Array.isArray(theirs)) {
    if (!Array.isArray(mine) || !Array.isArray(theirs)) return [`~${path}`];
    if (!mine.length || !theirs.length) return [];
    return shapeDifference(mine[0], theirs[0], `${path}[]`);
  }
  const out = [];
  for (const key of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
    const at = path ? `${path}.${key}` : key;
    if (!(key in theirs)) out.push(`+${at}`);
    else if (!(key in mine)) out.push(`-${at}`);
    else out.push(...shapeDifference(mine[key], theirs[key], at));
  }
  return out;
}

function runScenario(endpoint) {
  const done = spawnSync('python3', [new URL('scenario.py', import.meta.url).pathname, endpoint], { encoding: 'utf8', cwd: root.pathname });
  if (done.status !== 0) throw new Error(`scenario failed against ${endpoint}:\n${done.stderr}`);
  return done.stdout.trim().split('\n').map((line) => JSON.parse(line));
}

require('python3', ['-c', 'import boto3, moto'], 'python3 with boto3 and moto is needed (pip install boto3 "moto[server]").');
require('aws', ['--version'], 'the AWS CLI ("aws") is needed.');

const [sandboxPort, motoPort] = [await freePort(), await freePort()];
const sandbox = spawn(process.execPath, [new URL('bin/awscourse.mjs', root).pathname, 'emulator', '--port', String(sandboxPort)], { stdio: 'ignore' });
const moto = spawn('moto_server', ['-p', String(motoPort), '-H', '127.0.0.1'], { stdio: 'ignore' });
try {
  await waitFor(`http://127.0.0.1:${sandboxPort}/`);
  await waitFor(`http://127.0.0.1:${motoPort}/`);
  const ours = runScenario(`http://127.0.0.1:${sandboxPort}`);
  const theirs = runScenario(`http://127.0.0.1:${motoPort}`);
  const rows = [];
  let unexplained = 0;
  for (const [index, mine] of ours.entries()) {
    const reference = theirs[index];
    const same = JSON.stringify(mine) === JSON.stringify(reference);
    const summary = (line) => [line.status ?? `exit ${line.exit}`, line.code ?? ''].filter(Boolean).join(' ');
    const differences = same ? [] : shapeDifference(mine.shape ?? null, reference?.shape ?? null);
    const shapeNote = differences.length ? `shape: ${differences.join(' ')}` : '';
    const reason = same ? '' : knownDifferences[mine.step] ?? '';
    if (!same && !reason) unexplained++;
    rows.push(`| ${mine.step} | ${summary(mine)} | ${summary(reference ?? {})} | ${same ? 'same' : [shapeNote, reason || '**unexplained**'].filter(Boolean).join('; ')} |`);
  }
  const sameCount = rows.filter((row) => row.endsWith('| same |')).length;
  const report = [
    '# Conformance: the sandbox endpoint against moto_server',
    '',
    'Written by `npm run conformance` (scripts/conformance). The same scenario — boto3 calls, then AWS CLI',
    'commands — runs against `awscourse emulator` and against `moto_server`; each step compares the HTTP status,',
    'the error code and the shape of the answer (keys and types, not values). moto is a reference, not the truth:',
    'where the sandbox deliberately follows AWS and moto does not, the reason is given.',
    '',
    `Steps: ${ours.length}; identical: ${sameCount}; different with a reason: ${ours.length - sameCount - unexplained}; unexplained: ${unexplained}.`,
    '',
    '| step | sandbox | moto | verdict |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
  writeFileSync(new URL('docs/conformance.md', root), report);
  process.stdout.write(`${report}\n`);
  process.exitCode = unexplained ? 1 : 0;
} finally {
  sandbox.kill();
  moto.kill();
}
