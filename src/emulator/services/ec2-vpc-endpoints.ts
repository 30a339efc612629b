/**
 * VPC endpoints: private ways from a VPC to AWS services without the internet. A gateway endpoint (S3, DynamoDB)
 * adds a route to the service's prefix list in each route table it names; an interface endpoint puts a network
 * interface in each subnet it names, behind its security groups, with DNS names of its own (EC2 API reference,
 * CreateVpcEndpoint; Amazon VPC User Guide, 'Gateway endpoints'). The sandbox makes them available at once, as it
 * does NAT gateways, and shows a deleted one as `deleted`.
 */
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { ec2Id, fnv32 } from '../ids';
import { zonesOf } from '../regions';
import type { QueryOperation, QueryParams } from '../protocols/query';
import { networkInterfacesOf, type RegionState, type VpcEndpoint, vpcEndpointsOf } from '../state';
import type { XmlValue } from '../xml';
import { existingResources, newResource } from './ec2-arns';
import { regionOf } from './ec2-default-vpc';
import { describe } from './ec2-describe';
import type { FilterValues } from './ec2-filters';
import { lookup, notFound, selectByIds } from './ec2-ids';
import { addNetworkInterface } from './ec2-network-interfaces';
import { awsPrefixListId } from './ec2-prefix-lists';
import { renderTags, tagsFor } from './ec2-tags';
import { requireVpc } from './ec2-vpcs';

/** The AWS services a course account can reach through an endpoint, by the last part of their name, and how. */
const endpointServices: Record<string, readonly ('Gateway' | 'Interface')[]> = {
  s3: ['Gateway', 'Interface'],
  dynamodb: ['Gateway', 'Interface'],
  ec2: ['Interface'],
  ec2messages: ['Interface'],
  ssm: ['Interface'],
  ssmmessages: ['Interface'],
  sts: ['Interface'],
  logs: ['Interface'],
  monitoring: ['Interface'],
  kms: ['Interface'],
  secretsmanager: ['Interface'],
  sqs: ['Interface'],
  sns: ['Interface'],
  lambda: ['Interface'],
  rekognition: ['Interface'],
  cloudformation: ['Interface'],
  'ecr.api': ['Interface'],
  'ecr.dkr': ['Interface'],
};

/** The full-access policy AWS gives an endpoint created without one. */
const fullAccessPolicy = JSON.stringify({
  Version: '2008-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
});

/** The service a name names in the request's region (`com.amazonaws.us-west-2.s3` → `s3`), or AWS's error. */
function requireService(serviceName: string, regionName: string): string {
  const prefix = `com.amazonaws.${regionName}.`;
  const service = serviceName.startsWith(prefix) ? serviceName.slice(prefix.length) : undefined;
  if (service === undefined || !Object.hasOwn(endpointServices, service))
    throw new AwsError('InvalidServiceName', `The Vpc Endpoint Service '${serviceName}' does not exist`);
  return service;
}

/** The endpoint type asked for (`Gateway` when none is), which the service must offer. */
function requireType(params: QueryParams, service: string): VpcEndpoint['vpcEndpointType'] {
  const asked = params.get('VpcEndpointType') ?? 'Gateway';
  const type = (['Gateway', 'Interface'] as const).find((t) => t.toLowerCase() === asked.toLowerCase());
  if (!type)
    throw new AwsError(
      'InvalidParameterValue',
      `Value (${asked}) for parameter vpcEndpointType is invalid. Valid values: Interface, Gateway, GatewayLoadBalancer.`,
    );
  if (!endpointServices[service]!.includes(type))
    throw new AwsError(
      'InvalidParameter',
      `Endpoint type (${type}) does not match available service types ([${endpointServices[service]!.join(', ')}]).`,
    );
  return type;
}

