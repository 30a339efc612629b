// Time per `aws` command in Node against the in-process sandbox (the same code the page's terminal runs, through
// the sandbox's SDK request handler): the first describe-vpcs (loading the EC2 model and client) and the median of
// the next runs, for a few commands the lessons type. Then the bytes `aws` costs in the page: esbuild bundles it
// for the browser with code splitting, minified, and each chunk is sized gzip -9 and named by the SDK package it
// holds (one per service, loaded on the service's first command). Built by bench/run.mjs with esbuild.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { createSandbox } from '../src/emulator/sandbox';
import { sandboxRequestHandler } from '../src/emulator/sdk-handler';
import { sandboxRootKey } from '../src/emulator/state';
import { runAws } from '../src/terminal/aws/aws-command';
import type { AwsFiles } from '../src/terminal/aws/files';

const budgetMs = 50;
const runs = 50;

const noFiles: AwsFiles = {
  readText: async () => undefined,
  readBytes: async () => undefined,
  write: async () => {},
  exists: async () => false,
  remove: async () => {},
  list: async () => undefined,
  stat: async () => undefined,
  setModified: async () => {},
};

/** The browser bundle of `aws`: its entry chunk and each lazily loaded chunk, by the service package in it. */
async function bundleSizes(): Promise<string[]> {
  const result = await build({
    entryPoints: ['src/terminal/aws/aws-command.ts'],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    write: false,
    metafile: true,
    outdir: '/aws-bundle',
    logLevel: 'error',
  });
  const byName = new Map(
    Object.entries(result.metafile.outputs).map(([path, output]) => [path.split('/').at(-1), output]),
  );
  const rows = result.outputFiles.map((file) => {
    const output = byName.get(file.path.split('/').at(-1));
    // Each dynamic import (a service's SDK package) is an entry point of its own to esbuild.
    const entry = output?.entryPoint ?? '';
    const service = /@aws-sdk\/(client-[a-z0-9-]+)\//.exec(entry)?.[1];
    const name = entry.endsWith('aws-command.ts')
      ? 'aws (entry: parser, formats, JMESPath, YAML)'
      : (service ?? 'shared SDK code');
    return { name, gz: gzipSync(file.contents, { level: 9 }).length };
  });
  const merged = new Map<string, number>();
  for (const { name, gz } of rows) merged.set(name, (merged.get(name) ?? 0) + gz);
  return [...merged].sort((a, b) => b[1] - a[1]).map(([name, gz]) => `| ${name} | ${(gz / 1024).toFixed(1)} kB |`);
}

export async function run(): Promise<{ ok: boolean; report: string }> {
  const requestHandler = sandboxRequestHandler(createSandbox());
  const env = {
    HOME: '/home/learner',
    AWS_ACCESS_KEY_ID: sandboxRootKey.accessKeyId,
    AWS_SECRET_ACCESS_KEY: sandboxRootKey.secretAccessKey,
    AWS_DEFAULT_REGION: 'us-west-2',
  };
  const time = async (argv: string[]) => {
    const start = performance.now();
    const code = await runAws({ argv, env, files: noFiles, stdout: () => {}, stderr: () => {}, requestHandler });
    if (code !== 0) throw new Error(`aws ${argv.join(' ')} exited ${code}`);
    return performance.now() - start;
  };
  const commands = [
    ['ec2', 'describe-vpcs'],
    ['ec2', 'describe-subnets', '--output', 'table'],
    ['sts', 'get-caller-identity', '--query', 'Account', '--output', 'text'],
    ['iam', 'list-users'],
  ];
  const rows: string[] = [];
  let describeMedian = Number.POSITIVE_INFINITY;
  for (const argv of commands) {
    const first = await time(argv);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await time(argv));
    times.sort((a, b) => a - b);
    const median = times[Math.floor(runs / 2)]!;
    if (argv[1] === 'describe-vpcs') describeMedian = median;
    rows.push(
      `| aws ${argv.join(' ')} | ${first.toFixed(0)} ms | ${median.toFixed(1)} ms | ${times.at(-1)!.toFixed(1)} ms |`,
    );
  }
  const ok = describeMedian < budgetMs;
  return {
    ok,
    report: [
      `| command | first run | median of next ${runs} | slowest |`,
      '| --- | ---: | ---: | ---: |',
      ...rows,
      '',
      `aws ec2 describe-vpcs: median ${describeMedian.toFixed(1)} ms (budget ${budgetMs} ms): ${ok ? 'within budget' : 'OVER BUDGET'}.`,
      '',
      '| browser chunk | gzip -9 |',
      '| --- | ---: |',
      ...(await bundleSizes()),
    ].join('\n'),
  };
}
