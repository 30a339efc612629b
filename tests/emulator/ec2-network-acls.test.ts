import {
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DeleteNetworkAclCommand,
  DeleteNetworkAclEntryCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeNetworkAclsCommand,
  ReplaceNetworkAclAssociationCommand,
  ReplaceNetworkAclEntryCommand,
  type EC2Client,
  type RuleAction,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { parseSandboxState } from '../../src/emulator/persistence';
import { createSandbox } from '../../src/emulator/sandbox';
import { sandboxRequestHandler } from '../../src/emulator/sdk-handler';
import { defaultAccountId } from '../../src/emulator/state';
import { errorOf } from './error-of';
import { userWithPolicy } from './policy-user';
import { clientsFor, useSandbox } from './sandbox-clients';

const sandbox = useSandbox();

/** A VPC with one subnet. */
async function network(ec2: EC2Client) {
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc!.VpcId!;
  const subnetId = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.1.1.0/24' }))).Subnet!
    .SubnetId!;
  return { vpcId, subnetId };
}

async function aclsOf(ec2: EC2Client, vpcId: string) {
  const answer = await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
  return answer.NetworkAcls!;
}

async function customAcl(ec2: EC2Client, vpcId: string) {
  return (await ec2.send(new CreateNetworkAclCommand({ VpcId: vpcId }))).NetworkAcl!.NetworkAclId!;
}

const allowAll = (egress: boolean) => ({
  RuleNumber: 100,
  Protocol: '-1',
  RuleAction: 'allow' as RuleAction,
  Egress: egress,
  CidrBlock: '0.0.0.0/0',
});
const denyAll = (egress: boolean) => ({
  RuleNumber: 32767,
  Protocol: '-1',
  RuleAction: 'deny' as RuleAction,
  Egress: egress,
  CidrBlock: '0.0.0.0/0',
});

describe('network ACLs', () => {
  it('gives every VPC a default ACL that allows all traffic in and out before its * rules', async () => {
    const { ec2 } = clientsFor();
    const { vpcId } = await network(ec2);
    const [acl] = await aclsOf(ec2, vpcId);
    expect(acl).toMatchObject({ IsDefault: true, NetworkAclId: expect.stringMatching(/^acl-[0-9a-f]{17}$/) });
    expect(acl!.Entries).toEqual([allowAll(false), denyAll(false), allowAll(true), denyAll(true)]);
  });

  it('associates every subnet, new ones included, with its VPC’s default ACL', async () => {
    const { ec2 } = clientsFor();
    const { vpcId, subnetId } = await network(ec2);
    const second = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.1.2.0/24' }))).Subnet!;
    const [acl] = await aclsOf(ec2, vpcId);
    expect(acl!.Associations!.map((a) => a.SubnetId).sort()).toEqual([subnetId, second.SubnetId].sort());
  });

  it('shows the default VPC’s default ACL, with its default subnets, in a region nothing has written to', async () => {
    const { ec2 } = clientsFor(undefined, 'eu-west-1');
    const answer = await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'default', Values: ['true'] }] }));
    expect(answer.NetworkAcls).toHaveLength(1);
    expect(answer.NetworkAcls![0]!.Associations).toHaveLength(3);
  });

  it('keeps the default ACL’s id the same from one read to the next', async () => {
    const { ec2 } = clientsFor();
    const first = await ec2.send(new DescribeNetworkAclsCommand({}));
    const second = await ec2.send(new DescribeNetworkAclsCommand({}));
    expect(second.NetworkAcls).toEqual(first.NetworkAcls);
  });

  it('finds the ACL of a subnet with the association.subnet-id filter', async () => {
    const { ec2 } = clientsFor();
    const { vpcId, subnetId } = await network(ec2);
    const answer = await ec2.send(
      new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }] }),
    );
    expect(answer.NetworkAcls!.map((acl) => acl.VpcId)).toEqual([vpcId]);
  });

  it('creates an ACL that denies everything until it has rules', async () => {
    const { ec2 } = clientsFor();
    const { vpcId } = await network(ec2);
    const created = (await ec2.send(new CreateNetworkAclCommand({ VpcId: vpcId }))).NetworkAcl!;
    expect(created).toMatchObject({ IsDefault: false, VpcId: vpcId, Associations: [] });
    expect(created.Entries).toEqual([denyAll(false), denyAll(true)]);
  });

  it('adds a rule, listed in number order among the others', async () => {
    const { ec2 } = clientsFor();
    const { vpcId } = await network(ec2);
    const NetworkAclId = await customAcl(ec2, vpcId);
    const ssh = { NetworkAclId, Protocol: 'tcp', RuleAction: 'allow' as const, Egress: false, CidrBlock: '0.0.0.0/0' };
    await ec2.send(new CreateNetworkAclEntryCommand({ ...ssh, RuleNumber: 200, PortRange: { From: 22, To: 22 } }));
    await ec2.send(new CreateNetworkAclEntryCommand({ ...ssh, RuleNumber: 100, PortRange: { From: 80, To: 80 } }));
    const [acl] = (await ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [NetworkAclId] }))).NetworkAcls!;
    expect(acl!.Entries!.filter((e) => !e.Egress).map((e) => [e.RuleNumber, e.Protocol, e.PortRange?.From])).toEqual([
      [100, '6', 80],
      [200, '6', 22],
      [32767, '-1', undefined],
    ]);
  });

  // EC2 API reference, CreateNetworkAclEntry: "if you specify 100.68.0.18/18, we modify it to 100.68.0.0/18".
  it('keeps a rule’s block with host bits set in its canonical form', async () => {
    const { ec2 } = clientsFor();
    const { vpcId } = await network(ec2);
    const NetworkAclId = await customAcl(ec2, vpcId);
    await ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId, ...allowAll(false), CidrBlock: '100.68.0.18/18' }));
    const [acl] = (await ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [NetworkAclId] }))).NetworkAcls!;
    expect(acl!.Entries!.find((e) => e.RuleNumber === 100)!.CidrBlock).toBe('100.68.0.0/18');
  });

  it('refuses a second rule with the same number and direction', async () => {
    const { ec2 } = clientsFor();
    const { vpcId } = await network(ec2);
    const NetworkAclId = await customAcl(ec2, vpcId);
    const rule = { NetworkAclId, ...allowAll(false) };
    await ec2.send(new CreateNetworkAclEntryCommand(rule));
    expect(await errorOf(ec2.send(new CreateNetworkAclEntryCommand(rule)))).toMatchObject({
      name: 'NetworkAclEntryAlreadyExists',
      message: 'The network acl entry identified by 100 already exists.',
    });
  });

  it('refuses a tcp rule without a port range', async () => {
    const { ec2 } = clientsFor();
    const { vpcId } = await network(ec2);
    const NetworkAclId = await customAcl(ec2, vpcId);
    const rule = { NetworkAclId, ...allowAll(false), Protocol: '6' };
    expect((await errorOf(ec2.send(new CreateNetworkAclEntryCommand(rule)))).name).toBe('MissingParameter');
  });

  it('replaces a rule in place', async () => {
    const { ec2 } = clientsFor();
    const { vpcId } = await network(ec2);
    const [acl] = await aclsOf(ec2, vpcId);
    const NetworkAclId = acl!.NetworkAclId;
    await ec2.send(new ReplaceNetworkAclEntryCommand({ NetworkAclId, ...allowAll(false), RuleAction: 'deny' }));
    const [after] = await aclsOf(ec2, vpcId);
    expect(after!.Entries![0]).toEqual({ ...allowAll(false), RuleAction: 'deny' });
  });

  it('answers InvalidNetworkAclEntry.NotFound for replacing or deleting a rule the ACL does not have', async () => {
    const { ec2 } = clientsFor();
    const { vpcId } = await network(ec2);
    const NetworkAclId = await customAcl(ec2, vpcId);
    const replaced = await errorOf(ec2.send(new ReplaceNetworkAclEntryCommand({ NetworkAclId, ...allowAll(true) })));
    const deleted = await errorOf(
      ec2.send(new DeleteNetworkAclEntryCommand({ NetworkAclId, RuleNumber: 100, Egress: true })),
    );
    expect([replaced.name, deleted.name]).toEqual([
      'InvalidNetworkAclEntry.NotFound',
      'InvalidNetworkAclEntry.NotFound',
    ]);
  });

  it('deletes a rule of one direction and keeps the other direction’s rule of the same number', async () => {
    const { ec2 } = clientsFor();
    const { vpcId } = await network(ec2);
    const [acl] = await aclsOf(ec2, vpcId);
    await ec2.send(
      new DeleteNetworkAclEntryCommand({ NetworkAclId: acl!.NetworkAclId, RuleNumber: 100, Egress: true }),
    );
    const [after] = await aclsOf(ec2, vpcId);
    expect(after!.Entries).toEqual([allowAll(false), denyAll(false), denyAll(true)]);
  });

  it('moves a subnet to another ACL with ReplaceNetworkAclAssociation, under a new association id', async () => {
    const { ec2 } = clientsFor();
    const { vpcId, subnetId } = await network(ec2);
    const NetworkAclId = await customAcl(ec2, vpcId);
    const [before] = await aclsOf(ec2, vpcId);
    const AssociationId = before!.Associations![0]!.NetworkAclAssociationId;
    const { NewAssociationId } = await ec2.send(
      new ReplaceNetworkAclAssociationCommand({ AssociationId, NetworkAclId }),
    );
    expect(NewAssociationId).toMatch(/^aclassoc-/);
    expect(NewAssociationId).not.toBe(AssociationId);
    const answer = await ec2.send(
      new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }] }),
    );
    expect(answer.NetworkAcls!.map((acl) => acl.NetworkAclId)).toEqual([NetworkAclId]);
  });

  it('refuses to delete the default ACL', async () => {
    const { ec2 } = clientsFor();
    const { vpcId } = await network(ec2);
    const [acl] = await aclsOf(ec2, vpcId);
    const error = await errorOf(ec2.send(new DeleteNetworkAclCommand({ NetworkAclId: acl!.NetworkAclId })));
    expect(error).toMatchObject({
      name: 'InvalidParameterValue',
      message: `cannot delete default network ACL ${acl!.NetworkAclId}`,
    });
  });

  it('refuses to delete an ACL a subnet is associated with, and deletes it once none is', async () => {
    const { ec2 } = clientsFor();
    const { vpcId } = await network(ec2);
    const NetworkAclId = await customAcl(ec2, vpcId);
    const [before] = (await aclsOf(ec2, vpcId)).filter((acl) => acl.IsDefault);
    const AssociationId = before!.Associations![0]!.NetworkAclAssociationId;
    const { NewAssociationId } = await ec2.send(
      new ReplaceNetworkAclAssociationCommand({ AssociationId, NetworkAclId }),
    );
    expect((await errorOf(ec2.send(new DeleteNetworkAclCommand({ NetworkAclId })))).name).toBe('DependencyViolation');
    await ec2.send(
      new ReplaceNetworkAclAssociationCommand({ AssociationId: NewAssociationId, NetworkAclId: before!.NetworkAclId }),
    );
    await ec2.send(new DeleteNetworkAclCommand({ NetworkAclId }));
    expect((await aclsOf(ec2, vpcId)).map((acl) => acl.NetworkAclId)).toEqual([before!.NetworkAclId]);
  });

  it('refuses to delete a VPC that still has an ACL of its own', async () => {
    const { ec2 } = clientsFor();
    const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc!.VpcId!;
    await customAcl(ec2, vpcId);
    expect((await errorOf(ec2.send(new DeleteVpcCommand({ VpcId: vpcId })))).name).toBe('DependencyViolation');
  });

  it('forgets a deleted subnet’s association and a deleted VPC’s default ACL', async () => {
    const { ec2 } = clientsFor();
    const { vpcId, subnetId } = await network(ec2);
    await ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId }));
    expect((await aclsOf(ec2, vpcId))[0]!.Associations).toEqual([]);
    await ec2.send(new DeleteVpcCommand({ VpcId: vpcId }));
    expect(await aclsOf(ec2, vpcId)).toEqual([]);
  });

  it('answers InvalidNetworkAclID.NotFound for an ACL id that names nothing', async () => {
    const { ec2 } = clientsFor();
    const missing = 'acl-0123456789abcdef0';
    expect(await errorOf(ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [missing] })))).toMatchObject({
      name: 'InvalidNetworkAclID.NotFound',
      message: `The network acl ID '${missing}' does not exist`,
    });
  });

  it('tags an ACL at creation and with CreateTags', async () => {
    const { ec2 } = clientsFor();
    const { vpcId } = await network(ec2);
    const created = await ec2.send(
      new CreateNetworkAclCommand({
        VpcId: vpcId,
        TagSpecifications: [{ ResourceType: 'network-acl', Tags: [{ Key: 'Name', Value: 'web' }] }],
      }),
    );
    const NetworkAclId = created.NetworkAcl!.NetworkAclId!;
    await ec2.send(new CreateTagsCommand({ Resources: [NetworkAclId], Tags: [{ Key: 'team', Value: 'course' }] }));
    const [acl] = (await ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [NetworkAclId] }))).NetworkAcls!;
    expect(acl!.Tags).toEqual([
      { Key: 'Name', Value: 'web' },
      { Key: 'team', Value: 'course' },
    ]);
  });

  it('refuses CreateNetworkAclEntry to a user whose policy does not allow it', async () => {
    const { ec2 } = clientsFor();
    const { vpcId } = await network(ec2);
    const NetworkAclId = await customAcl(ec2, vpcId);
    const user = await userWithPolicy('ana', [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }]);
    const error = await errorOf(user.ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId, ...allowAll(false) })));
    expect(error.name).toBe('UnauthorizedOperation');
  });

  it('gives the VPCs of a file saved before the sandbox had network ACLs their default ACL', async () => {
    const { ec2 } = clientsFor();
    const { vpcId } = await network(ec2);
    const saved = structuredClone(sandbox().state);
    for (const region of Object.values(saved.accounts[defaultAccountId]!.regions)) delete region.networkAcls;
    const loaded = parseSandboxState(JSON.stringify(saved));
    if (!('state' in loaded)) throw new Error(loaded.error);
    const reloaded = createSandbox({ state: loaded.state });
    const clients = clientsFor(undefined, 'us-west-2', { requestHandler: sandboxRequestHandler(reloaded) });
    const [acl] = await aclsOf(clients.ec2, vpcId);
    expect(acl).toMatchObject({ IsDefault: true, Associations: [expect.anything()] });
  });
});
