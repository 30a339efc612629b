import {
  AllocateAddressCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteNatGatewayCommand,
  DeleteSubnetCommand,
  DescribeAddressesCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  ReleaseAddressCommand,
  ReplaceRouteCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { describe, expect, it, vi } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

let now = new Date('2025-06-01T10:00:00Z');
useSandbox(() => ({ now: () => now }));

/** A VPC with a public subnet (its internet gateway attached, when `gateway` says so) and an Elastic IP. */
async function network(ec2: EC2Client, gateway = true) {
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc!.VpcId!;
  if (gateway) {
    const igw = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!;
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId, VpcId: vpcId }));
  }
  const subnetId = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.1.1.0/24' }))).Subnet!
    .SubnetId!;
  const { AllocationId, PublicIp } = await ec2.send(new AllocateAddressCommand({}));
  return { vpcId, subnetId, allocationId: AllocationId!, publicIp: PublicIp! };
}

async function natGateway(ec2: EC2Client, subnetId: string, allocationId: string) {
  const created = await ec2.send(new CreateNatGatewayCommand({ SubnetId: subnetId, AllocationId: allocationId }));
  return created.NatGateway!;
}

async function describeNat(ec2: EC2Client, natGatewayId: string) {
  return (await ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [natGatewayId] }))).NatGateways![0]!;
}

