import {
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStackResourceCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
  ListStacksCommand,
  ValidateTemplateCommand,
  waitUntilStackCreateComplete,
  type CloudFormationClient,
  type Parameter,
} from '@aws-sdk/client-cloudformation';
import {
  CreateKeyPairCommand,
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  DescribeAddressesCommand,
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { amazonLinuxImageId } from '../../src/emulator/services/ec2-images';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

/** The course's VPC template (week 1, CloudFormation lesson), trimmed to what the tests read. */
const vpcTemplate = `AWSTemplateFormatVersion: '2010-09-09'
Description: The course VPC for exercise 3, with public and private subnets in two Availability Zones.

Parameters:
  VpcCidr:
    Type: String
    Default: 10.1.0.0/16
    Description: The VPC's address range
  PublicSubnetACidr:
    Type: String
    Default: 10.1.1.0/24

Resources:
  VPC:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !Ref VpcCidr
      EnableDnsSupport: true
      EnableDnsHostnames: true
      Tags:
        - Key: Name
          Value: edx-build-aws-vpc

  InternetGateway:
    Type: AWS::EC2::InternetGateway
    Properties:
      Tags:
        - Key: Name
          Value: edx-igw

  GatewayAttachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties:
      VpcId: !Ref VPC
      InternetGatewayId: !Ref InternetGateway

  PublicSubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref VPC
      CidrBlock: !Ref PublicSubnetACidr
      AvailabilityZone: !Select [0, !GetAZs '']
      MapPublicIpOnLaunch: true
      Tags:
        - Key: Name
          Value: edx-subnet-public-a

  PublicSubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref VPC
      CidrBlock: 10.1.2.0/24
      AvailabilityZone: !Select [1, !GetAZs '']
      Tags:
        - Key: Name
          Value: edx-subnet-public-b

  PrivateSubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref VPC
      CidrBlock: 10.1.3.0/24
      AvailabilityZone: !Select [0, !GetAZs '']
      Tags:
        - Key: Name
          Value: edx-subnet-private-a

  PrivateSubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref VPC
      CidrBlock: 10.1.4.0/24
      AvailabilityZone: !Select [1, !GetAZs '']
      Tags:
        - Key: Name
          Value: edx-subnet-private-b

  PublicRouteTable:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref VPC
      Tags:
        - Key: Name
          Value: edx-public-routes

  DefaultPublicRoute:
    Type: AWS::EC2::Route
    DependsOn: GatewayAttachment
    Properties:
      RouteTableId: !Ref PublicRouteTable
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !Ref InternetGateway

  PublicSubnetARouteTableAssociation:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      RouteTableId: !Ref PublicRouteTable
      SubnetId: !Ref PublicSubnetA

  PublicSubnetBRouteTableAssociation:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      RouteTableId: !Ref PublicRouteTable
      SubnetId: !Ref PublicSubnetB

Outputs:
  VpcId:
    Description: The VPC's id
    Value: !Ref VPC
    Export:
      Name: !Sub '\${AWS::StackName}-VpcId'
  VpcCidr:
    Value: !GetAtt VPC.CidrBlock
  PublicSubnets:
    Value: !Join [',', [!Ref PublicSubnetA, !Ref PublicSubnetB]]
  FirstZone:
    Value: !GetAtt [PublicSubnetA, AvailabilityZone]
  StackRegion:
    Value: !Sub '\${AWS::Region} (stack \${AWS::StackName})'
`;

async function createStack(
  cloudformation: CloudFormationClient,
  name: string,
  body: string,
  parameters: Parameter[] = [],
) {
  const { StackId } = await cloudformation.send(
    new CreateStackCommand({ StackName: name, TemplateBody: body, Parameters: parameters }),
  );
  return (await cloudformation.send(new DescribeStacksCommand({ StackName: StackId }))).Stacks![0]!;
}

async function eventsOf(cloudformation: CloudFormationClient, name: string) {
  return (await cloudformation.send(new DescribeStackEventsCommand({ StackName: name }))).StackEvents!;
}

async function vpcIdsOf(ec2: EC2Client): Promise<string[]> {
  return (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['false'] }] }))).Vpcs!.map(
    (v) => v.VpcId!,
  );
}

const nameOf = (tags: { Key?: string; Value?: string }[] | undefined) => tags?.find((t) => t.Key === 'Name')?.Value;

