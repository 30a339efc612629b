import {
  AssociateSubnetCidrBlockCommand,
  CreateDefaultSubnetCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DisassociateSubnetCidrBlockCommand,
  ModifySubnetAttributeCommand,
  RunInstancesCommand,
  DeleteSubnetCommand,
  DescribeSubnetsCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { amazonLinuxImageId } from '../../src/emulator/services/ec2-images';
import { defaultSubnets, deleteDefaultVpc } from './default-vpc';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

describe('CreateDefaultSubnet', () => {
  it('refuses a zone that already has a default subnet, naming it', async () => {
    const { ec2 } = clientsFor();
    const [subnet] = await defaultSubnets(ec2);
    const answer = ec2.send(new CreateDefaultSubnetCommand({ AvailabilityZone: subnet!.AvailabilityZone }));
    expect(await errorOf(answer)).toMatchObject({
      name: 'DefaultSubnetAlreadyExistsInAvailabilityZone',
      message: `'${subnet!.SubnetId}' is already the default subnet in ${subnet!.AvailabilityZone}.`,
    });
  });

  it('makes a deleted default subnet again: the first free /20 of the default VPC, public IPs on launch', async () => {
    const { ec2 } = clientsFor();
    const [first] = await defaultSubnets(ec2);
    await ec2.send(new DeleteSubnetCommand({ SubnetId: first!.SubnetId }));
    const made = (await ec2.send(new CreateDefaultSubnetCommand({ AvailabilityZone: first!.AvailabilityZone })))
      .Subnet!;
    expect(made).toMatchObject({
      VpcId: first!.VpcId,
      CidrBlock: '172.31.0.0/20',
      AvailabilityZone: first!.AvailabilityZone,
      DefaultForAz: true,
      MapPublicIpOnLaunch: true,
    });
  });

  it('refuses when the region has no default VPC', async () => {
    const { ec2 } = clientsFor();
    await deleteDefaultVpc(ec2);
    expect(await errorOf(ec2.send(new CreateDefaultSubnetCommand({ AvailabilityZone: 'us-west-2a' })))).toMatchObject({
      name: 'DefaultVpcDoesNotExist',
      message: 'No default VPC exists for this account in this region.',
    });
  });
});

describe('CreateSubnet’s zone', () => {
  it('refuses a zone id of another region', async () => {
    const { ec2 } = clientsFor();
    const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    const answer = ec2.send(
      new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.0.0/24', AvailabilityZoneId: 'use1-az6' }),
    );
    expect(await errorOf(answer)).toMatchObject({
      name: 'InvalidParameterValue',
      message: expect.stringMatching(/^Value \(use1-az6\) for parameter availabilityZoneId is invalid\. .*usw2-az1/),
    });
  });
});

/** A VPC 10.0.0.0/16 with an Amazon-provided IPv6 /56. */
async function dualStackVpc(ec2: EC2Client) {
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', AmazonProvidedIpv6CidrBlock: true })))
    .Vpc!;
  return { VpcId: vpc.VpcId!, ipv6: vpc.Ipv6CidrBlockAssociationSet![0]!.Ipv6CidrBlock! };
}

describe('IPv6-only subnets', () => {
  it('refuses one without an IPv6 block, in EC2’s words', async () => {
    const { ec2 } = clientsFor();
    const { VpcId } = await dualStackVpc(ec2);
    const answer = ec2.send(new CreateSubnetCommand({ VpcId, Ipv6Native: true, CidrBlock: '10.0.0.0/24' }));
    expect(await errorOf(answer)).toMatchObject({
      name: 'MissingParameter',
      message: "Either 'ipv6CidrBlock' or 'ipv6IpamPoolId' should be provided.",
    });
  });

  it('refuses one with an IPv4 block too', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, ipv6 } = await dualStackVpc(ec2);
    const answer = ec2.send(
      new CreateSubnetCommand({ VpcId, Ipv6Native: true, CidrBlock: '10.0.0.0/24', Ipv6CidrBlock: ipv6 }),
    );
    expect(await errorOf(answer)).toMatchObject({
      name: 'InvalidParameterCombination',
      message: 'When specifying ipv4 parameters, cidrBlock or ipv4IpamPoolId, you cannot set ipv6Native to true.',
    });
  });

  it('makes one with no IPv4 block that gives instances IPv6 addresses, over its VPC’s whole /56', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, ipv6 } = await dualStackVpc(ec2);
    const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId, Ipv6Native: true, Ipv6CidrBlock: ipv6 }))).Subnet!;
    expect(subnet).toMatchObject({ Ipv6Native: true, AssignIpv6AddressOnCreation: true, AvailableIpAddressCount: 0 });
    expect(subnet.CidrBlock).toBeUndefined();
    expect(subnet.Ipv6CidrBlockAssociationSet!.map((b) => b.Ipv6CidrBlock)).toEqual([ipv6]);
  });

  it('refuses to launch an instance there, as the sandbox’s instances need an IPv4 address', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, ipv6 } = await dualStackVpc(ec2);
    const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId, Ipv6Native: true, Ipv6CidrBlock: ipv6 }))).Subnet!;
    const launch = new RunInstancesCommand({
      ImageId: amazonLinuxImageId('us-west-2'),
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      SubnetId: subnet.SubnetId,
    });
    expect((await errorOf(ec2.send(launch))).name).toBe('InvalidParameterCombination');
  });
});