describe('NAT gateways', () => {
  it('answers CreateNatGateway with a pending gateway holding the Elastic IP', async () => {
    const { ec2 } = clientsFor();
    const { vpcId, subnetId, allocationId, publicIp } = await network(ec2);
    const nat = await natGateway(ec2, subnetId, allocationId);
    expect(nat).toMatchObject({ State: 'pending', VpcId: vpcId, SubnetId: subnetId, ConnectivityType: 'public' });
    expect(nat.NatGatewayAddresses![0]).toMatchObject({ AllocationId: allocationId, PublicIp: publicIp });
    expect(nat.NatGatewayAddresses![0]!.PrivateIp).toMatch(/^10\.1\.1\.\d+$/);
  });

  it('describes the gateway as available', async () => {
    const { ec2 } = clientsFor();
    const { subnetId, allocationId } = await network(ec2);
    const { NatGatewayId } = await natGateway(ec2, subnetId, allocationId);
    expect((await describeNat(ec2, NatGatewayId!)).State).toBe('available');
  });

  it('takes one of its subnet’s addresses', async () => {
    const { ec2 } = clientsFor();
    const { subnetId, allocationId } = await network(ec2);
    await natGateway(ec2, subnetId, allocationId);
    const [subnet] = (await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] }))).Subnets!;
    expect(subnet!.AvailableIpAddressCount).toBe(250);
  });

  it('shows the Elastic IP it holds as associated with its network interface', async () => {
    const { ec2 } = clientsFor();
    const { subnetId, allocationId } = await network(ec2);
    const nat = await natGateway(ec2, subnetId, allocationId);
    const [address] = (await ec2.send(new DescribeAddressesCommand({ AllocationIds: [allocationId] }))).Addresses!;
    expect(address!.NetworkInterfaceId).toBe(nat.NatGatewayAddresses![0]!.NetworkInterfaceId);
  });

  it('refuses to release the Elastic IP a NAT gateway holds', async () => {
    const { ec2 } = clientsFor();
    const { subnetId, allocationId } = await network(ec2);
    await natGateway(ec2, subnetId, allocationId);
    const error = await errorOf(ec2.send(new ReleaseAddressCommand({ AllocationId: allocationId })));
    expect(error.name).toBe('InvalidIPAddress.InUse');
  });

  it('refuses an Elastic IP another NAT gateway holds with Resource.AlreadyAssociated', async () => {
    const { ec2 } = clientsFor();
    const { subnetId, allocationId } = await network(ec2);
    await natGateway(ec2, subnetId, allocationId);
    expect(await errorOf(natGateway(ec2, subnetId, allocationId))).toMatchObject({
      name: 'Resource.AlreadyAssociated',
      message: `Elastic IP address ${allocationId} is already associated`,
    });
  });

  it('refuses an allocation id that names nothing with InvalidAllocationID.NotFound', async () => {
    const { ec2 } = clientsFor();
    const { subnetId } = await network(ec2);
    const error = await errorOf(natGateway(ec2, subnetId, 'eipalloc-0123456789abcdef0'));
    expect(error.name).toBe('InvalidAllocationID.NotFound');
  });

  it('requires an Elastic IP for a public NAT gateway', async () => {
    const { ec2 } = clientsFor();
    const { subnetId } = await network(ec2);
    const error = await errorOf(ec2.send(new CreateNatGatewayCommand({ SubnetId: subnetId })));
    expect(error).toMatchObject({ name: 'MissingParameter' });
  });

  it('makes a private NAT gateway without an Elastic IP', async () => {
    const { ec2 } = clientsFor();
    const { subnetId } = await network(ec2, false);
    const nat = (await ec2.send(new CreateNatGatewayCommand({ SubnetId: subnetId, ConnectivityType: 'private' })))
      .NatGateway!;
    expect((await describeNat(ec2, nat.NatGatewayId!)).State).toBe('available');
    expect(nat.NatGatewayAddresses![0]!.PublicIp).toBeUndefined();
  });

  it('fails a public NAT gateway in a VPC without an internet gateway, as AWS reports it', async () => {
    const { ec2 } = clientsFor();
    const { vpcId, subnetId, allocationId } = await network(ec2, false);
    const { NatGatewayId } = await natGateway(ec2, subnetId, allocationId);
    expect(await describeNat(ec2, NatGatewayId!)).toMatchObject({
      State: 'failed',
      FailureCode: 'Gateway.NotAttached',
      FailureMessage: `Network ${vpcId} has no Internet gateway attached`,
    });
  });

  it('filters NAT gateways by subnet and state', async () => {
    const { ec2 } = clientsFor();
    const { subnetId, allocationId } = await network(ec2);
    const { NatGatewayId } = await natGateway(ec2, subnetId, allocationId);
    const answer = await ec2.send(
      new DescribeNatGatewaysCommand({
        Filter: [
          { Name: 'subnet-id', Values: [subnetId] },
          { Name: 'state', Values: ['available'] },
        ],
      }),
    );
    expect(answer.NatGateways!.map((n) => n.NatGatewayId)).toEqual([NatGatewayId]);
  });

  it('answers NatGatewayNotFound for an id that names nothing', async () => {
    const { ec2 } = clientsFor();
    const missing = 'nat-0123456789abcdef0';
    expect(await errorOf(ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [missing] })))).toMatchObject({
      name: 'NatGatewayNotFound',
      message: `NAT gateway ${missing} was not found`,
    });
  });

  it('lists a deleted NAT gateway as deleted for an hour, then no more', async () => {
    const { ec2 } = clientsFor();
    const { subnetId, allocationId } = await network(ec2);
    const { NatGatewayId } = await natGateway(ec2, subnetId, allocationId);
    await ec2.send(new DeleteNatGatewayCommand({ NatGatewayId }));
    expect((await describeNat(ec2, NatGatewayId!)).State).toBe('deleted');
    now = new Date(now.getTime() + 61 * 60 * 1000);
    vi.setSystemTime(now);
    expect((await ec2.send(new DescribeNatGatewaysCommand({}))).NatGateways).toEqual([]);
  });

  it('frees its Elastic IP and its subnet once deleted', async () => {
    const { ec2 } = clientsFor();
    const { subnetId, allocationId } = await network(ec2);
    const { NatGatewayId } = await natGateway(ec2, subnetId, allocationId);
    expect((await errorOf(ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId })))).name).toBe('DependencyViolation');
    await ec2.send(new DeleteNatGatewayCommand({ NatGatewayId }));
    await ec2.send(new ReleaseAddressCommand({ AllocationId: allocationId }));
    await ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId }));
  });

  describe('as a route’s target', () => {
    async function routeToNat(ec2: EC2Client) {
      const { vpcId, subnetId, allocationId } = await network(ec2);
      const { NatGatewayId } = await natGateway(ec2, subnetId, allocationId);
      const RouteTableId = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId;
      await ec2.send(new CreateRouteCommand({ RouteTableId, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId }));
      return { RouteTableId: RouteTableId!, NatGatewayId: NatGatewayId! };
    }

    async function defaultRoute(ec2: EC2Client, RouteTableId: string) {
      const [table] = (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [RouteTableId] }))).RouteTables!;
      return table!.Routes!.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')!;
    }

    it('routes to a NAT gateway', async () => {
      const { ec2 } = clientsFor();
      const { RouteTableId, NatGatewayId } = await routeToNat(ec2);
      expect(await defaultRoute(ec2, RouteTableId)).toMatchObject({ NatGatewayId, State: 'active' });
    });

    it('finds the route tables that route to a NAT gateway with the route.nat-gateway-id filter', async () => {
      const { ec2 } = clientsFor();
      const { RouteTableId, NatGatewayId } = await routeToNat(ec2);
      const answer = await ec2.send(
        new DescribeRouteTablesCommand({ Filters: [{ Name: 'route.nat-gateway-id', Values: [NatGatewayId] }] }),
      );
      expect(answer.RouteTables!.map((t) => t.RouteTableId)).toEqual([RouteTableId]);
    });

    it('shows the route as a blackhole once the NAT gateway is deleted', async () => {
      const { ec2 } = clientsFor();
      const { RouteTableId, NatGatewayId } = await routeToNat(ec2);
      await ec2.send(new DeleteNatGatewayCommand({ NatGatewayId }));
      expect((await defaultRoute(ec2, RouteTableId)).State).toBe('blackhole');
    });

    it('refuses a route to a NAT gateway that does not exist', async () => {
      const { ec2 } = clientsFor();
      const { RouteTableId } = await routeToNat(ec2);
      const error = await errorOf(
        ec2.send(
          new CreateRouteCommand({
            RouteTableId,
            DestinationCidrBlock: '10.9.0.0/16',
            NatGatewayId: 'nat-0123456789abcdef0',
          }),
        ),
      );
      expect(error.name).toBe('InvalidNatGatewayID.NotFound');
    });

    it('points an existing route at another NAT gateway with ReplaceRoute', async () => {
      const { ec2 } = clientsFor();
      const { RouteTableId } = await routeToNat(ec2);
      const [table] = (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [RouteTableId] }))).RouteTables!;
      const subnetId = (await ec2.send(new CreateSubnetCommand({ VpcId: table!.VpcId, CidrBlock: '10.1.2.0/24' })))
        .Subnet!.SubnetId!;
      const { AllocationId } = await ec2.send(new AllocateAddressCommand({}));
      const second = await natGateway(ec2, subnetId, AllocationId!);
      await ec2.send(
        new ReplaceRouteCommand({ RouteTableId, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: second.NatGatewayId }),
      );
      expect((await defaultRoute(ec2, RouteTableId)).NatGatewayId).toBe(second.NatGatewayId);
    });

    it('refuses to replace a route the table does not have', async () => {
      const { ec2 } = clientsFor();
      const { RouteTableId, NatGatewayId } = await routeToNat(ec2);
      const error = await errorOf(
        ec2.send(new ReplaceRouteCommand({ RouteTableId, DestinationCidrBlock: '10.9.0.0/16', NatGatewayId })),
      );
      expect(error).toMatchObject({
        name: 'InvalidParameterValue',
        message: "There is no route defined for '10.9.0.0/16' in the route table. Use CreateRoute instead.",
      });
    });
  });
});
