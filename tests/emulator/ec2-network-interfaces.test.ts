import {
  AttachNetworkInterfaceCommand,
  CreateNetworkInterfaceCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DeleteNetworkInterfaceCommand,
  DeleteSubnetCommand,
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DetachNetworkInterfaceCommand,
  type EC2Client,
  ModifyNetworkInterfaceAttributeCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { serializeSandboxState } from '../../src/emulator/persistence';
import { amazonLinuxImageId } from '../../src/emulator/services/ec2-images';
import { errorOf } from './error-of';
import { userWithPolicy } from './policy-user';
import { clientsFor, useSandbox } from './sandbox-clients';

const sandbox = useSandbox();
/** What a test reads of a saved sandbox file. */
type SavedFile = { accounts: Record<string, { regions: unknown }> };

/** A VPC with one subnet and a security group in it. */
async function network(ec2: EC2Client) {
  const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.2.0.0/16' }))).Vpc!.VpcId!;
  const subnet = (
    await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.2.1.0/24', AvailabilityZone: 'us-west-2a' }))
  ).Subnet!;
  const GroupId = (await ec2.send(new CreateSecurityGroupCommand({ VpcId, GroupName: 'web', Description: 'web' })))
    .GroupId!;
  return { VpcId, SubnetId: subnet.SubnetId!, GroupId };
}

async function launch(ec2: EC2Client, SubnetId: string) {
  const { Instances } = await ec2.send(
    new RunInstancesCommand({
      ImageId: amazonLinuxImageId('us-west-2'),
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      SubnetId,
    }),
  );
  return Instances![0]!;
}

async function newInterface(
  ec2: EC2Client,
  SubnetId: string,
  extra: { Groups?: string[]; PrivateIpAddress?: string } = {},
) {
  const { NetworkInterface } = await ec2.send(
    new CreateNetworkInterfaceCommand({ SubnetId, Description: 'backup', ...extra }),
  );
  return NetworkInterface!;
}

async function interfaceOf(ec2: EC2Client, id: string) {
  return (await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [id] }))).NetworkInterfaces![0]!;
}

