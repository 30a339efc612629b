import { describe, expect, it } from 'vitest';
import { editLine, newLine } from '../../../src/terminal/line-editor';
import { completeAtCursor } from '../../../src/terminal/tab-completion';
import { offlineNetwork } from '../../../src/terminal/curl-command';
import { openInstanceShell } from '../../../src/terminal/instance/instance-shell';
import { launchedInShell, storedInstance } from './launched';

describe('the instance shell: logged in as ssh leaves the learner', () => {
  it("shows the instance's prompt, from its private address, in the login user's home", async () => {
    const { sandbox, shell, instanceId, logIn } = await launchedInShell();
    await logIn();
    const address = storedInstance(sandbox, instanceId).privateIpAddress.replaceAll('.', '-');
    expect(shell.prompt()).toBe(`[ec2-user@ip-${address} ~]$ `);
    expect((await shell.run('pwd; echo $HOME $USER; whoami')).stdout).toBe(
      '/home/ec2-user\n/home/ec2-user ec2-user\nec2-user\n',
    );
  });

  it("greets a login with Amazon Linux's banner, and the next login with the last one's time and address", async () => {
    const { sandbox, login } = await launchedInShell();
    const open = () => openInstanceShell({ sandbox, login, network: () => offlineNetwork });
    const first = (await open()).greeting;
    expect(first).toContain('   ~\\_  ####_        Amazon Linux 2023\n');
    expect(first).toContain('https://aws.amazon.com/linux/amazon-linux-2023\n');
    expect(first).not.toContain('Last login');
    const second = (await open()).greeting;
    expect(second).toMatch(/\nLast login: \w{3} \w{3} [ \d]\d [\d:]{8} \d{4} from 198\.51\.100\.23\n$/);
  });

  it('names the instance by its private DNS name in the region', async () => {
    const { sandbox, shell, instanceId, logIn } = await launchedInShell();
    await logIn();
    const address = storedInstance(sandbox, instanceId).privateIpAddress.replaceAll('.', '-');
    expect((await shell.run('hostname')).stdout).toBe(`ip-${address}.us-west-2.compute.internal\n`);
  });

  it("has Amazon Linux 2023's os-release, not the learner's files", async () => {
    const { shell, logIn } = await launchedInShell();
    await shell.run('echo mine > notes.txt');
    await logIn();
    expect((await shell.run('grep -E "^(NAME|VERSION_ID|PLATFORM_ID)=" /etc/os-release')).stdout).toBe(
      'NAME="Amazon Linux"\nVERSION_ID="2023"\nPLATFORM_ID="platform:al2023"\n',
    );
    expect((await shell.run('ls /home; ls /home/learner')).stderr).toContain('No such file or directory');
  });

  it('logs out with exit, back to the learner prompt, saying the connection closed', async () => {
    const { sandbox, shell, instanceId, logIn } = await launchedInShell();
    await logIn();
    const result = await shell.run('exit');
    const address =
      storedInstance(sandbox, instanceId).publicIpAddress ?? storedInstance(sandbox, instanceId).privateIpAddress;
    expect(result).toMatchObject({ stdout: 'logout\n', stderr: `Connection to ${address} closed.\n` });
    expect(shell.prompt()).toBe('learner:~$ ');
    expect(shell.onInstance()).toBeNull();
  });

  it("logs out when a line ends with exit, after the line's own output, with exit's status", async () => {
    const { shell, logIn } = await launchedInShell();
    await logIn();
    const result = await shell.run('echo bye; exit 3');
    expect(result).toMatchObject({ stdout: 'bye\nlogout\n', exitCode: 3 });
    expect(shell.onInstance()).toBeNull();
  });

  it('logs out with logout, as a login shell does', async () => {
    const { shell, logIn } = await launchedInShell();
    await logIn();
    expect((await shell.run('logout')).stdout).toBe('logout\n');
    expect(shell.onInstance()).toBeNull();
  });

  it('stays logged in after a line with a syntax error', async () => {
    const { shell, logIn } = await launchedInShell();
    await logIn();
    await shell.run('if then fi');
    expect(shell.onInstance()).not.toBeNull();
  });

  it('keeps the status of the last command for the next line, as bash does', async () => {
    const { shell, logIn } = await launchedInShell();
    await logIn();
    await shell.run('false');
    expect((await shell.run('echo $?')).stdout).toBe('1\n');
  });

  it('opens a root shell with sudo -i, which exit leaves for the login user', async () => {
    const { shell, logIn } = await launchedInShell();
    await logIn();
    await shell.run('sudo -i');
    expect(shell.prompt()).toMatch(/^\[root@ip-[\d-]+ ~\]# $/);
    expect((await shell.run('whoami; pwd')).stdout).toBe('root\n/root\n');
    expect((await shell.run('exit')).stdout).toBe('logout\n');
    expect(shell.prompt()).toMatch(/^\[ec2-user@ip-[\d-]+ ~\]\$ $/);
    expect(shell.onInstance()).not.toBeNull();
  });

  it('runs one command as root with sudo', async () => {
    const { shell, logIn } = await launchedInShell();
    await logIn();
    expect((await shell.run('sudo whoami; whoami')).stdout).toBe('root\nec2-user\n');
  });

  it('says sudo: X: command not found for a program the instance does not have', async () => {
    const { shell, logIn } = await launchedInShell();
    await logIn();
    expect(await shell.run('sudo yumm install httpd')).toMatchObject({
      stderr: 'sudo: yumm: command not found\n',
      exitCode: 1,
    });
  });

  it('drops the connection with a broken pipe when the instance is stopped while logged in', async () => {
    const { sandbox, shell, instanceId, logIn } = await launchedInShell();
    await logIn();
    await sandbox.update((state) => {
      state.accounts['123456789012']!.regions['us-west-2']!.instances[instanceId]!.state = 'stopped';
    });
    const result = await shell.run('ls');
    expect(result).toMatchObject({ stderr: 'client_loop: send disconnect: Broken pipe\n', exitCode: 255 });
    expect(shell.prompt()).toBe('learner:~$ ');
  });

  it('drops the connection with a broken pipe when the instance is terminated while logged in', async () => {
    const { shell, instanceId, logIn } = await launchedInShell();
    await logIn();
    await shell.run('exit');
    await shell.run(`aws ec2 terminate-instances --instance-ids ${instanceId}`);
    await logIn();
    const result = await shell.run('ls');
    expect(result).toMatchObject({ stderr: 'client_loop: send disconnect: Broken pipe\n', exitCode: 255 });
    expect(shell.onInstance()).toBeNull();
  });
});

describe('the instance shell: packages and services', () => {
  it('refuses dnf install to a user who is not root', async () => {
    const { shell, logIn } = await launchedInShell();
    await logIn();
    const result = await shell.run('dnf install -y httpd');
    expect(result.stderr).toBe(
      'Error: This command has to be run with superuser privileges (under the root user on most systems).\n',
    );
  });

  it("installs httpd with sudo dnf, printing dnf's transaction, and lays down its document root", async () => {
    const { shell, logIn } = await launchedInShell();
    await logIn();
    const result = await shell.run('sudo dnf install -y httpd');
    expect(result.stdout).toMatch(/^Last metadata expiration check: 0:00:04 ago on /);
    expect(result.stdout).toContain('Installing:\n httpd ');
    expect(result.stdout).toMatch(/Install {2}12 Packages\n/);
    expect(result.stdout.endsWith('Complete!\n')).toBe(true);
    expect((await shell.run('ls -d /var/www/html /etc/httpd/conf/httpd.conf')).exitCode).toBe(0);
  });

  it('asks before installing without -y, and installs once the learner says y', async () => {
    const asked: string[] = [];
    const io = () => ({
      prompt: async (question: string) => {
        asked.push(question);
        return 'y';
      },
    });
    const { shell, logIn } = await launchedInShell(undefined, { io });
    await logIn();
    const result = await shell.run('sudo dnf install git');
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/Installing:\n git .*\n[\s\S]*Is this ok \[y\/N\]: $/);
    expect(result.stdout).toMatch(/^Downloading Packages:\n[\s\S]*Complete!\n$/);
    expect((await shell.run('sudo dnf install -y git')).stdout).toContain('is already installed.');
  });

  it('aborts an install without -y where no one can answer', async () => {
    const { shell, logIn } = await launchedInShell();
    await logIn();
    const result = await shell.run('sudo dnf install git');
    expect(result).toMatchObject({ exitCode: 1 });
    expect(result.stdout.endsWith('Is this ok [y/N]: Operation aborted.\n')).toBe(true);
    expect((await shell.run('sudo dnf install -y git')).stdout).toContain('Install  8 Packages');
  });

  it("sums a transaction's download size over every package in its table", async () => {
    const { shell, logIn } = await launchedInShell();
    await logIn();
    const result = await shell.run('sudo dnf install -y tree jq');
    expect(result.stdout).toContain('Install  3 Packages\n\nTotal download size: 463 k\nInstalled size: 1.3 M\n');
  });

  it('answers a package the repository does not have as dnf does', async () => {
    const { shell, logIn } = await launchedInShell();
    await logIn();
    const result = await shell.run('sudo dnf install -y httpdd');
    expect(result).toMatchObject({ stderr: 'Error: Unable to find a match: httpdd\n', exitCode: 1 });
    expect(result.stdout).toContain('No match for argument: httpdd\n');
  });

  it('starts an installed service with systemctl, and says it is active', async () => {
    const { shell, logIn } = await launchedInShell();
    await logIn();
    await shell.run('sudo dnf install -y httpd');
    expect((await shell.run('systemctl is-active httpd')).stdout).toBe('inactive\n');
    await shell.run('sudo systemctl start httpd');
    expect((await shell.run('systemctl is-active httpd')).stdout).toBe('active\n');
  });

  it('reports a stopped service as inactive (dead) with status 3, and a running one as active', async () => {
    const { shell, logIn } = await launchedInShell();
    await logIn();
    await shell.run('sudo dnf install -y httpd');
    const stopped = await shell.run('systemctl status httpd');
    expect(stopped.exitCode).toBe(3);
    expect(stopped.stdout).toMatch(/^○ httpd\.service - The Apache HTTP Server\n/);
    expect(stopped.stdout).toContain('     Active: inactive (dead)\n');
    await shell.run('sudo systemctl start httpd');
    expect((await shell.run('systemctl status httpd')).stdout).toMatch(/Active: active \(running\) since \w{3} /);
  });

  it('hands service NAME start to systemctl, saying so', async () => {
    const { shell, logIn } = await launchedInShell();
    await logIn();
    await shell.run('sudo dnf install -y httpd');
    const result = await shell.run('sudo service httpd start');
    expect(result.stderr).toBe('Redirecting to /bin/systemctl start httpd.service\n');
    expect((await shell.run('systemctl is-active httpd')).stdout).toBe('active\n');
  });

  it('has no amazon-linux-extras, which Amazon Linux 2023 dropped', async () => {
    const { shell, logIn } = await launchedInShell();
    await logIn();
    expect(await shell.run('sudo amazon-linux-extras install nginx1')).toMatchObject({
      stderr: 'sudo: amazon-linux-extras: command not found\n',
      exitCode: 1,
    });
  });

  it('finds nothing to update on a freshly launched image', async () => {
    const { shell, logIn } = await launchedInShell();
    await logIn();
    expect((await shell.run('sudo dnf update -y')).stdout).toMatch(
      /Dependencies resolved\.\nNothing to do\.\nComplete!\n$/,
    );
  });

  it('answers is-active for every service named, failing if any is not running', async () => {
    const { shell, logIn } = await launchedInShell();
    await logIn();
    await shell.run('sudo dnf install -y httpd');
    const result = await shell.run('systemctl is-active sshd httpd');
    expect(result).toMatchObject({ stdout: 'active\ninactive\n', exitCode: 3 });
  });

  it('does not know a service whose package is not installed', async () => {
    const { shell, logIn } = await launchedInShell();
    await logIn();
    const result = await shell.run('sudo systemctl start nginx');
    expect(result).toMatchObject({
      stderr: 'Failed to start nginx.service: Unit nginx.service not found.\n',
      exitCode: 5,
    });
  });
});

