// Time per `aws` command in Node against the in-process sandbox (the same code the page's terminal runs, through
// the sandbox's SDK request handler): the first describe-vpcs (loading the EC2 model and client) and the median of
// the next runs, for a few commands the lessons type. Built by bench/run.mjs with esbuild.
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
};

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
    ].join('\n'),
  };
}
