import { describe, expect, it } from 'vitest';
import { sandboxRootKey } from '../../../src/emulator/state';
import { awsHarness } from './run-aws';

describe('aws --debug', () => {
  it('logs the signed request, as the lesson greps for it', async () => {
    const run = await awsHarness().run('ec2', 'describe-vpcs', '--debug');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      / - MainThread - botocore\.endpoint - DEBUG - Making request for OperationModel\(name=DescribeVpcs\)/,
    );
    expect(run.stderr).toMatch(
      /'authorization': 'AWS4-HMAC-SHA256 Credential=\*{16}0001\/\d{8}\/us-west-2\/ec2\/aws4_request/,
    );
  });

  it('logs the answer’s body', async () => {
    const run = await awsHarness().run('ec2', 'describe-vpcs', '--debug');
    expect(run.stderr).toContain('Response body:\n<?xml');
    expect(run.stdout).toContain('"Vpcs"');
  });

  it('never logs the secret key or the whole key id', async () => {
    const run = await awsHarness().run('ec2', 'describe-vpcs', '--debug');
    expect(run.stderr).not.toContain(sandboxRootKey.secretAccessKey);
    expect(run.stderr).not.toContain(sandboxRootKey.accessKeyId);
  });
});
