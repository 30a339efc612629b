import { DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

describe('a region the sandbox does not serve', () => {
  it('is no region at all when AWS has none of that name: the signature is scoped to nothing valid', async () => {
    const answer = await errorOf(clientsFor(undefined, 'xx-nowhere-1').ec2.send(new DescribeVpcsCommand({})));
    expect(answer).toEqual({
      name: 'SignatureDoesNotMatch',
      message: "Credential should be scoped to a valid region, not 'xx-nowhere-1'.",
      status: 403,
    });
  });

  it('is one the account has not enabled when AWS has it: EC2 cannot validate the key there', async () => {
    const answer = await errorOf(clientsFor(undefined, 'af-south-1').ec2.send(new DescribeVpcsCommand({})));
    expect(answer).toEqual({
      name: 'AuthFailure',
      message: 'AWS was not able to validate the provided access credentials',
      status: 401,
    });
  });

  it('is one the account has not enabled when AWS has it: STS does not know the key there', async () => {
    const answer = await errorOf(clientsFor(undefined, 'me-south-1').sts.send(new GetCallerIdentityCommand({})));
    expect(answer).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
  });
});
