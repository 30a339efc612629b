import { Bash } from 'just-bash';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/emulator/sandbox';
import type { InstanceLogin } from '../../src/terminal/instance-login';
import { freshSession, labHome } from '../../src/terminal/shell-session';
import { createLabShell, type LabShell } from '../../src/terminal/shell';
import { sshCommand } from '../../src/terminal/ssh-command';
import type { TerminalIo } from '../../src/terminal/terminal-io';

/** Exercise 3's network and instance, built with the lesson's kind of commands: ports 22 and 80 as asked. */
async function exercise3(shell: LabShell, { ports = [22, 80], keyName = 'edx-key' as string | null } = {}) {
  const lines = [
    'VPC_ID=$(aws ec2 create-vpc --cidr-block 10.1.0.0/16 --query Vpc.VpcId --output text)',
    'SUBNET_ID=$(aws ec2 create-subnet --vpc-id $VPC_ID --cidr-block 10.1.1.0/24 --query Subnet.SubnetId --output text)',
    'IGW_ID=$(aws ec2 create-internet-gateway --query InternetGateway.InternetGatewayId --output text)',
    'aws ec2 attach-internet-gateway --internet-gateway-id $IGW_ID --vpc-id $VPC_ID',
    'RT_ID=$(aws ec2 create-route-table --vpc-id $VPC_ID --query RouteTable.RouteTableId --output text)',
    'aws ec2 create-route --route-table-id $RT_ID --destination-cidr-block 0.0.0.0/0 --gateway-id $IGW_ID',
    'aws ec2 associate-route-table --route-table-id $RT_ID --subnet-id $SUBNET_ID',
    'SG_ID=$(aws ec2 create-security-group --group-name exercise3-sg --description exercise3-sg --vpc-id $VPC_ID ' +
      '--query GroupId --output text)',
    ...ports.map(
      (port) =>
        `aws ec2 authorize-security-group-ingress --group-id $SG_ID --protocol tcp --port ${port} --cidr 0.0.0.0/0`,
    ),
    'aws ec2 create-key-pair --key-name edx-key --query KeyMaterial --output text > edx-key.pem',
    'AMI_ID=$(aws ssm get-parameter --name /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64 ' +
      '--query Parameter.Value --output text)',
    `IP=$(aws ec2 run-instances --image-id $AMI_ID --instance-type t2.micro ${keyName ? `--key-name ${keyName}` : ''} ` +
      '--subnet-id $SUBNET_ID --security-group-ids $SG_ID --associate-public-ip-address ' +
      '--query Instances[0].InstanceId --output text)',
    'IP=$(aws ec2 describe-instances --instance-ids $IP --query Reservations[0].Instances[0].PublicIpAddress ' +
      '--output text)',
  ];
  for (const line of lines) {
    const result = await shell.run(line);
    if (result.exitCode !== 0) throw new Error(`${line}: ${result.stderr}`);
  }
  return shell.session().env.IP!;
}

/** A lab shell on a new sandbox, and an ssh over its files that records each login and answers its questions. */
async function lab(options: Parameters<typeof exercise3>[1] & { answers?: (string | undefined)[] } = {}) {
  const clock = { ahead: 0 };
  const sandbox = createSandbox({ now: () => new Date(Date.now() + clock.ahead) });
  const shell = createLabShell({ sandbox });
  const ip = await exercise3(shell, options);
  const logins: InstanceLogin[] = [];
  const questions: string[] = [];
  const answers = [...(options.answers ?? ['yes'])];
  const io: TerminalIo = {
    prompt: async (question) => {
      questions.push(question);
      return answers.shift();
    },
  };
  const ssh = sshCommand(
    () => Promise.resolve(sandbox),
    () => io,
    async (login) => void logins.push(login),
  );
  const bash = new Bash({ fs: shell.fs, cwd: labHome, env: freshSession().env, customCommands: [ssh] });
  const run = (line: string) => bash.exec(line, { env: { ...shell.session().env }, cwd: labHome, replaceEnv: true });
  return { sandbox, shell, ip, logins, questions, run, clock };
}

const denied = (ip: string, user = 'ec2-user') =>
  `${user}@${ip}: Permission denied (publickey,gssapi-keyex,gssapi-with-mic).\n`;

/** The course's hint lines of a run's stderr. */
const hints = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('hint: '));

