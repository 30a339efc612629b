import {
  AssociateVpcCidrBlockCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  DisassociateVpcCidrBlockCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { parseSandboxState, serializeSandboxState } from '../../src/emulator/persistence';
import { createSandbox } from '../../src/emulator/sandbox';
import { sandboxRequestHandler } from '../../src/emulator/sdk-handler';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

const sandbox = useSandbox();

/** A new VPC with an Amazon-provided IPv6 block, and that block's association. */
async function ipv6Vpc(ec2: EC2Client) {
  const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
  const answer = await ec2.send(new AssociateVpcCidrBlockCommand({ VpcId, AmazonProvidedIpv6CidrBlock: true }));
  return { VpcId, association: answer.Ipv6CidrBlockAssociation! };
}

/** The first /64 of a /56 such as `2600:1f12:3456:7800::/56`. */
const firstSlash64 = (block: string) => block.replace('/56', '/64');

describe('Amazon-provided IPv6 blocks of a VPC', () => {
  it('gives a /56 from 2600:1f00::/24, associating', async () => {
    const { ec2 } = clientsFor();
    const { association } = await ipv6Vpc(ec2);
    expect(association).toMatchObject({
      AssociationId: expect.stringMatching(/^vpc-cidr-assoc-/),
      Ipv6CidrBlock: expect.stringMatching(/^2600:1f[0-9a-f]{2}:[0-9a-f:]*\/56$/),
      Ipv6CidrBlockState: { State: 'associating' },
    });
  });

  it('lists the block in DescribeVpcs, associated', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, association } = await ipv6Vpc(ec2);
    const [vpc] = (await ec2.send(new DescribeVpcsCommand({ VpcIds: [VpcId] }))).Vpcs!;
    expect(vpc!.Ipv6CidrBlockAssociationSet).toEqual([
      expect.objectContaining({
        AssociationId: association.AssociationId,
        Ipv6CidrBlock: association.Ipv6CidrBlock,
        Ipv6CidrBlockState: { State: 'associated' },
      }),
    ]);
  });

  it('finds the VPC by its IPv6 block', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, association } = await ipv6Vpc(ec2);
    const Filters = [{ Name: 'ipv6-cidr-block-association.ipv6-cidr-block', Values: [association.Ipv6CidrBlock!] }];
    const answer = await ec2.send(new DescribeVpcsCommand({ Filters }));
    expect(answer.Vpcs!.map((v) => v.VpcId)).toEqual([VpcId]);
  });

  it('removes the block with DisassociateVpcCidrBlock, disassociating', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, association } = await ipv6Vpc(ec2);
    const answer = await ec2.send(new DisassociateVpcCidrBlockCommand({ AssociationId: association.AssociationId }));
    expect(answer.Ipv6CidrBlockAssociation).toMatchObject({
      Ipv6CidrBlock: association.Ipv6CidrBlock,
      Ipv6CidrBlockState: { State: 'disassociating' },
    });
    const [vpc] = (await ec2.send(new DescribeVpcsCommand({ VpcIds: [VpcId] }))).Vpcs!;
    expect(vpc!.Ipv6CidrBlockAssociationSet).toEqual([]);
  });

  it('refuses to remove a block a subnet uses', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, association } = await ipv6Vpc(ec2);
    const Ipv6CidrBlock = firstSlash64(association.Ipv6CidrBlock!);
    await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.1.0/24', Ipv6CidrBlock }));
    const answer = ec2.send(new DisassociateVpcCidrBlockCommand({ AssociationId: association.AssociationId }));
    expect((await errorOf(answer)).name).toBe('DependencyViolation');
  });
});