/** The route tables a gateway endpoint is given, each of its VPC, and the route to the service it gets. */
function addEndpointRoutes(region: RegionState, endpoint: VpcEndpoint, tableIds: string[], prefixListId: string) {
  for (const id of tableIds) {
    const table = lookup(region.routeTables, 'rtb', id);
    if (table.vpcId !== endpoint.vpcId)
      throw new AwsError(
        'InvalidParameter',
        `Route table ${id} does not belong to the VPC ${endpoint.vpcId} of the endpoint.`,
      );
    if (table.routes.some((r) => r.destinationPrefixListId === prefixListId && r.gatewayId !== endpoint.vpcEndpointId))
      throw new AwsError(
        'RouteAlreadyExists',
        `route table ${id} already has a route with destination-prefix-list-id ${prefixListId}`,
      );
  }
  for (const id of tableIds) {
    const table = region.routeTables[id]!;
    if (!table.routes.some((r) => r.gatewayId === endpoint.vpcEndpointId))
      table.routes.push({
        destinationPrefixListId: prefixListId,
        gatewayId: endpoint.vpcEndpointId,
        origin: 'CreateRoute',
      });
  }
}

function removeEndpointRoutes(region: RegionState, endpointId: string, tableIds: string[]): void {
  for (const id of tableIds) {
    const table = region.routeTables[id];
    if (table) table.routes = table.routes.filter((r) => r.gatewayId !== endpointId);
  }
}

/** The subnets an interface endpoint is given, each of its VPC and in a zone of its own. */
function checkSubnets(region: RegionState, endpoint: VpcEndpoint, subnetIds: string[]): void {
  const zones = new Set<string>();
  for (const id of subnetIds) {
    const subnet = lookup(region.subnets, 'subnet', id);
    if (subnet.vpcId !== endpoint.vpcId)
      throw new AwsError('InvalidParameter', `The subnet ID '${id}' does not belong to the VPC ${endpoint.vpcId}.`);
    if (zones.has(subnet.availabilityZone))
      throw new AwsError(
        'DuplicateSubnetsInSameZone',
        `Found another VPC endpoint subnet in the availability zone of ${id}. VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service.`,
      );
    zones.add(subnet.availabilityZone);
  }
}

/** An interface endpoint's network interfaces: one per subnet, AWS-managed, behind the endpoint's groups. */
function endpointInterfaces(region: RegionState, endpoint: VpcEndpoint): string[] {
  return Object.values(networkInterfacesOf(region))
    .filter((eni) => eni.description === `VPC Endpoint Interface ${endpoint.vpcEndpointId}`)
    .map((eni) => eni.networkInterfaceId);
}

function syncInterfaces(region: RegionState, endpoint: VpcEndpoint): void {
  const interfaces = networkInterfacesOf(region);
  const description = `VPC Endpoint Interface ${endpoint.vpcEndpointId}`;
  const wanted = endpoint.state === 'available' ? endpoint.subnetIds : [];
  for (const [id, eni] of Object.entries(interfaces))
    if (eni.description === description) {
      if (!wanted.includes(eni.subnetId)) delete interfaces[id];
      else eni.groupIds = [...endpoint.groupIds];
    }
  for (const subnetId of wanted)
    if (!Object.values(interfaces).some((eni) => eni.description === description && eni.subnetId === subnetId))
      addNetworkInterface(region, region.subnets[subnetId]!, {
        description,
        groupIds: [...endpoint.groupIds],
        interfaceType: 'vpc_endpoint',
        tags: [],
      });
}

/** The default security group of a VPC, which an interface endpoint made without groups gets. */
function defaultGroupOf(region: RegionState, vpcId: string): string[] {
  const group = Object.values(region.securityGroups).find((g) => g.vpcId === vpcId && g.groupName === 'default');
  return group ? [group.groupId] : [];
}