describe('CloudFormation stacks in the sandbox', () => {
  it('builds the course VPC from the YAML template, and the EC2 API shows every resource', async () => {
    const { cloudformation, ec2 } = clientsFor();
    const { StackId } = await cloudformation.send(
      new CreateStackCommand({ StackName: 'edx-vpc-stack', TemplateBody: vpcTemplate }),
    );
    expect(StackId).toMatch(/^arn:aws:cloudformation:us-west-2:123456789012:stack\/edx-vpc-stack\/[0-9a-f-]{36}$/);
    const waited = await waitUntilStackCreateComplete(
      { client: cloudformation, maxWaitTime: 60 },
      { StackName: 'edx-vpc-stack' },
    );
    expect(waited.state).toBe('SUCCESS');
    const stack = (await cloudformation.send(new DescribeStacksCommand({ StackName: 'edx-vpc-stack' }))).Stacks![0]!;
    expect(stack).toMatchObject({
      StackStatus: 'CREATE_COMPLETE',
      StackName: 'edx-vpc-stack',
      StackId,
      Description: expect.stringContaining('course VPC'),
    });

    const vpc = (
      await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['edx-build-aws-vpc'] }] }))
    ).Vpcs!;
    expect(vpc).toHaveLength(1);
    expect(vpc[0]!.CidrBlock).toBe('10.1.0.0/16');
    expect(vpc[0]!.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'aws:cloudformation:stack-name', Value: 'edx-vpc-stack' },
        { Key: 'aws:cloudformation:logical-id', Value: 'VPC' },
        { Key: 'aws:cloudformation:stack-id', Value: StackId },
      ]),
    );
    const vpcId = vpc[0]!.VpcId!;

    const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] })))
      .Subnets!;
    const byName = Object.fromEntries(subnets.map((s) => [nameOf(s.Tags), s]));
    expect(Object.keys(byName).sort()).toEqual([
      'edx-subnet-private-a',
      'edx-subnet-private-b',
      'edx-subnet-public-a',
      'edx-subnet-public-b',
    ]);
    expect(byName['edx-subnet-public-a']).toMatchObject({
      CidrBlock: '10.1.1.0/24',
      AvailabilityZone: 'us-west-2a',
      MapPublicIpOnLaunch: true,
    });
    expect(byName['edx-subnet-public-b']).toMatchObject({
      CidrBlock: '10.1.2.0/24',
      AvailabilityZone: 'us-west-2b',
      MapPublicIpOnLaunch: false,
    });
    expect(byName['edx-subnet-private-a']).toMatchObject({ CidrBlock: '10.1.3.0/24', AvailabilityZone: 'us-west-2a' });
    expect(byName['edx-subnet-private-b']).toMatchObject({ CidrBlock: '10.1.4.0/24', AvailabilityZone: 'us-west-2b' });

    const igws = (
      await ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }))
    ).InternetGateways!;
    expect(igws.map((g) => nameOf(g.Tags))).toEqual(['edx-igw']);

    const tables = (await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] })))
      .RouteTables!;
    const publicTable = tables.find((t) => nameOf(t.Tags) === 'edx-public-routes')!;
    expect(publicTable.Routes).toContainEqual(
      expect.objectContaining({ DestinationCidrBlock: '0.0.0.0/0', GatewayId: igws[0]!.InternetGatewayId }),
    );
    expect(publicTable.Associations!.map((a) => a.SubnetId).sort()).toEqual(
      [byName['edx-subnet-public-a']!.SubnetId, byName['edx-subnet-public-b']!.SubnetId].sort(),
    );
  });

  it('resolves outputs and lists the parameters with their values', async () => {
    const { cloudformation, ec2 } = clientsFor();
    const stack = await createStack(cloudformation, 'edx-vpc-stack', vpcTemplate, [
      { ParameterKey: 'PublicSubnetACidr', ParameterValue: '10.1.10.0/24' },
    ]);
    const vpcId = (await vpcIdsOf(ec2))[0]!;
    const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] })))
      .Subnets!;
    const subnetId = (name: string) => subnets.find((s) => nameOf(s.Tags) === name)!.SubnetId;
    const outputs = Object.fromEntries(stack.Outputs!.map((o) => [o.OutputKey, o]));
    expect(outputs.VpcId).toMatchObject({
      OutputValue: vpcId,
      Description: "The VPC's id",
      ExportName: 'edx-vpc-stack-VpcId',
    });
    expect(outputs.VpcCidr!.OutputValue).toBe('10.1.0.0/16');
    expect(outputs.PublicSubnets!.OutputValue).toBe(
      `${subnetId('edx-subnet-public-a')},${subnetId('edx-subnet-public-b')}`,
    );
    expect(outputs.FirstZone!.OutputValue).toBe('us-west-2a');
    expect(outputs.StackRegion!.OutputValue).toBe('us-west-2 (stack edx-vpc-stack)');
    expect(stack.Parameters).toEqual(
      expect.arrayContaining([
        { ParameterKey: 'VpcCidr', ParameterValue: '10.1.0.0/16' },
        { ParameterKey: 'PublicSubnetACidr', ParameterValue: '10.1.10.0/24' },
      ]),
    );
    expect(subnets.map((s) => s.CidrBlock)).toContain('10.1.10.0/24');
  });

  it("lists the stack's resources with the physical ids EC2 knows them by", async () => {
    const { cloudformation, ec2 } = clientsFor();
    await createStack(cloudformation, 'edx-vpc-stack', vpcTemplate);
    const resources = (await cloudformation.send(new DescribeStackResourcesCommand({ StackName: 'edx-vpc-stack' })))
      .StackResources!;
    expect(resources).toHaveLength(11);
    expect(resources.every((r) => r.ResourceStatus === 'CREATE_COMPLETE' && r.StackName === 'edx-vpc-stack')).toBe(
      true,
    );
    const physical = Object.fromEntries(resources.map((r) => [r.LogicalResourceId, r.PhysicalResourceId]));
    const [vpcId] = await vpcIdsOf(ec2);
    expect(physical.VPC).toBe(vpcId);
    expect(physical.PublicSubnetA).toMatch(/^subnet-/);
    expect(physical.InternetGateway).toMatch(/^igw-/);
    expect(physical.GatewayAttachment).toBe(`IGW|${vpcId}`);
    expect(physical.DefaultPublicRoute).toBe(`${physical.PublicRouteTable}|0.0.0.0/0`);
    expect(physical.PublicSubnetARouteTableAssociation).toMatch(/^rtbassoc-/);

    const one = await cloudformation.send(
      new DescribeStackResourcesCommand({ StackName: 'edx-vpc-stack', LogicalResourceId: 'PublicSubnetA' }),
    );
    expect(one.StackResources!.map((r) => r.ResourceType)).toEqual(['AWS::EC2::Subnet']);
    const byPhysicalId = await cloudformation.send(new DescribeStackResourcesCommand({ PhysicalResourceId: vpcId }));
    expect(byPhysicalId.StackResources!.map((r) => r.LogicalResourceId)).toEqual(
      resources.map((r) => r.LogicalResourceId),
    );
    const detail = await cloudformation.send(
      new DescribeStackResourceCommand({ StackName: 'edx-vpc-stack', LogicalResourceId: 'InternetGateway' }),
    );
    expect(detail.StackResourceDetail).toMatchObject({
      PhysicalResourceId: physical.InternetGateway,
      ResourceStatus: 'CREATE_COMPLETE',
    });
    const summaries = (await cloudformation.send(new ListStackResourcesCommand({ StackName: 'edx-vpc-stack' })))
      .StackResourceSummaries!;
    expect(summaries.map((s) => s.LogicalResourceId)).toEqual(resources.map((r) => r.LogicalResourceId));
  });

  it('creates resources after those they depend on, and records the events newest first', async () => {
    const { cloudformation } = clientsFor();
    await createStack(cloudformation, 'edx-vpc-stack', vpcTemplate);
    const events = await eventsOf(cloudformation, 'edx-vpc-stack');
    expect(events[0]).toMatchObject({
      LogicalResourceId: 'edx-vpc-stack',
      ResourceType: 'AWS::CloudFormation::Stack',
      ResourceStatus: 'CREATE_COMPLETE',
    });
    expect(events.at(-1)).toMatchObject({
      LogicalResourceId: 'edx-vpc-stack',
      ResourceStatus: 'CREATE_IN_PROGRESS',
      ResourceStatusReason: 'User Initiated',
    });
    expect(events.filter((e) => e.ResourceType !== 'AWS::CloudFormation::Stack')).toHaveLength(22);
    const completed = events
      .filter((e) => e.ResourceStatus === 'CREATE_COMPLETE' && e.ResourceType !== 'AWS::CloudFormation::Stack')
      .map((e) => e.LogicalResourceId!)
      .reverse();
    const cameBefore = (a: string, b: string) => completed.indexOf(a) < completed.indexOf(b);
    expect(cameBefore('VPC', 'PublicSubnetA')).toBe(true);
    expect(cameBefore('GatewayAttachment', 'DefaultPublicRoute')).toBe(true);
    expect(cameBefore('PublicRouteTable', 'PublicSubnetARouteTableAssociation')).toBe(true);
    expect(new Set(events.map((e) => e.EventId)).size).toBe(events.length);
  });

  it('builds a stack from a JSON template with Fn::Sub variables, Fn::Split and parameters passed in', async () => {
    const { cloudformation, ec2 } = clientsFor();
    const template = {
      Parameters: {
        Cidr: { Type: 'String', AllowedValues: ['10.20.0.0/16', '10.30.0.0/16'] },
        Environment: { Type: 'String', Default: 'lab' },
      },
      Conditions: { IsLab: { 'Fn::Equals': [{ Ref: 'Environment' }, 'lab'] } },
      Resources: {
        Network: {
          Type: 'AWS::EC2::VPC',
          Properties: {
            CidrBlock: { Ref: 'Cidr' },
            // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
            Tags: [{ Key: 'Name', Value: { 'Fn::Sub': ['${Env}-network', { Env: { Ref: 'Environment' } }] } }],
          },
        },
        Subnet: {
          Type: 'AWS::EC2::Subnet',
          Properties: {
            VpcId: { Ref: 'Network' },
            CidrBlock: { 'Fn::Select': [0, { 'Fn::Split': [',', '10.20.1.0/24,10.20.2.0/24'] }] },
            AvailabilityZone: {
              'Fn::If': [
                'IsLab',
                { 'Fn::Select': [2, { 'Fn::GetAZs': { Ref: 'AWS::Region' } }] },
                { Ref: 'AWS::NoValue' },
              ],
            },
          },
        },
      },
      Outputs: {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
        Range: { Value: { 'Fn::Sub': '${Network.CidrBlock} in ${AWS::AccountId}, cost ${!Literal}' } },
        Zone: { Value: { 'Fn::GetAtt': ['Subnet', 'AvailabilityZone'] } },
      },
    };
    const stack = await createStack(cloudformation, 'json-stack', JSON.stringify(template, null, 2), [
      { ParameterKey: 'Cidr', ParameterValue: '10.20.0.0/16' },
    ]);
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    expect(Object.fromEntries(stack.Outputs!.map((o) => [o.OutputKey, o.OutputValue]))).toEqual({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
      Range: '10.20.0.0/16 in 123456789012, cost ${Literal}',
      Zone: 'us-west-2c',
    });
    const vpcs = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['lab-network'] }] })))
      .Vpcs!;
    expect(vpcs.map((v) => v.CidrBlock)).toEqual(['10.20.0.0/16']);
  });

  it('builds a security group and an instance, with the key pair and image checked as parameters', async () => {
    const { cloudformation, ec2 } = clientsFor();
    await ec2.send(new CreateKeyPairCommand({ KeyName: 'edx-key' }));
    const template = `Parameters:
  KeyName:
    Type: AWS::EC2::KeyPair::KeyName
  ImageId:
    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
    Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64
Resources:
  VPC:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.1.0.0/16 }
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref VPC, CidrBlock: 10.1.1.0/24, MapPublicIpOnLaunch: true }
  WebGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: Web and SSH
      VpcId: !Ref VPC
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }
        - { IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0 }
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: !Ref ImageId
      InstanceType: t3.micro
      KeyName: !Ref KeyName
      SubnetId: !Ref Subnet
      SecurityGroupIds: [!GetAtt WebGroup.GroupId]
      UserData: !Base64 |
        #!/bin/bash
        dnf install -y httpd
      Tags: [{ Key: Name, Value: web }]
Outputs:
  Url:
    Value: !Sub 'http://\${Web.PublicIp}/'
  PrivateIp:
    Value: !GetAtt Web.PrivateIp
`;
    const refused = await errorOf(
      createStack(cloudformation, 'web', template, [{ ParameterKey: 'KeyName', ParameterValue: 'no-such-key' }]),
    );
    expect(refused).toMatchObject({
      name: 'ValidationError',
      message:
        'Parameter validation failed: parameter value no-such-key for parameter name KeyName does not exist. Rollback ' +
        'requested by user.',
    });

    const stack = await createStack(cloudformation, 'web', template, [
      { ParameterKey: 'KeyName', ParameterValue: 'edx-key' },
    ]);
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    const instance = (
      await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['web'] }] }))
    ).Reservations![0]!.Instances![0]!;
    expect(instance).toMatchObject({
      ImageId: amazonLinuxImageId('us-west-2'),
      InstanceType: 't3.micro',
      KeyName: 'edx-key',
      State: { Name: 'running' },
    });
    const outputs = Object.fromEntries(stack.Outputs!.map((o) => [o.OutputKey, o.OutputValue]));
    expect(outputs.Url).toBe(`http://${instance.PublicIpAddress}/`);
    expect(outputs.PrivateIp).toBe(instance.PrivateIpAddress);
    const group = (
      await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [instance.SecurityGroups![0]!.GroupId!] }))
    ).SecurityGroups![0]!;
    expect(group.IpPermissions!.map((p) => p.FromPort).sort()).toEqual([22, 80]);
    expect(group.GroupName).toMatch(/^web-WebGroup-[A-Z0-9]{12}$/);
  });

  it("launches an instance with the template's metadata options, else its image's", async () => {
    const { cloudformation, ec2 } = clientsFor();
    const template = `Resources:
  Tuned:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ${amazonLinuxImageId('us-west-2')}
      InstanceType: t3.micro
      MetadataOptions: { HttpTokens: optional, HttpPutResponseHopLimit: 3 }
      Tags: [{ Key: Name, Value: tuned }]
  Plain:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ${amazonLinuxImageId('us-west-2')}
      InstanceType: t3.micro
      Tags: [{ Key: Name, Value: plain }]
`;
    expect((await createStack(cloudformation, 'metadata', template)).StackStatus).toBe('CREATE_COMPLETE');
    const optionsOf = async (name: string) =>
      (await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: [name] }] })))
        .Reservations![0]!.Instances![0]!.MetadataOptions;
    expect(await optionsOf('tuned')).toMatchObject({ HttpTokens: 'optional', HttpPutResponseHopLimit: 3 });
    expect(await optionsOf('plain')).toMatchObject({ HttpTokens: 'required', HttpPutResponseHopLimit: 2 });
  });
});

