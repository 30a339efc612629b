import { describe, expect, it } from 'vitest';
import { exercise3UserData, launchedInShell, storedInstance } from './launched';

const openPort80 =
  'aws ec2 authorize-security-group-ingress --group-name default --protocol tcp --port 80 --cidr 0.0.0.0/0';

/** An instance launched with `userData` in the default VPC, and its public address. */
async function webServer(userData?: string, open = true) {
  const launched = await launchedInShell(userData);
  if (open) await launched.shell.run(openPort80);
  const address = storedInstance(launched.sandbox, launched.instanceId).publicIpAddress!;
  return { ...launched, address };
}

describe("an instance's web server, from the learner's machine", () => {
  it("answers with the page exercise 3's user data wrote, once the group lets port 80 in", async () => {
    const { shell, address, instanceId } = await webServer(exercise3UserData);
    const result = await shell.run(`curl -s http://${address}/`);
    expect(result.stdout).toContain(`<h1>Hello from ${instanceId}</h1>`);
  });

  it('names itself as Apache does on Amazon Linux', async () => {
    const { shell, address } = await webServer(exercise3UserData);
    const result = await shell.run(`curl -si http://${address}/`);
    expect(result.stdout).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(result.stdout).toContain('server: Apache/2.4.62 ()\r\n');
    expect(result.stdout).toMatch(/\r\ndate: \w{3}, \d{2} \w{3} \d{4} [\d:]{8} GMT\r\n/);
    expect(result.stdout).toContain('content-type: text/html; charset=UTF-8\r\n');
  });

  it("answers at the instance's public DNS name too", async () => {
    const { shell, address, instanceId } = await webServer(exercise3UserData);
    const name = `ec2-${address.replaceAll('.', '-')}.us-west-2.compute.amazonaws.com`;
    expect((await shell.run(`curl -s http://${name}/`)).stdout).toContain(`Hello from ${instanceId}`);
  });

  it('times out at once when the security group does not let port 80 in', async () => {
    const { shell, address } = await webServer(exercise3UserData, false);
    const result = await shell.run(`curl http://${address}/`);
    expect(result).toMatchObject({
      stderr: `curl: (28) Failed to connect to ${address} port 80 after 130000 ms: Connection timed out\n`,
      exitCode: 28,
    });
  });

  it('refuses the connection when nothing listens on port 80', async () => {
    const { shell, address } = await webServer();
    const result = await shell.run(`curl http://${address}/`);
    expect(result).toMatchObject({
      stderr: `curl: (7) Failed to connect to ${address} port 80 after 0 ms: Couldn't connect to server\n`,
      exitCode: 7,
    });
  });

  it("shows Apache's test page while the document root has no index", async () => {
    const { shell, address } = await webServer('#!/bin/bash\ndnf install -y httpd\nsystemctl start httpd\n');
    const result = await shell.run(`curl -si http://${address}/`);
    expect(result.stdout).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(result.stdout).toContain('<h1>It works!</h1>');
  });

  it("answers a missing page with Apache's 404", async () => {
    const { shell, address } = await webServer(exercise3UserData);
    const result = await shell.run(`curl -si http://${address}/nothing.html`);
    expect(result.stdout).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    expect(result.stdout).toContain('<p>The requested URL was not found on this server.</p>');
  });

  it('serves what the learner wrote on the instance, and stops answering once they stop httpd', async () => {
    const { shell, address, logIn } = await webServer(exercise3UserData);
    await logIn();
    await shell.run('echo "<h1>mine</h1>" | sudo tee /var/www/html/index.html >/dev/null');
    await shell.run('exit');
    expect((await shell.run(`curl -s http://${address}/`)).stdout).toBe('<h1>mine</h1>\n');
    await logIn();
    await shell.run('sudo systemctl stop httpd; exit');
    expect(shell.onInstance()).toBeNull();
    expect((await shell.run(`curl -s http://${address}/`)).exitCode).toBe(7);
  });
});

describe("an instance's web server, from the instance itself", () => {
  it('answers curl localhost with no security group rule for it', async () => {
    const { shell, logIn, instanceId } = await webServer(exercise3UserData, false);
    await logIn();
    expect((await shell.run('curl -s localhost')).stdout).toContain(`Hello from ${instanceId}`);
  });

  it('refuses curl localhost while no web server runs', async () => {
    const { shell, logIn } = await webServer(undefined, false);
    await logIn();
    const result = await shell.run('curl http://localhost/');
    expect(result).toMatchObject({
      stderr: "curl: (7) Failed to connect to localhost port 80 after 0 ms: Couldn't connect to server\n",
      exitCode: 7,
    });
  });
});
