import {
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateVpcCommand,
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
    const answer = ec2.send(new CreateRouteCommand({ RouteTableId, DestinationCidrBlock: '10.0.0.4/24', GatewayId }));
    expect(await errorOf(answer)).toMatchObject({
      name: 'InvalidParameterValue',
      message: 'Value (10.0.0.4/24) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.',
    });
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
