import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/emulator/sandbox';
import { createLabShell } from '../../src/terminal/shell';

const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:user/ana' }, Action: 'sts:AssumeRole' }],
});
const allow = (action: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

describe('the lab shell: a role assumed with aws sts assume-role', () => {
  it('acts as the role’s session once aws configure holds the temporary key, secret and session token', async () => {
    const shell = createLabShell({ sandbox: createSandbox() });
    const steps = [
      `echo '${trust}' > trust.json && echo '${allow('ec2:DescribeVpcs')}' > vpcs.json`,
      `echo '${allow('sts:AssumeRole')}' > assume.json`,
      'aws iam create-user --user-name ana',
      'aws iam put-user-policy --user-name ana --policy-name assume --policy-document file://assume.json',
      'aws iam create-role --role-name DeployRole --assume-role-policy-document file://trust.json',
      'aws iam put-role-policy --role-name DeployRole --policy-name vpcs --policy-document file://vpcs.json',
      'aws iam create-access-key --user-name ana --query "AccessKey.[AccessKeyId,SecretAccessKey]" --output text > key.txt',
      'aws configure set aws_access_key_id $(cut -f1 key.txt)',
      'aws configure set aws_secret_access_key $(cut -f2 key.txt)',
      'aws sts assume-role --role-arn arn:aws:iam::123456789012:role/DeployRole --role-session-name lab ' +
        '--query "Credentials.[AccessKeyId,SecretAccessKey,SessionToken]" --output text > creds.txt',
      'aws configure set aws_access_key_id $(cut -f1 creds.txt)',
      'aws configure set aws_secret_access_key $(cut -f2 creds.txt)',
      'aws configure set aws_session_token $(cut -f3 creds.txt)',
    ];
    for (const step of steps) expect(await shell.run(step), step).toMatchObject({ exitCode: 0 });
    const identity = await shell.run('aws sts get-caller-identity --query Arn --output text');
    expect(identity.stdout).toBe('arn:aws:sts::123456789012:assumed-role/DeployRole/lab\n');
    expect((await shell.run('aws ec2 describe-vpcs --query "length(Vpcs)"')).stdout).toBe('1\n');
    const denied = await shell.run('aws iam list-users');
    expect(denied.stderr).toContain('An error occurred (AccessDenied) when calling the ListUsers operation: User: ');
  }, 30_000);
});