describe('Elastic IPs and NAT gateways in stacks', () => {
  const natTemplate = `Resources:
  VPC:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.1.0.0/16 }
  Gateway:
    Type: AWS::EC2::InternetGateway
  Attachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: { VpcId: !Ref VPC, InternetGatewayId: !Ref Gateway }
  PublicSubnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref VPC, CidrBlock: 10.1.1.0/24 }
  NatAddress:
    Type: AWS::EC2::EIP
    DependsOn: Attachment
    Properties: { Domain: vpc }
  Nat:
    Type: AWS::EC2::NatGateway
    Properties:
      SubnetId: !Ref PublicSubnet
      AllocationId: !GetAtt NatAddress.AllocationId
      Tags: [{ Key: Name, Value: edx-nat }]
Outputs:
  Address: { Value: !Ref NatAddress }
  NatId: { Value: !Ref Nat }
`;

  it('builds a NAT gateway holding an Elastic IP the stack allocates', async () => {
    const { cloudformation, ec2 } = clientsFor();
    const stack = await createStack(cloudformation, 'nat', natTemplate);
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    const outputs = Object.fromEntries(stack.Outputs!.map((o) => [o.OutputKey, o.OutputValue]));
    const [nat] = (await ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [outputs.NatId!] }))).NatGateways!;
    expect(nat).toMatchObject({
      State: 'available',
      Tags: expect.arrayContaining([{ Key: 'Name', Value: 'edx-nat' }]),
    });
    expect(nat!.NatGatewayAddresses![0]!.PublicIp).toBe(outputs.Address);
  });

  it('deletes the NAT gateway and releases its Elastic IP with the stack', async () => {
    const { cloudformation, ec2 } = clientsFor();
    await createStack(cloudformation, 'nat', natTemplate);
    await cloudformation.send(new DeleteStackCommand({ StackName: 'nat' }));
    expect((await ec2.send(new DescribeAddressesCommand({}))).Addresses).toEqual([]);
    const nats = (await ec2.send(new DescribeNatGatewaysCommand({}))).NatGateways!;
    expect(nats.map((n) => n.State)).toEqual(['deleted']);
  });
});

