import {
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
  type CloudFormationClient,
} from '@aws-sdk/client-cloudformation';
import { CreateSecurityGroupCommand, DescribeSecurityGroupsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

/** A stack that opens SSH into a group made outside it, and lets that group reach HTTPS anywhere. */
const rulesTemplate = (groupId: string) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Ssh:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: ${groupId}
      IpProtocol: tcp
      FromPort: 22
      ToPort: 22
      CidrIp: 203.0.113.0/24
      Description: office
  Https:
    Type: AWS::EC2::SecurityGroupEgress
    Properties:
      GroupId: ${groupId}
      IpProtocol: tcp
      FromPort: 443
      ToPort: 443
      CidrIp: 0.0.0.0/0
Outputs:
  SshRule:
    Value: !GetAtt Ssh.Id
`;

async function groupInDefaultVpc(ec2: EC2Client): Promise<string> {
  const created = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web' }));
  return created.GroupId!;
}

async function createStack(cloudformation: CloudFormationClient, body: string) {
  const { StackId } = await cloudformation.send(new CreateStackCommand({ StackName: 'rules', TemplateBody: body }));
  return (await cloudformation.send(new DescribeStacksCommand({ StackName: StackId }))).Stacks![0]!;
}

async function groupOf(ec2: EC2Client, groupId: string) {
  return (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }))).SecurityGroups![0]!;
}

describe('CloudFormation security group rules in the sandbox', () => {
  it('adds an AWS::EC2::SecurityGroupIngress rule to the group it names', async () => {
    const { cloudformation, ec2 } = clientsFor();
    const groupId = await groupInDefaultVpc(ec2);
    const stack = await createStack(cloudformation, rulesTemplate(groupId));
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    expect(stack.Outputs![0]!.OutputValue).toMatch(/^sgr-[0-9a-f]{17}$/);
    expect((await groupOf(ec2, groupId)).IpPermissions).toEqual([
      {
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        IpRanges: [{ CidrIp: '203.0.113.0/24', Description: 'office' }],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [],
      },
    ]);
  });

  it('adds an AWS::EC2::SecurityGroupEgress rule beside the group’s allow-all rule', async () => {
    const { cloudformation, ec2 } = clientsFor();
    const groupId = await groupInDefaultVpc(ec2);
    await createStack(cloudformation, rulesTemplate(groupId));
    const egress = (await groupOf(ec2, groupId)).IpPermissionsEgress!;
    expect(egress.map((p) => p.FromPort ?? p.IpProtocol)).toEqual(expect.arrayContaining(['-1', 443]));
  });

  it('removes both rules, and only them, when the stack is deleted', async () => {
    const { cloudformation, ec2 } = clientsFor();
    const groupId = await groupInDefaultVpc(ec2);
    const before = await groupOf(ec2, groupId);
    await createStack(cloudformation, rulesTemplate(groupId));
    expect((await groupOf(ec2, groupId)).IpPermissions).toHaveLength(1);
    await cloudformation.send(new DeleteStackCommand({ StackName: 'rules' }));
    const after = await groupOf(ec2, groupId);
    expect(after.IpPermissions).toEqual(before.IpPermissions);
    expect(after.IpPermissionsEgress).toEqual(before.IpPermissionsEgress);
  });
});