describe('IPv6 blocks of a subnet', () => {
  it('gives a subnet a /64 of its VPC’s block, listed in DescribeSubnets', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, association } = await ipv6Vpc(ec2);
    const Ipv6CidrBlock = firstSlash64(association.Ipv6CidrBlock!);
    const created = await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.1.0/24', Ipv6CidrBlock }));
    const answer = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [created.Subnet!.SubnetId!] }));
    expect(answer.Subnets![0]!.Ipv6CidrBlockAssociationSet).toEqual([
      {
        AssociationId: expect.stringMatching(/^subnet-cidr-assoc-/),
        Ipv6CidrBlock,
        Ipv6CidrBlockState: { State: 'associated' },
      },
    ]);
  });

  it('refuses a /64 outside the VPC’s IPv6 blocks with InvalidSubnet.Range', async () => {
    const { ec2 } = clientsFor();
    const { VpcId } = await ipv6Vpc(ec2);
    const Ipv6CidrBlock = '2001:db8:0:1::/64';
    const answer = ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.1.0/24', Ipv6CidrBlock }));
    expect(await errorOf(answer)).toMatchObject({
      name: 'InvalidSubnet.Range',
      message: "The IPv6 CIDR '2001:db8:0:1::/64' is invalid.",
    });
  });

  // A subnet's IPv6 block is a /44 to a /64 in steps of 4 ("Subnet CIDR blocks", Amazon VPC User Guide).
  it('refuses an IPv6 block whose size is not a step of 4 from /44 to /64 with InvalidParameterValue', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, association } = await ipv6Vpc(ec2);
    const Ipv6CidrBlock = association.Ipv6CidrBlock!.replace('/56', '/62');
    const answer = ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.1.0/24', Ipv6CidrBlock }));
    expect(await errorOf(answer)).toMatchObject({
      name: 'InvalidParameterValue',
      message: `invalid value for parameter ipv6-cidr-block: ${Ipv6CidrBlock}`,
    });
  });

  it('refuses a /64 another subnet of the VPC has with InvalidSubnet.Conflict', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, association } = await ipv6Vpc(ec2);
    const Ipv6CidrBlock = firstSlash64(association.Ipv6CidrBlock!);
    await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.1.0/24', Ipv6CidrBlock }));
    const answer = ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.2.0/24', Ipv6CidrBlock }));
    expect((await errorOf(answer)).name).toBe('InvalidSubnet.Conflict');
  });
});

describe('IPv6 blocks in a sandbox file', () => {
  it('keeps a VPC’s and a subnet’s IPv6 blocks across a save and a reload', async () => {
    const { ec2 } = clientsFor();
    const { VpcId, association } = await ipv6Vpc(ec2);
    const Ipv6CidrBlock = firstSlash64(association.Ipv6CidrBlock!);
    await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.1.0/24', Ipv6CidrBlock }));
    const loaded = parseSandboxState(serializeSandboxState(sandbox().state));
    if (!('state' in loaded)) throw new Error(loaded.error);
    const reloaded = clientsFor(undefined, 'us-west-2', {
      requestHandler: sandboxRequestHandler(createSandbox({ state: loaded.state })),
    }).ec2;
    const [vpc] = (await reloaded.send(new DescribeVpcsCommand({ VpcIds: [VpcId] }))).Vpcs!;
    const subnets = (
      await reloaded.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [VpcId] }] }))
    ).Subnets!;
    expect(vpc!.Ipv6CidrBlockAssociationSet!.map((b) => b.Ipv6CidrBlock)).toEqual([association.Ipv6CidrBlock]);
    expect(subnets.flatMap((s) => s.Ipv6CidrBlockAssociationSet!.map((b) => b.Ipv6CidrBlock))).toEqual([Ipv6CidrBlock]);
  });

  it('loads a file saved before IPv6 blocks, its VPCs and subnets without any', async () => {
    const { ec2 } = clientsFor();
    const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.1.0/24' }));
    const saved = serializeSandboxState(sandbox().state);
    expect(saved).not.toContain('ipv6CidrBlocks');
    const loaded = parseSandboxState(saved);
    if (!('state' in loaded)) throw new Error(loaded.error);
    const reloaded = clientsFor(undefined, 'us-west-2', {
      requestHandler: sandboxRequestHandler(createSandbox({ state: loaded.state })),
    }).ec2;
    const [vpc] = (await reloaded.send(new DescribeVpcsCommand({ VpcIds: [VpcId] }))).Vpcs!;
    expect(vpc!.Ipv6CidrBlockAssociationSet).toEqual([]);
  });
});

describe('a VPC created with an Amazon-provided IPv6 block', () => {
  it('has the block, and its groups let traffic out to ::/0 as well as 0.0.0.0/0 in one permission', async () => {
    const { ec2 } = clientsFor();
    const { Vpc } = await ec2.send(
      new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', AmazonProvidedIpv6CidrBlock: true }),
    );
    expect(Vpc!.Ipv6CidrBlockAssociationSet![0]!.Ipv6CidrBlock).toMatch(/^2600:1f[0-9a-f]{2}:[0-9a-f:]+\/56$/);
    const { GroupId } = await ec2.send(
      new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: Vpc!.VpcId }),
    );
    const groups = (
      await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [Vpc!.VpcId!] }] }))
    ).SecurityGroups!;
    for (const group of groups)
      expect(group.IpPermissionsEgress).toEqual([
        expect.objectContaining({ IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [{ CidrIpv6: '::/0' }] }),
      ]);
    expect(groups.map((g) => g.GroupId)).toContain(GroupId);
  });

  it('keeps the dedicated tenancy it was created with', async () => {
    const { ec2 } = clientsFor();
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16', InstanceTenancy: 'dedicated' }));
    expect(Vpc!.InstanceTenancy).toBe('dedicated');
  });
});
