import { describe, expect, it } from 'vitest';
import { awsHarness } from './run-aws';

describe('aws ec2 … --dry-run, as the CLI prints it', () => {
  it('prints DryRunOperation as an error and exits 254 when the call would have succeeded', async () => {
    const run = await awsHarness().run(
      'ec2',
      'run-instances',
      '--image-id',
      'ami-0123456789abcdef0',
      '--instance-type',
      't2.micro',
      '--dry-run',
    );
    expect(run).toEqual({
      code: 254,
      stdout: '',
      stderr:
        '\nAn error occurred (DryRunOperation) when calling the RunInstances operation: Request would have ' +
        'succeeded, but DryRun flag is set.\n',
    });
  });

  it('launches nothing', async () => {
    const aws = awsHarness();
    await aws.run(
      'ec2',
      'run-instances',
      '--image-id',
      'ami-0123456789abcdef0',
      '--instance-type',
      't2.micro',
      '--dry-run',
    );
    const listed = await aws.run('ec2', 'describe-instances', '--query', 'length(Reservations)');
    expect(listed).toEqual({ code: 0, stdout: '0\n', stderr: '' });
  });
});
