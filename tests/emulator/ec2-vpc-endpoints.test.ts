import {
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  type CreateVpcEndpointCommandInput,
  DeleteVpcEndpointsCommand,
  DescribeNetworkInterfacesCommand,
  DescribePrefixListsCommand,
  DescribeRouteTablesCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcEndpointsCommand,
  type EC2Client,
  ModifyVpcEndpointCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { userWithPolicy } from './policy-user';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

const s3 = 'com.amazonaws.us-west-2.s3';

/** A VPC with two route tables, two subnets in different zones and a security group. */
async function network(ec2: EC2Client) {
  const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.3.0.0/16' }))).Vpc!.VpcId!;
  const table = async () => (await ec2.send(new CreateRouteTableCommand({ VpcId }))).RouteTable!.RouteTableId!;
  const subnet = async (CidrBlock: string, AvailabilityZone: string) =>
    (await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock, AvailabilityZone }))).Subnet!.SubnetId!;
  const GroupId = (await ec2.send(new CreateSecurityGroupCommand({ VpcId, GroupName: 'ep', Description: 'ep' })))
    .GroupId!;
  return {
    VpcId,
    tables: [await table(), await table()],
    subnets: [await subnet('10.3.1.0/24', 'us-west-2a'), await subnet('10.3.2.0/24', 'us-west-2b')],
    GroupId,
  };
}

async function endpoint(
  ec2: EC2Client,
  input: Omit<CreateVpcEndpointCommandInput, 'ServiceName'> & { ServiceName?: string },
) {
  return (await ec2.send(new CreateVpcEndpointCommand({ ServiceName: s3, ...input }))).VpcEndpoint!;
}

async function described(ec2: EC2Client, id: string) {
  return (await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }))).VpcEndpoints![0]!;
}

async function routesOf(ec2: EC2Client, RouteTableId: string) {
  return (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [RouteTableId] }))).RouteTables![0]!.Routes!;
}

