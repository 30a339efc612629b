import {
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeInstancesCommand,
  ModifySubnetAttributeCommand,
  type RunInstancesCommandInput,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { amazonLinuxImageId } from '../../src/emulator/services/ec2-images';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

const { ec2 } = clientsFor();

/** A subnet with the first /64 of a new VPC's Amazon-provided /56, and that /64's prefix (`2600:…::`). */
async function ipv6Subnet() {
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', AmazonProvidedIpv6CidrBlock: true })))
    .Vpc!;
  const block = vpc.Ipv6CidrBlockAssociationSet![0]!.Ipv6CidrBlock!.replace('/56', '/64');
  const subnet = await ec2.send(
    new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: '10.0.0.0/24', Ipv6CidrBlock: block }),
  );
  return { subnetId: subnet.Subnet!.SubnetId!, prefix: block.replace('/64', '') };
}

const launch = (extra: Partial<RunInstancesCommandInput>) =>
  ec2.send(
    new RunInstancesCommand({
      ImageId: amazonLinuxImageId('us-west-2'),
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      ...extra,
    }),
  );

const ipv6Of = (answer: Awaited<ReturnType<typeof launch>>) =>
  answer.Instances!.map((i) => i.NetworkInterfaces![0]!.Ipv6Addresses!.map((a) => a.Ipv6Address));

describe('IPv6 addresses on instances', () => {
  it('gives each instance as many as Ipv6AddressCount asks, from the subnet block, none twice', async () => {
    const { subnetId, prefix } = await ipv6Subnet();
    const answer = await launch({ SubnetId: subnetId, Ipv6AddressCount: 2, MinCount: 2, MaxCount: 2 });
    const addresses = ipv6Of(answer);
    expect(addresses.map((a) => a.length)).toEqual([2, 2]);
    expect(new Set(addresses.flat()).size).toBe(4);
    for (const address of addresses.flat()) expect(address!.startsWith(prefix.replace(/::$/, ':'))).toBe(true);
  });

  it('gives the address Ipv6Address names, as DescribeInstances shows it', async () => {
    const { subnetId, prefix } = await ipv6Subnet();
    const answer = await launch({ SubnetId: subnetId, Ipv6Addresses: [{ Ipv6Address: `${prefix}abcd` }] });
    const id = answer.Instances![0]!.InstanceId!;
    const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
    const iface = described.Reservations![0]!.Instances![0]!.NetworkInterfaces![0]!;
    expect(iface.Ipv6Addresses!.map((a) => a.Ipv6Address)).toEqual([`${prefix}abcd`]);
  });

  it('gives one address in a subnet that assigns them on creation', async () => {
    const { subnetId } = await ipv6Subnet();
    await ec2.send(
      new ModifySubnetAttributeCommand({ SubnetId: subnetId, AssignIpv6AddressOnCreation: { Value: true } }),
    );
    expect(ipv6Of(await launch({ SubnetId: subnetId }))[0]).toHaveLength(1);
  });

  it('refuses an address another instance holds', async () => {
    const { subnetId, prefix } = await ipv6Subnet();
    await launch({ SubnetId: subnetId, Ipv6Addresses: [{ Ipv6Address: `${prefix}10` }] });
    const error = await errorOf(launch({ SubnetId: subnetId, Ipv6Addresses: [{ Ipv6Address: `${prefix}10` }] }));
    expect(error.name).toBe('InvalidIPAddress.InUse');
  });

  it('refuses an address outside the subnet block', async () => {
    const { subnetId } = await ipv6Subnet();
    const error = await errorOf(launch({ SubnetId: subnetId, Ipv6Addresses: [{ Ipv6Address: '2001:db8::1' }] }));
    expect(error.name).toBe('InvalidParameterValue');
  });

  it('refuses both addresses and a count', async () => {
    const { subnetId, prefix } = await ipv6Subnet();
    const error = await errorOf(
      launch({ SubnetId: subnetId, Ipv6AddressCount: 1, Ipv6Addresses: [{ Ipv6Address: `${prefix}20` }] }),
    );
    expect(error).toMatchObject({
      name: 'InvalidParameterCombination',
      message: 'IPv6 addresses and IPv6 address count may not be specified on the same request',
    });
  });

  it('refuses a count in a subnet without an IPv6 block', async () => {
    const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc!.VpcId!;
    const subnetId = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.1.0.0/24' }))).Subnet!
      .SubnetId!;
    expect((await errorOf(launch({ SubnetId: subnetId, Ipv6AddressCount: 1 }))).name).toBe('InvalidParameterValue');
  });
});
