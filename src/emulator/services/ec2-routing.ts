/** How a VPC reaches beyond itself: internet gateways, route tables with their routes and subnet associations. */
import type { ActionResources } from '../authorize';
import ipaddr from 'ipaddr.js';
import { formatCidr } from '../../cidr/cidr';
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { ec2Id } from '../ids';
import type { QueryOperation, QueryParams } from '../protocols/query';
import {
  egressOnlyInternetGatewaysOf,
  type InternetGateway,
  type RegionState,
  type Route,
  type RouteTable,
  type RouteTableAssociation,
  vpcPeeringConnectionsOf,
} from '../state';
import type { XmlValue } from '../xml';
import { existingResources, newResource, resourcesNamedBy } from './ec2-arns';
import { parseBlock } from './ec2-cidr-parameter';
import { regionOf } from './ec2-default-vpc';
import { describeByIds } from './ec2-describe';
import type { FilterValues } from './ec2-filters';
import { dependencyViolation, lookup } from './ec2-ids';
import { interfacesOf } from './ec2-network-interfaces';
import { renderTags, tagsFor } from './ec2-tags';
import { vpcCidrBlocks } from './ec2-vpc-cidr-blocks';
import { isPeeringActive } from './ec2-vpc-peering';
import { requireVpc } from './ec2-vpcs';

function renderInternetGateway(igw: InternetGateway, ownerId: string): XmlValue {
  return {
    internetGatewayId: igw.internetGatewayId,
    ownerId,
    attachmentSet: igw.attachedVpcId ? [{ vpcId: igw.attachedVpcId, state: 'available' }] : [],
    tagSet: renderTags(igw.tags),
  };
}

/**
 * A route is a blackhole once its target is gone: a deleted NAT gateway or endpoint, a deleted or detached internet
 * gateway, a network interface attached to no instance.
 */
function routeState(route: Route, table: RouteTable, region: RegionState): 'active' | 'blackhole' {
  if (route.natGatewayId)
    return region.natGateways?.[route.natGatewayId]?.state === 'available' ? 'active' : 'blackhole';
  if (route.networkInterfaceId)
    return interfacesOf(region)[route.networkInterfaceId]?.attachment ? 'active' : 'blackhole';
  if (route.gatewayId?.startsWith('vpce-'))
    return region.vpcEndpoints?.[route.gatewayId]?.state === 'available' ? 'active' : 'blackhole';
  if (route.vpcPeeringConnectionId)
    return isPeeringActive(region, route.vpcPeeringConnectionId) ? 'active' : 'blackhole';
  if (route.egressOnlyInternetGatewayId)
    return egressOnlyInternetGatewaysOf(region)[route.egressOnlyInternetGatewayId] ? 'active' : 'blackhole';
  if (route.gatewayId?.startsWith('igw-'))
    return region.internetGateways[route.gatewayId]?.attachedVpcId === table.vpcId ? 'active' : 'blackhole';
  return 'active';
}

function renderRouteTable(table: RouteTable, ownerId: string, region: RegionState): XmlValue {
  return {
    routeTableId: table.routeTableId,
    vpcId: table.vpcId,
    ownerId,
    routeSet: table.routes.map((r) => ({
      destinationCidrBlock: r.destinationCidrBlock,
      destinationIpv6CidrBlock: r.destinationIpv6CidrBlock,
      destinationPrefixListId: r.destinationPrefixListId,
      gatewayId: r.gatewayId,
      natGatewayId: r.natGatewayId,
      instanceId: r.instanceId,
      networkInterfaceId: r.networkInterfaceId,
      vpcPeeringConnectionId: r.vpcPeeringConnectionId,
      egressOnlyInternetGatewayId: r.egressOnlyInternetGatewayId,
      state: routeState(r, table, region),
      origin: r.origin,
    })),
    associationSet: table.associations.map((a) => ({
      routeTableAssociationId: a.associationId,
      routeTableId: table.routeTableId,
      subnetId: a.subnetId,
      gatewayId: a.gatewayId,
      main: a.main,
      associationState: { state: 'associated' },
    })),
    propagatingVgwSet: [],
    tagSet: renderTags(table.tags),
  };
}

const igwFilters: FilterValues<InternetGateway> = {
  'internet-gateway-id': (g) => [g.internetGatewayId],
  'attachment.vpc-id': (g) => [g.attachedVpcId ?? undefined],
  'attachment.state': (g) => [g.attachedVpcId ? 'available' : undefined],
};

