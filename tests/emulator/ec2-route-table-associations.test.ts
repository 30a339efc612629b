import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
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

describe('route table associations, more', () => {
  it('answers the same association when it is replaced by the table it already has', async () => {
    const { ec2 } = clientsFor();
    const { SubnetId, RouteTableId } = await network(ec2);
    const AssociationId = (await ec2.send(new AssociateRouteTableCommand({ RouteTableId, SubnetId }))).AssociationId!;
    const replaced = await ec2.send(new ReplaceRouteTableAssociationCommand({ AssociationId, RouteTableId }));
    expect(replaced.NewAssociationId).toBe(AssociationId);
  });

  it('finds the tables with associations by association.route-table-id', async () => {
    const { ec2 } = clientsFor();
    const { SubnetId, RouteTableId } = await network(ec2);
    const filter = { Name: 'association.route-table-id', Values: [RouteTableId] };
    const found = async () =>
      (await ec2.send(new DescribeRouteTablesCommand({ Filters: [filter] }))).RouteTables!.map((t) => t.RouteTableId);
    expect(await found()).toEqual([]);
    await ec2.send(new AssociateRouteTableCommand({ RouteTableId, SubnetId }));
    expect(await found()).toEqual([RouteTableId]);
  });

  it('associates a table with its VPC’s internet gateway, an edge association found by association.gateway-id', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, RouteTableId } = await network(ec2);
    const GatewayId = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: GatewayId, VpcId }));
    const AssociationId = (await ec2.send(new AssociateRouteTableCommand({ RouteTableId, GatewayId }))).AssociationId!;
    const filter = { Name: 'association.gateway-id', Values: [GatewayId] };
    const [table] = (await ec2.send(new DescribeRouteTablesCommand({ Filters: [filter] }))).RouteTables!;
    expect(table!.Associations).toEqual([
      expect.objectContaining({ RouteTableAssociationId: AssociationId, GatewayId, Main: false }),
    ]);
    expect(table!.Associations![0]!.SubnetId).toBeUndefined();
  });

  it('refuses an edge association with a gateway not attached to the table’s VPC', async () => {
    const { ec2 } = clientsFor();
    const { RouteTableId } = await network(ec2);
    const GatewayId = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
    expect(await errorOf(ec2.send(new AssociateRouteTableCommand({ RouteTableId, GatewayId })))).toMatchObject({
      name: 'InvalidParameterValue',
      message: `route table ${RouteTableId} and network gateway ${GatewayId} belong to different networks`,
    });
  });
});
