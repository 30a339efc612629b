import { CreateTagsCommand, DeleteTagsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

describe('EC2 tags', () => {
  it('refuses CreateTags without a resource, naming the parameter as EC2 does', async () => {
    const { ec2 } = clientsFor();
    const error = await errorOf(ec2.send(new CreateTagsCommand({ Resources: [], Tags: [{ Key: 'k', Value: 'v' }] })));
    expect(error).toMatchObject({
      name: 'MissingParameter',
      message: 'The request must contain the parameter resourceIdSet',
    });
  });

  it('refuses DeleteTags without a resource', async () => {
    const { ec2 } = clientsFor();
    const error = await errorOf(ec2.send(new DeleteTagsCommand({ Resources: [], Tags: [{ Key: 'k' }] })));
    expect(error).toMatchObject({
      name: 'MissingParameter',
      message: 'The request must contain the parameter resourceIdSet',
    });
  });

  it('refuses more than 50 tags on a resource and leaves its tags as they were', async () => {
    const { ec2 } = clientsFor();
    const vpcId = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs![0]!.VpcId!;
    await ec2.send(new CreateTagsCommand({ Resources: [vpcId], Tags: [{ Key: 'Name', Value: 'main' }] }));
    const tooMany = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: '' }));
    const error = await errorOf(ec2.send(new CreateTagsCommand({ Resources: [vpcId], Tags: tooMany })));
    expect(error.name).toBe('TagLimitExceeded');
    const vpc = (await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs![0]!;
    expect(vpc.Tags).toEqual([{ Key: 'Name', Value: 'main' }]);
  });
});
