import {
  AssociateVpcCidrBlockCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  ModifyVpcAttributeCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
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

describe('a CIDR block that is not one', () => {
  const invalid = (parameter: string) => ({
    name: 'InvalidParameterValue',
    message: `Value (10.0.0.4/24) for parameter ${parameter} is invalid. This is not a valid CIDR block.`,
  });

  it('names CreateVpc’s parameter cidrBlock, as EC2 does', async () => {
    const { ec2 } = clientsFor();
    expect(await errorOf(ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.4/24' })))).toMatchObject(
      invalid('cidrBlock'),
    );
  });

  it('names CreateSubnet’s parameter cidrBlock', async () => {
    const { ec2 } = clientsFor();
    const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    expect(await errorOf(ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.0.4/24' })))).toMatchObject(
      invalid('cidrBlock'),
    );
  });

  it('names AssociateVpcCidrBlock’s parameter cidrBlock', async () => {
    const { ec2 } = clientsFor();
    const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    const answer = ec2.send(new AssociateVpcCidrBlockCommand({ VpcId, CidrBlock: '10.0.0.4/24' }));
    expect(await errorOf(answer)).toMatchObject(invalid('cidrBlock'));
  });
});

describe('VPC attributes', () => {
  it('reports Network Address Usage metrics off for a new VPC', async () => {
    const { ec2 } = clientsFor();
    const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    const answer = await ec2.send(
      new DescribeVpcAttributeCommand({ VpcId, Attribute: 'enableNetworkAddressUsageMetrics' }),
    );
    expect(answer.EnableNetworkAddressUsageMetrics).toEqual({ Value: false });
  });

  it('turns Network Address Usage metrics on', async () => {
    const { ec2 } = clientsFor();
    const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId, EnableNetworkAddressUsageMetrics: { Value: true } }));
    const answer = await ec2.send(
      new DescribeVpcAttributeCommand({ VpcId, Attribute: 'enableNetworkAddressUsageMetrics' }),
    );
    expect(answer.EnableNetworkAddressUsageMetrics).toEqual({ Value: true });
  });

  it('still turns DNS hostnames on', async () => {
    const { ec2 } = clientsFor();
    const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId, EnableDnsHostnames: { Value: true } }));
    const answer = await ec2.send(new DescribeVpcAttributeCommand({ VpcId, Attribute: 'enableDnsHostnames' }));
    expect(answer.EnableDnsHostnames).toEqual({ Value: true });
  });
});
