import {
  AssociateRouteTableCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeRouteTablesCommand,
  DisassociateRouteTableCommand,
  ReplaceRouteTableAssociationCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

/** A VPC with a subnet and a route table of its own, besides its main one. */
async function network(ec2: EC2Client) {
  const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc!.VpcId!;
  const SubnetId = (await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.1.1.0/24' }))).Subnet!.SubnetId!;
  const RouteTableId = (await ec2.send(new CreateRouteTableCommand({ VpcId }))).RouteTable!.RouteTableId!;
  const tables = await ec2.send(
    new DescribeRouteTablesCommand({
      Filters: [
        { Name: 'vpc-id', Values: [VpcId] },
        { Name: 'association.main', Values: ['true'] },
      ],
    }),
  );
  const main = tables.RouteTables![0]!;
  return { VpcId, SubnetId, RouteTableId, main };
}

async function tableOfSubnet(ec2: EC2Client, subnetId: string) {
  const answer = await ec2.send(
    new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }] }),
  );
  return answer.RouteTables!.map((t) => t.RouteTableId);
}

describe('route table associations', () => {
  it('answers the existing association when a subnet is associated again with the same table', async () => {
    const { ec2 } = clientsFor();
    const { SubnetId, RouteTableId } = await network(ec2);
    const first = await ec2.send(new AssociateRouteTableCommand({ RouteTableId, SubnetId }));
    const again = await ec2.send(new AssociateRouteTableCommand({ RouteTableId, SubnetId }));
    expect(again.AssociationId).toBe(first.AssociationId);
  });

  it('refuses to associate a subnet another table already has with Resource.AlreadyAssociated', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, SubnetId, RouteTableId } = await network(ec2);
    await ec2.send(new AssociateRouteTableCommand({ RouteTableId, SubnetId }));
    const other = (await ec2.send(new CreateRouteTableCommand({ VpcId }))).RouteTable!.RouteTableId;
    const error = await errorOf(ec2.send(new AssociateRouteTableCommand({ RouteTableId: other, SubnetId })));
    expect(error.name).toBe('Resource.AlreadyAssociated');
  });

  it('moves a subnet to another table with ReplaceRouteTableAssociation, under a new association id', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, SubnetId, RouteTableId } = await network(ec2);
    const { AssociationId } = await ec2.send(new AssociateRouteTableCommand({ RouteTableId, SubnetId }));
    const other = (await ec2.send(new CreateRouteTableCommand({ VpcId }))).RouteTable!.RouteTableId;
    const answer = await ec2.send(new ReplaceRouteTableAssociationCommand({ AssociationId, RouteTableId: other }));
    expect(answer.NewAssociationId).toMatch(/^rtbassoc-/);
    expect(answer.NewAssociationId).not.toBe(AssociationId);
    expect(await tableOfSubnet(ec2, SubnetId)).toEqual([other]);
  });

  it('makes another table the VPC’s main one by replacing the main association', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, RouteTableId, main } = await network(ec2);
    const mainAssociation = main.Associations!.find((a) => a.Main)!;
    await ec2.send(
      new ReplaceRouteTableAssociationCommand({ AssociationId: mainAssociation.RouteTableAssociationId, RouteTableId }),
    );
    const answer = await ec2.send(
      new DescribeRouteTablesCommand({
        Filters: [
          { Name: 'vpc-id', Values: [VpcId] },
          { Name: 'association.main', Values: ['true'] },
        ],
      }),
    );
    expect(answer.RouteTables!.map((t) => t.RouteTableId)).toEqual([RouteTableId]);
  });

  it('refuses to move an association to a table of another VPC', async () => {
    const { ec2 } = clientsFor();
    const { SubnetId, RouteTableId } = await network(ec2);
    const { AssociationId } = await ec2.send(new AssociateRouteTableCommand({ RouteTableId, SubnetId }));
    const elsewhere = await network(ec2);
    const error = await errorOf(
      ec2.send(new ReplaceRouteTableAssociationCommand({ AssociationId, RouteTableId: elsewhere.RouteTableId })),
    );
    expect(error.name).toBe('InvalidParameterValue');
  });

  it('answers InvalidAssociationID.NotFound for replacing an association that does not exist', async () => {
    const { ec2 } = clientsFor();
    const { RouteTableId } = await network(ec2);
    const error = await errorOf(
      ec2.send(new ReplaceRouteTableAssociationCommand({ AssociationId: 'rtbassoc-0123456789abcdef0', RouteTableId })),
    );
    expect(error.name).toBe('InvalidAssociationID.NotFound');
  });

  it('refuses to disassociate the main route table', async () => {
    const { ec2 } = clientsFor();
    const { main } = await network(ec2);
    const AssociationId = main.Associations!.find((a) => a.Main)!.RouteTableAssociationId;
    const error = await errorOf(ec2.send(new DisassociateRouteTableCommand({ AssociationId })));
    expect(error).toMatchObject({
      name: 'InvalidParameterValue',
      message: `cannot disassociate the main route table association ${AssociationId}`,
    });
  });
});