/**
 * Each test builds exercise 3 with a dozen aws commands, and the file's first also loads the CLI and the SDK: on the
 * shared 2-core machine that can pass vitest's 5 s default, so these wait longer (a wait, not a timing budget).
 */
const building = { timeout: 30_000 };

describe('ssh in the lab shell', building, () => {
  it("connects as ec2-user with the key pair's private key once its mode is 0400, and records the host", async () => {
    const { ip, logins, run, shell, sandbox } = await lab();
    await run('chmod 400 edx-key.pem');
    const result = await run(`ssh -i edx-key.pem ec2-user@${ip}`);
    expect(result).toMatchObject({ exitCode: 0, stdout: '' });
    expect(result.stderr).toBe(`Warning: Permanently added '${ip}' (ED25519) to the list of known hosts.\n`);
    const instance = Object.values(sandbox.state.accounts)
      .flatMap((account) => Object.values(account.regions))
      .flatMap((region) => Object.values(region.instances))[0]!;
    expect(logins).toEqual([
      { accountId: expect.any(String), region: 'us-west-2', instanceId: instance.instanceId, user: 'ec2-user' },
    ]);
    expect(await shell.fs.readFile(`${labHome}/.ssh/known_hosts`)).toMatch(new RegExp(`^${ip} ssh-ed25519 AAAA`));
  });

  it('asks about an unknown host key in OpenSSH words, with the fingerprint, and does not ask again', async () => {
    const { ip, questions, run } = await lab();
    await run('chmod 400 edx-key.pem');
    await run(`ssh -i edx-key.pem ec2-user@${ip}`);
    expect(questions).toEqual([
      `The authenticity of host '${ip} (${ip})' can't be established.\n` +
        `ED25519 key fingerprint is ${questions[0]!.match(/SHA256:[A-Za-z0-9+/]{43}/)![0]}.\n` +
        'This key is not known by any other names.\n' +
        'Are you sure you want to continue connecting (yes/no/[fingerprint])? ',
    ]);
    expect((await run(`ssh -i edx-key.pem ec2-user@${ip}`)).stderr).toBe('');
    expect(questions).toHaveLength(1);
  });

  it('refuses the host key when the learner answers no, exit 255, and records nothing', async () => {
    const { ip, logins, run, shell } = await lab({ answers: ['no'] });
    await run('chmod 400 edx-key.pem');
    const result = await run(`ssh -i edx-key.pem ec2-user@${ip}`);
    expect(result.exitCode).toBe(255);
    expect(result.stderr).toMatch(/^Host key verification failed\.\nhint: /);
    expect(logins).toEqual([]);
    expect(await shell.fs.exists(`${labHome}/.ssh/known_hosts`)).toBe(false);
  });

  it('shows what ssh printed before the question above it, as the real one does', async () => {
    const { ip, questions, run } = await lab();
    const result = await run(`ssh -i nokey.pem ec2-user@${ip}`);
    expect(questions[0]).toMatch(
      /^Warning: Identity file nokey\.pem not accessible: No such file or directory\.\nThe authenticity of host /,
    );
    expect(result.stderr).not.toContain('not accessible');
  });

  it('asks again until the answer is yes, no or the fingerprint', async () => {
    const { ip, questions, run } = await lab({ answers: ['maybe', 'yes'] });
    await run('chmod 400 edx-key.pem');
    expect((await run(`ssh -i edx-key.pem ec2-user@${ip}`)).exitCode).toBe(0);
    expect(questions[1]).toBe("Please type 'yes', 'no' or the fingerprint: ");
  });

  it('adds the key without asking with -o StrictHostKeyChecking=accept-new', async () => {
    const { ip, questions, run } = await lab();
    await run('chmod 400 edx-key.pem');
    const result = await run(`ssh -o StrictHostKeyChecking=accept-new -i edx-key.pem ec2-user@${ip}`);
    expect(result.exitCode).toBe(0);
    expect(questions).toEqual([]);
  });

  it('keeps no known host with -o UserKnownHostsFile=/dev/null', async () => {
    const { ip, run, shell } = await lab();
    await run('chmod 400 edx-key.pem');
    await run(`ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -i edx-key.pem ec2-user@${ip}`);
    expect(await shell.fs.exists(`${labHome}/.ssh/known_hosts`)).toBe(false);
  });

  it('warns that the remote host identification has changed when another instance holds a known address', async () => {
    const { ip, run } = await lab();
    await run('chmod 400 edx-key.pem');
    await run(
      `echo "${ip} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOtherInstanceKeyOtherInstanceKeyOtherInstan" > ~/.ssh/known_hosts`,
    );
    const result = await run(`ssh -i edx-key.pem ec2-user@${ip}`);
    expect(result.exitCode).toBe(255);
    expect(result.stderr).toContain('@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n');
    expect(result.stderr).toContain(`Offending ED25519 key in ${labHome}/.ssh/known_hosts:1\n`);
    expect(result.stderr).toContain(`Host key for ${ip} has changed and you have requested strict checking.\n`);
    expect(hints(result.stderr)).toEqual([expect.stringContaining(`sed -i '1d' ${labHome}/.ssh/known_hosts`)]);
  });

  it('refuses an unknown host key without asking with -o StrictHostKeyChecking=yes', async () => {
    const { ip, questions, run } = await lab();
    const result = await run(`ssh -o StrictHostKeyChecking=yes -i edx-key.pem ec2-user@${ip}`);
    expect(result.exitCode).toBe(255);
    expect(result.stderr).toMatch(
      new RegExp(
        `^No ED25519 host key is known for ${ip} and you have requested strict checking\\.\\nHost key verification failed\\.\\n`,
      ),
    );
    expect(questions).toEqual([]);
  });

  it('fails host key verification where no one can answer the question', async () => {
    const sandbox = createSandbox();
    const shell = createLabShell({ sandbox });
    const ip = await exercise3(shell);
    const result = await shell.run(`chmod 400 edx-key.pem; ssh -i edx-key.pem ec2-user@${ip}`);
    expect(result.exitCode).toBe(255);
    expect(result.stderr).toMatch(/^Host key verification failed\.\nhint: /);
  });

  it('goes on after the changed-key warning with -o StrictHostKeyChecking=no', async () => {
    const { ip, run, logins } = await lab();
    await run('chmod 400 edx-key.pem');
    await run(`mkdir -p ~/.ssh; echo "${ip} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOther" > ~/.ssh/known_hosts`);
    const result = await run(`ssh -o StrictHostKeyChecking=no -i edx-key.pem ec2-user@${ip}`);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('Password authentication is disabled to avoid man-in-the-middle attacks.\n');
    expect(logins).toHaveLength(1);
  });

  it('passes the remote command on to the instance', async () => {
    const { ip, logins, run } = await lab();
    await run('chmod 400 edx-key.pem');
    await run(`ssh -T -i edx-key.pem ec2-user@${ip} 'cat /etc/os-release'`);
    expect(logins[0]).toMatchObject({ command: 'cat /etc/os-release' });
  });

  it('reads -o IdentityFile=~/KEY from the home directory, as ssh expands it', async () => {
    const { ip, run } = await lab();
    await run('chmod 400 edx-key.pem');
    const result = await run(`ssh -o StrictHostKeyChecking=accept-new -o 'IdentityFile=~/edx-key.pem' ec2-user@${ip}`);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).not.toContain('not accessible');
  });

  it('takes the user from -l', async () => {
    const { ip, logins, run } = await lab();
    await run('chmod 600 edx-key.pem');
    expect((await run(`ssh -i edx-key.pem -l ec2-user -p 22 ${ip}`)).exitCode).toBe(0);
    expect(logins[0]).toMatchObject({ user: 'ec2-user' });
  });

  it('prints a few debug1 lines with -v', async () => {
    const { ip, run } = await lab();
    await run('chmod 400 edx-key.pem');
    const { stderr } = await run(`ssh -v -o StrictHostKeyChecking=accept-new -i edx-key.pem ec2-user@${ip}`);
    expect(stderr).toMatch(/^OpenSSH_/);
    expect(stderr).toContain(`debug1: Connecting to ${ip} [${ip}] port 22.\n`);
    expect(stderr).toContain('debug1: Authentication succeeded (publickey).\n');
  });
});