describe('network ACLs in stacks', () => {
  const aclTemplate = `Resources:
  VPC:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.1.0.0/16 }
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref VPC, CidrBlock: 10.1.1.0/24 }
  Acl:
    Type: AWS::EC2::NetworkAcl
    Properties: { VpcId: !Ref VPC, Tags: [{ Key: Name, Value: edx-acl }] }
  AllowSsh:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref Acl
      RuleNumber: 100
      Protocol: 6
      RuleAction: allow
      CidrBlock: 0.0.0.0/0
      PortRange: { From: 22, To: 22 }
  SubnetAcl:
    Type: AWS::EC2::SubnetNetworkAclAssociation
    Properties: { SubnetId: !Ref Subnet, NetworkAclId: !Ref Acl }
Outputs:
  AclId: { Value: !Ref Acl }
  SubnetId: { Value: !Ref Subnet }
`;

  it('builds an ACL with its rule and puts the subnet in it', async () => {
    const { cloudformation, ec2 } = clientsFor();
    const stack = await createStack(cloudformation, 'acl', aclTemplate);
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    const outputs = Object.fromEntries(stack.Outputs!.map((o) => [o.OutputKey, o.OutputValue]));
    const [acl] = (
      await ec2.send(
        new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [outputs.SubnetId!] }] }),
      )
    ).NetworkAcls!;
    expect(acl!.NetworkAclId).toBe(outputs.AclId);
    expect(acl!.Entries!.filter((e) => e.RuleNumber === 100)).toEqual([
      {
        RuleNumber: 100,
        Protocol: '6',
        RuleAction: 'allow',
        Egress: false,
        CidrBlock: '0.0.0.0/0',
        PortRange: { From: 22, To: 22 },
      },
    ]);
  });

  it('deletes the ACL with the stack, its subnet returning to the default ACL first', async () => {
    const { cloudformation, ec2 } = clientsFor();
    const stack = await createStack(cloudformation, 'acl', aclTemplate);
    await cloudformation.send(new DeleteStackCommand({ StackName: 'acl' }));
    const after = await cloudformation.send(new DescribeStacksCommand({ StackName: stack.StackId }));
    expect(after.Stacks![0]!.StackStatus).toBe('DELETE_COMPLETE');
    expect(await vpcIdsOf(ec2)).toEqual([]);
  });
});

