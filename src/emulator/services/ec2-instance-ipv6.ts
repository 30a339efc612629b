/**
 * IPv6 addresses on an instance's primary network interface: RunInstances' `Ipv6AddressCount` and `Ipv6Address.N`
 * (or the first interface's), or one address when the subnet assigns them on creation, from the subnet's IPv6 block.
 */
import ipaddr from 'ipaddr.js';
import { AwsError } from '../aws-error';
import type { QueryParams } from '../protocols/query';
import type { RegionState, Subnet } from '../state';
import { ipv6BlockWithin } from './ec2-vpc-cidr-blocks';

/** What a launch asks for: the addresses named, or how many each instance gets. */
export type Ipv6Request = { addresses: string[] } | { count: number };

/**
 * The IPv6 addresses or count a RunInstances request names, checked; none unless the subnet assigns one on creation.
 * Named addresses fit one instance only, as a private address does.
 */
export function readIpv6Request(
  params: QueryParams,
  networkInterface: QueryParams | undefined,
  subnet: Subnet,
  region: RegionState,
  instanceCount: number,
): Ipv6Request {
  const named = [
    ...params.structs('Ipv6Address').map((a) => a.require('Ipv6Address')),
    ...(networkInterface?.structs('Ipv6Addresses').map((a) => a.require('Ipv6Address')) ?? []),
  ];
  const counted = params.has('Ipv6AddressCount') || networkInterface?.has('Ipv6AddressCount');
  if (named.length > 0 && counted)
    throw new AwsError(
      'InvalidParameterCombination',
      'IPv6 addresses and IPv6 address count may not be specified on the same request',
    );
  const count = params.has('Ipv6AddressCount')
    ? params.int('Ipv6AddressCount', 0, 0)
    : (networkInterface?.int('Ipv6AddressCount', 0, 0) ?? 0);
  const request: Ipv6Request =
    named.length > 0 ? { addresses: named } : { count: counted ? count : subnet.assignIpv6AddressOnCreation ? 1 : 0 };
  const wanted = 'addresses' in request ? request.addresses.length : request.count;
  if (wanted > 0 && !subnet.ipv6CidrBlocks?.length)
    throw new AwsError(
      'InvalidParameterValue',
      `Subnet '${subnet.subnetId}' has no IPv6 CIDR block, so its instances cannot have IPv6 addresses.`,
    );
  if (!('addresses' in request)) return request;
  if (instanceCount > 1)
    throw new AwsError(
      'InvalidParameterCombination',
      'You cannot specify IPv6 addresses when launching more than one instance.',
    );
  return { addresses: namedAddresses(request.addresses, subnet, region) };
}

/** The IPv6 addresses the instances in a subnet hold. */
function ipv6AddressesIn(region: RegionState, subnetId: string): Set<string> {
  return new Set(
    Object.values(region.instances)
      .filter((i) => i.subnetId === subnetId && i.state !== 'terminated')
      .flatMap((i) => i.ipv6Addresses ?? []),
  );
}

/** Checks the addresses a launch names: each inside the subnet's IPv6 block and free; in canonical form. */
function namedAddresses(addresses: string[], subnet: Subnet, region: RegionState): string[] {
  const taken = ipv6AddressesIn(region, subnet.subnetId);
  return addresses.map((text) => {
    if (!ipaddr.IPv6.isValid(text))
      throw new AwsError('InvalidParameterValue', `Invalid value '${text}' for Ipv6Address.`);
    const address = ipaddr.IPv6.parse(text).toString();
    if (!subnet.ipv6CidrBlocks!.some((b) => ipv6BlockWithin(`${address}/128`, b.ipv6CidrBlock)))
      throw new AwsError('InvalidParameterValue', `Address ${text} does not fall within the subnet's address range`);
    if (taken.has(address)) throw new AwsError('InvalidIPAddress.InUse', `Address ${text} is in use.`);
    return address;
  });
}

/** The lowest `count` free addresses of the subnet's IPv6 block after the four AWS reserves at its start. */
function nextAddresses(count: number, subnet: Subnet, region: RegionState): string[] {
  if (count === 0) return [];
  const taken = ipv6AddressesIn(region, subnet.subnetId);
  const network = ipaddr.IPv6.parseCIDR(subnet.ipv6CidrBlocks![0]!.ipv6CidrBlock)[0].toByteArray();
  const base = network.reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
  const found: string[] = [];
  for (let offset = 4n; found.length < count; offset++) {
    const value = base + offset;
    const bytes = Array.from({ length: 16 }, (_, i) => Number((value >> BigInt(8 * (15 - i))) & 0xffn));
    const address = ipaddr.fromByteArray(bytes).toString();
    if (!taken.has(address)) found.push(address);
  }
  return found;
}

/** The addresses one new instance gets: those named, or the next free ones. */
export function ipv6AddressesFor(request: Ipv6Request, subnet: Subnet, region: RegionState): string[] {
  return 'count' in request ? nextAddresses(request.count, subnet, region) : request.addresses;
}
