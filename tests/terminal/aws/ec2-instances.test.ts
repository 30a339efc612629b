import { describe, expect, it } from 'vitest';
import { awsHarness } from './run-aws';

describe('aws ec2 and the sandbox’s instances', () => {
  it('lists the free-tier types with the lesson’s own command', async () => {
    const run = await awsHarness().run(
      'ec2',
      'describe-instance-types',
      '--filters',
      'Name=free-tier-eligible,Values=true',
      '--query',
      'sort(InstanceTypes[].InstanceType)',
      '--output',
      'text',
    );
    expect(run).toMatchObject({
      code: 0,
      stdout: 'c7i-flex.large\tm7i-flex.large\tt3.micro\tt3.small\tt4g.micro\tt4g.small\n',
    });
  });

  it('launches a Graviton instance from the arm64 image an SSM parameter names', async () => {
    const run = await awsHarness().run(
      'ec2',
      'run-instances',
      '--image-id',
      'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
      '--instance-type',
      't4g.micro',
      '--query',
      'Instances[0].[InstanceType,Architecture]',
      '--output',
      'text',
    );
    expect(run).toMatchObject({ code: 0, stdout: 't4g.micro\tarm64\n' });
  });
});
