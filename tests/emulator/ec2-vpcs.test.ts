import {
  AssociateVpcCidrBlockCommand,
  CreateDefaultVpcCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  ModifySubnetAttributeCommand,
  ModifyVpcAttributeCommand,
  ModifyVpcTenancyCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { deleteDefaultVpc } from './default-vpc';
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
    message: `Value (10.0.0.256/24) for parameter ${parameter} is invalid. This is not a valid CIDR block.`,
  });

  it('names CreateVpc’s parameter cidrBlock, as EC2 does', async () => {
    const { ec2 } = clientsFor();
    expect(await errorOf(ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.256/24' })))).toMatchObject(
      invalid('cidrBlock'),
    );
  });

  it('names CreateSubnet’s parameter cidrBlock', async () => {
    const { ec2 } = clientsFor();
    const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    expect(await errorOf(ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.0.256/24' })))).toMatchObject(
      invalid('cidrBlock'),
    );
  });

  it('names AssociateVpcCidrBlock’s parameter cidrBlock', async () => {
    const { ec2 } = clientsFor();
    const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    const answer = ec2.send(new AssociateVpcCidrBlockCommand({ VpcId, CidrBlock: '10.0.0.256/24' }));
    expect(await errorOf(answer)).toMatchObject(invalid('cidrBlock'));
  });
});

// EC2 API reference, CreateVpc, CreateSubnet: "if you specify 100.68.0.18/18, we modify it to 100.68.0.0/18".
describe('a CIDR block with host bits set', () => {
  it('gives CreateVpc’s VPC the block in its canonical form', async () => {
    const { ec2 } = clientsFor();
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '100.68.0.18/18' }))).Vpc!;
    expect(vpc.CidrBlock).toBe('100.68.0.0/18');
  });

  it('gives CreateSubnet’s subnet the block in its canonical form', async () => {
    const { ec2 } = clientsFor();
    const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.1.7/24' }))).Subnet!;
    expect(subnet.CidrBlock).toBe('10.0.1.0/24');
  });

  it('associates AssociateVpcCidrBlock’s block in its canonical form', async () => {
    const { ec2 } = clientsFor();
    const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    const answer = await ec2.send(new AssociateVpcCidrBlockCommand({ VpcId, CidrBlock: '10.1.3.0/16' }));
    expect(answer.CidrBlockAssociation!.CidrBlock).toBe('10.1.0.0/16');
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

describe('a subnet’s DNS names for the instances launched in it', () => {
  it('starts with IP names and no resource-name records, and keeps a resource-name A record once asked', async () => {
    const { ec2 } = clientsFor();
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    const { Subnet } = await ec2.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId, CidrBlock: '10.0.0.0/24' }));
    expect(Subnet!.PrivateDnsNameOptionsOnLaunch).toEqual({
      HostnameType: 'ip-name',
      EnableResourceNameDnsARecord: false,
      EnableResourceNameDnsAAAARecord: false,
    });
    await ec2.send(
      new ModifySubnetAttributeCommand({
        SubnetId: Subnet!.SubnetId,
        EnableResourceNameDnsARecordOnLaunch: { Value: true },
      }),
    );
    const [described] = (await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [Subnet!.SubnetId!] }))).Subnets!;
    expect(described!.PrivateDnsNameOptionsOnLaunch).toMatchObject({
      HostnameType: 'ip-name',
      EnableResourceNameDnsARecord: true,
    });
  });
});

describe('ModifyVpcTenancy', () => {
  async function dedicatedVpc() {
    const { ec2 } = clientsFor();
    const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', InstanceTenancy: 'dedicated' })))
      .Vpc!.VpcId!;
    return { ec2, vpcId };
  }

  it('makes a dedicated VPC default', async () => {
    const { ec2, vpcId } = await dedicatedVpc();
    const answer = await ec2.send(new ModifyVpcTenancyCommand({ VpcId: vpcId, InstanceTenancy: 'default' }));
    expect(answer.ReturnValue).toBe(true);
    const [vpc] = (await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs!;
    expect(vpc!.InstanceTenancy).toBe('default');
  });

  it('refuses any tenancy but default with UnsupportedTenancy', async () => {
    const { ec2, vpcId } = await dedicatedVpc();
    const error = await errorOf(
      ec2.send(new ModifyVpcTenancyCommand({ VpcId: vpcId, InstanceTenancy: 'dedicated' as 'default' })),
    );
    expect(error).toMatchObject({
      name: 'UnsupportedTenancy',
      message: 'The tenancy value dedicated is not supported.',
    });
  });
});

describe('CreateDefaultVpc', () => {
  it('refuses while the region has a default VPC', async () => {
    const { ec2 } = clientsFor();
    expect(await errorOf(ec2.send(new CreateDefaultVpcCommand({})))).toMatchObject({
      name: 'DefaultVpcAlreadyExists',
      message: 'A Default VPC already exists for this account in this region.',
    });
  });

  it('makes a deleted default VPC again, 172.31.0.0/16 with a default subnet in every zone', async () => {
    const { ec2 } = clientsFor();
    await deleteDefaultVpc(ec2);
    const vpc = (await ec2.send(new CreateDefaultVpcCommand({}))).Vpc!;
    expect(vpc).toMatchObject({ CidrBlock: '172.31.0.0/16', IsDefault: true });
    const filter = { Name: 'vpc-id', Values: [vpc.VpcId!] };
    const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [filter] }))).Subnets!;
    expect(subnets.map((s) => [s.CidrBlock, s.DefaultForAz])).toEqual([
      ['172.31.0.0/20', true],
      ['172.31.16.0/20', true],
      ['172.31.32.0/20', true],
      ['172.31.48.0/20', true],
    ]);
  });
});
