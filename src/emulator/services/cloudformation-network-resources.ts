/**
 * CloudFormation's network interfaces, VPC endpoints and VPC peering connections (`AWS::EC2::NetworkInterface`,
 * `AWS::EC2::VPCEndpoint`, `AWS::EC2::VPCPeeringConnection`), made and removed through the sandbox's own EC2
 * operations as the other resource types are. Each one's physical id (what `Ref` gives) is its `eni-…`, `vpce-…` or
 * `pcx-…` id, as the CloudFormation User Guide documents.
 */
import { callEc2, numbered, type ResourceHandler, tagSpecification, textAt } from './cloudformation-resources';
import type { XmlValue } from '../xml';
import { AwsError } from '../aws-error';
import { regionOf } from './ec2-default-vpc';

/** The texts of a list in an EC2 answer (`networkInterfaceIdSet`, ...). */
function textsAt(value: XmlValue, key: string): string[] {
  const list = (value as Record<string, XmlValue>)[key];
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
}

/** The network resource types, by CloudFormation type name. */
export const networkResourceHandlers: [string, ResourceHandler][] = [
  [
    'AWS::EC2::NetworkInterface',
    {
      attributes: ['Id', 'PrimaryPrivateIpAddress', 'SecondaryPrivateIpAddresses'],
      async create({ properties, tags, ctx, created }) {
        const result = await callEc2(ctx, 'CreateNetworkInterface', {
          SubnetId: properties.requireText('SubnetId'),
          Description: properties.text('Description'),
          PrivateIpAddress: properties.text('PrivateIpAddress'),
          ...numbered('SecurityGroupId', properties.texts('GroupSet')),
          ...tagSpecification('network-interface', tags),
        });
        const id = textAt(result, 'networkInterface', 'networkInterfaceId');
        created(id);
        const sourceDestCheck = properties.flag('SourceDestCheck');
        if (sourceDestCheck !== undefined)
          await callEc2(ctx, 'ModifyNetworkInterfaceAttribute', {
            NetworkInterfaceId: id,
            'SourceDestCheck.Value': sourceDestCheck,
          });
        return {
          physicalId: id,
          stateTags: regionOf(ctx).networkInterfaces?.[id]?.tags,
          attributes: {
            Id: id,
            PrimaryPrivateIpAddress: textAt(result, 'networkInterface', 'privateIpAddress'),
            SecondaryPrivateIpAddresses: [],
          },
        };
      },
      async delete(id, ctx) {
        await callEc2(ctx, 'DeleteNetworkInterface', { NetworkInterfaceId: id });
      },
    },
  ],
  [
    'AWS::EC2::VPCEndpoint',
    {
      attributes: ['Id', 'CreationTimestamp', 'NetworkInterfaceIds'],
      async create({ properties, tags, ctx }) {
        const result = await callEc2(ctx, 'CreateVpcEndpoint', {
          VpcId: properties.requireText('VpcId'),
          ServiceName: properties.requireText('ServiceName'),
          VpcEndpointType: properties.text('VpcEndpointType'),
          PolicyDocument: properties.document('PolicyDocument'),
          PrivateDnsEnabled: properties.flag('PrivateDnsEnabled'),
          ...numbered('RouteTableId', properties.texts('RouteTableIds')),
          ...numbered('SubnetId', properties.texts('SubnetIds')),
          ...numbered('SecurityGroupId', properties.texts('SecurityGroupIds')),
          ...tagSpecification('vpc-endpoint', tags),
        });
        const endpoint = (result as Record<string, XmlValue>).vpcEndpoint!;
        const id = textAt(endpoint, 'vpcEndpointId');
        return {
          physicalId: id,
          stateTags: regionOf(ctx).vpcEndpoints?.[id]?.tags,
          attributes: {
            Id: id,
            CreationTimestamp: textAt(endpoint, 'creationTimestamp'),
            NetworkInterfaceIds: textsAt(endpoint, 'networkInterfaceIdSet'),
          },
        };
      },
      async delete(id, ctx) {
        await callEc2(ctx, 'DeleteVpcEndpoints', { 'VpcEndpointId.1': id });
      },
    },
  ],
  [
    'AWS::EC2::VPCPeeringConnection',
    {
      attributes: ['Id'],
      // CloudFormation waits for the connection to be active and, with both VPCs in the stack's account, accepts it
      // itself; overlapping blocks leave it failed ("VpcPeeringConnection failed to stabilize", AWS Knowledge Center).
      async create({ properties, tags, ctx, created }) {
        const result = await callEc2(ctx, 'CreateVpcPeeringConnection', {
          VpcId: properties.requireText('VpcId'),
          PeerVpcId: properties.requireText('PeerVpcId'),
          PeerOwnerId: properties.text('PeerOwnerId'),
          PeerRegion: properties.text('PeerRegion'),
          ...tagSpecification('vpc-peering-connection', tags),
        });
        const id = textAt(result, 'vpcPeeringConnection', 'vpcPeeringConnectionId');
        created(id);
        const pcx = regionOf(ctx).vpcPeeringConnections?.[id];
        if (pcx?.status === 'failed')
          throw new AwsError(
            'InvalidParameterValue',
            `VpcPeeringConnection ${id} failed to stabilize: overlapping CIDR range`,
          );
        await callEc2(ctx, 'AcceptVpcPeeringConnection', { VpcPeeringConnectionId: id });
        return { physicalId: id, stateTags: pcx?.tags, attributes: { Id: id } };
      },
      async delete(id, ctx) {
        // A failed connection cannot be deleted: it goes by itself.
        const status = regionOf(ctx).vpcPeeringConnections?.[id]?.status;
        if (status === 'active' || status === 'pending-acceptance')
          await callEc2(ctx, 'DeleteVpcPeeringConnection', { VpcPeeringConnectionId: id });
      },
    },
  ],
];
