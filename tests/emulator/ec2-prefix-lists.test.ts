import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateManagedPrefixListCommand,
  CreateSecurityGroupCommand,
  DeleteManagedPrefixListCommand,
  DescribeManagedPrefixListsCommand,
  DescribePrefixListsCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  type EC2Client,
  GetManagedPrefixListEntriesCommand,
  ModifyManagedPrefixListCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { userWithPolicy } from './policy-user';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

async function officeList(ec2: EC2Client, MaxEntries = 2) {
  const { PrefixList } = await ec2.send(
    new CreateManagedPrefixListCommand({
      PrefixListName: 'office',
      AddressFamily: 'IPv4',
      MaxEntries,
      Entries: [{ Cidr: '203.0.113.0/28', Description: 'Lisbon' }],
    }),
  );
  return PrefixList!;
}

async function group(ec2: EC2Client) {
  return (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web servers' }))).GroupId!;
}

const sshFrom = (PrefixListId: string) => ({
  IpProtocol: 'tcp',
  FromPort: 22,
  ToPort: 22,
  PrefixListIds: [{ PrefixListId, Description: 'office' }],
});

describe('AWS-managed prefix lists', () => {
  it('lists S3’s and DynamoDB’s prefix lists for the region', async () => {
    const { ec2 } = clientsFor();
    const { PrefixLists } = await ec2.send(new DescribePrefixListsCommand({}));
    expect(PrefixLists!.map((l) => l.PrefixListName).sort()).toEqual([
      'com.amazonaws.us-west-2.dynamodb',
      'com.amazonaws.us-west-2.s3',
    ]);
  });

  it('finds S3’s list by the prefix-list-name filter, with its ranges', async () => {
    const { ec2 } = clientsFor();
    const { PrefixLists } = await ec2.send(
      new DescribePrefixListsCommand({
        Filters: [{ Name: 'prefix-list-name', Values: ['com.amazonaws.us-west-2.s3'] }],
      }),
    );
    expect(PrefixLists).toEqual([
      {
        PrefixListId: expect.stringMatching(/^pl-[0-9a-f]{8}$/),
        PrefixListName: 'com.amazonaws.us-west-2.s3',
        Cidrs: expect.any(Array),
      },
    ]);
    expect(PrefixLists![0]!.Cidrs!.length).toBeGreaterThan(0);
  });

  it('shows AWS’s lists among the managed prefix lists, owned by AWS', async () => {
    const { ec2 } = clientsFor();
    const { PrefixLists } = await ec2.send(
      new DescribeManagedPrefixListsCommand({ Filters: [{ Name: 'owner-id', Values: ['AWS'] }] }),
    );
    expect(PrefixLists).toHaveLength(2);
  });
});

describe('managed prefix lists', () => {
  it('creates a list and answers its entries', async () => {
    const { ec2 } = clientsFor();
    const list = await officeList(ec2);
    expect(list).toMatchObject({ PrefixListName: 'office', AddressFamily: 'IPv4', MaxEntries: 2, Version: 1 });
    const { Entries } = await ec2.send(new GetManagedPrefixListEntriesCommand({ PrefixListId: list.PrefixListId }));
    expect(Entries).toEqual([{ Cidr: '203.0.113.0/28', Description: 'Lisbon' }]);
  });

  it('adds an entry and a new version with ModifyManagedPrefixList', async () => {
    const { ec2 } = clientsFor();
    const { PrefixListId } = await officeList(ec2);
    await ec2.send(
      new ModifyManagedPrefixListCommand({
        PrefixListId,
        CurrentVersion: 1,
        AddEntries: [{ Cidr: '203.0.113.64/28' }],
      }),
    );
    const [list] = (await ec2.send(new DescribeManagedPrefixListsCommand({ PrefixListIds: [PrefixListId!] })))
      .PrefixLists!;
    expect(list!.Version).toBe(2);
  });

  it('refuses more entries than the list’s maximum', async () => {
    const { ec2 } = clientsFor();
    const { PrefixListId } = await officeList(ec2, 1);
    const error = await errorOf(
      ec2.send(new ModifyManagedPrefixListCommand({ PrefixListId, AddEntries: [{ Cidr: '203.0.113.64/28' }] })),
    );
    expect(error.name).toBe('PrefixListMaxEntriesExceeded');
  });

  it('refuses CreateManagedPrefixList to a user whose policy does not allow it', async () => {
    const user = await userWithPolicy('ana', [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }]);
    const error = await errorOf(
      user.ec2.send(new CreateManagedPrefixListCommand({ PrefixListName: 'a', AddressFamily: 'IPv4', MaxEntries: 1 })),
    );
    expect(error.name).toBe('UnauthorizedOperation');
  });
});