describe('templates from the course', () => {
  it("builds the CloudFormation lesson's template exactly as the lesson prints it", async () => {
    const { cloudformation, ec2 } = clientsFor();
    const lesson = readFileSync(new URL('../../content/week-1/cloudformation.mdx', import.meta.url), 'utf8');
    const template = /```yaml\n(AWSTemplateFormatVersion[\s\S]*?)```/.exec(lesson)![1]!;
    const validated = await cloudformation.send(new ValidateTemplateCommand({ TemplateBody: template }));
    expect(validated.Parameters!.map((p) => p.ParameterKey)).toEqual([
      'VpcCidr',
      'PublicSubnetACidr',
      'PublicSubnetBCidr',
      'PrivateSubnetACidr',
      'PrivateSubnetBCidr',
    ]);
    const stack = await createStack(cloudformation, 'edx-vpc-stack', template);
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    const outputs = Object.fromEntries(stack.Outputs!.map((o) => [o.OutputKey, o.OutputValue]));
    expect(outputs.StackRegion).toBe('us-west-2 (stack edx-vpc-stack)');
    expect(outputs.PrivateSubnets!.split(',')).toHaveLength(2);
    const subnets = (
      await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [outputs.VpcId!] }] }))
    ).Subnets!;
    expect(
      subnets
        .filter((s) => s.MapPublicIpOnLaunch)
        .map((s) => nameOf(s.Tags))
        .sort(),
    ).toEqual(['edx-subnet-public-a', 'edx-subnet-public-b']);
  });

  it('skips a resource whose condition is false and drops properties set to AWS::NoValue', async () => {
    const { cloudformation, ec2 } = clientsFor();
    const template = `Parameters:
  WithPrivate: { Type: String, Default: 'no', AllowedValues: ['yes', 'no'] }
Conditions:
  Private: !Equals [!Ref WithPrivate, 'yes']
  Public: !Not [!Condition Private]
Resources:
  VPC:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.5.0.0/16 }
  PrivateSubnet:
    Type: AWS::EC2::Subnet
    Condition: Private
    Properties: { VpcId: !Ref VPC, CidrBlock: 10.5.2.0/24 }
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref VPC
      CidrBlock: 10.5.1.0/24
      AvailabilityZone: !If [Public, !Ref 'AWS::NoValue', us-west-2d]
      MapPublicIpOnLaunch: !If [Public, true, false]
Outputs:
  Kind:
    Value: !If [Private, private, public]
  PrivateSubnet:
    Condition: Private
    Value: !Ref PrivateSubnet
`;
    const stack = await createStack(cloudformation, 'conditional', template);
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    expect(stack.Outputs).toEqual([{ OutputKey: 'Kind', OutputValue: 'public' }]);
    const resources = (await cloudformation.send(new DescribeStackResourcesCommand({ StackName: 'conditional' })))
      .StackResources!;
    expect(resources.map((r) => r.LogicalResourceId)).toEqual(['VPC', 'Subnet']);
    const subnets = (
      await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'cidr-block', Values: ['10.5.*'] }] }))
    ).Subnets!;
    expect(subnets).toHaveLength(1);
    expect(subnets[0]).toMatchObject({ CidrBlock: '10.5.1.0/24', MapPublicIpOnLaunch: true });
  });
});