describe('gateway VPC endpoints', () => {
  it('creates an available S3 gateway endpoint with AWS’s full-access policy', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, tables } = await network(ec2);
    const created = await endpoint(ec2, { VpcId, RouteTableIds: [tables[0]!] });
    expect(await described(ec2, created.VpcEndpointId!)).toMatchObject({
      VpcEndpointType: 'Gateway',
      State: 'available',
      RouteTableIds: [tables[0]],
      PrivateDnsEnabled: false,
    });
    expect((JSON.parse(created.PolicyDocument!) as { Statement: unknown }).Statement).toEqual([
      { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
    ]);
  });

  it('routes S3’s prefix list to the endpoint in each of its route tables', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, tables } = await network(ec2);
    const { VpcEndpointId } = await endpoint(ec2, { VpcId, RouteTableIds: [tables[0]!] });
    const [list] = (
      await ec2.send(new DescribePrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: [s3] }] }))
    ).PrefixLists!;
    expect(await routesOf(ec2, tables[0]!)).toContainEqual(
      expect.objectContaining({
        DestinationPrefixListId: list!.PrefixListId,
        GatewayId: VpcEndpointId,
        State: 'active',
      }),
    );
  });

  it('refuses a second route to the same service in one route table', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, tables } = await network(ec2);
    await endpoint(ec2, { VpcId, RouteTableIds: [tables[0]!] });
    const error = await errorOf(endpoint(ec2, { VpcId, RouteTableIds: [tables[0]!] }));
    expect(error.name).toBe('RouteAlreadyExists');
  });

  it('adds and removes route tables with ModifyVpcEndpoint, their routes with them', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, tables } = await network(ec2);
    const { VpcEndpointId } = await endpoint(ec2, { VpcId, RouteTableIds: [tables[0]!] });
    await ec2.send(
      new ModifyVpcEndpointCommand({
        VpcEndpointId,
        AddRouteTableIds: [tables[1]!],
        RemoveRouteTableIds: [tables[0]!],
      }),
    );
    expect((await described(ec2, VpcEndpointId!)).RouteTableIds).toEqual([tables[1]]);
    expect((await routesOf(ec2, tables[0]!)).some((r) => r.GatewayId === VpcEndpointId)).toBe(false);
  });

  it('keeps a route table added twice once', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, tables } = await network(ec2);
    const { VpcEndpointId } = await endpoint(ec2, { VpcId, RouteTableIds: tables });
    await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId, AddRouteTableIds: [tables[1]!] }));
    expect((await described(ec2, VpcEndpointId!)).RouteTableIds).toEqual(tables);
  });

  it('replaces the endpoint policy with ModifyVpcEndpoint', async () => {
    const { ec2 } = clientsFor();
    const { VpcId } = await network(ec2);
    const { VpcEndpointId } = await endpoint(ec2, { VpcId });
    const policy = JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }] });
    await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId, PolicyDocument: policy }));
    expect((await described(ec2, VpcEndpointId!)).PolicyDocument).toBe(policy);
  });

  it('shows a deleted endpoint as deleted, without its routes', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, tables } = await network(ec2);
    const { VpcEndpointId } = await endpoint(ec2, { VpcId, RouteTableIds: [tables[0]!] });
    const { Unsuccessful } = await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [VpcEndpointId!] }));
    expect(Unsuccessful).toEqual([]);
    expect((await described(ec2, VpcEndpointId!)).State).toBe('deleted');
    expect((await routesOf(ec2, tables[0]!)).some((r) => r.GatewayId === VpcEndpointId)).toBe(false);
  });

  it('answers an unknown endpoint in DeleteVpcEndpoints as unsuccessful', async () => {
    const { ec2 } = clientsFor();
    const { Unsuccessful } = await ec2.send(
      new DeleteVpcEndpointsCommand({ VpcEndpointIds: ['vpce-0123456789abcdef0'] }),
    );
    expect(Unsuccessful![0]!.Error!.Code).toBe('InvalidVpcEndpointId.NotFound');
  });

  it('refuses a service the region does not have', async () => {
    const { ec2 } = clientsFor();
    const { VpcId } = await network(ec2);
    const error = await errorOf(endpoint(ec2, { VpcId, ServiceName: 'com.amazonaws.us-east-1.s3' }));
    expect(error.name).toBe('InvalidServiceName');
  });

  it('refuses a gateway endpoint to a service that has only interface endpoints', async () => {
    const { ec2 } = clientsFor();
    const { VpcId } = await network(ec2);
    const error = await errorOf(endpoint(ec2, { VpcId, ServiceName: 'com.amazonaws.us-west-2.ssm' }));
    expect(error.name).toBe('InvalidParameter');
  });

  it('refuses CreateVpcEndpoint to a user whose policy does not allow it', async () => {
    const { ec2 } = clientsFor();
    const { VpcId } = await network(ec2);
    const user = await userWithPolicy('ana', [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }]);
    const error = await errorOf(user.ec2.send(new CreateVpcEndpointCommand({ VpcId, ServiceName: s3 })));
    expect(error.name).toBe('UnauthorizedOperation');
  });
});

