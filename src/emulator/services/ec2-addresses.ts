/**
 * The addresses instances get: a private one from their subnet, a public one from the documentation ranges; and
 * Elastic IPs, which the account keeps (and AWS bills, as every public IPv4 address) until it releases them.
 */
import { formatAddress, isCidrError, parseAddress, parseCidr, sizeOf, type CidrBlock } from '../../cidr/cidr';
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { ec2Id } from '../ids';
import type { QueryOperation, QueryParams } from '../protocols/query';
import {
  addressesOf,
  type ElasticAddress,
  type Instance,
  type NatGateway,
  type RegionState,
  type Subnet,
} from '../state';
import type { XmlValue } from '../xml';
import { existingResources, newResource } from './ec2-arns';
import { regionOf } from './ec2-default-vpc';
import { describe } from './ec2-describe';
import type { FilterValues } from './ec2-filters';
import { lookup, selectByIds } from './ec2-ids';
import { renderTags, tagsFor } from './ec2-tags';

/** The instances holding an address in the subnet: all but the terminated ones. */
export function instancesInSubnet(region: RegionState, subnetId: string): Instance[] {
  return Object.values(region.instances).filter((i) => i.subnetId === subnetId && i.state !== 'terminated');
}

/** The NAT gateways that exist in a subnet: all but the deleted and the failed ones. */
export function natGatewaysInSubnet(region: RegionState, subnetId: string): NatGateway[] {
  return Object.values(region.natGateways ?? {}).filter((n) => n.subnetId === subnetId && n.state === 'available');
}

/** The private addresses a subnet's live instances, NAT gateways and network interfaces hold. */
function privateAddressesIn(region: RegionState, subnetId: string): string[] {
  return [
    ...instancesInSubnet(region, subnetId).map((i) => i.privateIpAddress),
    ...natGatewaysInSubnet(region, subnetId).map((n) => n.privateIp),
    ...Object.values(region.networkInterfaces ?? {})
      .filter((eni) => eni.subnetId === subnetId)
      .flatMap((eni) => [eni.privateIpAddress, ...(eni.secondaryPrivateIpAddresses ?? [])]),
  ];
}

/**
 * How many addresses a subnet has left: AWS keeps five of every block; each live instance and NAT gateway holds one,
 * each network interface its primary and secondary ones.
 */
export function availableAddresses(subnet: Subnet, region: RegionState): number {
  if (subnet.cidrBlock === undefined) return 0;
  const block = parseCidr(subnet.cidrBlock) as CidrBlock;
  return sizeOf(block) - 5 - privateAddressesIn(region, subnet.subnetId).length;
}

/** The lowest free address of the subnet after the four AWS reserves at its start. */
export function nextPrivateAddress(subnet: Subnet, region: RegionState): string {
  // The sandbox's instances and NAT gateways each hold a private IPv4 address, which an IPv6-only subnet has none of.
  if (subnet.cidrBlock === undefined)
    throw new AwsError(
      'InvalidParameterCombination',
      `Subnet '${subnet.subnetId}' is IPv6-only: the sandbox launches only into subnets with IPv4 addresses.`,
    );
  const block = parseCidr(subnet.cidrBlock) as CidrBlock;
  const taken = new Set(privateAddressesIn(region, subnet.subnetId));
  for (let offset = 4; offset < sizeOf(block) - 1; offset++) {
    const candidate = formatAddress(block.network + offset);
    if (!taken.has(candidate)) return candidate;
  }
  throw new AwsError(
    'InsufficientFreeAddressesInSubnet',
    `There are not enough free addresses in subnet '${subnet.subnetId}' to satisfy the requested number of instances.`,
  );
}

/**
 * The private address a launch asks for (`PrivateIpAddress`), checked as EC2 checks it: inside the subnet, not one of
 * the five AWS reserves (the first four and the last; VPC User Guide, 'Subnet CIDR blocks'), and not in use.
 */
