import { describe, expect, it } from 'vitest';
import { launchedInShell } from './launched';

const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

describe('aws on an instance', () => {
  it('finds no credentials on an instance without a role or a configuration, as CLI v2 says', async () => {
    const { shell, logIn } = await launchedInShell();
    await logIn();
    const result = await shell.run('aws sts get-caller-identity');
    expect(result.stderr).toBe(
      '\nUnable to locate credentials. You can configure credentials by running "aws configure".\n',
    );
  });

  it("uses the keys configured on the instance, not the learner's own", async () => {
    const { shell, logIn } = await launchedInShell();
    const user = await shell.run(
      'aws iam create-user --user-name edXProjectUser >/dev/null && ' +
        'aws iam create-access-key --user-name edXProjectUser --query "AccessKey.[AccessKeyId,SecretAccessKey]" ' +
        '--output text',
    );
    const [keyId, secret] = user.stdout.trim().split(/\s+/);
    await logIn();
    await shell.run(`aws configure set aws_access_key_id ${keyId}`);
    await shell.run(`aws configure set aws_secret_access_key ${secret}`);
    await shell.run('aws configure set region us-west-2');
    const caller = await shell.run('aws sts get-caller-identity --query Arn --output text');
    expect(caller.stdout).toBe('arn:aws:iam::123456789012:user/edXProjectUser\n');
    expect((await shell.run('cat ~/.aws/config')).stdout).toContain('region = us-west-2');
  });

  it("runs exercise 4's aws configure --profile edx on the instance, asking on the terminal", async () => {
    let answers: string[] = [];
    const io = () => ({ prompt: async () => answers.shift() });
    const { shell, logIn } = await launchedInShell(undefined, { io });
    const key = await shell.run(
      'aws iam create-user --user-name edXProjectUser >/dev/null && ' +
        'aws iam create-access-key --user-name edXProjectUser --query "AccessKey.[AccessKeyId,SecretAccessKey]" ' +
        '--output text',
    );
    await logIn();
    answers = [...key.stdout.trim().split(/\s+/), 'us-west-2', 'json'];
    await shell.run('aws configure --profile edx');
    const caller = await shell.run('aws sts get-caller-identity --profile edx --query Arn --output text');
    expect(caller.stdout).toBe('arn:aws:iam::123456789012:user/edXProjectUser\n');
    expect((await shell.run('cat ~/.aws/credentials')).stdout).toContain('[edx]');
  });

  it("takes the instance role's credentials and the region from the metadata service when nothing is configured", async () => {
    const setup = [
      `aws iam create-role --role-name WebServerRole --assume-role-policy-document '${trust}'`,
      'aws iam create-instance-profile --instance-profile-name web-profile',
      'aws iam add-role-to-instance-profile --instance-profile-name web-profile --role-name WebServerRole',
    ];
    const { shell, instanceId, logIn } = await launchedInShell(undefined, {
      extra: '--iam-instance-profile Name=web-profile',
      before: setup,
    });
    await logIn();
    const caller = await shell.run('aws sts get-caller-identity --query Arn --output text');
    expect(caller.stdout).toBe(`arn:aws:sts::123456789012:assumed-role/WebServerRole/${instanceId}\n`);
  });
});
