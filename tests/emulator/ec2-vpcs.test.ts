import { DescribeSubnetsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

describe('VPC and subnet filter names', () => {
  it('finds the default VPC by the older filter name isDefault', async () => {
    const { ec2 } = clientsFor();
    const answer = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'isDefault', Values: ['true'] }] }));
    expect(answer.Vpcs!.map((v) => v.IsDefault)).toEqual([true]);
  });

  it('finds default subnets by the older filter name defaultForAz', async () => {
    const { ec2 } = clientsFor();
    const all = await ec2.send(new DescribeSubnetsCommand({}));
    const answer = await ec2.send(
      new DescribeSubnetsCommand({ Filters: [{ Name: 'defaultForAz', Values: ['true'] }] }),
    );
    expect(answer.Subnets!.length).toBe(all.Subnets!.length);
  });

  it('finds a subnet by the older filter names availabilityZone, availabilityZoneId and cidrBlock', async () => {
    const { ec2 } = clientsFor();
    const [subnet] = (await ec2.send(new DescribeSubnetsCommand({}))).Subnets!;
    const answer = await ec2.send(
      new DescribeSubnetsCommand({
        Filters: [
          { Name: 'availabilityZone', Values: [subnet!.AvailabilityZone!] },
          { Name: 'availabilityZoneId', Values: [subnet!.AvailabilityZoneId!] },
          { Name: 'cidrBlock', Values: [subnet!.CidrBlock!] },
        ],
      }),
    );
    expect(answer.Subnets!.map((s) => s.SubnetId)).toEqual([subnet!.SubnetId]);
  });
});
