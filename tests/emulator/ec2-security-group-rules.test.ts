import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  ModifySecurityGroupRulesCommand,
  RevokeSecurityGroupIngressCommand,
  UpdateSecurityGroupRuleDescriptionsEgressCommand,
  UpdateSecurityGroupRuleDescriptionsIngressCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { userWithPolicy } from './policy-user';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

async function group(ec2: EC2Client) {
  return (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web' }))).GroupId!;
}

const ssh = { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'ssh' }] };

async function allowSsh(ec2: EC2Client, GroupId: string, tags: { Key: string; Value: string }[] = []) {
  const answer = await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId,
      IpPermissions: [ssh],
      TagSpecifications: tags.length > 0 ? [{ ResourceType: 'security-group-rule', Tags: tags }] : undefined,
    }),
  );
  return answer.SecurityGroupRules![0]!;
}

async function rulesOf(ec2: EC2Client, GroupId: string) {
  const answer = await ec2.send(
    new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [GroupId] }] }),
  );
  return answer.SecurityGroupRules!;
}

describe('security group rules', () => {
  it('answers AuthorizeSecurityGroupIngress with each new rule, its id, description and tags', async () => {
    const { ec2 } = clientsFor();
    const GroupId = await group(ec2);
    const rule = await allowSsh(ec2, GroupId, [{ Key: 'Name', Value: 'ssh' }]);
    expect(rule).toMatchObject({
      SecurityGroupRuleId: expect.stringMatching(/^sgr-[0-9a-f]{17}$/),
      GroupId,
      IsEgress: false,
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      CidrIpv4: '0.0.0.0/0',
      Description: 'ssh',
      Tags: [{ Key: 'Name', Value: 'ssh' }],
    });
  });

  it('lists one rule by its id', async () => {
    const { ec2 } = clientsFor();
    const GroupId = await group(ec2);
    const { SecurityGroupRuleId } = await allowSsh(ec2, GroupId);
    const answer = await ec2.send(
      new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [SecurityGroupRuleId!] }),
    );
    expect(answer.SecurityGroupRules!.map((r) => r.SecurityGroupRuleId)).toEqual([SecurityGroupRuleId]);
  });

  it('answers InvalidSecurityGroupRuleId.NotFound for a rule id that names nothing', async () => {
    const { ec2 } = clientsFor();
    const missing = 'sgr-0123456789abcdef0';
    const error = await errorOf(ec2.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [missing] })));
    expect(error).toMatchObject({
      name: 'InvalidSecurityGroupRuleId.NotFound',
      message: `The security group rule ID '${missing}' does not exist`,
    });
  });

  it('refuses a group-id filter that is not a group id as malformed, and finds no rules for an unknown group', async () => {
    const { ec2 } = clientsFor();
    const describeGroup = (id: string) =>
      ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [id] }] }));
    expect(await errorOf(describeGroup('foobar'))).toMatchObject({
      name: 'InvalidGroupId.Malformed',
      message: "The security group ID 'foobar' is malformed",
    });
    expect((await describeGroup('sg-005216b55886f0fdc')).SecurityGroupRules).toEqual([]);
  });

  it('tags a rule with CreateTags and finds it by the tag', async () => {
    const { ec2 } = clientsFor();
    const GroupId = await group(ec2);
    const { SecurityGroupRuleId } = await allowSsh(ec2, GroupId);
    await ec2.send(new CreateTagsCommand({ Resources: [SecurityGroupRuleId!], Tags: [{ Key: 'team', Value: 'web' }] }));
    const answer = await ec2.send(
      new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'tag:team', Values: ['web'] }] }),
    );
    expect(answer.SecurityGroupRules!.map((r) => r.SecurityGroupRuleId)).toEqual([SecurityGroupRuleId]);
  });

  it('revokes a rule by its id', async () => {
    const { ec2 } = clientsFor();
    const GroupId = await group(ec2);
    const { SecurityGroupRuleId } = await allowSsh(ec2, GroupId);
    await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId, SecurityGroupRuleIds: [SecurityGroupRuleId!] }));
    const [described] = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [GroupId] }))).SecurityGroups!;
    expect(described!.IpPermissions).toEqual([]);
  });

  it('refuses to revoke by the id of a rule of another direction', async () => {
    const { ec2 } = clientsFor();
    const GroupId = await group(ec2);
    const [egress] = (await rulesOf(ec2, GroupId)).filter((r) => r.IsEgress);
    const error = await errorOf(
      ec2.send(
        new RevokeSecurityGroupIngressCommand({ GroupId, SecurityGroupRuleIds: [egress!.SecurityGroupRuleId!] }),
      ),
    );
    expect(error.name).toBe('InvalidSecurityGroupRuleId.NotFound');
  });

  it('changes a rule in place with ModifySecurityGroupRules, keeping its id and tags', async () => {
    const { ec2 } = clientsFor();
    const GroupId = await group(ec2);
    const { SecurityGroupRuleId } = await allowSsh(ec2, GroupId, [{ Key: 'Name', Value: 'ssh' }]);
    await ec2.send(
      new ModifySecurityGroupRulesCommand({
        GroupId,
        SecurityGroupRules: [
          {
            SecurityGroupRuleId,
            SecurityGroupRule: { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '203.0.113.0/24' },
          },
        ],
      }),
    );
    const [rule] = (
      await ec2.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [SecurityGroupRuleId!] }))
    ).SecurityGroupRules!;
    expect(rule).toMatchObject({ CidrIpv4: '203.0.113.0/24', Tags: [{ Key: 'Name', Value: 'ssh' }] });
  });

  it.each([
    [
      'no protocol',
      { FromPort: 22, ToPort: 22, CidrIpv4: '203.0.113.0/24' },
      'InvalidParameterValue',
      "Invalid value 'null' for protocol. VPC security group rules must specify protocols explicitly.",
    ],
    [
      'one port of a TCP range',
      { IpProtocol: 'tcp', ToPort: 22, CidrIpv4: '203.0.113.0/24' },
      'InvalidParameterValue',
      'Invalid value for portRange. Must specify both from and to ports with TCP/UDP.',
    ],
    [
      'no source',
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22 },
      'MissingParameter',
      'The request must contain exactly one of: cidrIp, cidrIpv6, prefixListId, or referencedGroupId',
    ],
    [
      'two sources',
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '203.0.113.0/24', CidrIpv6: '2001:db8::/32' },
      'InvalidParameterCombination',
      'Only one of cidrIp, cidrIpv6, prefixListId, or referencedGroupId can be specified',
    ],
  ])('refuses a modified rule with %s in EC2’s words', async (_case, SecurityGroupRule, name, message) => {
    const { ec2 } = clientsFor();
    const GroupId = await group(ec2);
    const { SecurityGroupRuleId } = await allowSsh(ec2, GroupId);
    const modify = new ModifySecurityGroupRulesCommand({
      GroupId,
      SecurityGroupRules: [{ SecurityGroupRuleId, SecurityGroupRule }],
    });
    expect(await errorOf(ec2.send(modify))).toMatchObject({ name, message });
  });

  it('refuses ModifySecurityGroupRules for a rule the group does not have', async () => {
    const { ec2 } = clientsFor();
    const GroupId = await group(ec2);
    const error = await errorOf(
      ec2.send(
        new ModifySecurityGroupRulesCommand({
          GroupId,
          SecurityGroupRules: [
            {
              SecurityGroupRuleId: 'sgr-0123456789abcdef0',
              SecurityGroupRule: { IpProtocol: '-1', CidrIpv4: '0.0.0.0/0' },
            },
          ],
        }),
      ),
    );
    expect(error.name).toBe('InvalidSecurityGroupRuleId.NotFound');
  });

  it('refuses ModifySecurityGroupRules to a user whose policy does not allow it', async () => {
    const { ec2 } = clientsFor();
    const GroupId = await group(ec2);
    const { SecurityGroupRuleId } = await allowSsh(ec2, GroupId);
    const user = await userWithPolicy('ana', [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }]);
    const error = await errorOf(
      user.ec2.send(
        new ModifySecurityGroupRulesCommand({
          GroupId,
          SecurityGroupRules: [{ SecurityGroupRuleId, SecurityGroupRule: { IpProtocol: '-1', CidrIpv4: '0.0.0.0/0' } }],
        }),
      ),
    );
    expect(error.name).toBe('UnauthorizedOperation');
  });
});

