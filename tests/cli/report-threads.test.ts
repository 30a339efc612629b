import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportFiles } from '../../src/cli/report-sources';
import type { ReportTaskResult } from '../../src/cli/report-tasks';
import { fewestFilesForWorker, inFileOrder } from '../../src/cli/report-threads';
import { emptyProgress, recordVerifyAttempt } from '../../src/progress/record';

let dir: string;
let listed: Awaited<ReturnType<typeof reportFiles>>;

/** A learner's record with one attempt; every seventh file is cut off, to be skipped. */
function fileText(index: number): string {
  const progress = recordVerifyAttempt(emptyProgress(`learner-${String(index).padStart(4, '0')}`, new Date(0)), {
    exercise: 'exercise-3',
    at: new Date(Date.UTC(2026, 10, 24, 10, index % 60)).toISOString(),
    mode: 'offline',
    status: 'failed',
    checks: [{ id: 'vpc', status: 'fail', message: `No VPC (${index})` }],
  });
  const text = JSON.stringify(progress);
  return index % 7 === 0 ? text.slice(0, 50) : text;
}

/**
 * The worker as the bundle has it, but self-contained (the test's folder has no node_modules), and one that marks
 * what it read, so that a test can tell which thread read what.
 */
async function buildWorkers(): Promise<{ worker: URL; marking: URL }> {
  const worker = join(dir, 'report-worker.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, '../../src/cli/report-worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: worker,
    logLevel: 'warning',
  });
  const marking = join(dir, 'marking-worker.mjs');
  await writeFile(
    marking,
    `import { parentPort } from 'node:worker_threads';
const post = parentPort.postMessage.bind(parentPort);
parentPort.postMessage = (message) =>
  post({ ...message, result: message.result.map((entry) => ({ ...entry, name: 'worker:' + entry.name })) });
await import('./report-worker.mjs');
`,
  );
  return { worker: pathToFileURL(worker), marking: pathToFileURL(marking) };
}

let workers: { worker: URL; marking: URL };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'awscourse-report-threads-'));
  await Promise.all(
    Array.from({ length: fewestFilesForWorker }, (_, index) =>
      writeFile(join(dir, `learner-${String(index).padStart(4, '0')}.json`), fileText(index)),
    ),
  );
  listed = await reportFiles([dir], '/');
  workers = await buildWorkers();
}, 60_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

/** Every run's result, in order, flattened. */
async function readAll(script?: URL) {
  const read: ReportTaskResult<'summarize'> = [];
  for await (const run of inFileOrder('summarize', listed, undefined, script)) read.push(...run);
  return read;
}

describe('reading a class on two threads', () => {
  it('gives what one thread gives, in the files’ order', async () => {
    const alone = await readAll();
    expect(alone).toHaveLength(fewestFilesForWorker);
    expect(alone.filter((entry) => 'skipped' in entry)).toHaveLength(Math.ceil(fewestFilesForWorker / 7));
    expect(await readAll(workers.worker)).toEqual(alone);
  });

  it('shares the runs between the worker and this thread', async () => {
    const names = (await readAll(workers.marking)).map((entry) => entry.name);
    const byWorker = names.filter((name) => name.startsWith('worker:'));
    expect(byWorker.length).toBeGreaterThan(0);
    expect(byWorker.length).toBeLessThan(names.length);
    expect(names.map((name) => name.replace(/^worker:/, ''))).toEqual(listed.map((entry) => entry.name));
  });

  it('reads everything here when the worker cannot start', async () => {
    const missing = pathToFileURL(join(dir, 'no-such-worker.mjs'));
    expect(await readAll(missing)).toEqual(await readAll());
  });

  it('reads a small class on this thread alone', async () => {
    const few = listed.slice(0, fewestFilesForWorker - 1);
    const names: string[] = [];
    for await (const run of inFileOrder('summarize', few, undefined, workers.marking))
      names.push(...run.map((e) => e.name));
    expect(names.filter((name) => name.startsWith('worker:'))).toEqual([]);
  });
});
