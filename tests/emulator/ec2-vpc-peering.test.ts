import {
  AcceptVpcPeeringConnectionCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateVpcCommand,
  CreateVpcPeeringConnectionCommand,
  DeleteVpcPeeringConnectionCommand,
  DescribeRouteTablesCommand,
  DescribeVpcPeeringConnectionsCommand,
  type EC2Client,
  RejectVpcPeeringConnectionCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it, vi } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

let now = new Date('2025-06-01T10:00:00Z');
useSandbox(() => ({ now: () => now }));

async function vpc(ec2: EC2Client, cidr: string): Promise<string> {
  return (await ec2.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc!.VpcId!;
}

/** Two VPCs with disjoint blocks and a peering request between them. */
async function peered(ec2: EC2Client) {
  const vpcId = await vpc(ec2, '10.0.0.0/16');
  const peerVpcId = await vpc(ec2, '10.1.0.0/16');
  const created = await ec2.send(new CreateVpcPeeringConnectionCommand({ VpcId: vpcId, PeerVpcId: peerVpcId }));
  return { vpcId, peerVpcId, pcxId: created.VpcPeeringConnection!.VpcPeeringConnectionId! };
}

async function describePcx(ec2: EC2Client, pcxId: string) {
  const answer = await ec2.send(new DescribeVpcPeeringConnectionsCommand({ VpcPeeringConnectionIds: [pcxId] }));
  return answer.VpcPeeringConnections![0]!;
}

describe('VPC peering connections', () => {
  it('makes a request that waits in pending-acceptance between the two VPCs', async () => {
    const { ec2 } = clientsFor();
    const { vpcId, peerVpcId, pcxId } = await peered(ec2);
    const pcx = await describePcx(ec2, pcxId);
    expect(pcxId).toMatch(/^pcx-[0-9a-f]{17}$/);
    expect(pcx.Status?.Code).toBe('pending-acceptance');
    expect(pcx.RequesterVpcInfo).toMatchObject({ VpcId: vpcId, CidrBlock: '10.0.0.0/16' });
    expect(pcx.AccepterVpcInfo).toMatchObject({ VpcId: peerVpcId, CidrBlock: '10.1.0.0/16' });
  });

  it('marks a request between VPCs with overlapping blocks failed', async () => {
    const { ec2 } = clientsFor();
    const vpcId = await vpc(ec2, '10.0.0.0/16');
    const peerVpcId = await vpc(ec2, '10.0.128.0/17');
    const created = await ec2.send(new CreateVpcPeeringConnectionCommand({ VpcId: vpcId, PeerVpcId: peerVpcId }));
    const pcx = await describePcx(ec2, created.VpcPeeringConnection!.VpcPeeringConnectionId!);
    expect(pcx.Status?.Code).toBe('failed');
  });

  it('makes an accepted connection active', async () => {
    const { ec2 } = clientsFor();
    const { pcxId } = await peered(ec2);
    const accepted = await ec2.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcxId }));
    expect(accepted.VpcPeeringConnection?.Status?.Code).toBe('active');
    expect((await describePcx(ec2, pcxId)).Status?.Code).toBe('active');
  });

  it('refuses to accept a rejected connection with InvalidStateTransition', async () => {
    const { ec2 } = clientsFor();
    const { pcxId } = await peered(ec2);
    await ec2.send(new RejectVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcxId }));
    const error = await errorOf(ec2.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcxId })));
    expect(error.name).toBe('InvalidStateTransition');
  });

  it('shows a deleted connection as deleted for two hours, then no more', async () => {
    const { ec2 } = clientsFor();
    const { pcxId } = await peered(ec2);
    await ec2.send(new DeleteVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcxId }));
    expect((await describePcx(ec2, pcxId)).Status?.Code).toBe('deleted');
    now = new Date(now.getTime() + 3 * 60 * 60 * 1000);
    vi.setSystemTime(now);
    const error = await errorOf(describePcx(ec2, pcxId));
    expect(error.name).toBe('InvalidVpcPeeringConnectionID.NotFound');
  });

  it('answers an unknown connection id with InvalidVpcPeeringConnectionID.NotFound', async () => {
    const { ec2 } = clientsFor();
    const pcxId = 'pcx-0123456789abcdef0';
    const error = await errorOf(ec2.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcxId })));
    expect(error).toMatchObject({
      name: 'InvalidVpcPeeringConnectionID.NotFound',
      message: `The vpcPeeringConnection ID '${pcxId}' does not exist`,
    });
  });

  it('filters connections by status code', async () => {
    const { ec2 } = clientsFor();
    const { pcxId } = await peered(ec2);
    const answer = await ec2.send(
      new DescribeVpcPeeringConnectionsCommand({ Filters: [{ Name: 'status-code', Values: ['pending-acceptance'] }] }),
    );
    expect(answer.VpcPeeringConnections!.map((p) => p.VpcPeeringConnectionId)).toEqual([pcxId]);
  });
});

describe('routes to a VPC peering connection', () => {
  async function routeToPeer(ec2: EC2Client) {
    const { vpcId, pcxId } = await peered(ec2);
    const tableId = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
    await ec2.send(
      new CreateRouteCommand({
        RouteTableId: tableId,
        DestinationCidrBlock: '10.1.0.0/16',
        VpcPeeringConnectionId: pcxId,
      }),
    );
    return { tableId, pcxId };
  }

  async function peerRoute(ec2: EC2Client, tableId: string) {
    const table = (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [tableId] }))).RouteTables![0]!;
    return table.Routes!.find((r) => r.DestinationCidrBlock === '10.1.0.0/16')!;
  }

  it('is a blackhole while the connection waits for acceptance', async () => {
    const { ec2 } = clientsFor();
    const { tableId, pcxId } = await routeToPeer(ec2);
    expect(await peerRoute(ec2, tableId)).toMatchObject({ VpcPeeringConnectionId: pcxId, State: 'blackhole' });
  });

  it('is active once the connection is accepted', async () => {
    const { ec2 } = clientsFor();
    const { tableId, pcxId } = await routeToPeer(ec2);
    await ec2.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcxId }));
    expect((await peerRoute(ec2, tableId)).State).toBe('active');
  });

  it('finds the route table by route.vpc-peering-connection-id', async () => {
    const { ec2 } = clientsFor();
    const { tableId, pcxId } = await routeToPeer(ec2);
    const answer = await ec2.send(
      new DescribeRouteTablesCommand({ Filters: [{ Name: 'route.vpc-peering-connection-id', Values: [pcxId] }] }),
    );
    expect(answer.RouteTables!.map((t) => t.RouteTableId)).toEqual([tableId]);
  });

  it('refuses a route to a connection that does not join the route table VPC', async () => {
    const { ec2 } = clientsFor();
    const { pcxId } = await peered(ec2);
    const otherVpcId = await vpc(ec2, '10.2.0.0/16');
    const tableId = (await ec2.send(new CreateRouteTableCommand({ VpcId: otherVpcId }))).RouteTable!.RouteTableId!;
    const error = await errorOf(
      ec2.send(
        new CreateRouteCommand({
          RouteTableId: tableId,
          DestinationCidrBlock: '10.1.0.0/16',
          VpcPeeringConnectionId: pcxId,
        }),
      ),
    );
    expect(error.name).toBe('InvalidParameterValue');
  });
});