describe('CloudFormation refusals', () => {
  it('refuses a stack whose parameters have no value, are unknown or break AllowedValues', async () => {
    const { cloudformation } = clientsFor();
    const template = `Parameters:
  Cidr: { Type: String }
  Size: { Type: String, Default: small, AllowedValues: [small, large] }
Resources:
  VPC: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: !Ref Cidr } }
`;
    expect(await errorOf(createStack(cloudformation, 'params', template))).toMatchObject({
      name: 'ValidationError',
      status: 400,
      message: 'Parameters: [Cidr] must have values',
    });
    const unknown = [
      { ParameterKey: 'Cidr', ParameterValue: '10.0.0.0/16' },
      { ParameterKey: 'Colour', ParameterValue: 'blue' },
    ];
    expect((await errorOf(createStack(cloudformation, 'params', template, unknown))).message).toBe(
      'Parameters: [Colour] do not exist in the template',
    );
    const huge = [
      { ParameterKey: 'Cidr', ParameterValue: '10.0.0.0/16' },
      { ParameterKey: 'Size', ParameterValue: 'huge' },
    ];
    expect((await errorOf(createStack(cloudformation, 'params', template, huge))).message).toBe(
      "Parameter 'Size' must be one of AllowedValues",
    );
    const listed = await cloudformation.send(new ListStacksCommand({}));
    expect(listed.StackSummaries ?? []).toEqual([]);
  });

  it.each([
    [
      'invalid YAML',
      'Resources:\n  VPC:\n    Type: AWS::EC2::VPC\n   Properties: [',
      /^Template format error: YAML not well-formed\. \(line \d+, column \d+\)$/,
    ],
    [
      'invalid JSON',
      '{\n  "Resources": {\n    "VPC": { "Type": "AWS::EC2::VPC", }\n  }\n}',
      /^Template format error: JSON not well-formed\. \(line 3, column 39\)$/,
    ],
    [
      'an unknown intrinsic function',
      'Resources:\n  VPC:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: { "Fn::Frobnicate": x }',
      /^Template format error: Encountered unsupported function: Fn::Frobnicate Supported functions are: \[/,
    ],
    [
      'an unknown short-form tag',
      'Resources:\n  VPC:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !Frobnicate x',
      /^Template format error: YAML not well-formed\. \(line 5, column 18\)$/,
    ],
    [
      'a Ref to nothing',
      'Resources:\n  Subnet:\n    Type: AWS::EC2::Subnet\n    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24 }',
      /^Template format error: Unresolved resource dependencies \[Vpc\] in the Resources block of the template$/,
    ],
    [
      'a GetAtt of an attribute the type lacks',
      'Resources:\n  VPC: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }\nOutputs:\n  X: { Value: ' +
        '!GetAtt VPC.Colour }',
      /^Template error: resource VPC does not support attribute type Colour in Fn::GetAtt$/,
    ],
    [
      'a circular dependency',
      'Resources:\n  A: { Type: AWS::EC2::VPC, DependsOn: B }\n  B: { Type: AWS::EC2::VPC, DependsOn: A }',
      /^Template format error: Circular dependency between resources: \[A, B\]$/,
    ],
    [
      'no resources',
      'Description: empty\n',
      /^Template format error: At least one Resources member must be defined\.$/,
    ],
    [
      'a resource without a Type',
      'Resources:\n  VPC:\n    Properties: {}',
      /Every Resources object must contain a Type member\.$/,
    ],
  ])('refuses a template with %s', async (_what, body, message) => {
    const { cloudformation, ec2 } = clientsFor();
    const error = await errorOf(cloudformation.send(new CreateStackCommand({ StackName: 'bad', TemplateBody: body })));
    expect(error).toMatchObject({ name: 'ValidationError', status: 400 });
    expect(error.message).toMatch(message);
    expect((await errorOf(cloudformation.send(new ValidateTemplateCommand({ TemplateBody: body })))).message).toMatch(
      message,
    );
    expect(await vpcIdsOf(ec2)).toEqual([]);
  });

  it('refuses a second stack with the name of a live one', async () => {
    const { cloudformation } = clientsFor();
    await createStack(cloudformation, 'edx-vpc-stack', vpcTemplate);
    const error = await errorOf(createStack(cloudformation, 'edx-vpc-stack', vpcTemplate));
    expect(error).toMatchObject({
      name: 'AlreadyExistsException',
      status: 400,
      message: 'Stack [edx-vpc-stack] already exists',
    });
  });

  it('refuses a stack name CloudFormation does not accept', async () => {
    const { cloudformation } = clientsFor();
    const error = await errorOf(createStack(cloudformation, 'edx_vpc', vpcTemplate));
    expect(error.name).toBe('ValidationError');
    expect(error.message).toContain("Value 'edx_vpc' at 'stackName' failed to satisfy constraint");
  });

  it('rolls back a stack with a resource type the sandbox does not build, leaving nothing behind', async () => {
    const { cloudformation, ec2 } = clientsFor();
    const template = `Resources:
  VPC:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.1.0.0/16 }
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref VPC, CidrBlock: 10.1.1.0/24 }
  Database:
    Type: AWS::RDS::DBInstance
    DependsOn: Subnet
    Properties: { Engine: mysql }
`;
    const stack = await createStack(cloudformation, 'with-rds', template);
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    const events = await eventsOf(cloudformation, 'with-rds');
    expect(events.find((e) => e.ResourceStatus === 'CREATE_FAILED')).toMatchObject({
      LogicalResourceId: 'Database',
      ResourceStatusReason: 'Resource type AWS::RDS::DBInstance is not supported by the sandbox',
    });
    expect(events.find((e) => e.ResourceStatus === 'ROLLBACK_IN_PROGRESS')!.ResourceStatusReason).toBe(
      'The following resource(s) failed to create: [Database]. Rollback requested by user.',
    );
    expect(events.filter((e) => e.ResourceStatus === 'DELETE_COMPLETE').map((e) => e.LogicalResourceId)).toEqual([
      'VPC',
      'Subnet',
      'Database',
    ]);
    const vpcs = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs!;
    expect(vpcs.map((v) => v.IsDefault)).toEqual([true]);
    // A rolled-back stack keeps its name until it is deleted, as on AWS.
    expect((await errorOf(createStack(cloudformation, 'with-rds', template))).name).toBe('AlreadyExistsException');
  });

  it("rolls back when EC2 refuses a resource, with EC2's message as the reason", async () => {
    const { cloudformation, ec2 } = clientsFor();
    const template = vpcTemplate.replace('CidrBlock: 10.1.4.0/24', 'CidrBlock: 10.2.4.0/24');
    const stack = await createStack(cloudformation, 'edx-vpc-stack', template);
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    const failed = (await eventsOf(cloudformation, 'edx-vpc-stack')).find((e) => e.ResourceStatus === 'CREATE_FAILED')!;
    expect(failed.LogicalResourceId).toBe('PrivateSubnetB');
    expect(failed.ResourceStatusReason).toMatch(/10\.2\.4\.0\/24/);
    expect(await vpcIdsOf(ec2)).toEqual([]);
    expect(
      (await ec2.send(new DescribeInternetGatewaysCommand({}))).InternetGateways!.filter(
        (g) => g.Attachments!.length === 0,
      ),
    ).toEqual([]);
  });

  it('fails a resource whose required property is missing', async () => {
    const { cloudformation } = clientsFor();
    const stack = await createStack(cloudformation, 'no-cidr', 'Resources:\n  VPC:\n    Type: AWS::EC2::VPC\n');
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    const failed = (await eventsOf(cloudformation, 'no-cidr')).find((e) => e.ResourceStatus === 'CREATE_FAILED')!;
    expect(failed.ResourceStatusReason).toBe(
      'Properties validation failed for resource VPC with message: #: required key [CidrBlock] not found',
    );
  });

  it('fails resources the caller may not create through EC2, as CloudFormation acts with the caller’s permissions', async () => {
    const root = clientsFor();
    await root.iam.send(new CreateUserCommand({ UserName: 'stacker' }));
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'cloudformation:*', Resource: '*' }],
    };
    await root.iam.send(
      new PutUserPolicyCommand({ UserName: 'stacker', PolicyName: 'cfn-only', PolicyDocument: JSON.stringify(policy) }),
    );
    const key = (await root.iam.send(new CreateAccessKeyCommand({ UserName: 'stacker' }))).AccessKey!;
    const { cloudformation } = clientsFor({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    const stack = await createStack(cloudformation, 'edx-vpc-stack', vpcTemplate);
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    const failed = (await eventsOf(cloudformation, 'edx-vpc-stack')).find((e) => e.ResourceStatus === 'CREATE_FAILED')!;
    expect(failed).toMatchObject({ LogicalResourceId: 'VPC' });
    expect(failed.ResourceStatusReason).toContain('is not authorized to perform: ec2:CreateVpc');
  });
});

