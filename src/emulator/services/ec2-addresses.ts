/**
 * The addresses instances get: a private one from their subnet, a public one from the documentation ranges; and
 * Elastic IPs, of which the sandbox has none.
 */
import { formatAddress, parseCidr, sizeOf, type CidrBlock } from '../../cidr/cidr';
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import type { QueryOperation } from '../protocols/query';
import type { Instance, RegionState, Subnet } from '../state';

/** The instances holding an address in the subnet: all but the terminated ones. */
export function instancesInSubnet(region: RegionState, subnetId: string): Instance[] {
  return Object.values(region.instances).filter((i) => i.subnetId === subnetId && i.state !== 'terminated');
}

/** How many addresses a subnet has left: AWS keeps five of every block, and each live instance holds one. */
export function availableAddresses(subnet: Subnet, region: RegionState): number {
  const block = parseCidr(subnet.cidrBlock) as CidrBlock;
  return sizeOf(block) - 5 - instancesInSubnet(region, subnet.subnetId).length;
}

/** The lowest free address of the subnet after the four AWS reserves at its start. */
export function nextPrivateAddress(subnet: Subnet, region: RegionState): string {
  const block = parseCidr(subnet.cidrBlock) as CidrBlock;
  const taken = new Set(instancesInSubnet(region, subnet.subnetId).map((i) => i.privateIpAddress));
  for (let offset = 4; offset < sizeOf(block) - 1; offset++) {
    const candidate = formatAddress(block.network + offset);
    if (!taken.has(candidate)) return candidate;
  }
  throw new AwsError(
    'InsufficientFreeAddressesInSubnet',
    `There are not enough free addresses in subnet '${subnet.subnetId}' to satisfy the requested number of instances.`,
  );
}

/** A public address from the documentation ranges (RFC 5737), so sandbox addresses never name a real host. */
export function newPublicAddress(state: ServiceContext): string {
  const used = new Set(
    Object.values(state.account.regions).flatMap((r) => Object.values(r.instances).map((i) => i.publicIpAddress)),
  );
  for (const base of ['203.0.113', '198.51.100']) {
    for (let host = 10; host < 255; host++) {
      const candidate = `${base}.${host}`;
      if (!used.has(candidate)) return candidate;
    }
  }
  throw new AwsError('AddressLimitExceeded', 'The sandbox has run out of public addresses; terminate some instances.');
}

/** Elastic IP operations. */
export const addressOperations: Record<string, QueryOperation> = {
  DescribeAddresses: {
    run() {
      // The course never allocates Elastic IPs; the sandbox has none, as a clean account has none.
      return { addressesSet: [] };
    },
  },
};