/** An interface endpoint's DNS names: one for the endpoint and one for each of its zones. */
function dnsEntries(endpoint: VpcEndpoint, region: RegionState, regionName: string): XmlValue {
  if (endpoint.vpcEndpointType !== 'Interface' || endpoint.state !== 'available') return [];
  const service = endpoint.serviceName.split('.').slice(3).join('.');
  const suffix = `${fnv32(endpoint.vpcEndpointId, 2166136261)}.${service}.${regionName}.vpce.amazonaws.com`;
  const hostedZoneId = `Z${fnv32(`${regionName}/vpce`, 16777619).toUpperCase()}VPCE`;
  const zones = endpoint.subnetIds.map((id) => region.subnets[id]?.availabilityZone).filter((z) => z !== undefined);
  return [
    { dnsName: `${endpoint.vpcEndpointId}-${suffix}`, hostedZoneId },
    ...zones.map((zone) => ({ dnsName: `${endpoint.vpcEndpointId}-${zone}.${suffix}`, hostedZoneId })),
  ];
}

function renderEndpoint(
  endpoint: VpcEndpoint,
  region: RegionState,
  ctx: ServiceContext,
  state: string = endpoint.state,
): XmlValue {
  return {
    vpcEndpointId: endpoint.vpcEndpointId,
    vpcEndpointType: endpoint.vpcEndpointType,
    vpcId: endpoint.vpcId,
    serviceName: endpoint.serviceName,
    state,
    policyDocument: endpoint.policyDocument,
    routeTableIdSet: endpoint.routeTableIds,
    subnetIdSet: endpoint.subnetIds,
    groupSet: endpoint.groupIds.map((groupId) => ({
      groupId,
      groupName: region.securityGroups[groupId]?.groupName ?? groupId,
    })),
    ipAddressType: 'ipv4',
    dnsOptions: { dnsRecordIpType: 'ipv4' },
    privateDnsEnabled: endpoint.privateDnsEnabled,
    requesterManaged: false,
    networkInterfaceIdSet: endpointInterfaces(region, endpoint),
    dnsEntrySet: dnsEntries(endpoint, region, ctx.region),
    creationTimestamp: endpoint.creationTimestamp,
    tagSet: renderTags(endpoint.tags),
    ownerId: ctx.account.accountId,
  };
}

const endpointFilters: FilterValues<VpcEndpoint> = {
  'service-name': (e) => [e.serviceName],
  'vpc-id': (e) => [e.vpcId],
  'vpc-endpoint-id': (e) => [e.vpcEndpointId],
  'vpc-endpoint-state': (e) => [e.state],
  'vpc-endpoint-type': (e) => [e.vpcEndpointType],
  'ip-address-type': () => ['ipv4'],
};

/** What CreateVpcEndpoint touches, for IAM: the new endpoint, its VPC, and its route tables, subnets and groups. */
function creationResources(params: QueryParams, ctx: ServiceContext) {
  return [
    newResource(ctx, 'vpc-endpoint', tagsFor(params, 'vpc-endpoint')),
    ...existingResources(ctx, 'vpc', [params.require('VpcId')]),
    ...existingResources(ctx, 'rtb', params.list('RouteTableId')),
    ...existingResources(ctx, 'subnet', params.list('SubnetId')),
    ...existingResources(ctx, 'sg', params.list('SecurityGroupId')),
  ];
}

/** A list change: the ids in `list` with `added` appended (once each) and `removed` left out. */
function changed(list: string[], added: string[], removed: string[]): string[] {
  return [...new Set([...list, ...added])].filter((id) => !removed.includes(id));
}

/** A service of the catalogue as DescribeVpcEndpointServices shows it in a region. */
interface EndpointService {
  serviceName: string;
  service: string;
  types: readonly ('Gateway' | 'Interface')[];
  tags: [];
}

function endpointServicesIn(regionName: string): EndpointService[] {
  return Object.entries(endpointServices).map(([service, types]) => ({
    serviceName: `com.amazonaws.${regionName}.${service}`,
    service,
    types,
    tags: [],
  }));
}

