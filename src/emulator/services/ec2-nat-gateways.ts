/**
 * NAT gateways: a public one (holding an Elastic IP) lets a private subnet's instances reach the internet through a
 * public subnet; a private one connects them to other networks. AWS bills each by the hour and by the gigabyte.
 * The sandbox makes them available at once, as it starts instances running, and shows a deleted one for an hour.
 */
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { ec2Id } from '../ids';
import type { QueryOperation, QueryParams } from '../protocols/query';
import { addressesOf, type NatGateway, natGatewaysOf, type RegionState } from '../state';
import type { XmlValue } from '../xml';
import { natGatewayHolding, nextPrivateAddress } from './ec2-addresses';
import { existingResources, newResource, resourcesNamedBy } from './ec2-arns';
import { regionOf } from './ec2-default-vpc';
import { describe } from './ec2-describe';
import type { FilterValues } from './ec2-filters';
import { lookup, selectByIds } from './ec2-ids';
import { renderTags, tagsFor } from './ec2-tags';

/** How long a deleted NAT gateway stays in DescribeNatGateways' answers. */
const deletedVisibleMs = 60 * 60 * 1000;

/** The region's NAT gateways that Describe still shows: all but those deleted (or failed) over an hour ago. */
function visibleNatGateways(region: RegionState, now: Date): Record<string, NatGateway> {
  return Object.fromEntries(
    Object.entries(region.natGateways ?? {}).filter(
      ([, nat]) => !nat.deleteTime || now.getTime() - Date.parse(nat.deleteTime) < deletedVisibleMs,
    ),
  );
}

/** A NAT gateway as EC2 shows it; `state` overrides the stored one, as CreateNatGateway answers `pending`. */
function renderNatGateway(nat: NatGateway, state: string = nat.state): XmlValue {
  return {
    createTime: nat.createTime,
    deleteTime: nat.deleteTime,
    failureCode: nat.failure?.code,
    failureMessage: nat.failure?.message,
    natGatewayAddressSet: [
      {
        allocationId: nat.allocationId,
        networkInterfaceId: nat.networkInterfaceId,
        privateIp: nat.privateIp,
        publicIp: nat.publicIp,
        associationId: nat.associationId,
        isPrimary: true,
        status: nat.state === 'available' ? 'succeeded' : undefined,
      },
    ],
    natGatewayId: nat.natGatewayId,
    state,
    subnetId: nat.subnetId,
    vpcId: nat.vpcId,
    tagSet: renderTags(nat.tags),
    connectivityType: nat.connectivityType,
  };
}

const natFilters: FilterValues<NatGateway> = {
  'nat-gateway-id': (n) => [n.natGatewayId],
  state: (n) => [n.state],
  'subnet-id': (n) => [n.subnetId],
  'vpc-id': (n) => [n.vpcId],
};

/** The Elastic IP a public NAT gateway asks for: it must exist and be free. */
function requireFreeAddress(region: RegionState, params: QueryParams) {
  const address = lookup(addressesOf(region), 'eipalloc', params.require('AllocationId'));
  if (address.association || natGatewayHolding(region, address.allocationId))
    throw new AwsError(
      'Resource.AlreadyAssociated',
      `Elastic IP address ${address.allocationId} is already associated`,
    );
  return address;
}

/** What CreateNatGateway touches, for IAM: the new gateway, its subnet, and its Elastic IP. */
function creationResources(params: QueryParams, ctx: ServiceContext) {
  const allocationId = params.get('AllocationId');
  return [
    newResource(ctx, 'natgateway', tagsFor(params, 'natgateway')),
    ...existingResources(ctx, 'subnet', [params.require('SubnetId')]),
    ...(allocationId === undefined ? [] : existingResources(ctx, 'eipalloc', [allocationId])),
  ];
}

/** The NAT gateway operations. */
export const natGatewayOperations: Record<string, QueryOperation> = {
  CreateNatGateway: {
    resource: creationResources,
    run(params, ctx) {
      const region = regionOf(ctx);
      const subnet = lookup(region.subnets, 'subnet', params.require('SubnetId'));
      const connectivityType = params.get('ConnectivityType') ?? 'public';
      if (connectivityType !== 'public' && connectivityType !== 'private')
        throw new AwsError(
          'InvalidParameterValue',
          `Value (${connectivityType}) for parameter connectivityType is invalid. Valid values: public, private.`,
        );
      if (connectivityType === 'private' && params.get('AllocationId') !== undefined)
        throw new AwsError(
          'InvalidParameterCombination',
          'An Elastic IP address cannot be associated with a private NAT gateway.',
        );
      const address = connectivityType === 'public' ? requireFreeAddress(region, params) : undefined;
      const attached = Object.values(region.internetGateways).some((g) => g.attachedVpcId === subnet.vpcId);
      const failure =
        address && !attached
          ? { code: 'Gateway.NotAttached', message: `Network ${subnet.vpcId} has no Internet gateway attached` }
          : undefined;
      const nat: NatGateway = {
        natGatewayId: ec2Id('nat'),
        vpcId: subnet.vpcId,
        subnetId: subnet.subnetId,
        connectivityType,
        state: failure ? 'failed' : 'available',
        failure,
        allocationId: address?.allocationId,
        associationId: address && !failure ? ec2Id('eipassoc') : undefined,
        publicIp: address && !failure ? address.publicIp : undefined,
        privateIp: nextPrivateAddress(subnet, region),
        networkInterfaceId: ec2Id('eni'),
        createTime: ctx.now.toISOString(),
        deleteTime: failure ? ctx.now.toISOString() : undefined,
        tags: tagsFor(params, 'natgateway'),
      };
      natGatewaysOf(region)[nat.natGatewayId] = nat;
      return { natGateway: renderNatGateway(nat, 'pending'), clientToken: params.get('ClientToken') };
    },
  },

  DescribeNatGateways: {
    run(params, ctx) {
      const visible = visibleNatGateways(regionOf(ctx), ctx.now);
      const named = selectByIds(visible, 'nat', params.list('NatGatewayId'));
      return describe('natGatewaySet', named, params, natFilters, (nat) => renderNatGateway(nat));
    },
  },

  DeleteNatGateway: {
    resource: resourcesNamedBy({ nat: 'NatGatewayId' }),
    run(params, ctx) {
      const region = regionOf(ctx);
      const nat = lookup(visibleNatGateways(region, ctx.now), 'nat', params.require('NatGatewayId'));
      if (nat.state === 'available') {
        nat.state = 'deleted';
        nat.deleteTime = ctx.now.toISOString();
      }
      return { natGatewayId: nat.natGatewayId };
    },
  },
};
