import {
  AssociateVpcCidrBlockCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeRouteTablesCommand,
  DescribeVpcsCommand,
  DisassociateVpcCidrBlockCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

async function vpc(ec2: EC2Client, cidr = '10.1.0.0/16') {
  return (await ec2.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc!.VpcId!;
}

const associate = (ec2: EC2Client, VpcId: string, CidrBlock: string) =>
  ec2.send(new AssociateVpcCidrBlockCommand({ VpcId, CidrBlock }));

async function blocksOf(ec2: EC2Client, VpcId: string) {
  const [described] = (await ec2.send(new DescribeVpcsCommand({ VpcIds: [VpcId] }))).Vpcs!;
  return described!.CidrBlockAssociationSet!;
}

describe('extra VPC CIDR blocks', () => {
  it('adds a block, which DescribeVpcs lists after the primary one', async () => {
    const { ec2 } = clientsFor();
    const VpcId = await vpc(ec2);
    const answer = await associate(ec2, VpcId, '10.2.0.0/16');
    expect(answer.CidrBlockAssociation).toMatchObject({
      CidrBlock: '10.2.0.0/16',
      CidrBlockState: { State: 'associating' },
      AssociationId: expect.stringMatching(/^vpc-cidr-assoc-/),
    });
    expect((await blocksOf(ec2, VpcId)).map((b) => [b.CidrBlock, b.CidrBlockState!.State])).toEqual([
      ['10.1.0.0/16', 'associated'],
      ['10.2.0.0/16', 'associated'],
    ]);
  });

  it('finds a VPC by any of its blocks', async () => {
    const { ec2 } = clientsFor();
    const VpcId = await vpc(ec2);
    await associate(ec2, VpcId, '10.2.0.0/16');
    const answer = await ec2.send(
      new DescribeVpcsCommand({ Filters: [{ Name: 'cidr-block-association.cidr-block', Values: ['10.2.0.0/16'] }] }),
    );
    expect(answer.Vpcs!.map((v) => v.VpcId)).toEqual([VpcId]);
  });

  it('accepts a subnet in the added block', async () => {
    const { ec2 } = clientsFor();
    const VpcId = await vpc(ec2);
    await associate(ec2, VpcId, '10.2.0.0/16');
    const subnet = await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.2.1.0/24' }));
    expect(subnet.Subnet!.CidrBlock).toBe('10.2.1.0/24');
  });

  it('routes the added block locally in the VPC’s route tables, new ones included', async () => {
    const { ec2 } = clientsFor();
    const VpcId = await vpc(ec2);
    await associate(ec2, VpcId, '10.2.0.0/16');
    await ec2.send(new CreateRouteTableCommand({ VpcId }));
    const tables = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [VpcId] }] }));
    for (const table of tables.RouteTables!)
      expect(table.Routes!.map((r) => [r.DestinationCidrBlock, r.GatewayId])).toEqual([
        ['10.1.0.0/16', 'local'],
        ['10.2.0.0/16', 'local'],
      ]);
  });

  it('refuses a block from another RFC 1918 range than the primary one’s', async () => {
    const { ec2 } = clientsFor();
    const VpcId = await vpc(ec2);
    const error = await errorOf(associate(ec2, VpcId, '192.168.0.0/16'));
    expect(error.name).toBe('InvalidVpc.Range');
    expect(error.message).toMatch(/^The CIDR '192\.168\.0\.0\/16' is restricted\. Use a CIDR from the same private/);
  });

  it('accepts a publicly routable block beside a private primary one', async () => {
    const { ec2 } = clientsFor();
    const VpcId = await vpc(ec2);
    await associate(ec2, VpcId, '100.64.0.0/16');
    expect(await blocksOf(ec2, VpcId)).toHaveLength(2);
  });

  it('refuses a block that overlaps one the VPC has', async () => {
    const { ec2 } = clientsFor();
    const VpcId = await vpc(ec2);
    expect((await errorOf(associate(ec2, VpcId, '10.1.128.0/17'))).name).toBe('InvalidVpc.Range');
  });

  it('refuses a sixth block with CidrLimitExceeded', async () => {
    const { ec2 } = clientsFor();
    const VpcId = await vpc(ec2);
    for (const n of [2, 3, 4, 5]) await associate(ec2, VpcId, `10.${n}.0.0/16`);
    expect(await errorOf(associate(ec2, VpcId, '10.6.0.0/16'))).toMatchObject({
      name: 'CidrLimitExceeded',
      message: `This network ${VpcId} has met its maximum number of allowed CIDRs: 5`,
    });
  });

  it('removes an added block, with its local routes', async () => {
    const { ec2 } = clientsFor();
    const VpcId = await vpc(ec2);
    const { CidrBlockAssociation } = await associate(ec2, VpcId, '10.2.0.0/16');
    const answer = await ec2.send(
      new DisassociateVpcCidrBlockCommand({ AssociationId: CidrBlockAssociation!.AssociationId }),
    );
    expect(answer.CidrBlockAssociation!.CidrBlockState!.State).toBe('disassociating');
    expect((await blocksOf(ec2, VpcId)).map((b) => b.CidrBlock)).toEqual(['10.1.0.0/16']);
    const tables = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [VpcId] }] }));
    expect(tables.RouteTables![0]!.Routes!.map((r) => r.DestinationCidrBlock)).toEqual(['10.1.0.0/16']);
  });

  it('refuses to remove the primary block with OperationNotPermitted', async () => {
    const { ec2 } = clientsFor();
    const VpcId = await vpc(ec2);
    const [primary] = await blocksOf(ec2, VpcId);
    const error = await errorOf(
      ec2.send(new DisassociateVpcCidrBlockCommand({ AssociationId: primary!.AssociationId })),
    );
    expect(error.name).toBe('OperationNotPermitted');
  });

  it('refuses to remove a block a subnet uses', async () => {
    const { ec2 } = clientsFor();
    const VpcId = await vpc(ec2);
    const { CidrBlockAssociation } = await associate(ec2, VpcId, '10.2.0.0/16');
    await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.2.1.0/24' }));
    const error = await errorOf(
      ec2.send(new DisassociateVpcCidrBlockCommand({ AssociationId: CidrBlockAssociation!.AssociationId })),
    );
    expect(error.name).toBe('DependencyViolation');
  });

  it('answers InvalidVpcCidrBlockAssociationID.NotFound for an association that does not exist', async () => {
    const { ec2 } = clientsFor();
    const error = await errorOf(
      ec2.send(new DisassociateVpcCidrBlockCommand({ AssociationId: 'vpc-cidr-assoc-0123456789abcdef0' })),
    );
    expect(error.name).toBe('InvalidVpcCidrBlockAssociationID.NotFound');
  });
});
