import {
  AssociateDhcpOptionsCommand,
  CreateDhcpOptionsCommand,
  CreateVpcCommand,
  DeleteDhcpOptionsCommand,
  DescribeDhcpOptionsCommand,
  DescribeVpcsCommand,
  type EC2Client,
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

async function newVpc(ec2: EC2Client) {
  return (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!;
}

async function corporateSet(ec2: EC2Client) {
  const created = await ec2.send(
    new CreateDhcpOptionsCommand({
      DhcpConfigurations: [
        { Key: 'domain-name', Values: ['corp.example'] },
        { Key: 'domain-name-servers', Values: ['10.0.0.2', 'AmazonProvidedDNS'] },
      ],
    }),
  );
  return created.DhcpOptions!.DhcpOptionsId!;
}

async function vpcOf(ec2: EC2Client, vpcId: string) {
  return (await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs![0]!;
}

describe('DHCP options sets', () => {
  it('gives a new VPC the region’s default set of Amazon’s DNS and the regional domain name', async () => {
    const { ec2 } = clientsFor();
    const vpc = await newVpc(ec2);
    const { DhcpOptions } = await ec2.send(new DescribeDhcpOptionsCommand({ DhcpOptionsIds: [vpc.DhcpOptionsId!] }));
    expect(DhcpOptions![0]!.DhcpConfigurations).toEqual([
      { Key: 'domain-name', Values: [{ Value: 'us-west-2.compute.internal' }] },
      { Key: 'domain-name-servers', Values: [{ Value: 'AmazonProvidedDNS' }] },
    ]);
  });

  it('gives the default VPC the same default set as a new VPC', async () => {
    const { ec2 } = clientsFor();
    const vpc = await newVpc(ec2);
    const [defaultVpc] = (
      await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))
    ).Vpcs!;
    expect(defaultVpc!.DhcpOptionsId).toBe(vpc.DhcpOptionsId);
  });

  it('associates a set made with CreateDhcpOptions with a VPC', async () => {
    const { ec2 } = clientsFor();
    const vpc = await newVpc(ec2);
    const DhcpOptionsId = await corporateSet(ec2);
    await ec2.send(new AssociateDhcpOptionsCommand({ DhcpOptionsId, VpcId: vpc.VpcId }));
    expect((await vpcOf(ec2, vpc.VpcId!)).DhcpOptionsId).toBe(DhcpOptionsId);
  });

  it('finds the VPCs that use a set with the dhcp-options-id filter', async () => {
    const { ec2 } = clientsFor();
    const [first, , third] = [await newVpc(ec2), await newVpc(ec2), await newVpc(ec2)];
    const DhcpOptionsId = await corporateSet(ec2);
    for (const vpc of [first!, third!])
      await ec2.send(new AssociateDhcpOptionsCommand({ DhcpOptionsId, VpcId: vpc.VpcId }));
    const { Vpcs } = await ec2.send(
      new DescribeVpcsCommand({ Filters: [{ Name: 'dhcp-options-id', Values: [DhcpOptionsId] }] }),
    );
    expect(Vpcs!.map((v) => v.VpcId).sort()).toEqual([first!.VpcId, third!.VpcId].sort());
  });

  it('associates no options with a VPC given default', async () => {
    const { ec2 } = clientsFor();
    const vpc = await newVpc(ec2);
    await ec2.send(new AssociateDhcpOptionsCommand({ DhcpOptionsId: 'default', VpcId: vpc.VpcId }));
    expect((await vpcOf(ec2, vpc.VpcId!)).DhcpOptionsId).toBe('default');
  });

  it('refuses to delete a set a VPC uses', async () => {
    const { ec2 } = clientsFor();
    const vpc = await newVpc(ec2);
    const DhcpOptionsId = await corporateSet(ec2);
    await ec2.send(new AssociateDhcpOptionsCommand({ DhcpOptionsId, VpcId: vpc.VpcId }));
    const error = await errorOf(ec2.send(new DeleteDhcpOptionsCommand({ DhcpOptionsId })));
    expect(error.name).toBe('DependencyViolation');
  });

  it('deletes a set no VPC uses', async () => {
    const { ec2 } = clientsFor();
    const DhcpOptionsId = await corporateSet(ec2);
    await ec2.send(new DeleteDhcpOptionsCommand({ DhcpOptionsId }));
    const error = await errorOf(ec2.send(new DescribeDhcpOptionsCommand({ DhcpOptionsIds: [DhcpOptionsId] })));
    expect(error).toMatchObject({
      name: 'InvalidDhcpOptionID.NotFound',
      message: expect.stringContaining(DhcpOptionsId),
    });
  });

  it('refuses an option DHCP does not have', async () => {
    const { ec2 } = clientsFor();
    const error = await errorOf(
      ec2.send(new CreateDhcpOptionsCommand({ DhcpConfigurations: [{ Key: 'gateway', Values: ['10.0.0.1'] }] })),
    );
    expect(error.name).toBe('InvalidParameterValue');
  });

  it('calls an id that is not a set id malformed', async () => {
    const { ec2 } = clientsFor();
    const error = await errorOf(ec2.send(new DescribeDhcpOptionsCommand({ DhcpOptionsIds: ['dopt-12'] })));
    expect(error.name).toBe('InvalidDhcpOptionsId.Malformed');
  });

  it('refuses CreateDhcpOptions to a user whose policy does not allow it', async () => {
    const user = await userWithPolicy('ana', [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }]);
    const error = await errorOf(
      user.ec2.send(new CreateDhcpOptionsCommand({ DhcpConfigurations: [{ Key: 'domain-name', Values: ['a.b'] }] })),
    );
    expect(error.name).toBe('UnauthorizedOperation');
  });

  it('moves the VPCs of a file saved before the sandbox had DHCP options sets to the default set', async () => {
    const { ec2 } = clientsFor();
    const vpc = await newVpc(ec2);
    const saved = structuredClone(sandbox().state);
    for (const region of Object.values(saved.accounts[defaultAccountId]!.regions)) {
      delete region.dhcpOptions;
      for (const old of Object.values(region.vpcs)) old.dhcpOptionsId = 'dopt-0sandbox0000000';
    }
    const loaded = parseSandboxState(JSON.stringify(saved));
    if (!('state' in loaded)) throw new Error(loaded.error);
    const clients = clientsFor(undefined, 'us-west-2', {
      requestHandler: sandboxRequestHandler(createSandbox({ state: loaded.state })),
    });
    expect((await vpcOf(clients.ec2, vpc.VpcId!)).DhcpOptionsId).toBe(vpc.DhcpOptionsId);
  });
});
