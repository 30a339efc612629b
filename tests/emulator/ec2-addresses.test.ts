import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DescribeAddressesCommand,
  DescribeInstancesCommand,
  DisassociateAddressCommand,
  ReleaseAddressCommand,
  RunInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { userWithPolicy } from './policy-user';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

/** An instance in the default VPC's subnet, which gives it an automatic public address. */
async function launch(ec2: EC2Client, subnetId?: string) {
  const run = await ec2.send(
    new RunInstancesCommand({
      ImageId: 'ami-0123456789abcdef0',
      InstanceType: 't2.micro',
      MinCount: 1,
      MaxCount: 1,
      SubnetId: subnetId,
    }),
  );
  return run.Instances![0]!;
}

async function instance(ec2: EC2Client, instanceId: string) {
  const answer = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
  return answer.Reservations![0]!.Instances![0]!;
}

async function allocate(ec2: EC2Client) {
  return ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
}

describe('Elastic IP addresses', () => {
  it('allocates a VPC address from the documentation ranges and lists it', async () => {
    const { ec2 } = clientsFor();
    const address = await allocate(ec2);
    expect(address).toMatchObject({ Domain: 'vpc', AllocationId: expect.stringMatching(/^eipalloc-[0-9a-f]{17}$/) });
    expect(address.PublicIp).toMatch(/^(203\.0\.113|198\.51\.100|192\.0\.2)\.\d+$/);
    const listed = await ec2.send(new DescribeAddressesCommand({}));
    expect(listed.Addresses).toEqual([expect.objectContaining({ AllocationId: address.AllocationId })]);
  });

  it('refuses a sixth address in a region with AddressLimitExceeded', async () => {
    const { ec2 } = clientsFor();
    for (let n = 0; n < 5; n++) await allocate(ec2);
    expect(await errorOf(allocate(ec2))).toMatchObject({
      name: 'AddressLimitExceeded',
      message: 'The maximum number of addresses has been reached.',
    });
  });

  it('gives an address no instance holds', async () => {
    const { ec2 } = clientsFor();
    const { PublicIpAddress } = await launch(ec2);
    expect((await allocate(ec2)).PublicIp).not.toBe(PublicIpAddress);
  });

  it('makes the Elastic IP the public address of the instance it is associated with', async () => {
    const { ec2 } = clientsFor();
    const { InstanceId } = await launch(ec2);
    const { AllocationId, PublicIp } = await allocate(ec2);
    const { AssociationId } = await ec2.send(new AssociateAddressCommand({ AllocationId, InstanceId }));
    expect(AssociationId).toMatch(/^eipassoc-/);
    expect((await instance(ec2, InstanceId!)).PublicIpAddress).toBe(PublicIp);
  });

  it('associates with an instance named by its network interface', async () => {
    const { ec2 } = clientsFor();
    const launched = await launch(ec2);
    const { AllocationId } = await allocate(ec2);
    const NetworkInterfaceId = launched.NetworkInterfaces![0]!.NetworkInterfaceId;
    await ec2.send(new AssociateAddressCommand({ AllocationId, NetworkInterfaceId }));
    const [address] = (await ec2.send(new DescribeAddressesCommand({ AllocationIds: [AllocationId!] }))).Addresses!;
    expect(address).toMatchObject({ InstanceId: launched.InstanceId, NetworkInterfaceId });
  });

  it('gives the instance a new automatic public address when the Elastic IP leaves it', async () => {
    const { ec2 } = clientsFor();
    const { InstanceId } = await launch(ec2);
    const { AllocationId, PublicIp } = await allocate(ec2);
    const { AssociationId } = await ec2.send(new AssociateAddressCommand({ AllocationId, InstanceId }));
    await ec2.send(new DisassociateAddressCommand({ AssociationId }));
    const after = await instance(ec2, InstanceId!);
    expect(after.PublicIpAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(after.PublicIpAddress).not.toBe(PublicIp);
  });

  /** A subnet that gives no public addresses, in a VPC with an internet gateway when `gateway` says so. */
  async function privateSubnet(ec2: EC2Client, gateway: boolean) {
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc!;
    if (gateway) {
      const igw = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!;
      await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId, VpcId: vpc.VpcId }));
    }
    return (await ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: '10.1.1.0/24' }))).Subnet!.SubnetId;
  }

  it('leaves an instance that had no public address without one when the Elastic IP leaves it', async () => {
    const { ec2 } = clientsFor();
    const { InstanceId } = await launch(ec2, await privateSubnet(ec2, true));
    const { AllocationId } = await allocate(ec2);
    const { AssociationId } = await ec2.send(new AssociateAddressCommand({ AllocationId, InstanceId }));
    await ec2.send(new DisassociateAddressCommand({ AssociationId }));
    expect((await instance(ec2, InstanceId!)).PublicIpAddress).toBeUndefined();
  });

  it('refuses to associate with an instance in a VPC without an internet gateway', async () => {
    const { ec2 } = clientsFor();
    const { InstanceId, VpcId } = await launch(ec2, await privateSubnet(ec2, false));
    const { AllocationId } = await allocate(ec2);
    expect(await errorOf(ec2.send(new AssociateAddressCommand({ AllocationId, InstanceId })))).toMatchObject({
      name: 'Gateway.NotAttached',
      message: `Network ${VpcId} is not attached to any internet gateway`,
    });
  });

  it('keeps the Elastic IP on an instance that stops', async () => {
    const { ec2 } = clientsFor();
    const { InstanceId } = await launch(ec2);
    const { AllocationId, PublicIp } = await allocate(ec2);
    await ec2.send(new AssociateAddressCommand({ AllocationId, InstanceId }));
    await ec2.send(new StopInstancesCommand({ InstanceIds: [InstanceId!] }));
    expect((await instance(ec2, InstanceId!)).PublicIpAddress).toBe(PublicIp);
  });

  it('disassociates the Elastic IP from an instance that is terminated', async () => {
    const { ec2 } = clientsFor();
    const { InstanceId } = await launch(ec2);
    const { AllocationId } = await allocate(ec2);
    await ec2.send(new AssociateAddressCommand({ AllocationId, InstanceId }));
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [InstanceId!] }));
    const [address] = (await ec2.send(new DescribeAddressesCommand({ AllocationIds: [AllocationId!] }))).Addresses!;
    expect(address!.InstanceId).toBeUndefined();
  });

  it('refuses to move an associated address without AllowReassociation', async () => {
    const { ec2 } = clientsFor();
    const first = await launch(ec2);
    const second = await launch(ec2);
    const { AllocationId } = await allocate(ec2);
    const { AssociationId } = await ec2.send(
      new AssociateAddressCommand({ AllocationId, InstanceId: first.InstanceId }),
    );
    expect(
      await errorOf(ec2.send(new AssociateAddressCommand({ AllocationId, InstanceId: second.InstanceId }))),
    ).toMatchObject({
      name: 'Resource.AlreadyAssociated',
      message: `resource ${AllocationId} is already associated with associate-id ${AssociationId}`,
    });
  });

  it('moves an associated address with AllowReassociation', async () => {
    const { ec2 } = clientsFor();
    const first = await launch(ec2);
    const second = await launch(ec2);
    const { AllocationId, PublicIp } = await allocate(ec2);
    await ec2.send(new AssociateAddressCommand({ AllocationId, InstanceId: first.InstanceId }));
    await ec2.send(
      new AssociateAddressCommand({ AllocationId, InstanceId: second.InstanceId, AllowReassociation: true }),
    );
    expect((await instance(ec2, second.InstanceId!)).PublicIpAddress).toBe(PublicIp);
    expect((await instance(ec2, first.InstanceId!)).PublicIpAddress).not.toBe(PublicIp);
  });

  it('refuses to release an associated address with InvalidIPAddress.InUse', async () => {
    const { ec2 } = clientsFor();
    const { InstanceId } = await launch(ec2);
    const { AllocationId } = await allocate(ec2);
    await ec2.send(new AssociateAddressCommand({ AllocationId, InstanceId }));
    expect(await errorOf(ec2.send(new ReleaseAddressCommand({ AllocationId })))).toMatchObject({
      name: 'InvalidIPAddress.InUse',
      message: 'Address is in use.',
    });
  });

  it('releases an address, which then is no longer listed', async () => {
    const { ec2 } = clientsFor();
    const { AllocationId } = await allocate(ec2);
    await ec2.send(new ReleaseAddressCommand({ AllocationId }));
    expect((await ec2.send(new DescribeAddressesCommand({}))).Addresses).toEqual([]);
  });

  it('answers InvalidAllocationID.NotFound for an allocation id that names nothing', async () => {
    const { ec2 } = clientsFor();
    const missing = 'eipalloc-0123456789abcdef0';
    expect(await errorOf(ec2.send(new ReleaseAddressCommand({ AllocationId: missing })))).toMatchObject({
      name: 'InvalidAllocationID.NotFound',
      message: `The allocation ID '${missing}' does not exist`,
    });
  });

  it('answers InvalidAssociationID.NotFound for disassociating an association that does not exist', async () => {
    const { ec2 } = clientsFor();
    const error = await errorOf(
      ec2.send(new DisassociateAddressCommand({ AssociationId: 'eipassoc-0123456789abcdef0' })),
    );
    expect(error.name).toBe('InvalidAssociationID.NotFound');
  });

  it('filters addresses by the instance they are associated with', async () => {
    const { ec2 } = clientsFor();
    const { InstanceId } = await launch(ec2);
    const { AllocationId } = await allocate(ec2);
    await allocate(ec2);
    await ec2.send(new AssociateAddressCommand({ AllocationId, InstanceId }));
    const filtered = await ec2.send(
      new DescribeAddressesCommand({ Filters: [{ Name: 'instance-id', Values: [InstanceId!] }] }),
    );
    expect(filtered.Addresses!.map((a) => a.AllocationId)).toEqual([AllocationId]);
  });

  it('filters addresses by their network border group, the region', async () => {
    const { ec2 } = clientsFor();
    const { AllocationId } = await allocate(ec2);
    const filtered = await ec2.send(
      new DescribeAddressesCommand({ Filters: [{ Name: 'network-border-group', Values: ['us-west-2'] }] }),
    );
    expect(filtered.Addresses!.map((a) => a.AllocationId)).toEqual([AllocationId]);
  });

  it('tags an address at allocation and with CreateTags', async () => {
    const { ec2 } = clientsFor();
    const { AllocationId } = await ec2.send(
      new AllocateAddressCommand({
        TagSpecifications: [{ ResourceType: 'elastic-ip', Tags: [{ Key: 'Name', Value: 'web' }] }],
      }),
    );
    await ec2.send(new CreateTagsCommand({ Resources: [AllocationId!], Tags: [{ Key: 'team', Value: 'course' }] }));
    const filtered = await ec2.send(new DescribeAddressesCommand({ Filters: [{ Name: 'tag:Name', Values: ['web'] }] }));
    expect(filtered.Addresses![0]!.Tags).toEqual([
      { Key: 'Name', Value: 'web' },
      { Key: 'team', Value: 'course' },
    ]);
  });

  it('allocates nothing on a dry run', async () => {
    const { ec2 } = clientsFor();
    expect((await errorOf(ec2.send(new AllocateAddressCommand({ DryRun: true })))).name).toBe('DryRunOperation');
    expect((await ec2.send(new DescribeAddressesCommand({}))).Addresses).toEqual([]);
  });

  it('refuses AllocateAddress to a user whose policy does not allow it', async () => {
    const user = await userWithPolicy('ana', [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }]);
    expect((await errorOf(user.ec2.send(new AllocateAddressCommand({})))).name).toBe('UnauthorizedOperation');
    expect((await clientsFor().ec2.send(new DescribeAddressesCommand({}))).Addresses).toEqual([]);
  });
});
