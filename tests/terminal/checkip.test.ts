import { describe, expect, it } from 'vitest';
import { learnerAddress } from '../../src/emulator/instance-reachability';
import { createSandbox } from '../../src/emulator/sandbox';
import { createLabShell } from '../../src/terminal/shell';

describe('checkip.amazonaws.com in the lab terminal', () => {
  it("answers the learner's address over https", async () => {
    const shell = createLabShell({ sandbox: createSandbox() });
    expect(await shell.run('curl -s https://checkip.amazonaws.com')).toMatchObject({
      exitCode: 0,
      stdout: `${learnerAddress}\n`,
    });
  });

  it("answers the learner's address over http, at the root path", async () => {
    const shell = createLabShell({ sandbox: createSandbox() });
    expect((await shell.run('curl -s http://checkip.amazonaws.com/')).stdout).toBe(`${learnerAddress}\n`);
  });

  it('makes a "My IP" rule that names the learner\'s address', async () => {
    const shell = createLabShell({ sandbox: createSandbox() });
    await shell.run(
      'SG=$(aws ec2 create-security-group --group-name my-ip --description my-ip --query GroupId --output text)',
    );
    await shell.run(
      'aws ec2 authorize-security-group-ingress --group-id $SG --protocol tcp --port 22 ' +
        '--cidr $(curl -s https://checkip.amazonaws.com)/32',
    );
    const { stdout } = await shell.run(
      'aws ec2 describe-security-groups --group-ids $SG --query SecurityGroups[0].IpPermissions[0].IpRanges[0].CidrIp ' +
        '--output text',
    );
    expect(stdout).toBe(`${learnerAddress}/32\n`);
  });
});
