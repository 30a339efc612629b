import { describe, expect, it } from 'vitest';
import { awsHarness, rootEnv } from '../run-aws';

const noKeys = { HOME: '/home/learner' };

describe('aws configure', () => {
  it('writes keys to the credentials file and the rest to the config file, as the CLI does', async () => {
    const aws = awsHarness({ env: noKeys });
    await aws.run('configure', 'set', 'aws_access_key_id', 'AKIAEXAMPLE123456789', '--profile', 'edx');
    await aws.run('configure', 'set', 'aws_secret_access_key', 'secretsecretsecret', '--profile', 'edx');
    await aws.run('configure', 'set', 'region', 'us-west-2', '--profile', 'edx');
    await aws.run('configure', 'set', 'output', 'json');
    await aws.run('configure', 'set', 'default.region', 'eu-west-1');
    expect(await aws.files.readText('/home/learner/.aws/config')).toBe(
      '[profile edx]\nregion = us-west-2\n[default]\noutput = json\nregion = eu-west-1\n',
    );
    expect(await aws.files.readText('/home/learner/.aws/credentials')).toBe(
      '[edx]\naws_access_key_id = AKIAEXAMPLE123456789\naws_secret_access_key = secretsecretsecret\n',
    );
  });

  it('gets a value, and exits 1 quietly for one that is not set', async () => {
    const aws = awsHarness({ env: noKeys });
    await aws.run('configure', 'set', 'region', 'us-west-2', '--profile', 'edx');
    expect(await aws.run('configure', 'get', 'region', '--profile', 'edx')).toEqual({
      code: 0,
      stdout: 'us-west-2\n',
      stderr: '',
    });
    expect(await aws.run('configure', 'get', 'nothing')).toEqual({ code: 1, stdout: '', stderr: '' });
  });

  it('lists where each setting comes from, secrets masked, in the CLI’s columns', async () => {
    const aws = awsHarness({ env: noKeys });
    await aws.run('configure', 'set', 'aws_access_key_id', 'AKIAEXAMPLE123456789', '--profile', 'edx');
    await aws.run('configure', 'set', 'aws_secret_access_key', 'secretsecretsecret', '--profile', 'edx');
    await aws.run('configure', 'set', 'region', 'us-west-2', '--profile', 'edx');
    expect((await aws.run('configure', 'list', '--profile', 'edx')).stdout).toBe(
      [
        '      Name                    Value             Type    Location',
        '      ----                    -----             ----    --------',
        '   profile                      edx           manual    --profile',
        'access_key     ****************6789 shared-credentials-file    ',
        'secret_key     ****************cret shared-credentials-file    ',
        '    region                us-west-2      config-file    ~/.aws/config',
        '',
      ].join('\n'),
    );
  });

  it('asks the four questions and saves the answers', async () => {
    const aws = awsHarness({ env: noKeys });
    const answers = ['AKIAEXAMPLE123456789', 'secretsecretsecret', 'us-west-2', ''];
    const asked: string[] = [];
    const prompt = (question: string) => {
      asked.push(question);
      return Promise.resolve(answers.shift());
    };
    const run = await aws.runWithPrompt(prompt, 'configure', '--profile', 'edx');
    expect(run.code).toBe(0);
    expect(asked).toEqual([
      'AWS Access Key ID [None]: ',
      'AWS Secret Access Key [None]: ',
      'Default region name [None]: ',
      'Default output format [None]: ',
    ]);
    expect(await aws.files.readText('/home/learner/.aws/config')).toBe('[profile edx]\nregion = us-west-2\n');
  });

  it('lets a learner work as the IAM user whose key they configured', async () => {
    const aws = awsHarness({ env: rootEnv });
    await aws.run('iam', 'create-user', '--user-name', 'edXProjectUser');
    const key = await aws.run(
      'iam',
      'create-access-key',
      '--user-name',
      'edXProjectUser',
      '--query',
      'AccessKey.[AccessKeyId,SecretAccessKey]',
      '--output',
      'text',
    );
    const [id, secret] = key.stdout.trim().split('\t');
    await aws.run('configure', 'set', 'aws_access_key_id', id!, '--profile', 'edx');
    await aws.run('configure', 'set', 'aws_secret_access_key', secret!, '--profile', 'edx');
    const who = await aws.run('sts', 'get-caller-identity', '--profile', 'edx', '--query', 'Arn', '--output', 'text');
    expect(who.stdout).toBe('arn:aws:iam::123456789012:user/edXProjectUser\n');
  });
});
