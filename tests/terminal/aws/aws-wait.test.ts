import { describe, expect, it } from 'vitest';
import { awsHarness } from './run-aws';

const template = 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n';

describe('aws … wait', () => {
  it('returns quietly once the stack is created', async () => {
    const aws = awsHarness({ files: { 'vpc.yaml': template } });
    await aws.run('cloudformation', 'create-stack', '--stack-name', 's', '--template-body', 'file://vpc.yaml');
    expect(await aws.run('cloudformation', 'wait', 'stack-create-complete', '--stack-name', 's')).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
  });

  it('fails at once, exit 255, when the stack does not exist', async () => {
    const run = await awsHarness().run('cloudformation', 'wait', 'stack-create-complete', '--stack-name', 'none');
    expect(run).toMatchObject({
      code: 255,
      stderr:
        '\nWaiter StackCreateComplete failed: Waiter encountered a terminal failure state: ' +
        'Matched expected service error code: ValidationError\n',
    });
  });

  it('waits for a new instance to be running', async () => {
    const aws = awsHarness();
    const image = await aws.run(
      'ec2',
      'describe-images',
      '--owners',
      'amazon',
      '--query',
      'Images[0].ImageId',
      '--output',
      'text',
    );
    const id = await aws.run(
      'ec2',
      'run-instances',
      '--image-id',
      image.stdout.trim(),
      '--instance-type',
      't2.micro',
      '--query',
      'Instances[0].InstanceId',
      '--output',
      'text',
    );
    expect(await aws.run('ec2', 'wait', 'instance-running', '--instance-ids', id.stdout.trim())).toMatchObject({
      code: 0,
    });
  });

  it('lists the waiters when the name is not one of them', async () => {
    const run = await awsHarness().run('cloudformation', 'wait', 'stack-done');
    expect(run.code).toBe(252);
    expect(run.stderr).toContain(`argument subcommand: Invalid choice, valid choices are:\n\n`);
    expect(run.stderr).toContain('stack-create-complete'.padEnd(40));
  });
});
