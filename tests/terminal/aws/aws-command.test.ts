import { describe, expect, it } from 'vitest';
import { awsHarness } from './run-aws';

describe('runAws', () => {
  it('prints describe-vpcs as the CLI json, keys in the model order', async () => {
    const run = await awsHarness().run('ec2', 'describe-vpcs');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^\{\n {4}"Vpcs": \[\n {8}\{\n {12}"OwnerId": "123456789012",\n {12}"InstanceTenancy"/);
  });

  it('applies --query and --output text', async () => {
    const run = await awsHarness().run('sts', 'get-caller-identity', '--query', 'Account', '--output', 'text');
    expect(run.stdout).toBe('123456789012\n');
  });

  it('sends shorthand filters and tag specifications', async () => {
    const aws = awsHarness();
    await aws.run(
      'ec2',
      'create-vpc',
      '--cidr-block',
      '10.0.0.0/16',
      '--tag-specifications',
      'ResourceType=vpc,Tags=[{Key=Name,Value=lab}]',
    );
    const run = await aws.run(
      'ec2',
      'describe-vpcs',
      '--filters',
      'Name=tag:Name,Values=lab',
      '--query',
      'Vpcs[].CidrBlock',
      '--output',
      'text',
    );
    expect(run.stdout).toBe('10.0.0.0/16\n');
  });

  it('reads a parameter from a file:// path', async () => {
    const aws = awsHarness({
      files: {
        'policy.json':
          '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]}',
      },
    });
    const run = await aws.run(
      'iam',
      'create-policy',
      '--policy-name',
      'p',
      '--policy-document',
      'file://policy.json',
      '--query',
      'Policy.PolicyName',
      '--output',
      'text',
    );
    expect(run).toMatchObject({ code: 0, stdout: 'p\n' });
  });

  it('merges pages and stops at --max-items with the CLI’s resume token', async () => {
    const aws = awsHarness();
    for (const name of ['a', 'b', 'c']) await aws.run('iam', 'create-user', '--user-name', name);
    const run = await aws.run('iam', 'list-users', '--max-items', '2', '--query', '[Users[].UserName, NextToken]');
    const [names, token] = JSON.parse(run.stdout) as [string[], string];
    expect(names).toEqual(['a', 'b']);
    expect(JSON.parse(atob(token))).toEqual({ Marker: null, boto_truncate_amount: 2 });
  });

  it('resumes from a --starting-token where the last page stopped', async () => {
    const aws = awsHarness();
    for (const name of ['a', 'b', 'c']) await aws.run('iam', 'create-user', '--user-name', name);
    const first = await aws.run('iam', 'list-users', '--max-items', '2', '--query', 'NextToken');
    const token = JSON.parse(first.stdout) as string;
    const rest = await aws.run('iam', 'list-users', '--starting-token', token, '--query', 'Users[].UserName');
    expect(JSON.parse(rest.stdout)).toEqual(['c']);
  });

  it('uses max_by as the CLI does, comparing strings too', async () => {
    const aws = awsHarness();
    for (const name of ['b', 'c', 'a']) await aws.run('iam', 'create-user', '--user-name', name);
    const run = await aws.run('iam', 'list-users', '--query', 'max_by(Users, &UserName).UserName', '--output', 'text');
    expect(run.stdout).toBe('c\n');
  });

  it('takes the input from --cli-input-json, the line’s own arguments winning', async () => {
    const aws = awsHarness({ files: { 'input.json': '{"UserName": "from-json", "Path": "/json/"}' } });
    await aws.run('iam', 'create-user', '--cli-input-json', 'file://input.json', '--user-name', 'from-line');
    const run = await aws.run('iam', 'list-users', '--query', 'Users[].[UserName,Path]', '--output', 'text');
    expect(run.stdout).toBe('from-line\t/json/\n');
  });

  it('prints the single answer, paging members and all, with --no-paginate', async () => {
    const aws = awsHarness();
    await aws.run('iam', 'create-user', '--user-name', 'a');
    const paged = await aws.run('iam', 'list-users', '--query', 'keys(@)');
    const single = await aws.run('iam', 'list-users', '--no-paginate', '--query', 'keys(@)');
    expect(JSON.parse(paged.stdout)).toEqual(['Users']);
    expect(JSON.parse(single.stdout)).toEqual(['Users', 'IsTruncated']);
  });

  it('names the valid services when the first word is not one', async () => {
    const run = await awsHarness().run('lambda', 'list-functions');
    expect(run.code).toBe(252);
    expect(run.stderr).toContain('aws: error: argument command: Invalid choice, valid choices are:\n\ncloudformation');
  });

  it('says what it is for --version', async () => {
    expect((await awsHarness().run('--version')).stdout).toMatch(/^aws-cli\/2 /);
  });
});