describe('security group rule descriptions, limits and filters', () => {
  it('changes a rule’s description with UpdateSecurityGroupRuleDescriptionsIngress', async () => {
    const { ec2 } = clientsFor();
    const GroupId = await group(ec2);
    await allowSsh(ec2, GroupId);
    await ec2.send(
      new UpdateSecurityGroupRuleDescriptionsIngressCommand({
        GroupId,
        IpPermissions: [{ ...ssh, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'ssh from anywhere' }] }],
      }),
    );
    expect((await rulesOf(ec2, GroupId)).find((r) => !r.IsEgress)!.Description).toBe('ssh from anywhere');
  });

  it('changes the outbound rule’s description with UpdateSecurityGroupRuleDescriptionsEgress', async () => {
    const { ec2 } = clientsFor();
    const GroupId = await group(ec2);
    await ec2.send(
      new UpdateSecurityGroupRuleDescriptionsEgressCommand({
        GroupId,
        IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'all out' }] }],
      }),
    );
    const [described] = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [GroupId] }))).SecurityGroups!;
    expect(described!.IpPermissionsEgress![0]!.IpRanges).toEqual([{ CidrIp: '0.0.0.0/0', Description: 'all out' }]);
  });

  it('refuses to describe a rule the group does not have', async () => {
    const { ec2 } = clientsFor();
    const GroupId = await group(ec2);
    const error = await errorOf(
      ec2.send(new UpdateSecurityGroupRuleDescriptionsIngressCommand({ GroupId, IpPermissions: [ssh] })),
    );
    expect(error.name).toBe('InvalidPermission.NotFound');
  });

  it('keeps a rule range with host bits set in its canonical form, as EC2 does', async () => {
    const { ec2 } = clientsFor();
    const GroupId = await group(ec2);
    const answer = await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.1.2.3/16' }] }],
      }),
    );
    expect(answer.SecurityGroupRules![0]!.CidrIpv4).toBe('10.1.0.0/16');
  });

  it('refuses a request that names one range twice, once with host bits set', async () => {
    const { ec2 } = clientsFor();
    const GroupId = await group(ec2);
    const ranges = [{ CidrIp: '10.1.0.0/16' }, { CidrIp: '10.1.2.3/16' }];
    const error = await errorOf(
      ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId,
          IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: ranges }],
        }),
      ),
    );
    expect(error).toMatchObject({
      name: 'InvalidParameterValue',
      message: 'The same permission must not appear multiple times',
    });
  });

  it('still refuses a rule range that is not a CIDR block as malformed', async () => {
    const { ec2 } = clientsFor();
    const GroupId = await group(ec2);
    const error = await errorOf(
      ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId,
          IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.1.2.3' }] }],
        }),
      ),
    );
    expect(error).toMatchObject({ name: 'InvalidParameterValue', message: 'CIDR block 10.1.2.3 is malformed' });
  });

  it('refuses more than 60 inbound rules', async () => {
    const { ec2 } = clientsFor();
    const GroupId = await group(ec2);
    const ranges = Array.from({ length: 61 }, (_, i) => ({ CidrIp: `10.0.${i}.0/24` }));
    const error = await errorOf(
      ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId,
          IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: ranges }],
        }),
      ),
    );
    expect(error.name).toBe('RulesPerSecurityGroupLimitExceeded');
  });

  it('finds the groups whose inbound rules name a group with the ip-permission.group-id filter', async () => {
    const { ec2 } = clientsFor();
    const web = await group(ec2);
    const db = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'db', Description: 'db' }))).GroupId!;
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: db,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: web }] }],
      }),
    );
    const { SecurityGroups } = await ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'ip-permission.group-id', Values: [web] }] }),
    );
    expect(SecurityGroups!.map((g) => g.GroupId)).toEqual([db]);
  });

  it('finds no group by the name in a rule’s group pair, which names its group by id only', async () => {
    const { ec2 } = clientsFor();
    const web = await group(ec2);
    const db = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'db', Description: 'db' }))).GroupId!;
    await ec2.send(
      new AuthorizeSecurityGroupEgressCommand({
        GroupId: db,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: web }] }],
      }),
    );
    const filter = { Name: 'egress.ip-permission.group-name', Values: ['web'] };
    const { SecurityGroups } = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [filter] }));
    expect(SecurityGroups).toEqual([]);
  });

  it('finds groups by their outbound rules with the egress.ip-permission filters', async () => {
    const { ec2 } = clientsFor();
    const GroupId = await group(ec2);
    await ec2.send(
      new AuthorizeSecurityGroupEgressCommand({
        GroupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
    );
    const { SecurityGroups } = await ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'egress.ip-permission.to-port', Values: ['443'] }] }),
    );
    expect(SecurityGroups!.map((g) => g.GroupId)).toEqual([GroupId]);
  });
});