const routeTableFilters: FilterValues<RouteTable> = {
  'route-table-id': (t) => [t.routeTableId],
  'vpc-id': (t) => [t.vpcId],
  'association.subnet-id': (t) => t.associations.map((a) => a.subnetId),
  'association.gateway-id': (t) => t.associations.map((a) => a.gatewayId),
  'association.route-table-id': (t) => (t.associations.length > 0 ? [t.routeTableId] : []),
  'association.route-table-association-id': (t) => t.associations.map((a) => a.associationId),
  'association.main': (t) => [t.associations.some((a) => a.main)],
  'route.destination-cidr-block': (t) => t.routes.map((r) => r.destinationCidrBlock),
  'route.destination-ipv6-cidr-block': (t) => t.routes.map((r) => r.destinationIpv6CidrBlock),
  'route.destination-prefix-list-id': (t) => t.routes.map((r) => r.destinationPrefixListId),
  'route.gateway-id': (t) => t.routes.map((r) => r.gatewayId),
  'route.nat-gateway-id': (t) => t.routes.map((r) => r.natGatewayId),
  'route.instance-id': (t) => t.routes.map((r) => r.instanceId),
  'route.network-interface-id': (t) => t.routes.map((r) => r.networkInterfaceId),
  'route.origin': (t) => t.routes.map((r) => r.origin),
  'route.vpc-peering-connection-id': (t) => t.routes.map((r) => r.vpcPeeringConnectionId),
  'route.egress-only-internet-gateway-id': (t) => t.routes.map((r) => r.egressOnlyInternetGatewayId),
};

type Destination = Pick<Route, 'destinationCidrBlock' | 'destinationIpv6CidrBlock'>;

/** A route's destination block, IPv4 or IPv6, as text. */
function destinationOf(route: Destination): string | undefined {
  return route.destinationCidrBlock ?? route.destinationIpv6CidrBlock;
}

/**
 * The destination CreateRoute, ReplaceRoute and DeleteRoute name: `DestinationIpv6CidrBlock` or else
 * `DestinationCidrBlock`, each in its canonical form (EC2 API reference, CreateRoute).
 */
function readDestination(params: QueryParams): Destination {
  const ipv6 = params.get('DestinationIpv6CidrBlock');
  if (ipv6 === undefined || params.get('DestinationCidrBlock') !== undefined)
    return {
      destinationCidrBlock: formatCidr(parseBlock(params.require('DestinationCidrBlock'), 'DestinationCidrBlock')),
    };
  if (!ipaddr.IPv6.isValidCIDR(ipv6))
    throw new AwsError(
      'InvalidParameterValue',
      `Value (${ipv6}) for parameter destinationIpv6CidrBlock is invalid. This is not a valid IPv6 CIDR block.`,
    );
  const prefix = ipaddr.IPv6.parseCIDR(ipv6)[1];
  return { destinationIpv6CidrBlock: `${ipaddr.IPv6.networkAddressFromCIDR(ipv6).toString()}/${prefix}` };
}

type RouteTarget = Pick<
  Route,
  | 'gatewayId'
  | 'natGatewayId'
  | 'instanceId'
  | 'networkInterfaceId'
  | 'vpcPeeringConnectionId'
  | 'egressOnlyInternetGatewayId'
>;

/**
 * The targets that belong to networks, each with the word EC2's refusal names it by and the VPCs it belongs to (an
 * unknown id is refused by `lookup`): a route may send traffic only to one of its own VPC's.
 */
const targetNetworks: [keyof RouteTarget, string, (region: RegionState, id: string) => (string | null)[]][] = [
  [
    'vpcPeeringConnectionId',
    'network gateway',
    (region, id) => {
      const pcx = lookup(vpcPeeringConnectionsOf(region), 'pcx', id);
      return [pcx.requesterVpcId, pcx.accepterVpcId];
    },
  ],
  [
    'egressOnlyInternetGatewayId',
    'network gateway',
    (region, id) => [lookup(egressOnlyInternetGatewaysOf(region), 'eigw', id).vpcId],
  ],
  ['networkInterfaceId', 'interface', (region, id) => [lookup(interfacesOf(region), 'eni', id).vpcId]],
  ['gatewayId', 'network gateway', (region, id) => [lookup(region.internetGateways, 'igw', id).attachedVpcId]],
];

