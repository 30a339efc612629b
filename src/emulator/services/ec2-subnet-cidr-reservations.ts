/**
 * Subnet CIDR reservations: ranges of a subnet's addresses kept back from EC2's automatic assignment, `prefix` for
 * prefixes given to network interfaces and `explicit` for addresses assigned by hand ("Subnet CIDR reservations",
 * Amazon VPC User Guide).
 */
import ipaddr from 'ipaddr.js';
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { ec2Id } from '../ids';
import type { QueryOperation, QueryParams } from '../protocols/query';
import type { Subnet, SubnetCidrReservation } from '../state';
import type { XmlValue } from '../xml';
import { existingResources, resourcesNamedBy } from './ec2-arns';
import { regionOf } from './ec2-default-vpc';
import { applyFilters, type FilterValues } from './ec2-filters';
import { lookup } from './ec2-ids';
import { renderTags, tagsFor } from './ec2-tags';

function render(reservation: SubnetCidrReservation, subnet: Subnet, ownerId: string): XmlValue {
  return {
    subnetCidrReservationId: reservation.subnetCidrReservationId,
    subnetId: subnet.subnetId,
    cidr: reservation.cidr,
    reservationType: reservation.reservationType,
    ownerId,
    description: reservation.description,
    tagSet: renderTags(reservation.tags),
  };
}

/** A block of either family in its canonical form (`10.0.0.2/30` → `10.0.0.0/30`), or undefined if it is not one. */
function canonicalBlock(text: string): string | undefined {
  if (!ipaddr.isValidCIDR(text)) return undefined;
  const [, prefix] = ipaddr.parseCIDR(text);
  const network = text.includes(':')
    ? ipaddr.IPv6.networkAddressFromCIDR(text)
    : ipaddr.IPv4.networkAddressFromCIDR(text);
  return `${network.toString()}/${prefix}`;
}

/** Whether one block lies inside another, both canonical and of the same family. */
function within(inner: string, outer: string): boolean {
  const [address, prefix] = ipaddr.parseCIDR(inner);
  const range = ipaddr.parseCIDR(outer);
  return address.kind() === range[0].kind() && prefix >= range[1] && address.match(range);
}

/** The reservation's block, inside the subnet's blocks of its family and clear of its other reservations. */
function readReservedBlock(params: QueryParams, subnet: Subnet): string {
  const text = params.require('Cidr');
  const cidr = canonicalBlock(text);
  if (cidr === undefined)
    throw new AwsError(
      'InvalidParameterValue',
      `Value (${text}) for parameter cidr is invalid. ${text} is not a valid CIDR.`,
    );
  const homes = cidr.includes(':')
    ? (subnet.ipv6CidrBlocks ?? []).map((b) => b.ipv6CidrBlock)
    : [subnet.cidrBlock ?? []].flat();
  if (!homes.some((home) => within(cidr, home)))
    throw new AwsError(
      'InvalidParameterValue',
      `Reservation CIDR should be within subnet CIDR block (${homes.join(', ')})`,
    );
  if ((subnet.cidrReservations ?? []).some((r) => within(cidr, r.cidr) || within(r.cidr, cidr)))
    throw new AwsError(
      'InvalidParameterValue',
      `Reservation CIDR ${text} has overlap with existing reserved CIDR block`,
    );
  return cidr;
}

/** The subnet holding a reservation, and the reservation, by the reservation's id. */
function requireReservation(ctx: ServiceContext, id: string): { subnet: Subnet; reservation: SubnetCidrReservation } {
  for (const subnet of Object.values(regionOf(ctx).subnets)) {
    const reservation = subnet.cidrReservations?.find((r) => r.subnetCidrReservationId === id);
    if (reservation) return { subnet, reservation };
  }
  throw new AwsError(
    'InvalidSubnetCidrReservationID.NotFound',
    `The subnet-cidr-reservation ID '${id}' does not exist`,
  );
}

const reservationFilters: FilterValues<SubnetCidrReservation> = {
  reservationType: (r) => [r.reservationType],
};

/** CreateSubnetCidrReservation, GetSubnetCidrReservations and DeleteSubnetCidrReservation. */
export const subnetCidrReservationOperations: Record<string, QueryOperation> = {
  CreateSubnetCidrReservation: {
    resource: resourcesNamedBy({ subnet: 'SubnetId' }),
    run(params, ctx) {
      const subnet = lookup(regionOf(ctx).subnets, 'subnet', params.require('SubnetId'));
      const reservationType = params.require('ReservationType');
      if (reservationType !== 'prefix' && reservationType !== 'explicit')
        throw new AwsError(
          'InvalidParameterValue',
          `Value (${reservationType}) for parameter reservationType is invalid. Must be prefix or explicit.`,
        );
      const reservation: SubnetCidrReservation = {
        subnetCidrReservationId: ec2Id('scr'),
        cidr: readReservedBlock(params, subnet),
        reservationType,
        description: params.get('Description'),
        tags: tagsFor(params, 'subnet-cidr-reservation'),
      };
      subnet.cidrReservations = [...(subnet.cidrReservations ?? []), reservation];
      return { subnetCidrReservation: render(reservation, subnet, ctx.account.accountId) };
    },
  },

  GetSubnetCidrReservations: {
    run(params, ctx) {
      const subnet = lookup(regionOf(ctx).subnets, 'subnet', params.require('SubnetId'));
      const reservations = applyFilters(subnet.cidrReservations ?? [], params, reservationFilters);
      const ofFamily = (ipv6: boolean) =>
        reservations.filter((r) => r.cidr.includes(':') === ipv6).map((r) => render(r, subnet, ctx.account.accountId));
      return { subnetIpv4CidrReservationSet: ofFamily(false), subnetIpv6CidrReservationSet: ofFamily(true) };
    },
  },

  DeleteSubnetCidrReservation: {
    resource: (params, ctx) =>
      existingResources(ctx, 'subnet', [
        requireReservation(ctx, params.require('SubnetCidrReservationId')).subnet.subnetId,
      ]),
    run(params, ctx) {
      const { subnet, reservation } = requireReservation(ctx, params.require('SubnetCidrReservationId'));
      subnet.cidrReservations = (subnet.cidrReservations ?? []).filter((r) => r !== reservation);
      return { deletedSubnetCidrReservation: render(reservation, subnet, ctx.account.accountId) };
    },
  },
};