export function requestedPrivateAddress(subnet: Subnet, region: RegionState, address: string): string {
  const value = parseAddress(address);
  if (isCidrError(value))
    throw new AwsError('InvalidParameterValue', `Invalid value '${address}' for PrivateIpAddress.`);
  // An IPv6-only subnet has no IPv4 range for the address to fall in.
  const block = subnet.cidrBlock === undefined ? undefined : (parseCidr(subnet.cidrBlock) as CidrBlock);
  const offset = block === undefined ? -1 : value - block.network;
  if (block === undefined || offset < 0 || offset >= sizeOf(block))
    throw new AwsError('InvalidParameterValue', `Address ${address} does not fall within the subnet's address range`);
  if (offset < 4 || offset === sizeOf(block) - 1)
    throw new AwsError('InvalidParameterValue', `Address ${address} is in subnet's reserved address range`);
  if (privateAddressesIn(region, subnet.subnetId).includes(formatAddress(value)))
    throw new AwsError('InvalidIPAddress.InUse', `Address ${address} is in use.`);
  return formatAddress(value);
}

/** Every public address the account's resources hold: instances' own, Elastic IPs and NAT gateways'. */
function publicAddressesInUse(ctx: ServiceContext): Set<string | undefined> {
  return new Set(
    Object.values(ctx.account.regions).flatMap((r) => [
      ...Object.values(r.instances).map((i) => i.publicIpAddress),
      ...Object.values(r.addresses ?? {}).map((a) => a.publicIp),
    ]),
  );
}

/** A public address from the documentation ranges (RFC 5737), so sandbox addresses never name a real host. */
export function newPublicAddress(ctx: ServiceContext): string {
  const used = publicAddressesInUse(ctx);
  for (const base of ['203.0.113', '198.51.100', '192.0.2']) {
    for (let host = 10; host < 255; host++) {
      const candidate = `${base}.${host}`;
      if (!used.has(candidate)) return candidate;
    }
  }
  throw new AwsError('AddressLimitExceeded', 'The sandbox has run out of public addresses; terminate some instances.');
}

/** How many Elastic IPs a region allows an account by default. */
const addressesPerRegion = 5;

/** The Elastic IP associated with an instance, if one is. */
export function elasticAddressOf(region: RegionState, instanceId: string): ElasticAddress | undefined {
  return Object.values(region.addresses ?? {}).find((a) => a.association?.instanceId === instanceId);
}

/**
 * Undoes an Elastic IP's association: the instance it left gets a new automatic public address if it had one before
 * and is running (AWS gives it one at its next start otherwise), or none.
 */
export function disassociate(ctx: ServiceContext, region: RegionState, address: ElasticAddress): void {
  const association = address.association;
  if (!association) return;
  address.association = undefined;
  const instance = region.instances[association.instanceId];
  if (!instance) return;
  instance.publicIpAddress =
    association.hadPublicIp && instance.state === 'running' ? newPublicAddress(ctx) : undefined;
}

/**
 * The public address an instance has on reaching `state`: its Elastic IP while it keeps one (a terminated instance
 * lets it go), otherwise a new automatic one when it starts in a subnet that gives them, and none when it stops.
 */
export function publicAddressOnReaching(
  ctx: ServiceContext,
  instance: Instance,
  state: 'running' | 'stopped' | 'terminated',
): string | undefined {
  const region = regionOf(ctx);
  const elastic = elasticAddressOf(region, instance.instanceId);
  if (elastic && state === 'terminated') elastic.association = undefined;
  else if (elastic) return elastic.publicIp;
  if (state !== 'running') return undefined;
  return region.subnets[instance.subnetId]?.mapPublicIpOnLaunch ? newPublicAddress(ctx) : undefined;
}

/** Where an Elastic IP points: the instance it is associated with, or the live NAT gateway that holds it. */
function attachmentOf(
  region: RegionState,
  address: ElasticAddress,
): { associationId: string; instanceId?: string; networkInterfaceId: string; privateIpAddress: string } | undefined {
  if (address.association) return address.association;
  const nat = natGatewayHolding(region, address.allocationId);
  if (!nat?.associationId) return undefined;
  return {
    associationId: nat.associationId,
    networkInterfaceId: nat.networkInterfaceId,
    privateIpAddress: nat.privateIp,
  };
}

/** The NAT gateway that holds an Elastic IP: a public one that has not been deleted. */
export function natGatewayHolding(region: RegionState, allocationId: string): NatGateway | undefined {
  return Object.values(region.natGateways ?? {}).find(
    (n) => n.allocationId === allocationId && n.state === 'available',
  );
}