const serviceFilters: FilterValues<EndpointService> = {
  'service-name': (s) => [s.serviceName],
  'service-type': (s) => s.types,
  owner: () => ['amazon'],
};

/** The VPC endpoint operations. */
export const vpcEndpointOperations: Record<string, QueryOperation> = {
  CreateVpcEndpoint: {
    resource: creationResources,
    run(params, ctx) {
      const region = regionOf(ctx);
      const vpc = requireVpc(region, params.require('VpcId'));
      const serviceName = params.require('ServiceName');
      const service = requireService(serviceName, ctx.region);
      const type = requireType(params, service);
      const groups = params.list('SecurityGroupId');
      for (const id of groups) lookup(region.securityGroups, 'sg', id);
      const endpoint: VpcEndpoint = {
        vpcEndpointId: ec2Id('vpce'),
        vpcEndpointType: type,
        vpcId: vpc.vpcId,
        serviceName,
        state: 'available',
        policyDocument: params.get('PolicyDocument') ?? fullAccessPolicy,
        routeTableIds: type === 'Gateway' ? [...new Set(params.list('RouteTableId'))] : [],
        subnetIds: type === 'Interface' ? [...new Set(params.list('SubnetId'))] : [],
        groupIds: type === 'Interface' ? (groups.length > 0 ? groups : defaultGroupOf(region, vpc.vpcId)) : [],
        privateDnsEnabled: params.bool('PrivateDnsEnabled') ?? type === 'Interface',
        creationTimestamp: ctx.now.toISOString(),
        tags: tagsFor(params, 'vpc-endpoint'),
      };
      if (type === 'Gateway')
        addEndpointRoutes(region, endpoint, endpoint.routeTableIds, awsPrefixListId(ctx.region, service));
      else checkSubnets(region, endpoint, endpoint.subnetIds);
      vpcEndpointsOf(region)[endpoint.vpcEndpointId] = endpoint;
      syncInterfaces(region, endpoint);
      const state = type === 'Interface' ? 'pending' : 'available';
      return { vpcEndpoint: renderEndpoint(endpoint, region, ctx, state), clientToken: params.get('ClientToken') };
    },
  },

  DescribeVpcEndpointServices: {
    run(params, ctx) {
      const all = endpointServicesIn(ctx.region);
      const named = params.list('ServiceName');
      for (const name of named) requireService(name, ctx.region);
      const services = named.length > 0 ? all.filter((s) => named.includes(s.serviceName)) : all;
      const zones = zonesOf(ctx.region);
      const listed = describe('serviceDetailSet', services, params, serviceFilters, (s) => ({
        serviceName: s.serviceName,
        serviceId: `vpce-svc-${fnv32(s.serviceName, 2166136261)}${fnv32(s.serviceName, 16777619).slice(0, 1)}`,
        serviceType: s.types.map((serviceType) => ({ serviceType })),
        availabilityZoneSet: zones,
        owner: 'amazon',
        baseEndpointDnsNameSet: [`${s.service}.${ctx.region}.vpce.amazonaws.com`],
        privateDnsName: s.types.includes('Interface') ? `${s.service}.${ctx.region}.amazonaws.com` : undefined,
        vpcEndpointPolicySupported: true,
        acceptanceRequired: false,
        managesVpcEndpoints: false,
        supportedIpAddressTypeSet: ['ipv4'],
        tagSet: [],
      })) as Record<string, XmlValue>;
      const shown = listed.serviceDetailSet as { serviceName: string }[];
      return { ...listed, serviceNameSet: shown.map((s) => s.serviceName) };
    },
  },

  DescribeVpcEndpoints: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const endpoints = selectByIds(vpcEndpointsOf(region), 'vpce', params.list('VpcEndpointId'));
      return describe('vpcEndpointSet', endpoints, params, endpointFilters, (e) => renderEndpoint(e, region, ctx));
    },
  },

  ModifyVpcEndpoint: {
    resource: (params, ctx) => [
      ...existingResources(ctx, 'vpce', [params.require('VpcEndpointId')]),
      ...existingResources(ctx, 'rtb', [...params.list('AddRouteTableId'), ...params.list('RemoveRouteTableId')]),
      ...existingResources(ctx, 'subnet', [...params.list('AddSubnetId'), ...params.list('RemoveSubnetId')]),
      ...existingResources(ctx, 'sg', [...params.list('AddSecurityGroupId'), ...params.list('RemoveSecurityGroupId')]),
    ],
    run(params, ctx) {
      const region = regionOf(ctx);
      const endpoint = lookup(vpcEndpointsOf(region), 'vpce', params.require('VpcEndpointId'));
      const gateway = endpoint.vpcEndpointType === 'Gateway';
      const tables = [params.list('AddRouteTableId'), params.list('RemoveRouteTableId')] as const;
      const subnets = [params.list('AddSubnetId'), params.list('RemoveSubnetId')] as const;
      const groups = [params.list('AddSecurityGroupId'), params.list('RemoveSecurityGroupId')] as const;
      const wrongKind = gateway ? [...subnets, ...groups].some((l) => l.length > 0) : tables.some((l) => l.length > 0);
      if (wrongKind)
        throw new AwsError(
          'InvalidParameter',
          gateway
            ? 'Subnets and security groups can only be changed on an Interface endpoint.'
            : 'Route tables can only be changed on a Gateway endpoint.',
        );
      if (gateway) {
        const service = endpoint.serviceName.split('.').slice(3).join('.');
        addEndpointRoutes(region, endpoint, tables[0], awsPrefixListId(ctx.region, service));
        removeEndpointRoutes(region, endpoint.vpcEndpointId, tables[1]);
        endpoint.routeTableIds = changed(endpoint.routeTableIds, tables[0], tables[1]);
      } else {
        const subnetIds = changed(endpoint.subnetIds, subnets[0], subnets[1]);
        checkSubnets(region, endpoint, subnetIds);
        for (const id of groups[0]) lookup(region.securityGroups, 'sg', id);
        endpoint.subnetIds = subnetIds;
        endpoint.groupIds = changed(endpoint.groupIds, groups[0], groups[1]);
        syncInterfaces(region, endpoint);
      }
      const policy = params.get('PolicyDocument');
      if (params.bool('ResetPolicy')) endpoint.policyDocument = fullAccessPolicy;
      else if (policy !== undefined) endpoint.policyDocument = policy;
      const privateDns = params.bool('PrivateDnsEnabled');
      if (privateDns !== undefined) endpoint.privateDnsEnabled = privateDns;
      return { return: true };
    },
  },

  DeleteVpcEndpoints: {
    // Ids that name no endpoint are not refused: the answer lists them as unsuccessful.
    resource: (params, ctx) => {
      const endpoints = vpcEndpointsOf(regionOf(ctx));
      return existingResources(
        ctx,
        'vpce',
        params.list('VpcEndpointId').filter((id) => Object.hasOwn(endpoints, id)),
      );
    },
    run(params, ctx) {
      const region = regionOf(ctx);
      const endpoints = vpcEndpointsOf(region);
      const ids = params.list('VpcEndpointId');
      if (ids.length === 0)
        throw new AwsError('MissingParameter', 'The request must contain the parameter vpcEndpointId');
      const unsuccessful = ids.flatMap((id) => {
        const endpoint = Object.hasOwn(endpoints, id) ? endpoints[id] : undefined;
        if (!endpoint || endpoint.state === 'deleted') {
          const error = notFound('vpce', [id]);
          return [{ resourceId: id, error: { code: error.code, message: error.message } }];
        }
        removeEndpointRoutes(region, endpoint.vpcEndpointId, endpoint.routeTableIds);
        endpoint.state = 'deleted';
        syncInterfaces(region, endpoint);
        return [];
      });
      return { unsuccessful };
    },
  },
};