describe('a subnet’s IPv6 block', () => {
  it('may be a /60 of its VPC’s /56', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, ipv6 } = await dualStackVpc(ec2);
    const Ipv6CidrBlock = ipv6.replace('/56', '/60');
    const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.0.0/24', Ipv6CidrBlock })))
      .Subnet!;
    expect(subnet.Ipv6CidrBlockAssociationSet!.map((b) => b.Ipv6CidrBlock)).toEqual([Ipv6CidrBlock]);
  });

  it('is added with AssociateSubnetCidrBlock and removed with DisassociateSubnetCidrBlock', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, ipv6 } = await dualStackVpc(ec2);
    const SubnetId = (await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.0.0/24' }))).Subnet!.SubnetId!;
    const Ipv6CidrBlock = ipv6.replace('/56', '/64');
    const added = await ec2.send(new AssociateSubnetCidrBlockCommand({ SubnetId, Ipv6CidrBlock }));
    expect(added.Ipv6CidrBlockAssociation).toMatchObject({
      Ipv6CidrBlock,
      Ipv6CidrBlockState: { State: 'associating' },
    });
    const blocks = async () =>
      (await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [SubnetId] }))).Subnets![0]!.Ipv6CidrBlockAssociationSet!;
    expect((await blocks()).map((b) => b.Ipv6CidrBlock)).toEqual([Ipv6CidrBlock]);
    const AssociationId = added.Ipv6CidrBlockAssociation!.AssociationId!;
    await ec2.send(new DisassociateSubnetCidrBlockCommand({ AssociationId }));
    expect(await blocks()).toEqual([]);
  });

  it('must lie inside its VPC’s IPv6 block', async () => {
    const { ec2 } = clientsFor();
    const { VpcId } = await dualStackVpc(ec2);
    const SubnetId = (await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.0.0/24' }))).Subnet!.SubnetId!;
    const answer = ec2.send(new AssociateSubnetCidrBlockCommand({ SubnetId, Ipv6CidrBlock: '2602::/64' }));
    expect(await errorOf(answer)).toMatchObject({ name: 'InvalidSubnet.Range' });
  });
});

describe('AssignIpv6AddressOnCreation', () => {
  it('refuses true for a subnet without an IPv6 block, in EC2’s words', async () => {
    const { ec2 } = clientsFor();
    const { VpcId } = await dualStackVpc(ec2);
    const SubnetId = (await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.0.0/24' }))).Subnet!.SubnetId!;
    const answer = ec2.send(
      new ModifySubnetAttributeCommand({ SubnetId, AssignIpv6AddressOnCreation: { Value: true } }),
    );
    expect(await errorOf(answer)).toMatchObject({
      name: 'InvalidParameterValue',
      message:
        "Invalid value 'true' for assign-ipv6-address-on-creation. Cannot set assign-ipv6-address-on-creation to " +
        `true unless the subnet (${SubnetId}) has an IPv6 CIDR block associated with it.`,
    });
  });

  it('keeps true for a subnet with an IPv6 block', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, ipv6 } = await dualStackVpc(ec2);
    const Ipv6CidrBlock = ipv6.replace('/56', '/64');
    const SubnetId = (await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.0.0/24', Ipv6CidrBlock })))
      .Subnet!.SubnetId!;
    await ec2.send(new ModifySubnetAttributeCommand({ SubnetId, AssignIpv6AddressOnCreation: { Value: true } }));
    const [subnet] = (await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [SubnetId] }))).Subnets!;
    expect(subnet!.AssignIpv6AddressOnCreation).toBe(true);
  });
});
