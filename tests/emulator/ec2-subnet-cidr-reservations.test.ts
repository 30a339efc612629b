import {
  CreateSubnetCidrReservationCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteSubnetCidrReservationCommand,
  type EC2Client,
  GetSubnetCidrReservationsCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

/** A subnet 10.0.0.0/24 with the first /64 of its VPC's Amazon-provided IPv6 block. */
async function dualStackSubnet(ec2: EC2Client) {
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', AmazonProvidedIpv6CidrBlock: true })))
    .Vpc!;
  const ipv6 = vpc.Ipv6CidrBlockAssociationSet![0]!.Ipv6CidrBlock!.replace('/56', '/64');
  const subnet = (
    await ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: '10.0.0.0/24', Ipv6CidrBlock: ipv6 }))
  ).Subnet!;
  return { SubnetId: subnet.SubnetId!, ipv6 };
}

describe('subnet CIDR reservations', () => {
  it('reserves a prefix of the subnet’s IPv4 block, with an scr- id', async () => {
    const { ec2 } = clientsFor();
    const { SubnetId } = await dualStackSubnet(ec2);
    const answer = await ec2.send(
      new CreateSubnetCidrReservationCommand({ SubnetId, ReservationType: 'prefix', Cidr: '10.0.0.16/28' }),
    );
    expect(answer.SubnetCidrReservation).toMatchObject({
      SubnetId,
      Cidr: '10.0.0.16/28',
      ReservationType: 'prefix',
      SubnetCidrReservationId: expect.stringMatching(/^scr-[0-9a-f]{17}$/),
    });
  });

  it('refuses a block outside the subnet’s', async () => {
    const { ec2 } = clientsFor();
    const { SubnetId } = await dualStackSubnet(ec2);
    const answer = ec2.send(
      new CreateSubnetCidrReservationCommand({ SubnetId, ReservationType: 'prefix', Cidr: '10.1.0.0/31' }),
    );
    expect(await errorOf(answer)).toMatchObject({
      name: 'InvalidParameterValue',
      message: 'Reservation CIDR should be within subnet CIDR block (10.0.0.0/24)',
    });
  });

  it('refuses a block that overlaps another reservation', async () => {
    const { ec2 } = clientsFor();
    const { SubnetId } = await dualStackSubnet(ec2);
    await ec2.send(
      new CreateSubnetCidrReservationCommand({ SubnetId, ReservationType: 'prefix', Cidr: '10.0.0.0/30' }),
    );
    const answer = ec2.send(
      new CreateSubnetCidrReservationCommand({ SubnetId, ReservationType: 'explicit', Cidr: '10.0.0.2/31' }),
    );
    expect(await errorOf(answer)).toMatchObject({
      name: 'InvalidParameterValue',
      message: 'Reservation CIDR 10.0.0.2/31 has overlap with existing reserved CIDR block',
    });
  });

  it('lists IPv4 and IPv6 reservations apart, and by reservation type', async () => {
    const { ec2 } = clientsFor();
    const { SubnetId, ipv6 } = await dualStackSubnet(ec2);
    const explicitV6 = ipv6.replace('::/64', '::2/128');
    await ec2.send(
      new CreateSubnetCidrReservationCommand({ SubnetId, ReservationType: 'prefix', Cidr: '10.0.0.0/28' }),
    );
    await ec2.send(new CreateSubnetCidrReservationCommand({ SubnetId, ReservationType: 'explicit', Cidr: explicitV6 }));
    const all = await ec2.send(new GetSubnetCidrReservationsCommand({ SubnetId }));
    expect(all.SubnetIpv4CidrReservations!.map((r) => r.Cidr)).toEqual(['10.0.0.0/28']);
    expect(all.SubnetIpv6CidrReservations!.map((r) => r.Cidr)).toEqual([explicitV6]);
    const filter = { Name: 'reservationType', Values: ['explicit'] };
    const explicit = await ec2.send(new GetSubnetCidrReservationsCommand({ SubnetId, Filters: [filter] }));
    expect([explicit.SubnetIpv4CidrReservations!.length, explicit.SubnetIpv6CidrReservations!.length]).toEqual([0, 1]);
  });

  it('deletes a reservation, and refuses an id that names none', async () => {
    const { ec2 } = clientsFor();
    const { SubnetId } = await dualStackSubnet(ec2);
    const made = await ec2.send(
      new CreateSubnetCidrReservationCommand({ SubnetId, ReservationType: 'prefix', Cidr: '10.0.0.0/28' }),
    );
    const SubnetCidrReservationId = made.SubnetCidrReservation!.SubnetCidrReservationId!;
    await ec2.send(new DeleteSubnetCidrReservationCommand({ SubnetCidrReservationId }));
    expect((await ec2.send(new GetSubnetCidrReservationsCommand({ SubnetId }))).SubnetIpv4CidrReservations).toEqual([]);
    expect(await errorOf(ec2.send(new DeleteSubnetCidrReservationCommand({ SubnetCidrReservationId })))).toMatchObject({
      name: 'InvalidSubnetCidrReservationID.NotFound',
      message: `The subnet-cidr-reservation ID '${SubnetCidrReservationId}' does not exist`,
    });
  });
});