describe('deleting stacks', () => {
  it("deletes the stack's resources and keeps the stack describable by id only", async () => {
    const { cloudformation, ec2 } = clientsFor();
    const { StackId } = await createStack(cloudformation, 'edx-vpc-stack', vpcTemplate);
    await cloudformation.send(new DeleteStackCommand({ StackName: 'edx-vpc-stack' }));
    expect(await vpcIdsOf(ec2)).toEqual([]);
    expect(
      (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'tag:Name', Values: ['edx-*'] }] }))).Subnets,
    ).toEqual([]);
    expect(
      (await ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'tag:Name', Values: ['edx-igw'] }] })))
        .InternetGateways,
    ).toEqual([]);

    const byName = await errorOf(cloudformation.send(new DescribeStacksCommand({ StackName: 'edx-vpc-stack' })));
    expect(byName).toMatchObject({ name: 'ValidationError', message: 'Stack with id edx-vpc-stack does not exist' });
    const byId = (await cloudformation.send(new DescribeStacksCommand({ StackName: StackId }))).Stacks![0]!;
    expect(byId.StackStatus).toBe('DELETE_COMPLETE');
    expect(byId.DeletionTime).toBeInstanceOf(Date);
    expect((await cloudformation.send(new DescribeStacksCommand({}))).Stacks ?? []).toEqual([]);
    const listed = await cloudformation.send(new ListStacksCommand({ StackStatusFilter: ['DELETE_COMPLETE'] }));
    expect(listed.StackSummaries!.map((s) => s.StackName)).toEqual(['edx-vpc-stack']);
    const events = await eventsOf(cloudformation, StackId!);
    expect(events[0]).toMatchObject({ LogicalResourceId: 'edx-vpc-stack', ResourceStatus: 'DELETE_COMPLETE' });
    expect(events.filter((e) => e.ResourceStatus === 'DELETE_COMPLETE')).toHaveLength(12);

    // The name is free again.
    expect((await createStack(cloudformation, 'edx-vpc-stack', vpcTemplate)).StackStatus).toBe('CREATE_COMPLETE');
  });

  it('answers success for a stack that does not exist', async () => {
    const { cloudformation } = clientsFor();
    await expect(cloudformation.send(new DeleteStackCommand({ StackName: 'never-created' }))).resolves.toBeDefined();
  });

  it('fails to delete a subnet that still has an instance, and succeeds once the instance is gone', async () => {
    const { cloudformation, ec2 } = clientsFor();
    await createStack(cloudformation, 'edx-vpc-stack', vpcTemplate);
    const subnetId = (
      await cloudformation.send(
        new DescribeStackResourcesCommand({ StackName: 'edx-vpc-stack', LogicalResourceId: 'PublicSubnetA' }),
      )
    ).StackResources![0]!.PhysicalResourceId;
    const launched = await ec2.send(
      new RunInstancesCommand({
        ImageId: amazonLinuxImageId('us-west-2'),
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        SubnetId: subnetId,
      }),
    );

    await cloudformation.send(new DeleteStackCommand({ StackName: 'edx-vpc-stack' }));
    const stack = (await cloudformation.send(new DescribeStacksCommand({ StackName: 'edx-vpc-stack' }))).Stacks![0]!;
    expect(stack.StackStatus).toBe('DELETE_FAILED');
    expect(stack.StackStatusReason).toBe('The following resource(s) failed to delete: [PublicSubnetA, VPC]. ');
    const failed = (await eventsOf(cloudformation, 'edx-vpc-stack')).find(
      (e) => e.LogicalResourceId === 'PublicSubnetA' && e.ResourceStatus === 'DELETE_FAILED',
    )!;
    expect(failed.ResourceStatusReason).toContain(`The subnet '${subnetId}' has dependencies and cannot be deleted.`);

    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [launched.Instances![0]!.InstanceId!] }));
    await cloudformation.send(new DeleteStackCommand({ StackName: 'edx-vpc-stack' }));
    expect(
      (await cloudformation.send(new DescribeStacksCommand({ StackName: stack.StackId }))).Stacks![0]!.StackStatus,
    ).toBe('DELETE_COMPLETE');
    expect(await vpcIdsOf(ec2)).toEqual([]);
  });
});