describe('ssh refusing a connection', building, () => {
  it('times out when no security group lets port 22 in, and says which group', async () => {
    const { ip, run, logins } = await lab({ ports: [80] });
    await run('chmod 400 edx-key.pem');
    const result = await run(`ssh -i edx-key.pem ec2-user@${ip}`);
    expect(result.exitCode).toBe(255);
    expect(result.stderr).toMatch(new RegExp(`^ssh: connect to host ${ip} port 22: Connection timed out\\n`));
    expect(hints(result.stderr)).toEqual([
      expect.stringMatching(/^hint: No security group of i-\w+ \(sg-\w+\) lets tcp\/22 in/),
    ]);
    expect(logins).toEqual([]);
  });

  it("times out when the subnet's route to the internet is gone, naming the route table", async () => {
    const { ip, run, shell } = await lab();
    await shell.run('aws ec2 delete-route --route-table-id $RT_ID --destination-cidr-block 0.0.0.0/0');
    const result = await run(`ssh -i edx-key.pem ec2-user@${ip}`);
    expect(result.stderr).toContain('Connection timed out');
    expect(hints(result.stderr)[0]).toMatch(/route table rtb-\w+ of subnet subnet-\w+ has no route to the internet/);
  });

  it('cannot resolve a name that is not an address', async () => {
    const { run } = await lab();
    const result = await run('ssh -i edx-key.pem ec2-user@my-web-server');
    expect(result.exitCode).toBe(255);
    expect(result.stderr).toMatch(/^ssh: Could not resolve hostname my-web-server: Name or service not known\n/);
    expect(hints(result.stderr)).toEqual([expect.stringContaining("use the instance's public IPv4 address")]);
  });

  it('is refused on a port other than 22', async () => {
    const { ip, run } = await lab({ ports: [22, 2222] });
    const result = await run(`ssh -p 2222 -i edx-key.pem ec2-user@${ip}`);
    expect(result.stderr).toMatch(new RegExp(`^ssh: connect to host ${ip} port 2222: Connection refused\\n`));
  });

  it("warns of an unprotected private key at create-key-pair's mode 0644 and hints chmod 400", async () => {
    const { ip, run, logins } = await lab();
    const result = await run(`ssh -o StrictHostKeyChecking=accept-new -i edx-key.pem ec2-user@${ip}`);
    expect(result.exitCode).toBe(255);
    expect(result.stderr).toBe(
      `Warning: Permanently added '${ip}' (ED25519) to the list of known hosts.\n` +
        '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n' +
        '@         WARNING: UNPROTECTED PRIVATE KEY FILE!          @\n' +
        '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n' +
        "Permissions 0644 for 'edx-key.pem' are too open.\n" +
        'It is required that your private key files are NOT accessible by others.\n' +
        'This private key will be ignored.\n' +
        'Load key "edx-key.pem": bad permissions\n' +
        denied(ip) +
        'hint: ssh ignores a private key that others can read: make it yours alone with chmod 400 edx-key.pem, ' +
        'then run ssh again.\n',
    );
    expect(logins).toEqual([]);
  });

  it('warns of a key file that does not exist', async () => {
    const { ip, run } = await lab();
    const result = await run(`ssh -o StrictHostKeyChecking=accept-new -i nokey.pem ec2-user@${ip}`);
    expect(result.stderr).toMatch(/^Warning: Identity file nokey.pem not accessible: No such file or directory\.\n/);
    expect(result.stderr).toContain(denied(ip));
    expect(hints(result.stderr)).toEqual([expect.stringContaining('nokey.pem does not exist')]);
  });

  it('cannot load a file that is not a private key', async () => {
    const { ip, run } = await lab();
    await run('echo not a key > k.pem && chmod 400 k.pem');
    const result = await run(`ssh -o StrictHostKeyChecking=accept-new -i k.pem ec2-user@${ip}`);
    expect(result.stderr).toContain(`Load key "k.pem": invalid format\n${denied(ip)}`);
    expect(hints(result.stderr)).toEqual([expect.stringContaining('k.pem is not a private key')]);
  });

  it("denies another key pair's private key, naming the instance's key pair", async () => {
    const { ip, run, shell } = await lab();
    await shell.run('aws ec2 create-key-pair --key-name other --query KeyMaterial --output text > other.pem');
    await run('chmod 400 other.pem');
    const result = await run(`ssh -o StrictHostKeyChecking=accept-new -i other.pem ec2-user@${ip}`);
    expect(result.exitCode).toBe(255);
    expect(result.stderr).toContain(denied(ip));
    expect(hints(result.stderr)).toEqual([
      expect.stringMatching(/^hint: other\.pem is not the private key of key pair edx-key, which i-\w+ was launched/),
    ]);
  });

  it('connects with an ED25519 key pair in OpenSSH format', async () => {
    const { run, shell, logins } = await lab();
    await shell.run(
      'aws ec2 create-key-pair --key-name ed --key-type ed25519 --query KeyMaterial --output text > ed.pem',
    );
    const launched = await shell.run(
      'aws ec2 run-instances --image-id $AMI_ID --key-name ed --subnet-id $SUBNET_ID --security-group-ids $SG_ID ' +
        '--associate-public-ip-address --query Instances[0].PublicIpAddress --output text',
    );
    await run('chmod 400 ed.pem');
    const result = await run(`ssh -o StrictHostKeyChecking=no -i ed.pem ec2-user@${launched.stdout.trim()}`);
    expect(result.exitCode).toBe(0);
    expect(logins).toHaveLength(1);
  });

  it("denies the ED25519 key of a key pair made again under the instance's key pair's name", async () => {
    const { run, shell, clock } = await lab();
    await shell.run('aws ec2 create-key-pair --key-name ed --key-type ed25519');
    const launched = await shell.run(
      'aws ec2 run-instances --image-id $AMI_ID --key-name ed --subnet-id $SUBNET_ID --security-group-ids $SG_ID ' +
        '--associate-public-ip-address --query Instances[0].PublicIpAddress --output text',
    );
    await shell.run('aws ec2 delete-key-pair --key-name ed');
    clock.ahead = 2000;
    await shell.run(
      'aws ec2 create-key-pair --key-name ed --key-type ed25519 --query KeyMaterial --output text > ed.pem',
    );
    await run('chmod 400 ed.pem');
    const result = await run(`ssh -o StrictHostKeyChecking=no -i ed.pem ec2-user@${launched.stdout.trim()}`);
    expect(hints(result.stderr)).toEqual([expect.stringContaining('Key pair ed was made again after i-')]);
  });

  it('denies every key to an instance launched without a key pair', async () => {
    const { ip, run } = await lab({ keyName: null });
    await run('chmod 400 edx-key.pem');
    const result = await run(`ssh -o StrictHostKeyChecking=no -i edx-key.pem ec2-user@${ip}`);
    expect(result.stderr).toContain(denied(ip));
    expect(hints(result.stderr)).toEqual([expect.stringMatching(/launched without a key pair/)]);
  });

  it("denies the IAM user's name and says the instance's user is ec2-user (exercise 4's note)", async () => {
    const { ip, run, shell } = await lab();
    await shell.run('aws iam create-user --user-name edx');
    await run('chmod 400 edx-key.pem');
    const result = await run(`ssh -o StrictHostKeyChecking=no -i edx-key.pem edx@${ip}`);
    expect(result.stderr).toContain(denied(ip, 'edx'));
    expect(hints(result.stderr)).toEqual([
      'hint: Log in as ec2-user: the IAM user you created (edx) is for the AWS APIs, not for the ' +
        "instance's operating system.",
    ]);
  });

  it("denies the learner's own user name when none is given", async () => {
    const { ip, run } = await lab();
    await run('chmod 400 edx-key.pem');
    const result = await run(`ssh -o StrictHostKeyChecking=no -i edx-key.pem ${ip}`);
    expect(result.stderr).toContain(denied(ip, 'learner'));
    expect(hints(result.stderr)[0]).toMatch(/^hint: Log in as ec2-user, the user of i-\w+'s image \(Amazon Linux 2023/);
  });

  it('refuses an unknown option with the usage lines', async () => {
    const { run } = await lab();
    const result = await run('ssh -Z host');
    expect(result.exitCode).toBe(255);
    expect(result.stderr).toMatch(/^ssh: illegal option -- Z\nusage: ssh \[-46AaCfGgKkMNnqsTtVvXxYy\]/);
  });

  it('refuses an -o keyword it does not know as a bad configuration option', async () => {
    const { run } = await lab();
    const result = await run('ssh -o Frobnicate=yes host');
    expect(result).toMatchObject({
      exitCode: 255,
      stderr: 'command-line line 0: Bad configuration option: frobnicate\n',
    });
  });
});