/** Where a route sends traffic, as CreateRoute and ReplaceRoute name it: one gateway, connection or instance. */
function readRouteTarget(params: QueryParams, region: RegionState, table: RouteTable): RouteTarget {
  const target: RouteTarget = {
    gatewayId: params.get('GatewayId'),
    natGatewayId: params.get('NatGatewayId'),
    instanceId: params.get('InstanceId'),
    networkInterfaceId: params.get('NetworkInterfaceId'),
    vpcPeeringConnectionId: params.get('VpcPeeringConnectionId'),
    egressOnlyInternetGatewayId: params.get('EgressOnlyInternetGatewayId'),
  };
  if (Object.values(target).filter((id) => id !== undefined).length !== 1)
    throw new AwsError(
      'InvalidParameterCombination',
      'The request must contain exactly one of gatewayId, natGatewayId, instanceId, networkInterfaceId, ' +
        'vpcPeeringConnectionId, egressOnlyInternetGatewayId.',
    );
  for (const [key, noun, networksOf] of targetNetworks) {
    const id = target[key];
    if (id !== undefined && !networksOf(region, id).includes(table.vpcId))
      throw new AwsError(
        'InvalidParameterValue',
        `route table ${table.routeTableId} and ${noun} ${id} belong to different networks`,
      );
  }
  if (target.natGatewayId) {
    // Routes name NAT gateways with the code EC2 gives ids in general, not DescribeNatGateways' NatGatewayNotFound.
    const nat = region.natGateways?.[target.natGatewayId];
    if (nat?.state !== 'available')
      throw new AwsError('InvalidNatGatewayID.NotFound', `The natGateway ID '${target.natGatewayId}' does not exist`);
  }
  if (target.instanceId) lookup(region.instances, 'instance', target.instanceId);
  return target;
}

/** A route table's association, a subnet's or the VPC's main one, by its id. */
function requireAssociation(
  ctx: ServiceContext,
  id: string,
): { table: RouteTable; association: RouteTableAssociation } {
  for (const table of Object.values(regionOf(ctx).routeTables)) {
    const association = table.associations.find((a) => a.associationId === id);
    if (association) return { table, association };
  }
  throw new AwsError('InvalidAssociationID.NotFound', `The association ID '${id}' does not exist`);
}

/** What changing an association touches: the route table it leaves, the one it goes to, and its subnet. */
function associationResources(params: QueryParams, ctx: ServiceContext): ActionResources {
  const { table, association } = requireAssociation(ctx, params.require('AssociationId'));
  const target = params.get('RouteTableId');
  return [
    ...existingResources(ctx, 'rtb', [...new Set([table.routeTableId, ...(target === undefined ? [] : [target])])]),
    ...(association.subnetId ? existingResources(ctx, 'subnet', [association.subnetId]) : []),
  ];
}

/**
 * An edge association of a route table with an internet gateway attached to its VPC, which routes the traffic coming
 * in through the gateway (AssociateRouteTable's GatewayId, "Gateway route tables", Amazon VPC User Guide); a gateway
 * has one at most.
 */
function associateGateway(region: RegionState, table: RouteTable, gatewayId: string): XmlValue {
  const igw = lookup(region.internetGateways, 'igw', gatewayId);
  if (igw.attachedVpcId !== table.vpcId)
    throw new AwsError(
      'InvalidParameterValue',
      `route table ${table.routeTableId} and network gateway ${gatewayId} belong to different networks`,
    );
  const current = Object.values(region.routeTables).find((t) => t.associations.some((a) => a.gatewayId === gatewayId));
  const same = current === table ? table.associations.find((a) => a.gatewayId === gatewayId) : undefined;
  if (same) return { associationId: same.associationId, associationState: { state: 'associated' } };
  if (current)
    throw new AwsError(
      'Resource.AlreadyAssociated',
      `the specified association for route table ${current.routeTableId} conflicts with an existing association`,
    );
  const association = { associationId: ec2Id('rtbassoc'), gatewayId, main: false };
  table.associations.push(association);
  return { associationId: association.associationId, associationState: { state: 'associated' } };
}