describe('the instance shell: its disk lasts with the sandbox', () => {
  it('keeps a file written on the instance for the next login', async () => {
    const { shell, logIn } = await launchedInShell();
    await logIn();
    await shell.run('echo kept > notes.txt; exit');
    await logIn();
    expect((await shell.run('cat notes.txt')).stdout).toBe('kept\n');
  });

  it("saves what the learner changed in the instance's record, through the sandbox's listeners", async () => {
    const { sandbox, shell, instanceId, logIn } = await launchedInShell();
    const saved: string[][] = [];
    sandbox.subscribe((state) => {
      const instance = Object.values(state.accounts).flatMap((a) =>
        Object.values(a.regions['us-west-2']?.instances ?? {}),
      )[0];
      saved.push(Object.keys(instance?.disk?.files ?? {}));
    });
    await logIn();
    await shell.run('sudo dnf install -y httpd && sudo systemctl enable --now httpd');
    const disk = storedInstance(sandbox, instanceId).disk!;
    expect(disk.packages).toEqual(['httpd']);
    expect(disk.services).toEqual({ httpd: { active: true, enabled: true } });
    expect(saved.at(-1)).toContain('/etc/httpd/conf/httpd.conf');
  });
});

describe('the instance shell: a stop and a start', () => {
  it('runs again only the services enabled to start at boot, keeping the files', async () => {
    const { shell, instanceId, logIn } = await launchedInShell(
      '#!/bin/bash\ndnf install -y httpd nginx\nsystemctl start httpd\nsystemctl enable --now nginx\n',
    );
    await logIn();
    await shell.run('sudo systemctl disable nginx; echo kept > notes.txt; exit');
    await shell.run(
      `aws ec2 stop-instances --instance-ids ${instanceId} && aws ec2 start-instances --instance-ids ${instanceId}`,
    );
    await logIn();
    expect((await shell.run('systemctl is-active httpd nginx sshd')).stdout).toBe('inactive\ninactive\nactive\n');
    expect((await shell.run('cat notes.txt')).stdout).toBe('kept\n');
  });

  it('keeps a service the learner started after the restart', async () => {
    const { shell, instanceId, logIn } = await launchedInShell(
      '#!/bin/bash\ndnf install -y httpd\nsystemctl start httpd\n',
    );
    await shell.run(`aws ec2 reboot-instances --instance-ids ${instanceId}`);
    await logIn();
    expect((await shell.run('systemctl is-active httpd')).stdout).toBe('inactive\n');
    await shell.run('sudo systemctl start httpd; exit');
    await logIn();
    expect((await shell.run('systemctl is-active httpd')).stdout).toBe('active\n');
  });
});

