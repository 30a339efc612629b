// Time to log in to a sandbox instance in Node, the code the page's terminal runs: the first login (which boots the
// instance: Amazon Linux's files, then exercise 3's user data run for real, with dnf, the metadata service and
// systemctl), a second login to the same instance (the boot is kept, so only the learner's changes are applied), a
// command on the instance (with the save of its disk), and `curl http://PUBLIC_IP/` from the learner's shell, which
// works the instance's files out again. Medians of several fresh instances. Built by bench/run.mjs with esbuild.
import { readFileSync } from 'node:fs';
import { createSandbox } from '../src/emulator/sandbox';
import { defaultAccountId } from '../src/emulator/state';
import { createLabShell } from '../src/terminal/shell';

const runs = 10;
// Run from the repository's root, as npm run bench is.
const userData = readFileSync('examples/exercise-3/user-data.sh', 'utf8');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export async function run(): Promise<{ ok: boolean; report: string }> {
  const sandbox = createSandbox();
  const shell = createLabShell({ sandbox });
  await shell.fs.writeFile('/home/learner/user-data.sh', userData);
  await shell.run(
    'aws ec2 authorize-security-group-ingress --group-name default --protocol tcp --port 80 --cidr 0.0.0.0/0',
  );
  const times = { first: [] as number[], again: [] as number[], command: [] as number[], web: [] as number[] };
  for (let i = 0; i < runs; i++) {
    const launched = await shell.run(
      'aws ec2 run-instances --image-id ami-0123456789abcdef0 --instance-type t3.micro ' +
        '--user-data file://user-data.sh --query Instances[0].[InstanceId,PublicIpAddress] --output text',
    );
    const [instanceId, address] = launched.stdout.trim().split(/\s+/);
    const login = { accountId: defaultAccountId, region: 'us-west-2', instanceId: instanceId!, user: 'ec2-user' };
    times.first.push(await timed(() => shell.enterInstance(login)));
    times.command.push(await timed(() => shell.run('echo hello > notes.txt')));
    await shell.run('exit');
    times.again.push(await timed(() => shell.enterInstance(login)));
    await shell.run('exit');
    times.web.push(await timed(() => shell.run(`curl -s http://${address}/`)));
  }
  const row = (what: string, values: number[]) => `| ${what} | ${median(values).toFixed(1)} ms |`;
  return {
    ok: true,
    report: [
      `Median of ${runs} fresh instances with exercise 3's user data (Node ${process.version}):`,
      '',
      '| step | median |',
      '| --- | ---: |',
      row('first login (boot: files, user data, cloud-init log)', times.first),
      row('a command on the instance, its disk saved', times.command),
      row('a second login (boot kept)', times.again),
      row('curl http://PUBLIC_IP/ from the learner', times.web),
    ].join('\n'),
  };
}
