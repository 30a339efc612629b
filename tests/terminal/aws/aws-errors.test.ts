import { describe, expect, it } from 'vitest';
import { usageText } from '../../../src/terminal/aws/cli-error';
import { awsHarness, rootEnv } from './run-aws';

describe('aws errors, as the CLI prints them', () => {
  it('names the missing required arguments after the usage, exit 252', async () => {
    const run = await awsHarness().run('ec2', 'create-security-group');
    expect(run).toEqual({
      code: 252,
      stdout: '',
      stderr: `\n${usageText}\naws: error: the following arguments are required: --description, --group-name\n\n`,
    });
  });

  it('lists unknown options, exit 252', async () => {
    const run = await awsHarness().run('ec2', 'describe-vpcs', '--foo');
    expect(run.stderr).toBe(`\n${usageText}\nUnknown options: --foo\n\n`);
    expect(run.code).toBe(252);
  });

  it('prints the service’s error code and message, exit 254', async () => {
    const run = await awsHarness().run('ec2', 'describe-vpcs', '--vpc-ids', 'vpc-123');
    expect(run.code).toBe(254);
    expect(run.stderr).toBe(
      '\nAn error occurred (InvalidVpcID.Malformed) when calling the DescribeVpcs operation: Invalid id: "vpc-123"\n',
    );
  });

  it('reports a shorthand key the schema does not have as parameter validation, exit 252', async () => {
    const run = await awsHarness().run('ec2', 'describe-vpcs', '--filters', 'Name=x,Foo=1');
    expect(run.stderr).toBe(
      '\nParameter validation failed:\nUnknown parameter in Filters[0]: "Foo", must be one of: Name, Values\n',
    );
    expect(run.code).toBe(252);
  });

  it('refuses a non-integer where the schema wants a number with Python’s words, exit 255', async () => {
    const run = await awsHarness().run('ec2', 'describe-vpcs', '--max-results', 'abc');
    expect(run).toMatchObject({ code: 255, stderr: "\ninvalid literal for int() with base 10: 'abc'\n" });
  });

  it('says where to configure credentials when there are none, exit 253', async () => {
    const run = await awsHarness({ env: { HOME: '/h', AWS_DEFAULT_REGION: 'us-west-2' } }).run('ec2', 'describe-vpcs');
    expect(run).toMatchObject({
      code: 253,
      stderr: '\nUnable to locate credentials. You can configure credentials by running "aws configure".\n',
    });
  });

  it('asks for a region when none is set, exit 253', async () => {
    const { AWS_DEFAULT_REGION: _, ...env } = rootEnv;
    const run = await awsHarness({ env }).run('ec2', 'describe-vpcs');
    expect(run.code).toBe(253);
    expect(run.stderr).toContain('You must specify a region.');
  });

  it('names a profile that exists in neither file, exit 255', async () => {
    const run = await awsHarness().run('sts', 'get-caller-identity', '--profile', 'edx');
    expect(run).toMatchObject({ code: 255, stderr: '\nThe config profile (edx) could not be found\n' });
  });

  it('suggests the command meant, after the choices, as the CLI does', async () => {
    const run = await awsHarness().run('s3', 'cpp');
    expect(run.code).toBe(252);
    expect(run.stderr).toMatch(/presign {33}\n\n\nInvalid choice: 'cpp', maybe you meant:\n\n {2}\* cp\n\n$/);
  });
});