describe('the instance shell: user data at first boot', () => {
  it('runs the user data as root at first boot, so its web page and server are there', async () => {
    const { shell, instanceId, logIn } = await launchedInShell(
      '#!/bin/bash\ndnf install -y httpd\necho "<h1>$(hostname)</h1>" > /var/www/html/index.html\nsystemctl enable --now httpd\n',
    );
    await logIn();
    expect((await shell.run('systemctl is-active httpd')).stdout).toBe('active\n');
    expect((await shell.run('cat /var/www/html/index.html')).stdout).toMatch(
      /^<h1>ip-[\d-]+\.us-west-2\.compute\.internal<\/h1>\n$/,
    );
    expect(instanceId).toMatch(/^i-/);
  });

  it("logs the user data's output between cloud-init's lines in cloud-init-output.log", async () => {
    const { shell, logIn } = await launchedInShell('#!/bin/bash\necho hello from user data\n');
    await logIn();
    const log = (await shell.run('sudo cat /var/log/cloud-init-output.log')).stdout;
    expect(log).toMatch(
      /Cloud-init v\. 22\.2\.2 running 'modules:final' at .*\nhello from user data\nCloud-init v\. 22\.2\.2 finished at /,
    );
  });

  it('writes the page of exercise 3 from the metadata service of that instance', async () => {
    const { exercise3UserData } = await import('./launched');
    const { sandbox, shell, instanceId, logIn } = await launchedInShell(exercise3UserData);
    await logIn();
    const page = (await shell.run('cat /var/www/html/index.html')).stdout;
    expect(page).toContain(`<h1>Hello from ${instanceId}</h1>`);
    expect(page).toContain(`<p>Availability Zone: ${storedInstance(sandbox, instanceId).availabilityZone}</p>`);
  });

  it('logs a failing user data as cloud-init does', async () => {
    const { shell, logIn } = await launchedInShell('#!/bin/bash\ndnf install -y httpdd\n');
    await logIn();
    const log = (await shell.run('cat /var/log/cloud-init-output.log')).stdout;
    expect(log).toContain('Error: Unable to find a match: httpdd\n');
    expect(log).toContain('cc_scripts_user.py[WARNING]: Failed to run module scripts_user');
  });
});

describe('the instance shell: the terminal around it', () => {
  const line = (text: string) => editLine(newLine([], 11, 80), text).state;

  it("completes a file name from the instance's disk and directory", async () => {
    const { shell, logIn } = await launchedInShell();
    await logIn();
    await shell.run('cd /etc');
    expect((await completeAtCursor(line('cat os-rel'), shell)).state.text).toBe('cat os-release ');
  });

  it("completes the instance's own commands", async () => {
    const { shell, logIn } = await launchedInShell();
    await logIn();
    expect((await completeAtCursor(line('systemc'), shell)).state.text).toBe('systemctl ');
  });
});