function renderAddress(address: ElasticAddress, region: RegionState, ctx: ServiceContext): XmlValue {
  const association = attachmentOf(region, address);
  return {
    publicIp: address.publicIp,
    allocationId: address.allocationId,
    domain: 'vpc',
    associationId: association?.associationId,
    instanceId: association?.instanceId,
    networkInterfaceId: association?.networkInterfaceId,
    networkInterfaceOwnerId: association ? ctx.account.accountId : undefined,
    privateIpAddress: association?.privateIpAddress,
    tagSet: renderTags(address.tags),
    publicIpv4Pool: 'amazon',
    networkBorderGroup: ctx.region,
  };
}

function addressFilters(region: RegionState, ctx: ServiceContext): FilterValues<ElasticAddress> {
  return {
    'network-border-group': () => [ctx.region],
    'network-interface-owner-id': (a) => [attachmentOf(region, a) ? ctx.account.accountId : undefined],
    'allocation-id': (a) => [a.allocationId],
    'association-id': (a) => [attachmentOf(region, a)?.associationId],
    domain: () => ['vpc'],
    'instance-id': (a) => [attachmentOf(region, a)?.instanceId],
    'network-interface-id': (a) => [attachmentOf(region, a)?.networkInterfaceId],
    'private-ip-address': (a) => [attachmentOf(region, a)?.privateIpAddress],
    'public-ip': (a) => [a.publicIp],
  };
}

/** The Elastic IP a request names by `AllocationId`, or by `PublicIp` as older scripts do. */
function requireAddress(region: RegionState, params: QueryParams): ElasticAddress {
  const allocationId = params.get('AllocationId');
  const publicIp = params.get('PublicIp');
  if (allocationId !== undefined && publicIp !== undefined)
    throw new AwsError(
      'InvalidParameterCombination',
      'You may specify public IP or allocation id, but not both in the same call',
    );
  if (allocationId === undefined && publicIp === undefined)
    throw new AwsError('MissingParameter', 'The request must contain the parameter AllocationId');
  if (allocationId !== undefined) return lookup(addressesOf(region), 'eipalloc', allocationId);
  const found = Object.values(addressesOf(region)).find((a) => a.publicIp === publicIp);
  if (!found) throw new AwsError('InvalidAddress.NotFound', `Address '${publicIp}' not found.`);
  return found;
}

/** The instance an association names, by its id or its network interface's. */
function requireTarget(region: RegionState, params: QueryParams): Instance {
  const instanceId = params.get('InstanceId');
  if (instanceId !== undefined) return lookup(region.instances, 'instance', instanceId);
  const interfaceId = params.get('NetworkInterfaceId');
  if (interfaceId === undefined)
    throw new AwsError('MissingParameter', 'Either an instance ID or a network interface ID must be specified.');
  const instance = Object.values(region.instances).find(
    (i) => i.networkInterfaceId === interfaceId && i.state !== 'terminated',
  );
  if (!instance)
    throw new AwsError('InvalidNetworkInterfaceID.NotFound', `The networkInterface ID '${interfaceId}' does not exist`);
  return instance;
}

/** The association of an Elastic IP, by its id (or by the address, as older scripts send). */
function requireAssociated(region: RegionState, params: QueryParams): ElasticAddress {
  const associationId = params.get('AssociationId');
  if (associationId === undefined) {
    const address = requireAddress(region, params);
    if (!address.association) throw new AwsError('InvalidAssociationID.NotFound', 'The address is not associated.');
    return address;
  }
  const address = Object.values(addressesOf(region)).find((a) => a.association?.associationId === associationId);
  if (!address)
    throw new AwsError('InvalidAssociationID.NotFound', `The association ID '${associationId}' does not exist`);
  return address;
}

