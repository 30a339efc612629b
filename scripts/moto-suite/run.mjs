#!/usr/bin/env node
// `npm run moto-suite [-- [--only moto|sandbox] [NAME...]]`: runs moto 5.2.1's own tests for the services the course
// uses, in server mode, against moto_server and against the sandbox, and writes docs/moto-suite.md: per file, how
// many pass on each, and every test that passes on moto but not on the sandbox, grouped and explained from
// explanations.json. NAME picks files by part of their path (`test_sts`); `--only` runs one side, keeping the other
// side's last results; `--report` only writes the report from the last results. Results are kept in scripts/moto-suite/.results/ between runs. Needs python3 with moto[server],
// pytest, pytest-timeout and freezegun, and moto's tests (MOTO_TESTS, or a git clone of getmoto/moto in MOTO_REPO).
// Not part of `npm test`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { XMLParser } from 'fast-xml-parser';
import { waitFor } from '../local-servers.mjs';
import { causeOf, explain, isMissingOperation } from './triage.mjs';

const root = new URL('../../', import.meta.url);
const here = new URL('./', import.meta.url);
const motoVersion = '5.2.1';

/** The 19 files: EC2 networking, instances, key pairs, tags, regions and zones, EC2 in CloudFormation, IAM, STS,
 * S3, Rekognition and SSM's default AMIs, about 900 tests. */
export const suiteFiles = [
  'tests/test_ec2/test_vpcs.py',
  'tests/test_ec2/test_subnets.py',
  'tests/test_ec2/test_internet_gateways.py',
  'tests/test_ec2/test_route_tables.py',
  'tests/test_ec2/test_security_groups.py',
  'tests/test_ec2/test_instances.py',
  'tests/test_ec2/test_key_pairs.py',
  'tests/test_ec2/test_tags.py',
  'tests/test_ec2/test_regions.py',
  'tests/test_ec2/test_availability_zones_and_regions.py',
  'tests/test_ec2/test_ec2_cloudformation.py',
  'tests/test_ec2/test_security_groups_cloudformation.py',
  'tests/test_iam/test_iam.py',
  'tests/test_iam/test_iam_groups.py',
  'tests/test_iam/test_iam_policies.py',
  'tests/test_sts/test_sts.py',
  'tests/test_s3/test_s3.py',
  'tests/test_rekognition/test_rekognition.py',
  'tests/test_ssm/test_ssm_default_amis.py',
];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { only: { type: 'string' }, report: { type: 'boolean', default: false } },
});
const targets = values.report ? [] : values.only ? [values.only] : ['moto', 'sandbox'];
if (!targets.every((target) => ['moto', 'sandbox'].includes(target))) fail('--only takes moto or sandbox.');
const files = positionals.length ? suiteFiles.filter((f) => positionals.some((name) => f.includes(name))) : suiteFiles;
if (!files.length)
  fail(`no file of the suite matches ${positionals.join(', ')}; the files are:\n${suiteFiles.join('\n')}`);
const port = Number(process.env.MOTO_SUITE_PORT ?? 5000);
const resultsDir = new URL('.results/', here).pathname;

function fail(message) {
  process.stderr.write(`moto-suite: ${message}\n`);
  process.exit(2);
}

/** moto's tests at the release the suite is pinned to: MOTO_TESTS, or extracted from a git clone (MOTO_REPO). */
function motoTests() {
  const dir = process.env.MOTO_TESTS ?? join(tmpdir(), `moto-${motoVersion}`);
  if (existsSync(join(dir, 'tests/__init__.py'))) return dir;
  const repo = process.env.MOTO_REPO ?? '/work/.mirror/getmoto+moto/repo';
  mkdirSync(dir, { recursive: true });
  const archive = spawnSync('sh', ['-c', `git -C "${repo}" archive ${motoVersion} tests | tar -x -C "${dir}"`]);
  if (archive.status !== 0)
    fail(
      `moto's tests were not found in ${dir}. Set MOTO_TESTS to a checkout of getmoto/moto ${motoVersion}, or ` +
        `MOTO_REPO to a git clone of it (git clone https://github.com/getmoto/moto).`,
    );
  return dir;
}

function requirePython() {
  const probe = spawnSync(
    'python3',
    ['-c', 'import moto, pytest, pytest_timeout, freezegun; print(moto.__version__)'],
    {
      encoding: 'utf8',
    },
  );
  if (probe.status !== 0) fail('python3 with moto[server], pytest, pytest-timeout and freezegun is needed.');
  if (probe.stdout.trim() !== motoVersion)
    process.stderr.write(`moto-suite: moto ${probe.stdout.trim()} is installed; the tests are ${motoVersion}'s.\n`);
}

