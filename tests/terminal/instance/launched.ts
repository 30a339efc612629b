import { createSandbox } from '../../../src/emulator/sandbox';
import { defaultAccountId } from '../../../src/emulator/state';
import { createLabShell, type LabShell } from '../../../src/terminal/shell';
import type { TerminalIo } from '../../../src/terminal/terminal-io';

/** Exercise 3's user data: installs Apache, writes a page from the metadata service, starts the server. */
export const exercise3UserData = `#!/bin/bash
dnf install -y httpd
TOKEN=$(curl -sX PUT http://169.254.169.254/latest/api/token \\
  -H 'X-aws-ec2-metadata-token-ttl-seconds: 21600')
md() { curl -s -H "X-aws-ec2-metadata-token: $TOKEN" "http://169.254.169.254/latest/meta-data/$1"; }
cat > /var/www/html/index.html <<PAGE
<!doctype html><title>Ex3WebServer</title>
<h1>Hello from $(md instance-id)</h1>
<p>Availability Zone: $(md placement/availability-zone)</p>
PAGE
systemctl enable --now httpd
`;

/**
 * A lab shell and its sandbox with one instance launched by `aws ec2 run-instances` in the shell (with `userData`
 * as its user data, when given, `extra` options, after the lines `before`), and a way to log in to it as ssh would.
 */
export async function launchedInShell(
  userData?: string,
  options: { extra?: string; before?: string[]; io?: () => TerminalIo } = {},
) {
  const { extra = '', before = [], io } = options;
  const sandbox = createSandbox();
  const shell = createLabShell({ sandbox, ...(io ? { io } : {}) });
  for (const line of before) {
    const result = await shell.run(line);
    if (result.exitCode !== 0) throw new Error(result.stderr);
  }
  if (userData !== undefined) await shell.fs.writeFile('/home/learner/user-data.sh', userData);
  const launched = await shell.run(
    'aws ec2 run-instances --image-id resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64 ' +
      `--instance-type t3.micro ${userData === undefined ? '' : '--user-data file://user-data.sh'} ${extra} ` +
      '--query Instances[0].InstanceId --output text',
  );
  const instanceId = launched.stdout.trim();
  if (!instanceId.startsWith('i-')) throw new Error(launched.stderr);
  const login = { accountId: defaultAccountId, region: 'us-west-2', instanceId, user: 'ec2-user' };
  const logIn = () => shell.enterInstance(login);
  return { sandbox, shell, instanceId, login, logIn };
}

/** The instance as the sandbox holds it. */
export function storedInstance(sandbox: ReturnType<typeof createSandbox>, instanceId: string) {
  return sandbox.state.accounts[defaultAccountId]!.regions['us-west-2']!.instances[instanceId]!;
}

export type { LabShell };
