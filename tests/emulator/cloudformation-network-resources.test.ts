import {
  type CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import {
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcPeeringConnectionsCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

/** A VPC with a subnet, a route table, an S3 gateway endpoint on it and a network interface in the subnet. */
const template = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.4.0.0/16
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.4.1.0/24
  Routes:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: com.amazonaws.us-west-2.s3
      RouteTableIds: [!Ref Routes]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: 's3:GetObject'
            Resource: 'arn:aws:s3:::photos/*'
  PeerVpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.5.0.0/16
  Peering:
    Type: AWS::EC2::VPCPeeringConnection
    Properties:
      VpcId: !Ref Vpc
      PeerVpcId: !Ref PeerVpc
  Eni:
    Type: AWS::EC2::NetworkInterface
    Properties:
      SubnetId: !Ref Subnet
      Description: backup
      SourceDestCheck: false
Outputs:
  EndpointId:
    Value: !Ref S3Endpoint
  EniId:
    Value: !Ref Eni
  EniAddress:
    Value: !GetAtt Eni.PrimaryPrivateIpAddress
  RouteTableId:
    Value: !Ref Routes
  PeeringId:
    Value: !Ref Peering
`;

async function stackOutputs(cloudformation: CloudFormationClient) {
  const { StackId } = await cloudformation.send(new CreateStackCommand({ StackName: 'net', TemplateBody: template }));
  const [stack] = (await cloudformation.send(new DescribeStacksCommand({ StackName: StackId }))).Stacks!;
  expect(stack!.StackStatus).toBe('CREATE_COMPLETE');
  return Object.fromEntries(stack!.Outputs!.map((o) => [o.OutputKey!, o.OutputValue!]));
}

describe('CloudFormation network interfaces, VPC endpoints and peering connections in the sandbox', () => {
  it('makes an AWS::EC2::VPCEndpoint whose Ref is its vpce- id, with the template’s policy', async () => {
    const { cloudformation, ec2 } = clientsFor();
    const outputs = await stackOutputs(cloudformation);
    const [endpoint] = (await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [outputs.EndpointId!] })))
      .VpcEndpoints!;
    expect(endpoint!.RouteTableIds).toEqual([outputs.RouteTableId]);
    expect(JSON.parse(endpoint!.PolicyDocument!)).toMatchObject({ Statement: [{ Action: 's3:GetObject' }] });
  });

  it('makes an AWS::EC2::NetworkInterface whose Ref is its eni- id and whose address GetAtt reads', async () => {
    const { cloudformation, ec2 } = clientsFor();
    const outputs = await stackOutputs(cloudformation);
    const [eni] = (await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [outputs.EniId!] })))
      .NetworkInterfaces!;
    expect(eni).toMatchObject({ PrivateIpAddress: outputs.EniAddress, Description: 'backup', SourceDestCheck: false });
  });

  it('makes an AWS::EC2::VPCPeeringConnection whose Ref is its pcx- id, accepted within the account', async () => {
    const { cloudformation, ec2 } = clientsFor();
    const outputs = await stackOutputs(cloudformation);
    const { VpcPeeringConnections } = await ec2.send(
      new DescribeVpcPeeringConnectionsCommand({ VpcPeeringConnectionIds: [outputs.PeeringId!] }),
    );
    expect(VpcPeeringConnections![0]!.Status?.Code).toBe('active');
  });

  it('removes the endpoint’s route and the interface with the stack', async () => {
    const { cloudformation, ec2 } = clientsFor();
    const outputs = await stackOutputs(cloudformation);
    const tables = await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [outputs.RouteTableId!] }));
    expect(tables.RouteTables![0]!.Routes).toHaveLength(2);
    await cloudformation.send(new DeleteStackCommand({ StackName: 'net' }));
    const { NetworkInterfaces } = await ec2.send(
      new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'description', Values: ['backup'] }] }),
    );
    expect(NetworkInterfaces).toEqual([]);
  });
});
