import {
  CreateEgressOnlyInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateVpcCommand,
  DeleteEgressOnlyInternetGatewayCommand,
  DescribeEgressOnlyInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

async function gateway(ec2: EC2Client) {
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
  const created = await ec2.send(new CreateEgressOnlyInternetGatewayCommand({ VpcId: vpcId }));
  return { vpcId, eigwId: created.EgressOnlyInternetGateway!.EgressOnlyInternetGatewayId! };
}

describe('egress-only internet gateways', () => {
  it('makes a gateway attached to its VPC', async () => {
    const { ec2 } = clientsFor();
    const { vpcId, eigwId } = await gateway(ec2);
    const answer = await ec2.send(
      new DescribeEgressOnlyInternetGatewaysCommand({ EgressOnlyInternetGatewayIds: [eigwId] }),
    );
    expect(eigwId).toMatch(/^eigw-[0-9a-f]{17}$/);
    expect(answer.EgressOnlyInternetGateways![0]!.Attachments).toEqual([{ State: 'attached', VpcId: vpcId }]);
  });

  it('answers a deleted gateway with InvalidEgressOnlyInternetGatewayId.NotFound', async () => {
    const { ec2 } = clientsFor();
    const { eigwId } = await gateway(ec2);
    await ec2.send(new DeleteEgressOnlyInternetGatewayCommand({ EgressOnlyInternetGatewayId: eigwId }));
    const error = await errorOf(
      ec2.send(new DescribeEgressOnlyInternetGatewaysCommand({ EgressOnlyInternetGatewayIds: [eigwId] })),
    );
    expect(error.name).toBe('InvalidEgressOnlyInternetGatewayId.NotFound');
  });

  it('takes an IPv6 route and shows it active', async () => {
    const { ec2 } = clientsFor();
    const { vpcId, eigwId } = await gateway(ec2);
    const tableId = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
    await ec2.send(
      new CreateRouteCommand({
        RouteTableId: tableId,
        DestinationIpv6CidrBlock: '::/0',
        EgressOnlyInternetGatewayId: eigwId,
      }),
    );
    const table = (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [tableId] }))).RouteTables![0]!;
    const route = table.Routes!.find((r) => r.DestinationIpv6CidrBlock === '::/0');
    expect(route).toMatchObject({ EgressOnlyInternetGatewayId: eigwId, State: 'active' });
  });

  it('finds the route table by route.egress-only-internet-gateway-id', async () => {
    const { ec2 } = clientsFor();
    const { vpcId, eigwId } = await gateway(ec2);
    const tableId = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
    await ec2.send(
      new CreateRouteCommand({
        RouteTableId: tableId,
        DestinationIpv6CidrBlock: '::/0',
        EgressOnlyInternetGatewayId: eigwId,
      }),
    );
    const answer = await ec2.send(
      new DescribeRouteTablesCommand({
        Filters: [{ Name: 'route.egress-only-internet-gateway-id', Values: [eigwId] }],
      }),
    );
    expect(answer.RouteTables!.map((t) => t.RouteTableId)).toEqual([tableId]);
  });
});