describe('interface VPC endpoints', () => {
  const ssm = 'com.amazonaws.us-west-2.ssm';

  it('puts an AWS-managed network interface in each subnet, behind the endpoint’s groups', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, subnets, GroupId } = await network(ec2);
    const created = await endpoint(ec2, {
      VpcId,
      ServiceName: ssm,
      VpcEndpointType: 'Interface',
      SubnetIds: subnets,
      SecurityGroupIds: [GroupId],
    });
    const { NetworkInterfaces } = await ec2.send(
      new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: created.NetworkInterfaceIds }),
    );
    expect(NetworkInterfaces!.map((e) => [e.SubnetId, e.InterfaceType, e.RequesterManaged])).toEqual([
      [subnets[0], 'vpc_endpoint', true],
      [subnets[1], 'vpc_endpoint', true],
    ]);
    expect(NetworkInterfaces![0]!.Groups!.map((g) => g.GroupId)).toEqual([GroupId]);
  });

  it('names the endpoint and each of its zones in DNS, private DNS on', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, subnets } = await network(ec2);
    const created = await endpoint(ec2, { VpcId, ServiceName: ssm, VpcEndpointType: 'Interface', SubnetIds: subnets });
    expect(created.PrivateDnsEnabled).toBe(true);
    expect(created.DnsEntries!.map((d) => d.DnsName)).toEqual([
      expect.stringMatching(/^vpce-0[0-9a-f]{16}-[0-9a-f]{8}\.ssm\.us-west-2\.vpce\.amazonaws\.com$/),
      expect.stringMatching(/^vpce-0[0-9a-f]{16}-us-west-2a\.[0-9a-f]{8}\.ssm\.us-west-2\.vpce\.amazonaws\.com$/),
      expect.stringMatching(/^vpce-0[0-9a-f]{16}-us-west-2b\./),
    ]);
  });

  it('gives an endpoint made without groups the VPC’s default group', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, subnets } = await network(ec2);
    const created = await endpoint(ec2, { VpcId, ServiceName: ssm, VpcEndpointType: 'Interface', SubnetIds: subnets });
    expect(created.Groups!.map((g) => g.GroupName)).toEqual(['default']);
  });

  it('refuses two subnets in one zone', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, subnets } = await network(ec2);
    const third = (
      await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.3.3.0/24', AvailabilityZone: 'us-west-2a' }))
    ).Subnet!.SubnetId!;
    const error = await errorOf(
      endpoint(ec2, { VpcId, ServiceName: ssm, VpcEndpointType: 'Interface', SubnetIds: [subnets[0]!, third] }),
    );
    expect(error.name).toBe('DuplicateSubnetsInSameZone');
  });

  it('removes a subnet’s interface with ModifyVpcEndpoint', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, subnets } = await network(ec2);
    const { VpcEndpointId } = await endpoint(ec2, {
      VpcId,
      ServiceName: ssm,
      VpcEndpointType: 'Interface',
      SubnetIds: subnets,
    });
    await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId, RemoveSubnetIds: [subnets[0]!] }));
    const after = await described(ec2, VpcEndpointId!);
    expect(after.SubnetIds).toEqual([subnets[1]]);
    expect(after.NetworkInterfaceIds).toHaveLength(1);
  });

  it('adds a security group once, however often it is added', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, subnets, GroupId } = await network(ec2);
    const { VpcEndpointId } = await endpoint(ec2, {
      VpcId,
      ServiceName: ssm,
      VpcEndpointType: 'Interface',
      SubnetIds: subnets,
      SecurityGroupIds: [GroupId],
    });
    await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId, AddSecurityGroupIds: [GroupId] }));
    expect((await described(ec2, VpcEndpointId!)).Groups).toEqual([{ GroupId, GroupName: 'ep' }]);
  });
});

describe('VPC endpoint services', () => {
  it('lists the region’s services, S3 with both endpoint types', async () => {
    const { ec2 } = clientsFor();
    const { ServiceNames, ServiceDetails } = await ec2.send(new DescribeVpcEndpointServicesCommand({}));
    expect(ServiceNames).toContain(s3);
    const detail = ServiceDetails!.find((d) => d.ServiceName === s3)!;
    expect(detail.ServiceType!.map((t) => t.ServiceType)).toEqual(['Gateway', 'Interface']);
    expect(detail.Owner).toBe('amazon');
  });

  it('keeps the gateway services with the service-type filter', async () => {
    const { ec2 } = clientsFor();
    const { ServiceNames } = await ec2.send(
      new DescribeVpcEndpointServicesCommand({ Filters: [{ Name: 'service-type', Values: ['Gateway'] }] }),
    );
    expect(ServiceNames).toEqual(['com.amazonaws.us-west-2.s3', 'com.amazonaws.us-west-2.dynamodb']);
  });

  it('refuses a service name the region does not have', async () => {
    const { ec2 } = clientsFor();
    const error = await errorOf(
      ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: ['com.amazonaws.us-west-2.nothing'] })),
    );
    expect(error.name).toBe('InvalidServiceName');
  });
});