/** Fails when something already listens on the port the tests will talk to. */
async function requireFreePort() {
  const taken = await new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    }).on('error', () => resolve(false));
  });
  if (taken) fail(`port ${port} is in use; stop what listens there or set MOTO_SUITE_PORT.`);
}

/** Starts the server a pass runs against on `port`; resolves with a function that stops it and waits until it has. */
async function startTarget(target) {
  await requireFreePort();
  let child;
  if (target === 'moto') {
    child = spawn('moto_server', ['-p', String(port), '-H', '127.0.0.1'], { stdio: 'ignore' });
  } else {
    const outfile = new URL('.build/sandbox-server.mjs', here).pathname;
    await build({
      entryPoints: [new URL('sandbox-server.ts', here).pathname],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'warning',
    });
    child = spawn(process.execPath, [outfile, String(port)], { stdio: 'ignore' });
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await waitFor(`http://127.0.0.1:${port}/`, 150);
  return () => {
    child.kill();
    return exited;
  };
}

/** Runs the files with pytest in server mode; resolves with the JUnit report's path. */
function runPytest(target, testsDir) {
  mkdirSync(resultsDir, { recursive: true });
  const junit = join(resultsDir, `${target}.xml`);
  const log = join(resultsDir, `${target}.log`);
  const args = [
    '-m',
    'pytest',
    '-p',
    'no:cacheprovider',
    '-p',
    'moto_suite_plugin',
    '-o',
    'junit_family=xunit1',
    '--timeout',
    '120',
    '-q',
    `--junitxml=${junit}`,
    ...files,
  ];
  return new Promise((resolve) => {
    const child = spawn('python3', args, {
      cwd: testsDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        TEST_SERVER_MODE: 'true',
        TEST_SERVER_MODE_ENDPOINT: `http://localhost:${port}`,
        PYTHONPATH: [here.pathname, process.env.PYTHONPATH].filter(Boolean).join(':'),
      },
    });
    const out = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => out.push(chunk));
    child.on('close', () => {
      writeFileSync(log, Buffer.concat(out));
      resolve(junit);
    });
  });
}

/** Each test's outcome from a JUnit report: `file::[Class::]name` → { outcome, message, verified }. */
function readJunit(path) {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    htmlEntities: true,
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  });
  const report = parser.parse(readFileSync(path, 'utf8'));
  const outcomes = {};
  for (const suite of report.testsuites?.testsuite ?? [])
    for (const test of suite.testcase ?? []) {
      const module = test.file.replace(/\.py$/, '').replaceAll('/', '.');
      const className = test.classname.slice(module.length + 1);
      const id = [test.file, className, test.name].filter(Boolean).join('::');
      const problem = test.failure ?? test.error;
      const outcome = problem ? 'failed' : test.skipped ? 'skipped' : 'passed';
      const message = problem ? String(problem.message ?? problem['#text'] ?? '').slice(0, 600) : undefined;
      const verified = (test.properties?.property ?? []).some((p) => p.name === 'aws_verified');
      outcomes[id] = { outcome, ...(message && { message }), ...(verified && { verified }) };
    }
  return outcomes;
}

/** The last results of a side, with this run's results for the files it ran put in place of theirs. */
function mergeResults(target, fresh) {
  const path = join(resultsDir, `${target}.json`);
  const kept = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
  for (const id of Object.keys(kept)) if (files.some((file) => id.startsWith(`${file}::`))) delete kept[id];
  const merged = { ...kept, ...fresh };
  writeFileSync(path, `${JSON.stringify(merged, null, 1)}\n`);
  return merged;
}

function loadResults(target) {
  const path = join(resultsDir, `${target}.json`);
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
}

function fileOf(id) {
  return id.split('::')[0];
}

/** The order of the report's groups: AWS's behaviour first, then gaps left, being built and open; larger first. */
const kindOrder = ['aws', 'left', 'building', 'open'];
function byKindThenSize([a, aList], [b, bList]) {
  return kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || bList.length - aList.length;
}

