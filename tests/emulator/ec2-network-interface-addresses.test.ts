import {
  AssignPrivateIpAddressesCommand,
  CreateNetworkInterfaceCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  type EC2Client,
  UnassignPrivateIpAddressesCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

async function subnet(ec2: EC2Client): Promise<string> {
  const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.3.0.0/16' }))).Vpc!.VpcId!;
  return (await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.3.1.0/24' }))).Subnet!.SubnetId!;
}

async function freeAddresses(ec2: EC2Client, SubnetId: string): Promise<number> {
  return (await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [SubnetId] }))).Subnets![0]!.AvailableIpAddressCount!;
}

async function addressesOf(ec2: EC2Client, NetworkInterfaceId: string) {
  const answer = await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [NetworkInterfaceId] }));
  return answer.NetworkInterfaces![0]!.PrivateIpAddresses!.map((a) => [a.PrivateIpAddress, a.Primary]);
}

describe('secondary private addresses of a network interface', () => {
  it('makes an interface with the addresses PrivateIpAddresses lists, the first primary', async () => {
    const { ec2 } = clientsFor();
    const SubnetId = await subnet(ec2);
    const created = await ec2.send(
      new CreateNetworkInterfaceCommand({
        SubnetId,
        PrivateIpAddresses: [{ PrivateIpAddress: '10.3.1.10' }, { PrivateIpAddress: '10.3.1.11' }],
      }),
    );
    expect(await addressesOf(ec2, created.NetworkInterface!.NetworkInterfaceId!)).toEqual([
      ['10.3.1.10', true],
      ['10.3.1.11', false],
    ]);
  });

  it('counts every address an interface holds against its subnet', async () => {
    const { ec2 } = clientsFor();
    const SubnetId = await subnet(ec2);
    const before = await freeAddresses(ec2, SubnetId);
    await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId, SecondaryPrivateIpAddressCount: 2 }));
    expect(await freeAddresses(ec2, SubnetId)).toBe(before - 3);
  });

  it('assigns secondary addresses by count, the subnet’s next free ones', async () => {
    const { ec2 } = clientsFor();
    const SubnetId = await subnet(ec2);
    const eni = (await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId }))).NetworkInterface!;
    const answer = await ec2.send(
      new AssignPrivateIpAddressesCommand({
        NetworkInterfaceId: eni.NetworkInterfaceId,
        SecondaryPrivateIpAddressCount: 2,
      }),
    );
    expect(answer.AssignedPrivateIpAddresses!.map((a) => a.PrivateIpAddress)).toEqual(['10.3.1.5', '10.3.1.6']);
  });

  it('refuses to assign an address another interface holds', async () => {
    const { ec2 } = clientsFor();
    const SubnetId = await subnet(ec2);
    await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId, PrivateIpAddress: '10.3.1.20' }));
    const eni = (await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId }))).NetworkInterface!;
    const error = await errorOf(
      ec2.send(
        new AssignPrivateIpAddressesCommand({
          NetworkInterfaceId: eni.NetworkInterfaceId,
          PrivateIpAddresses: ['10.3.1.20'],
        }),
      ),
    );
    expect(error.name).toBe('InvalidIPAddress.InUse');
  });

  it('unassigns a secondary address and frees it in the subnet', async () => {
    const { ec2 } = clientsFor();
    const SubnetId = await subnet(ec2);
    const eni = (await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId, SecondaryPrivateIpAddressCount: 1 })))
      .NetworkInterface!;
    const before = await freeAddresses(ec2, SubnetId);
    const secondary = eni.PrivateIpAddresses!.find((a) => !a.Primary)!.PrivateIpAddress!;
    await ec2.send(
      new UnassignPrivateIpAddressesCommand({
        NetworkInterfaceId: eni.NetworkInterfaceId,
        PrivateIpAddresses: [secondary],
      }),
    );
    expect(await addressesOf(ec2, eni.NetworkInterfaceId!)).toEqual([[eni.PrivateIpAddress, true]]);
    expect(await freeAddresses(ec2, SubnetId)).toBe(before + 1);
  });

  it('refuses to unassign an address the interface does not hold as a secondary one', async () => {
    const { ec2 } = clientsFor();
    const SubnetId = await subnet(ec2);
    const eni = (await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId }))).NetworkInterface!;
    const error = await errorOf(
      ec2.send(
        new UnassignPrivateIpAddressesCommand({
          NetworkInterfaceId: eni.NetworkInterfaceId,
          PrivateIpAddresses: [eni.PrivateIpAddress!],
        }),
      ),
    );
    expect(error).toMatchObject({
      name: 'InvalidParameterValue',
      message: `Some of the specified addresses are not assigned to interface ${eni.NetworkInterfaceId}`,
    });
  });
});