describe('prefix lists in security group rules', () => {
  it('allows ssh from a prefix list, listed as the rule’s PrefixListId', async () => {
    const { ec2 } = clientsFor();
    const { PrefixListId } = await officeList(ec2);
    const GroupId = await group(ec2);
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [sshFrom(PrefixListId!)] }));
    const { SecurityGroupRules } = await ec2.send(
      new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [GroupId] }] }),
    );
    expect(SecurityGroupRules!.find((r) => !r.IsEgress)).toMatchObject({ PrefixListId, FromPort: 22, ToPort: 22 });
  });

  it('shows the prefix list in the group’s permissions', async () => {
    const { ec2 } = clientsFor();
    const { PrefixListId } = await officeList(ec2);
    const GroupId = await group(ec2);
    await ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId, IpPermissions: [sshFrom(PrefixListId!)] }));
    const [described] = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [GroupId] }))).SecurityGroups!;
    const ssh = described!.IpPermissionsEgress!.find((p) => p.FromPort === 22);
    expect(ssh!.PrefixListIds).toEqual([{ PrefixListId, Description: 'office' }]);
  });

  it('refuses a rule naming a prefix list that does not exist', async () => {
    const { ec2 } = clientsFor();
    const GroupId = await group(ec2);
    const error = await errorOf(
      ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [sshFrom('pl-0123456789abcdef0')] })),
    );
    expect(error.name).toBe('InvalidPrefixListID.NotFound');
  });

  it('revokes a prefix list rule as it was sent', async () => {
    const { ec2 } = clientsFor();
    const { PrefixListId } = await officeList(ec2);
    const GroupId = await group(ec2);
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [sshFrom(PrefixListId!)] }));
    await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId, IpPermissions: [sshFrom(PrefixListId!)] }));
    const [described] = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [GroupId] }))).SecurityGroups!;
    expect(described!.IpPermissions).toEqual([]);
  });

  it('keeps a prefix list a rule uses when asked to delete it, in state delete-failed', async () => {
    const { ec2 } = clientsFor();
    const { PrefixListId } = await officeList(ec2);
    const GroupId = await group(ec2);
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [sshFrom(PrefixListId!)] }));
    const deleted = await ec2.send(new DeleteManagedPrefixListCommand({ PrefixListId }));
    expect(deleted.PrefixList!.State).toBe('delete-in-progress');
    const [list] = (await ec2.send(new DescribeManagedPrefixListsCommand({ PrefixListIds: [PrefixListId!] })))
      .PrefixLists!;
    expect(list!.State).toBe('delete-failed');
  });

  it('deletes a prefix list nothing uses', async () => {
    const { ec2 } = clientsFor();
    const { PrefixListId } = await officeList(ec2);
    await ec2.send(new DeleteManagedPrefixListCommand({ PrefixListId }));
    const error = await errorOf(ec2.send(new DescribeManagedPrefixListsCommand({ PrefixListIds: [PrefixListId!] })));
    expect(error.name).toBe('InvalidPrefixListID.NotFound');
  });
});