/** docs/moto-suite.md from both sides' results and the explanations. */
function writeReport(moto, sandbox) {
  const explanations = JSON.parse(readFileSync(new URL('explanations.json', here), 'utf8'));
  const ids = Object.keys(moto).sort();
  const perFile = suiteFiles.map((file) => {
    const mine = ids.filter((id) => fileOf(id) === file);
    const count = (results, outcome) => mine.filter((id) => results[id]?.outcome === outcome).length;
    return {
      file,
      tests: mine.length,
      skipped: count(moto, 'skipped'),
      moto: count(moto, 'passed'),
      sandbox: count(sandbox, 'passed'),
    };
  });
  const total = (key) => perFile.reduce((sum, row) => sum + row[key], 0);
  const regressions = ids.filter((id) => moto[id].outcome === 'passed' && sandbox[id]?.outcome !== 'passed');
  const groups = new Map();
  const unexplained = new Map();
  for (const id of regressions) {
    const cause = sandbox[id] ? causeOf(sandbox[id].message ?? '') : 'not run on the sandbox';
    const group = explain(explanations, id, cause);
    if (group) groups.set(group, [...(groups.get(group) ?? []), id]);
    else unexplained.set(cause, [...(unexplained.get(cause) ?? []), id]);
  }
  const onlySandbox = ids.filter((id) => sandbox[id]?.outcome === 'passed' && moto[id].outcome !== 'passed');
  const verified = ids.filter((id) => moto[id].verified && sandbox[id]?.outcome === 'failed');
  const verifiedImplemented = verified.filter((id) => !isMissingOperation(causeOf(sandbox[id].message ?? '')));
  const testList = (list) => list.map((id) => `- \`${id}\``);
  const unexplainedCount = [...unexplained.values()].reduce((sum, list) => sum + list.length, 0);
  const report = [
    "# moto's own tests against the sandbox",
    '',
    `Written by \`npm run moto-suite\` (scripts/moto-suite). moto ${motoVersion}'s own tests for the services the`,
    'course uses run in server mode (`TEST_SERVER_MODE=true`), once against `moto_server` and once against the',
    "sandbox's endpoint (scripts/moto-suite/sandbox-server.ts: `awscourse emulator`'s endpoint, in memory, with the",
    "key moto's tests sign with as its root key, starting afresh whenever a test calls moto's `/moto-api/reset`, and",
    "on the signed date of requests from tests that freeze the client's clock). moto is a reference, not the truth:",
    "where they disagree, AWS's documentation decides, and the explanations below say which way each group goes.",
    '',
    `Tests: ${total('tests')} (${total('skipped')} skipped by moto in server mode); moto passed ${total('moto')}; ` +
      `the sandbox passed ${total('sandbox')}. Passed on moto and not on the sandbox: ${regressions.length} ` +
      `(explained ${regressions.length - unexplainedCount}, unexplained ${unexplainedCount}). ` +
      `Passed on the sandbox and not on moto: ${onlySandbox.length}.`,
    '',
    '| file | tests | skipped | moto passed | sandbox passed |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...perFile.map((r) => `| ${r.file} | ${r.tests} | ${r.skipped} | ${r.moto} | ${r.sandbox} |`),
    `| **total** | ${total('tests')} | ${total('skipped')} | ${total('moto')} | ${total('sandbox')} |`,
    '',
    '## Passed on moto, not on the sandbox',
    '',
    'Each group is one explanation from scripts/moto-suite/explanations.json, matched by test name (and, where it',
    'says so, by the error the sandbox answered): **AWS** — AWS behaves as the sandbox does (the source is named);',
    '**left** — a gap left on purpose; **building** — a gap being built; **open** — a gap nobody is building yet.',
    '',
    ...[...groups.entries()]
      .sort(byKindThenSize)
      .flatMap(([group, list]) => [
        `### ${group.kind === 'aws' ? 'AWS' : group.kind}: ${group.why} (${list.length})`,
        '',
        ...testList(list),
        '',
      ]),
    '### Unexplained, by what the sandbox answered',
    '',
    ...(unexplained.size
      ? [...unexplained.entries()]
          .sort((a, b) => b[1].length - a[1].length)
          .flatMap(([cause, list]) => [`#### ${cause} (${list.length})`, '', ...testList(list), ''])
      : ['None.', '']),
    '## Verified against AWS and failing on the sandbox',
    '',
    "Tests moto marks `@pytest.mark.aws_verified` (run by moto's maintainers against real AWS) that fail on the",
    `sandbox: ${verified.length}, of which ${verifiedImplemented.length} use only operations the sandbox has.`,
    '',
    '| test | what the sandbox answered |',
    '| --- | --- |',
    ...verified.map((id) => `| \`${id}\` | ${causeOf(sandbox[id].message ?? '').replaceAll('|', '\\|')} |`),
    '',
  ].join('\n');
  writeFileSync(new URL('docs/moto-suite.md', root), report);
  return { report, unexplained };
}

if (targets.length) requirePython();
const testsDir = targets.length ? motoTests() : '';
for (const target of targets) {
  const stop = await startTarget(target);
  try {
    process.stdout.write(`moto-suite: ${files.length} file(s) against ${target} on port ${port}\n`);
    const junit = await runPytest(target, testsDir);
    mergeResults(target, readJunit(junit));
  } finally {
    await stop();
  }
}
const { unexplained } = writeReport(loadResults('moto'), loadResults('sandbox'));
process.stdout.write(
  `moto-suite: wrote docs/moto-suite.md; unexplained causes:\n` +
    [...unexplained.entries()]
      .sort((a, b) => b[1].length - a[1].length)
      .map(([cause, list]) => `  ${list.length}\t${cause}`)
      .join('\n') +
    '\n',
);