/** The internet gateway, route table and NAT gateway operations. */
export const routingOperations: Record<string, QueryOperation> = {
  CreateInternetGateway: {
    resource: (params, ctx) => [newResource(ctx, 'internet-gateway', tagsFor(params, 'internet-gateway'))],
    run(params, ctx) {
      const region = regionOf(ctx);
      const igw: InternetGateway = {
        internetGatewayId: ec2Id('igw'),
        attachedVpcId: null,
        tags: tagsFor(params, 'internet-gateway'),
      };
      region.internetGateways[igw.internetGatewayId] = igw;
      return { internetGateway: renderInternetGateway(igw, ctx.account.accountId) };
    },
  },

  AttachInternetGateway: {
    resource: resourcesNamedBy({ igw: 'InternetGatewayId', vpc: 'VpcId' }),
    run(params, ctx) {
      const region = regionOf(ctx);
      const igw = lookup(region.internetGateways, 'igw', params.require('InternetGatewayId'));
      const vpc = requireVpc(region, params.require('VpcId'));
      if (igw.attachedVpcId)
        throw new AwsError(
          'Resource.AlreadyAssociated',
          `resource ${igw.internetGatewayId} is already attached to network ${igw.attachedVpcId}`,
        );
      const other = Object.values(region.internetGateways).find((g) => g.attachedVpcId === vpc.vpcId);
      if (other)
        throw new AwsError('InvalidParameterValue', `Network ${vpc.vpcId} already has an internet gateway attached`);
      igw.attachedVpcId = vpc.vpcId;
      return { return: true };
    },
  },

  DetachInternetGateway: {
    resource: resourcesNamedBy({ igw: 'InternetGatewayId', vpc: 'VpcId' }),
    run(params, ctx) {
      const region = regionOf(ctx);
      const igw = lookup(region.internetGateways, 'igw', params.require('InternetGatewayId'));
      const vpcId = params.require('VpcId');
      if (igw.attachedVpcId !== vpcId)
        throw new AwsError(
          'Gateway.NotAttached',
          `resource ${igw.internetGatewayId} is not attached to network ${vpcId}`,
        );
      igw.attachedVpcId = null;
      return { return: true };
    },
  },

  DeleteInternetGateway: {
    resource: resourcesNamedBy({ igw: 'InternetGatewayId' }),
    run(params, ctx) {
      const region = regionOf(ctx);
      const igw = lookup(region.internetGateways, 'igw', params.require('InternetGatewayId'));
      if (igw.attachedVpcId) throw dependencyViolation('igw', igw.internetGatewayId);
      delete region.internetGateways[igw.internetGatewayId];
      return { return: true };
    },
  },

  DescribeInternetGateways: describeByIds({
    listName: 'internetGatewaySet',
    idParameter: 'InternetGatewayId',
    kind: 'igw',
    table: (region) => region.internetGateways,
    filters: igwFilters,
    render: (igw, ctx) => renderInternetGateway(igw, ctx.account.accountId),
  }),

  CreateRouteTable: {
    resource: (params, ctx) => [
      newResource(ctx, 'route-table', tagsFor(params, 'route-table')),
      ...existingResources(ctx, 'vpc', [params.require('VpcId')]),
    ],
    run(params, ctx) {
      const region = regionOf(ctx);
      const vpc = requireVpc(region, params.require('VpcId'));
      const table: RouteTable = {
        routeTableId: ec2Id('rtb'),
        vpcId: vpc.vpcId,
        routes: vpcCidrBlocks(vpc).map((block) => ({
          destinationCidrBlock: block.cidrBlock,
          gatewayId: 'local',
          origin: 'CreateRouteTable' as const,
        })),
        associations: [],
        tags: tagsFor(params, 'route-table'),
      };
      region.routeTables[table.routeTableId] = table;
      return { routeTable: renderRouteTable(table, ctx.account.accountId, region) };
    },
  },

  DescribeRouteTables: describeByIds({
    listName: 'routeTableSet',
    idParameter: 'RouteTableId',
    kind: 'rtb',
    table: (region) => region.routeTables,
    filters: routeTableFilters,
    render: (table, ctx, region) => renderRouteTable(table, ctx.account.accountId, region),
  }),

  CreateRoute: {
    resource: resourcesNamedBy({ rtb: 'RouteTableId' }),
    run(params, ctx) {
      const region = regionOf(ctx);
      const table = lookup(region.routeTables, 'rtb', params.require('RouteTableId'));
      const to = readDestination(params);
      const destination = destinationOf(to);
      if (table.routes.some((r) => destinationOf(r) === destination)) {
        throw new AwsError('RouteAlreadyExists', `The route identified by ${destination} already exists.`);
      }
      const target = readRouteTarget(params, region, table);
      table.routes.push({ ...to, ...target, origin: 'CreateRoute' });
      return { return: true };
    },
  },

  ReplaceRoute: {
    resource: resourcesNamedBy({ rtb: 'RouteTableId' }),
    run(params, ctx) {
      const region = regionOf(ctx);
      const table = lookup(region.routeTables, 'rtb', params.require('RouteTableId'));
      const to = readDestination(params);
      const destination = destinationOf(to);
      const index = table.routes.findIndex((r) => destinationOf(r) === destination);
      if (index < 0)
        throw new AwsError(
          'InvalidParameterValue',
          `There is no route defined for '${destination}' in the route table. Use CreateRoute instead.`,
        );
      if (table.routes[index]!.gatewayId === 'local')
        throw new AwsError(
          'InvalidParameterValue',
          `cannot replace local route ${destination} in route table ${table.routeTableId}`,
        );
      const target = readRouteTarget(params, region, table);
      table.routes[index] = { ...to, ...target, origin: 'CreateRoute' };
      return { return: true };
    },
  },

  DeleteRoute: {
    resource: resourcesNamedBy({ rtb: 'RouteTableId' }),
    run(params, ctx) {
      const table = lookup(regionOf(ctx).routeTables, 'rtb', params.require('RouteTableId'));
      const destination = destinationOf(readDestination(params));
      const route = table.routes.find((r) => destinationOf(r) === destination);
      if (!route)
        throw new AwsError(
          'InvalidRoute.NotFound',
          `no route with destination-cidr-block ${destination} in route table ${table.routeTableId}`,
        );
      if (route.gatewayId === 'local')
        throw new AwsError(
          'InvalidParameterValue',
          `cannot remove local route ${destination} in route table ${table.routeTableId}`,
        );
      table.routes = table.routes.filter((r) => r !== route);
      return { return: true };
    },
  },

  AssociateRouteTable: {
    resource: (params, ctx) => [
      ...existingResources(ctx, 'rtb', [params.require('RouteTableId')]),
      ...(params.get('GatewayId') === undefined
        ? existingResources(ctx, 'subnet', [params.require('SubnetId')])
        : existingResources(ctx, 'igw', [params.require('GatewayId')])),
    ],
    run(params, ctx) {
      const region = regionOf(ctx);
      const table = lookup(region.routeTables, 'rtb', params.require('RouteTableId'));
      if (params.get('GatewayId') !== undefined) return associateGateway(region, table, params.require('GatewayId'));
      const subnet = lookup(region.subnets, 'subnet', params.require('SubnetId'));
      if (subnet.vpcId !== table.vpcId)
        throw new AwsError(
          'InvalidParameterValue',
          `Route table ${table.routeTableId} and subnet ${subnet.subnetId} belong to different networks`,
        );
      const current = Object.values(region.routeTables).find((t) =>
        t.associations.some((a) => a.subnetId === subnet.subnetId),
      );
      // Associating a subnet with the table it is already associated with is no change: EC2 answers the association.
      const same = current === table ? table.associations.find((a) => a.subnetId === subnet.subnetId) : undefined;
      if (same) return { associationId: same.associationId, associationState: { state: 'associated' } };
      if (current)
        throw new AwsError(
          'Resource.AlreadyAssociated',
          `the specified association for route table ${current.routeTableId} conflicts with an existing association`,
        );
      const association = { associationId: ec2Id('rtbassoc'), subnetId: subnet.subnetId, main: false };
      table.associations.push(association);
      return { associationId: association.associationId, associationState: { state: 'associated' } };
    },
  },

  DisassociateRouteTable: {
    resource: associationResources,
    run(params, ctx) {
      const { table, association } = requireAssociation(ctx, params.require('AssociationId'));
      if (association.main)
        throw new AwsError(
          'InvalidParameterValue',
          `cannot disassociate the main route table association ${association.associationId}`,
        );
      table.associations = table.associations.filter((a) => a !== association);
      return { return: true };
    },
  },

  ReplaceRouteTableAssociation: {
    resource: associationResources,
    run(params, ctx) {
      const { table, association } = requireAssociation(ctx, params.require('AssociationId'));
      const target = lookup(regionOf(ctx).routeTables, 'rtb', params.require('RouteTableId'));
      // Replacing an association with the table it already has changes nothing: EC2 answers the same association.
      if (target === table)
        return { newAssociationId: association.associationId, associationState: { state: 'associated' } };
      if (target.vpcId !== table.vpcId)
        throw new AwsError(
          'InvalidParameterValue',
          `Route table ${target.routeTableId} and association ${association.associationId} belong to different networks`,
        );
      const moved = { ...association, associationId: ec2Id('rtbassoc') };
      table.associations = table.associations.filter((a) => a !== association);
      target.associations.push(moved);
      return { newAssociationId: moved.associationId, associationState: { state: 'associated' } };
    },
  },

  DeleteRouteTable: {
    resource: resourcesNamedBy({ rtb: 'RouteTableId' }),
    run(params, ctx) {
      const region = regionOf(ctx);
      const table = lookup(region.routeTables, 'rtb', params.require('RouteTableId'));
      if (table.associations.length > 0) throw dependencyViolation('rtb', table.routeTableId);
      delete region.routeTables[table.routeTableId];
      return { return: true };
    },
  },
};
