import {
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateVpcCommand,
  DeleteRouteCommand,
  DescribeRouteTablesCommand,
  DetachInternetGatewayCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

async function vpc(ec2: EC2Client) {
  return (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
}

describe('routes', () => {
  it('names CreateRoute’s parameter destinationCidrBlock when it is not a CIDR block', async () => {
    const { ec2 } = clientsFor();
    const VpcId = await vpc(ec2);
    const RouteTableId = (await ec2.send(new CreateRouteTableCommand({ VpcId }))).RouteTable!.RouteTableId!;
    const GatewayId = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
    const answer = ec2.send(new CreateRouteCommand({ RouteTableId, DestinationCidrBlock: '1000.1.0.0/20', GatewayId }));
    expect(await errorOf(answer)).toMatchObject({
      name: 'InvalidParameterValue',
      message: 'Value (1000.1.0.0/20) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.',
    });
  });

  // EC2 API reference, CreateRoute: "if you specify 100.68.0.18/18, we modify it to 100.68.0.0/18".
  it('keeps a destination with host bits set in its canonical form, and deletes it by either form', async () => {
    const { ec2 } = clientsFor();
    const VpcId = await vpc(ec2);
    const RouteTableId = (await ec2.send(new CreateRouteTableCommand({ VpcId }))).RouteTable!.RouteTableId!;
    const GatewayId = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: GatewayId, VpcId }));
    await ec2.send(new CreateRouteCommand({ RouteTableId, DestinationCidrBlock: '100.68.0.18/18', GatewayId }));
    const routes = async () =>
      (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [RouteTableId] }))).RouteTables![0]!.Routes!;
    expect((await routes()).map((r) => r.DestinationCidrBlock)).toEqual(['10.0.0.0/16', '100.68.0.0/18']);
    await ec2.send(new DeleteRouteCommand({ RouteTableId, DestinationCidrBlock: '100.68.0.18/18' }));
    expect((await routes()).map((r) => r.DestinationCidrBlock)).toEqual(['10.0.0.0/16']);
  });
});

describe('IPv6 routes', () => {
  it('routes an IPv6 block, in its canonical form, to an internet gateway and deletes the route by it', async () => {
    const { ec2 } = clientsFor();
    const VpcId = await vpc(ec2);
    const RouteTableId = (await ec2.send(new CreateRouteTableCommand({ VpcId }))).RouteTable!.RouteTableId!;
    const GatewayId = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: GatewayId, VpcId }));
    await ec2.send(new CreateRouteCommand({ RouteTableId, DestinationIpv6CidrBlock: '2001:db8::5/64', GatewayId }));
    const routes = async () =>
      (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [RouteTableId] }))).RouteTables![0]!.Routes!;
    expect((await routes()).find((r) => r.DestinationIpv6CidrBlock)).toMatchObject({
      DestinationIpv6CidrBlock: '2001:db8::/64',
      GatewayId,
      State: 'active',
    });
    await ec2.send(new DeleteRouteCommand({ RouteTableId, DestinationIpv6CidrBlock: '2001:db8::/64' }));
    expect((await routes()).map((r) => r.DestinationIpv6CidrBlock ?? r.DestinationCidrBlock)).toEqual(['10.0.0.0/16']);
  });
});

describe('internet gateways', () => {
  it('refuses to detach a gateway from a VPC it is not attached to with Gateway.NotAttached', async () => {
    const { ec2 } = clientsFor();
    const VpcId = await vpc(ec2);
    const InternetGatewayId = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!
      .InternetGatewayId!;
    const answer = ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId, VpcId }));
    expect(await errorOf(answer)).toMatchObject({
      name: 'Gateway.NotAttached',
      message: `resource ${InternetGatewayId} is not attached to network ${VpcId}`,
      status: 400,
    });
  });
});