/** The Elastic IP operations. */
export const addressOperations: Record<string, QueryOperation> = {
  AllocateAddress: {
    resource: (params, ctx) => [newResource(ctx, 'elastic-ip', tagsFor(params, 'elastic-ip'))],
    run(params, ctx) {
      const region = regionOf(ctx);
      const domain = params.get('Domain') ?? 'vpc';
      if (domain !== 'vpc' && domain !== 'standard')
        throw new AwsError('InvalidParameterValue', `Value (${domain}) for parameter domain is invalid.`);
      const addresses = addressesOf(region);
      if (Object.keys(addresses).length >= addressesPerRegion)
        throw new AwsError('AddressLimitExceeded', 'The maximum number of addresses has been reached.');
      const address: ElasticAddress = {
        allocationId: ec2Id('eipalloc'),
        publicIp: newPublicAddress(ctx),
        tags: tagsFor(params, 'elastic-ip'),
      };
      addresses[address.allocationId] = address;
      return {
        publicIp: address.publicIp,
        allocationId: address.allocationId,
        domain: 'vpc',
        publicIpv4Pool: 'amazon',
        networkBorderGroup: ctx.region,
      };
    },
  },

  AssociateAddress: {
    resource: (params, ctx) => {
      const region = regionOf(ctx);
      return [
        ...existingResources(ctx, 'eipalloc', [requireAddress(region, params).allocationId]),
        ...existingResources(ctx, 'instance', [requireTarget(region, params).instanceId]),
      ];
    },
    run(params, ctx) {
      const region = regionOf(ctx);
      const address = requireAddress(region, params);
      const instance = requireTarget(region, params);
      if (instance.state !== 'running' && instance.state !== 'stopped')
        throw new AwsError(
          'IncorrectInstanceState',
          `The instance '${instance.instanceId}' is not in a valid state for this operation.`,
        );
      if (!Object.values(region.internetGateways).some((g) => g.attachedVpcId === instance.vpcId))
        throw new AwsError('Gateway.NotAttached', `Network ${instance.vpcId} is not attached to any internet gateway`);
      const nat = natGatewayHolding(region, address.allocationId);
      if (nat)
        throw new AwsError(
          'Resource.AlreadyAssociated',
          `resource ${address.allocationId} is already associated with associate-id ${nat.associationId}`,
        );
      const current = address.association;
      if (current?.instanceId === instance.instanceId) return { return: true, associationId: current.associationId };
      if (current && !params.bool('AllowReassociation'))
        throw new AwsError(
          'Resource.AlreadyAssociated',
          `resource ${address.allocationId} is already associated with associate-id ${current.associationId}`,
        );
      if (current) disassociate(ctx, region, address);
      const previous = elasticAddressOf(region, instance.instanceId);
      const hadPublicIp = previous
        ? previous.association!.hadPublicIp
        : instance.state === 'running'
          ? instance.publicIpAddress !== undefined
          : (region.subnets[instance.subnetId]?.mapPublicIpOnLaunch ?? false);
      if (previous) previous.association = undefined;
      address.association = {
        associationId: ec2Id('eipassoc'),
        instanceId: instance.instanceId,
        networkInterfaceId: instance.networkInterfaceId,
        privateIpAddress: instance.privateIpAddress,
        hadPublicIp,
      };
      instance.publicIpAddress = address.publicIp;
      return { return: true, associationId: address.association.associationId };
    },
  },

  DisassociateAddress: {
    resource: (params, ctx) =>
      existingResources(ctx, 'eipalloc', [requireAssociated(regionOf(ctx), params).allocationId]),
    run(params, ctx) {
      const region = regionOf(ctx);
      disassociate(ctx, region, requireAssociated(region, params));
      return { return: true };
    },
  },

  ReleaseAddress: {
    resource: (params, ctx) => existingResources(ctx, 'eipalloc', [requireAddress(regionOf(ctx), params).allocationId]),
    run(params, ctx) {
      const region = regionOf(ctx);
      const address = requireAddress(region, params);
      if (attachmentOf(region, address)) throw new AwsError('InvalidIPAddress.InUse', 'Address is in use.');
      delete addressesOf(region)[address.allocationId];
      return { return: true };
    },
  },

  DescribeAddresses: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const all = region.addresses ?? {};
      let addresses = selectByIds(all, 'eipalloc', params.list('AllocationId'));
      const publicIps = params.list('PublicIp');
      if (publicIps.length > 0) {
        const missing = publicIps.find((ip) => !addresses.some((a) => a.publicIp === ip));
        if (missing !== undefined) throw new AwsError('InvalidAddress.NotFound', `Address '${missing}' not found.`);
        addresses = addresses.filter((a) => publicIps.includes(a.publicIp));
      }
      return describe('addressesSet', addresses, params, addressFilters(region, ctx), (a) =>
        renderAddress(a, region, ctx),
      );
    },
  },
};
