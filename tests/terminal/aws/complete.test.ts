import { describe, expect, it } from 'vitest';
import { completeAws } from '../../../src/terminal/aws/complete';

describe('completeAws', () => {
  it('completes services and commands', async () => {
    expect(await completeAws(['c'])).toEqual(['cloudformation', 'configure']);
  });

  it('completes a service’s operations', async () => {
    expect(await completeAws(['ec2', 'describe-vpcs'])).toContain('describe-vpcs');
    expect(await completeAws(['cloudformation', 'wa'])).toEqual(['wait']);
  });

  it('completes an operation’s parameters and the global options', async () => {
    expect(await completeAws(['ec2', 'describe-vpcs', '--fi'])).toEqual(['--filters']);
    expect(await completeAws(['ec2', 'describe-vpcs', '--reg'])).toEqual(['--region']);
  });

  it('skips values already given when finding the operation', async () => {
    expect(await completeAws(['ec2', 'describe-subnets', '--region', 'us-west-2', '--subnet-i'])).toEqual([
      '--subnet-ids',
    ]);
  });

  it('completes waiters and output formats', async () => {
    expect(await completeAws(['cloudformation', 'wait', 'stack-create'])).toEqual(['stack-create-complete']);
    expect(await completeAws(['sts', 'get-caller-identity', '--output', 't'])).toEqual(['table', 'text']);
  });

  it('completes the s3 commands', async () => {
    expect(await completeAws(['s3', 'p'])).toEqual(['presign']);
  });
});