describe('deleting a stack whose VPC holds a security group made outside it', () => {
  async function stackWithOutsideGroup() {
    const { cloudformation, ec2 } = clientsFor();
    await createStack(cloudformation, 'edx-vpc-stack', vpcTemplate);
    const [vpcId] = await vpcIdsOf(ec2);
    const { GroupId } = await ec2.send(
      new CreateSecurityGroupCommand({ GroupName: 'exercise3-sg', Description: 'Web and SSH', VpcId: vpcId }),
    );
    await cloudformation.send(new DeleteStackCommand({ StackName: 'edx-vpc-stack' }));
    return { cloudformation, ec2, vpcId: vpcId!, groupId: GroupId! };
  }

  it('fails with the VPC left, as CloudFormation does', async () => {
    const { cloudformation } = await stackWithOutsideGroup();
    const stack = (await cloudformation.send(new DescribeStacksCommand({ StackName: 'edx-vpc-stack' }))).Stacks![0]!;
    expect(stack).toMatchObject({
      StackStatus: 'DELETE_FAILED',
      StackStatusReason: 'The following resource(s) failed to delete: [VPC]. ',
    });
    const events = await eventsOf(cloudformation, 'edx-vpc-stack');
    expect(events.filter((e) => e.LogicalResourceId === 'edx-vpc-stack').map((e) => e.ResourceStatus)).toEqual([
      'DELETE_FAILED',
      'DELETE_IN_PROGRESS',
      'CREATE_COMPLETE',
      'CREATE_IN_PROGRESS',
    ]);
  });

  it("names the VPC's dependency error in the VPC's DELETE_FAILED event, as a resource handler reports it", async () => {
    const { cloudformation, vpcId } = await stackWithOutsideGroup();
    const failed = (await eventsOf(cloudformation, 'edx-vpc-stack')).find(
      (e) => e.LogicalResourceId === 'VPC' && e.ResourceStatus === 'DELETE_FAILED',
    )!;
    expect(failed.PhysicalResourceId).toBe(vpcId);
    const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
    expect(failed.ResourceStatusReason).toMatch(
      new RegExp(
        `^Resource handler returned message: "The vpc '${vpcId}' has dependencies and cannot be deleted\\. ` +
          `\\(Service: Ec2, Status Code: 400, Request ID: ${uuid}\\)" \\(RequestToken: ${uuid}, ` +
          'HandlerErrorCode: InvalidRequest\\)$',
      ),
    );
  });

  it('deletes every other resource of the stack, and keeps the VPC and the group', async () => {
    const { cloudformation, ec2, vpcId, groupId } = await stackWithOutsideGroup();
    const resources = (await cloudformation.send(new DescribeStackResourcesCommand({ StackName: 'edx-vpc-stack' })))
      .StackResources!;
    expect(resources.filter((r) => r.ResourceStatus !== 'DELETE_COMPLETE').map((r) => r.LogicalResourceId)).toEqual([
      'VPC',
    ]);
    expect(await vpcIdsOf(ec2)).toEqual([vpcId]);
    expect(
      (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).Subnets,
    ).toEqual([]);
    expect((await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }))).SecurityGroups).toHaveLength(1);
  });

  it('succeeds when deleted again once the group is gone', async () => {
    const { cloudformation, ec2, groupId } = await stackWithOutsideGroup();
    const { StackId } = (await cloudformation.send(new DescribeStacksCommand({ StackName: 'edx-vpc-stack' })))
      .Stacks![0]!;
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId }));
    await cloudformation.send(new DeleteStackCommand({ StackName: 'edx-vpc-stack' }));
    expect((await cloudformation.send(new DescribeStacksCommand({ StackName: StackId }))).Stacks![0]!.StackStatus).toBe(
      'DELETE_COMPLETE',
    );
    expect(await vpcIdsOf(ec2)).toEqual([]);
  });
});

describe('templates', () => {
  it('validates a template and reports its parameters and description', async () => {
    const { cloudformation } = clientsFor();
    const answer = await cloudformation.send(
      new ValidateTemplateCommand({
        TemplateBody: vpcTemplate.replace('Default: 10.1.1.0/24', 'Default: 10.1.1.0/24\n    NoEcho: true'),
      }),
    );
    expect(answer.Description).toBe(
      'The course VPC for exercise 3, with public and private subnets in two Availability Zones.',
    );
    expect(answer.Parameters).toEqual([
      { ParameterKey: 'VpcCidr', DefaultValue: '10.1.0.0/16', NoEcho: false, Description: "The VPC's address range" },
      { ParameterKey: 'PublicSubnetACidr', DefaultValue: '10.1.1.0/24', NoEcho: true },
    ]);
  });

  it('gives back the template a stack was created from, and hides NoEcho parameter values', async () => {
    const { cloudformation } = clientsFor();
    const template = vpcTemplate.replace('Default: 10.1.1.0/24', 'Default: 10.1.1.0/24\n    NoEcho: true');
    const stack = await createStack(cloudformation, 'edx-vpc-stack', template);
    expect(stack.Parameters).toContainEqual({ ParameterKey: 'PublicSubnetACidr', ParameterValue: '****' });
    const answer = await cloudformation.send(new GetTemplateCommand({ StackName: 'edx-vpc-stack' }));
    expect(answer.TemplateBody).toBe(template);
  });
});