describe('network interfaces', () => {
  it('creates an available interface with the subnet’s next address and the VPC’s default group', async () => {
    const { ec2 } = clientsFor();
    const { SubnetId } = await network(ec2);
    const eni = await newInterface(ec2, SubnetId);
    expect(eni).toMatchObject({ Status: 'available', PrivateIpAddress: '10.2.1.4', Description: 'backup' });
    expect(eni.NetworkInterfaceId).toMatch(/^eni-0[0-9a-f]{16}$/);
    expect(eni.Groups!.map((g) => g.GroupName)).toEqual(['default']);
  });

  it('takes an address of its subnet', async () => {
    const { ec2 } = clientsFor();
    const { SubnetId } = await network(ec2);
    await newInterface(ec2, SubnetId);
    const [subnet] = (await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [SubnetId] }))).Subnets!;
    expect(subnet!.AvailableIpAddressCount).toBe(250);
  });

  it('refuses an address outside its subnet', async () => {
    const { ec2 } = clientsFor();
    const { SubnetId } = await network(ec2);
    const error = await errorOf(newInterface(ec2, SubnetId, { PrivateIpAddress: '10.2.9.9' }));
    expect(error.name).toBe('InvalidParameterValue');
  });

  it('reads an instance’s primary interface without changing what is saved', async () => {
    const { ec2 } = clientsFor();
    const { SubnetId } = await network(ec2);
    await launch(ec2, SubnetId);
    // The access key's last use is recorded on every call, as IAM does; the region must not change.
    const regions = () =>
      (JSON.parse(serializeSandboxState(sandbox().state)) as SavedFile).accounts['123456789012']!.regions;
    const before = regions();
    await ec2.send(new DescribeNetworkInterfacesCommand({}));
    await ec2.send(new DescribeInstancesCommand({}));
    expect(regions()).toEqual(before);
  });

  it('lists every instance’s primary interface, attached at device index 0', async () => {
    const { ec2 } = clientsFor();
    const { SubnetId } = await network(ec2);
    const instance = await launch(ec2, SubnetId);
    const primary = await interfaceOf(ec2, instance.NetworkInterfaces![0]!.NetworkInterfaceId!);
    expect(primary).toMatchObject({
      Status: 'in-use',
      PrivateIpAddress: instance.PrivateIpAddress,
      MacAddress: instance.NetworkInterfaces![0]!.MacAddress,
      Attachment: { InstanceId: instance.InstanceId, DeviceIndex: 0 },
    });
  });

  it('finds interfaces by the attachment.instance-id filter', async () => {
    const { ec2 } = clientsFor();
    const { SubnetId } = await network(ec2);
    const instance = await launch(ec2, SubnetId);
    await newInterface(ec2, SubnetId);
    const { NetworkInterfaces } = await ec2.send(
      new DescribeNetworkInterfacesCommand({
        Filters: [{ Name: 'attachment.instance-id', Values: [instance.InstanceId!] }],
      }),
    );
    expect(NetworkInterfaces!.map((e) => e.NetworkInterfaceId)).toEqual([
      instance.NetworkInterfaces![0]!.NetworkInterfaceId,
    ]);
  });

  it('attaches an interface to an instance, which then shows both', async () => {
    const { ec2 } = clientsFor();
    const { SubnetId } = await network(ec2);
    const instance = await launch(ec2, SubnetId);
    const eni = await newInterface(ec2, SubnetId);
    await ec2.send(
      new AttachNetworkInterfaceCommand({
        NetworkInterfaceId: eni.NetworkInterfaceId,
        InstanceId: instance.InstanceId,
        DeviceIndex: 1,
      }),
    );
    const [reservation] = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instance.InstanceId!] })))
      .Reservations!;
    const attached = reservation!.Instances![0]!.NetworkInterfaces!.map((e) => e.Attachment!.DeviceIndex);
    expect(attached).toEqual([0, 1]);
  });

  it('refuses to delete an attached interface', async () => {
    const { ec2 } = clientsFor();
    const { SubnetId } = await network(ec2);
    const instance = await launch(ec2, SubnetId);
    const { NetworkInterfaceId } = await newInterface(ec2, SubnetId);
    await ec2.send(
      new AttachNetworkInterfaceCommand({ NetworkInterfaceId, InstanceId: instance.InstanceId, DeviceIndex: 1 }),
    );
    const error = await errorOf(ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId })));
    expect(error.name).toBe('InvalidNetworkInterface.InUse');
  });

  it('detaches an interface, which is available again and can be deleted', async () => {
    const { ec2 } = clientsFor();
    const { SubnetId } = await network(ec2);
    const instance = await launch(ec2, SubnetId);
    const { NetworkInterfaceId } = await newInterface(ec2, SubnetId);
    const { AttachmentId } = await ec2.send(
      new AttachNetworkInterfaceCommand({ NetworkInterfaceId, InstanceId: instance.InstanceId, DeviceIndex: 1 }),
    );
    await ec2.send(new DetachNetworkInterfaceCommand({ AttachmentId }));
    expect((await interfaceOf(ec2, NetworkInterfaceId!)).Status).toBe('available');
    await ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId }));
    const error = await errorOf(interfaceOf(ec2, NetworkInterfaceId!));
    expect(error.name).toBe('InvalidNetworkInterfaceID.NotFound');
  });

  it('refuses to detach an instance’s primary interface', async () => {
    const { ec2 } = clientsFor();
    const { SubnetId } = await network(ec2);
    const instance = await launch(ec2, SubnetId);
    const primary = await interfaceOf(ec2, instance.NetworkInterfaces![0]!.NetworkInterfaceId!);
    const error = await errorOf(
      ec2.send(new DetachNetworkInterfaceCommand({ AttachmentId: primary.Attachment!.AttachmentId })),
    );
    expect(error.name).toBe('OperationNotPermitted');
  });

  it('frees an interface attached to an instance when the instance is terminated', async () => {
    const { ec2 } = clientsFor();
    const { SubnetId } = await network(ec2);
    const instance = await launch(ec2, SubnetId);
    const { NetworkInterfaceId } = await newInterface(ec2, SubnetId);
    await ec2.send(
      new AttachNetworkInterfaceCommand({ NetworkInterfaceId, InstanceId: instance.InstanceId, DeviceIndex: 1 }),
    );
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [instance.InstanceId!] }));
    expect((await interfaceOf(ec2, NetworkInterfaceId!)).Status).toBe('available');
  });

  it('changes an instance’s groups through its primary interface', async () => {
    const { ec2 } = clientsFor();
    const { SubnetId, GroupId } = await network(ec2);
    const instance = await launch(ec2, SubnetId);
    const NetworkInterfaceId = instance.NetworkInterfaces![0]!.NetworkInterfaceId!;
    await ec2.send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId, Groups: [GroupId] }));
    const [reservation] = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instance.InstanceId!] })))
      .Reservations!;
    expect(reservation!.Instances![0]!.SecurityGroups!.map((g) => g.GroupId)).toEqual([GroupId]);
  });

  it('turns off the source/destination check and changes the description', async () => {
    const { ec2 } = clientsFor();
    const { SubnetId } = await network(ec2);
    const { NetworkInterfaceId } = await newInterface(ec2, SubnetId);
    await ec2.send(
      new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId, SourceDestCheck: { Value: false } }),
    );
    await ec2.send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId, Description: { Value: 'nat' } }));
    expect(await interfaceOf(ec2, NetworkInterfaceId!)).toMatchObject({ SourceDestCheck: false, Description: 'nat' });
  });

  it('keeps tags on an instance’s primary interface', async () => {
    const { ec2 } = clientsFor();
    const { SubnetId } = await network(ec2);
    const instance = await launch(ec2, SubnetId);
    const id = instance.NetworkInterfaces![0]!.NetworkInterfaceId!;
    await ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'Name', Value: 'web-eth0' }] }));
    expect((await interfaceOf(ec2, id)).TagSet).toEqual([{ Key: 'Name', Value: 'web-eth0' }]);
  });

  it('keeps a subnet with an interface in it from being deleted', async () => {
    const { ec2 } = clientsFor();
    const { SubnetId } = await network(ec2);
    await newInterface(ec2, SubnetId);
    const error = await errorOf(ec2.send(new DeleteSubnetCommand({ SubnetId })));
    expect(error.name).toBe('DependencyViolation');
  });

  it('refuses CreateNetworkInterface to a user whose policy does not allow it', async () => {
    const { ec2 } = clientsFor();
    const { SubnetId } = await network(ec2);
    const user = await userWithPolicy('ana', [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }]);
    const error = await errorOf(user.ec2.send(new CreateNetworkInterfaceCommand({ SubnetId })));
    expect(error.name).toBe('UnauthorizedOperation');
  });
});

describe('routes to network interfaces', () => {
  async function routeThrough(ec2: EC2Client, VpcId: string, NetworkInterfaceId: string) {
    const RouteTableId = (await ec2.send(new CreateRouteTableCommand({ VpcId }))).RouteTable!.RouteTableId!;
    await ec2.send(new CreateRouteCommand({ RouteTableId, DestinationCidrBlock: '0.0.0.0/0', NetworkInterfaceId }));
    const [table] = (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [RouteTableId] }))).RouteTables!;
    return table!.Routes!.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')!;
  }

  it('sends a route to an instance’s interface, active while it is attached', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, SubnetId } = await network(ec2);
    const instance = await launch(ec2, SubnetId);
    const NetworkInterfaceId = instance.NetworkInterfaces![0]!.NetworkInterfaceId!;
    expect(await routeThrough(ec2, VpcId, NetworkInterfaceId)).toMatchObject({ NetworkInterfaceId, State: 'active' });
  });

  it('shows a route to an interface attached to nothing as a blackhole', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, SubnetId } = await network(ec2);
    const { NetworkInterfaceId } = await newInterface(ec2, SubnetId);
    expect((await routeThrough(ec2, VpcId, NetworkInterfaceId!)).State).toBe('blackhole');
  });
});
