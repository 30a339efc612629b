import { describe, expect, it } from 'vitest';
import { pageServers } from '../../src/emulator/page-servers';
import { createSandbox } from '../../src/emulator/sandbox';
import { loadPreview, newestInstanceAddress } from '../../src/terminal/preview-page';
import { createLabShell, labNetwork } from '../../src/terminal/shell';

/** A sandbox with exercise 3's network and one instance whose group lets in only `ports`. */
async function instanceWith(ports: number[]) {
  const sandbox = createSandbox();
  const shell = createLabShell({ sandbox });
  for (const line of [
    'VPC=$(aws ec2 create-vpc --cidr-block 10.1.0.0/16 --query Vpc.VpcId --output text)',
    'SUBNET=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.1.1.0/24 --query Subnet.SubnetId --output text)',
    'IGW=$(aws ec2 create-internet-gateway --query InternetGateway.InternetGatewayId --output text)',
    'aws ec2 attach-internet-gateway --internet-gateway-id $IGW --vpc-id $VPC',
    'RT=$(aws ec2 create-route-table --vpc-id $VPC --query RouteTable.RouteTableId --output text)',
    'aws ec2 create-route --route-table-id $RT --destination-cidr-block 0.0.0.0/0 --gateway-id $IGW',
    'aws ec2 associate-route-table --route-table-id $RT --subnet-id $SUBNET',
    'SG=$(aws ec2 create-security-group --group-name web --description web --vpc-id $VPC --query GroupId --output text)',
    ...ports.map(
      (port) =>
        `aws ec2 authorize-security-group-ingress --group-id $SG --protocol tcp --port ${port} --cidr 0.0.0.0/0`,
    ),
    'IP=$(aws ec2 run-instances --image-id ami-0abcdef1234567890 --subnet-id $SUBNET --security-group-ids $SG ' +
      '--associate-public-ip-address --query Instances[0].PublicIpAddress --output text)',
  ])
    expect((await shell.run(line)).stderr).toBe('');
  return { sandbox, shell, ip: shell.session().env.IP! };
}

/** Each test builds a network with aws commands, slow on the shared machine: a wait, not a timing budget. */
describe('the web preview', { timeout: 30_000 }, () => {
  it("starts at the newest running instance's web server", async () => {
    const { sandbox, ip } = await instanceWith([80]);
    expect(newestInstanceAddress(sandbox.state)).toBe(`http://${ip}/`);
  });

  it('has no address to start with when no instance runs', () => {
    expect(newestInstanceAddress(createSandbox().state)).toBeUndefined();
  });

  it("explains, in ssh's words, an instance whose group lacks port 80", async () => {
    const { sandbox, shell, ip } = await instanceWith([22]);
    const network = labNetwork(async () => sandbox);
    const result = await loadPreview(`http://${ip}/`, sandbox.state, network);
    expect(result).toMatchObject({ kind: 'unreachable', url: `http://${ip}/` });
    const ssh = await shell.run(`ssh -p 80 ec2-user@${ip}`);
    expect(ssh.stderr).toContain(`hint: ${result.kind === 'unreachable' ? result.explanation : ''}\n`);
    expect(result.kind === 'unreachable' && result.explanation).toMatch(/lets tcp\/80 in/);
  });

  it('says nothing answers when port 80 is open and no web server runs', async () => {
    const { sandbox, ip } = await instanceWith([80]);
    const result = await loadPreview(
      ip,
      sandbox.state,
      labNetwork(async () => sandbox),
    );
    expect(result).toMatchObject({
      kind: 'failed',
      message: expect.stringContaining(`Nothing answers on port 80 of ${ip}`),
    });
  });

  it('loads a page through the lab network', async () => {
    const sandbox = createSandbox();
    const result = await loadPreview(
      'https://checkip.amazonaws.com',
      sandbox.state,
      labNetwork(async () => sandbox),
    );
    expect(result).toMatchObject({ kind: 'page', status: 200, body: '198.51.100.23\n' });
  });

  it('says a host outside the sandbox is out of reach', async () => {
    const sandbox = createSandbox();
    const result = await loadPreview(
      'https://example.com/',
      sandbox.state,
      labNetwork(async () => sandbox),
    );
    expect(result).toMatchObject({ kind: 'failed', message: expect.stringContaining('outside the sandbox') });
  });

  it('shows the app running in the terminal at localhost', async () => {
    const sandbox = createSandbox();
    const server = pageServers.listen(
      { host: '127.0.0.1', port: 5000 },
      async () => new Response('<h1>Photo gallery</h1>', { headers: { 'content-type': 'text/html' } }),
    );
    if ('problem' in server) throw new Error(server.problem.message);
    try {
      const result = await loadPreview(
        'http://127.0.0.1:5000/',
        sandbox.state,
        labNetwork(async () => sandbox),
      );
      expect(result).toMatchObject({ kind: 'page', status: 200, body: '<h1>Photo gallery</h1>' });
    } finally {
      server.close();
    }
  });

  it('says to start the app in the terminal when nothing answers at localhost', async () => {
    const sandbox = createSandbox();
    const result = await loadPreview(
      'localhost:5000',
      sandbox.state,
      labNetwork(async () => sandbox),
    );
    expect(result).toMatchObject({
      kind: 'failed',
      message: expect.stringMatching(/^Nothing answers at localhost:5000: no app runs in the terminal on port 5000/),
    });
  });
});
