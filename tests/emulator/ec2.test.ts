import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateKeyPairCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DeleteInternetGatewayCommand,
  DeleteKeyPairCommand,
  DeleteRouteTableCommand,
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  DetachInternetGatewayCommand,
  DisassociateRouteTableCommand,
  DeleteTagsCommand,
  DeleteVpcCommand,
  DescribeAvailabilityZonesCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeKeyPairsCommand,
  DescribeRegionsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  ImportKeyPairCommand,
  ModifySubnetAttributeCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  paginateDescribeInstances,
  waitUntilInstanceRunning,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

const sandbox = useSandbox();

const nameTag = (
  resourceType: 'vpc' | 'subnet' | 'instance' | 'security-group' | 'internet-gateway' | 'route-table',
  name: string,
) => [{ ResourceType: resourceType, Tags: [{ Key: 'Name', Value: name }] }];

/** The course's network: a VPC with a public subnet (route to an attached IGW, public IPs) and a private one. */
async function buildCourseNetwork(ec2: EC2Client) {
  const vpc = (
    await ec2.send(
      new CreateVpcCommand({ CidrBlock: '10.1.0.0/16', TagSpecifications: nameTag('vpc', 'edx-build-aws-vpc') }),
    )
  ).Vpc!;
  const publicSubnet = (
    await ec2.send(
      new CreateSubnetCommand({
        VpcId: vpc.VpcId,
        CidrBlock: '10.1.1.0/24',
        AvailabilityZone: 'us-west-2a',
        TagSpecifications: nameTag('subnet', 'edx-subnet-public-a'),
      }),
    )
  ).Subnet!;
  const privateSubnet = (
    await ec2.send(
      new CreateSubnetCommand({
        VpcId: vpc.VpcId,
        CidrBlock: '10.1.3.0/24',
        AvailabilityZone: 'us-west-2a',
        TagSpecifications: nameTag('subnet', 'edx-subnet-private-a'),
      }),
    )
  ).Subnet!;
  await ec2.send(
    new ModifySubnetAttributeCommand({ SubnetId: publicSubnet.SubnetId, MapPublicIpOnLaunch: { Value: true } }),
  );
  const igw = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!;
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId, VpcId: vpc.VpcId }));
  const table = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpc.VpcId }))).RouteTable!;
  await ec2.send(
    new CreateRouteCommand({
      RouteTableId: table.RouteTableId,
      DestinationCidrBlock: '0.0.0.0/0',
      GatewayId: igw.InternetGatewayId,
    }),
  );
  await ec2.send(new AssociateRouteTableCommand({ RouteTableId: table.RouteTableId, SubnetId: publicSubnet.SubnetId }));
  const group = await ec2.send(
    new CreateSecurityGroupCommand({ GroupName: 'exercise3-sg', Description: 'exercise3-sg', VpcId: vpc.VpcId }),
  );
  return { vpc, publicSubnet, privateSubnet, igw, table, groupId: group.GroupId! };
}

describe('EC2 in the sandbox', () => {
  it('gives every region a default VPC with a default subnet per zone', async () => {
    const { ec2 } = clientsFor();
    const vpcs = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs!;
    expect(vpcs).toHaveLength(1);
    expect(vpcs[0]).toMatchObject({
      CidrBlock: '172.31.0.0/16',
      IsDefault: true,
      State: 'available',
      OwnerId: '123456789012',
    });
    const subnets = (
      await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }))
    ).Subnets!;
    expect(subnets.map((s) => s.AvailabilityZone).sort()).toEqual([
      'us-west-2a',
      'us-west-2b',
      'us-west-2c',
      'us-west-2d',
    ]);
  });

  it('shows a region’s default VPC to reads without storing anything, and keeps its ids once a write stores it', async () => {
    const { ec2 } = clientsFor(undefined, 'eu-central-1');
    // Every call records its key's last use, as IAM does; the resources are what must not change.
    const resources = () => JSON.stringify({ accounts: sandbox().state.accounts, buckets: sandbox().state.buckets });
    const before = resources();
    const first = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs![0]!.VpcId;
    const again = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs![0]!.VpcId;
    expect(resources()).toBe(before);
    expect(again).toBe(first);
    await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }));
    const stored = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] })))
      .Vpcs![0]!.VpcId;
    expect(stored).toBe(first);
  });

  it('keeps regions apart', async () => {
    const { ec2 } = clientsFor(undefined, 'us-west-2');
    await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }));
    const east = clientsFor(undefined, 'us-east-1').ec2;
    expect((await east.send(new DescribeVpcsCommand({}))).Vpcs).toHaveLength(1);
    expect((await ec2.send(new DescribeVpcsCommand({}))).Vpcs).toHaveLength(2);
  });

  it('lists regions and the availability zones of the client region', async () => {
    const { ec2 } = clientsFor();
    const regions = (await ec2.send(new DescribeRegionsCommand({}))).Regions!.map((r) => r.RegionName);
    expect(regions).toContain('us-west-2');
    const zones = (await ec2.send(new DescribeAvailabilityZonesCommand({}))).AvailabilityZones!;
    expect(zones.map((z) => z.ZoneName)).toEqual(['us-west-2a', 'us-west-2b', 'us-west-2c', 'us-west-2d']);
    expect(zones[0]).toMatchObject({ RegionName: 'us-west-2', State: 'available', ZoneId: 'usw2-az1' });
  });

  it('finds a VPC by its Name tag, with wildcards, and ANDs filters', async () => {
    const { ec2 } = clientsFor();
    const { vpc } = await buildCourseNetwork(ec2);
    const byName = await ec2.send(
      new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['edx-build-aws-vpc'] }] }),
    );
    expect(byName.Vpcs!.map((v) => v.VpcId)).toEqual([vpc.VpcId]);
    const wildcard = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['edx-*'] }] }));
    expect(wildcard.Vpcs).toHaveLength(1);
    const none = await ec2.send(
      new DescribeVpcsCommand({
        Filters: [
          { Name: 'tag:Name', Values: ['edx-build-aws-vpc'] },
          { Name: 'is-default', Values: ['true'] },
        ],
      }),
    );
    expect(none.Vpcs).toEqual([]);
  });

  it('refuses an unknown filter name as EC2 does', async () => {
    const { ec2 } = clientsFor();
    const error = await errorOf(ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'colour', Values: ['blue'] }] })));
    expect(error).toMatchObject({ name: 'InvalidParameterValue', status: 400 });
    expect(error.message).toContain("The filter 'colour' is invalid");
  });

  it('answers unknown and malformed ids with their own error codes', async () => {
    const { ec2 } = clientsFor();
    expect(await errorOf(ec2.send(new DescribeVpcsCommand({ VpcIds: ['vpc-0123456789abcdef0'] })))).toMatchObject({
      name: 'InvalidVpcID.NotFound',
      message: "The vpc ID 'vpc-0123456789abcdef0' does not exist",
    });
    expect((await errorOf(ec2.send(new DescribeVpcsCommand({ VpcIds: ['vpc-nope'] })))).name).toBe(
      'InvalidVpcID.Malformed',
    );
    expect(
      (await errorOf(ec2.send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-0123456789abcdef0'] })))).name,
    ).toBe('InvalidSubnetID.NotFound');
    expect((await errorOf(ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })))).name).toBe(
      'InvalidInstanceID.NotFound',
    );
    expect(
      (await errorOf(ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-0123456789abcdef0'] })))).name,
    ).toBe('InvalidGroup.NotFound');
  });

  it('applies AWS CIDR rules to VPCs and subnets', async () => {
    const { ec2 } = clientsFor();
    expect((await errorOf(ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/8' })))).name).toBe('InvalidVpc.Range');
    expect((await errorOf(ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/33' })))).name).toBe(
      'InvalidParameterValue',
    );
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc!;
    expect(
      (await errorOf(ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: '10.2.1.0/24' })))).name,
    ).toBe('InvalidSubnet.Range');
    await ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: '10.1.1.0/24' }));
    expect(
      (await errorOf(ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: '10.1.1.128/25' })))).name,
    ).toBe('InvalidSubnet.Conflict');
    expect(
      (
        await errorOf(
          ec2.send(
            new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: '10.1.2.0/24', AvailabilityZone: 'eu-west-1a' }),
          ),
        )
      ).name,
    ).toBe('InvalidParameterValue');
  });

  it('routes a public subnet through an attached internet gateway and reports the association', async () => {
    const { ec2 } = clientsFor();
    const { vpc, publicSubnet, igw, table } = await buildCourseNetwork(ec2);
    const gateways = (
      await ec2.send(
        new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpc.VpcId!] }] }),
      )
    ).InternetGateways!;
    expect(gateways.map((g) => g.InternetGatewayId)).toEqual([igw.InternetGatewayId]);
    expect(gateways[0]!.Attachments).toEqual([{ VpcId: vpc.VpcId, State: 'available' }]);
    const tables = (
      await ec2.send(
        new DescribeRouteTablesCommand({
          Filters: [{ Name: 'association.subnet-id', Values: [publicSubnet.SubnetId!] }],
        }),
      )
    ).RouteTables!;
    expect(tables.map((t) => t.RouteTableId)).toEqual([table.RouteTableId]);
    expect(tables[0]!.Routes).toEqual([
      { DestinationCidrBlock: '10.1.0.0/16', GatewayId: 'local', State: 'active', Origin: 'CreateRouteTable' },
      { DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw.InternetGatewayId, State: 'active', Origin: 'CreateRoute' },
    ]);
    const main = (
      await ec2.send(
        new DescribeRouteTablesCommand({
          Filters: [
            { Name: 'vpc-id', Values: [vpc.VpcId!] },
            { Name: 'association.main', Values: ['true'] },
          ],
        }),
      )
    ).RouteTables!;
    expect(main).toHaveLength(1);
    expect(main[0]!.Routes).toHaveLength(1);
  });

  it('refuses a second attachment, a duplicate route, and a VPC delete with dependencies', async () => {
    const { ec2 } = clientsFor();
    const { vpc, igw, table } = await buildCourseNetwork(ec2);
    expect(
      (
        await errorOf(
          ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId, VpcId: vpc.VpcId })),
        )
      ).name,
    ).toBe('Resource.AlreadyAssociated');
    expect(
      (
        await errorOf(
          ec2.send(
            new CreateRouteCommand({
              RouteTableId: table.RouteTableId,
              DestinationCidrBlock: '0.0.0.0/0',
              GatewayId: igw.InternetGatewayId,
            }),
          ),
        )
      ).name,
    ).toBe('RouteAlreadyExists');
    expect((await errorOf(ec2.send(new DeleteVpcCommand({ VpcId: vpc.VpcId })))).name).toBe('DependencyViolation');
  });

  it('keeps security group rules, groups them per port, and refuses duplicates', async () => {
    const { ec2 } = clientsFor();
    const { groupId, vpc } = await buildCourseNetwork(ec2);
    for (const port of [22, 80]) {
      await ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: groupId,
          IpProtocol: 'tcp',
          FromPort: port,
          ToPort: port,
          CidrIp: '0.0.0.0/0',
        }),
      );
    }
    const duplicate = await errorOf(
      ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: groupId,
          IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        }),
      ),
    );
    expect(duplicate.name).toBe('InvalidPermission.Duplicate');
    const group = (
      await ec2.send(
        new DescribeSecurityGroupsCommand({
          Filters: [
            { Name: 'group-name', Values: ['exercise3-sg'] },
            { Name: 'vpc-id', Values: [vpc.VpcId!] },
          ],
        }),
      )
    ).SecurityGroups![0]!;
    expect(group.IpPermissions).toEqual([
      {
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        IpRanges: [{ CidrIp: '0.0.0.0/0' }],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [],
      },
      {
        IpProtocol: 'tcp',
        FromPort: 80,
        ToPort: 80,
        IpRanges: [{ CidrIp: '0.0.0.0/0' }],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [],
      },
    ]);
    expect(group.IpPermissionsEgress![0]).toMatchObject({ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] });
    expect(
      (
        await errorOf(
          ec2.send(
            new CreateSecurityGroupCommand({ GroupName: 'exercise3-sg', Description: 'again', VpcId: vpc.VpcId }),
          ),
        )
      ).name,
    ).toBe('InvalidGroup.Duplicate');
  });

  it('creates, imports, lists and deletes key pairs', async () => {
    const { ec2 } = clientsFor();
    const created = await ec2.send(new CreateKeyPairCommand({ KeyName: 'edx-key' }));
    expect(created.KeyMaterial).toMatch(
      /^-----BEGIN RSA PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+\n-----END RSA PRIVATE KEY-----$/,
    );
    expect(created.KeyFingerprint).toMatch(/^([0-9a-f]{2}:){19}[0-9a-f]{2}$/);
    const ed = await ec2.send(new CreateKeyPairCommand({ KeyName: 'ed-key', KeyType: 'ed25519' }));
    expect(ed.KeyMaterial).toContain('-----BEGIN OPENSSH PRIVATE KEY-----');
    const publicKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ6v3mOPbVc6cWHnyGcXIm2hgV1jKbrx0ZBbxR3NDWEV learner@laptop';
    const imported = await ec2.send(
      new ImportKeyPairCommand({ KeyName: 'laptop', PublicKeyMaterial: new TextEncoder().encode(publicKey) }),
    );
    expect(imported.KeyFingerprint).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect((await errorOf(ec2.send(new CreateKeyPairCommand({ KeyName: 'edx-key' })))).name).toBe(
      'InvalidKeyPair.Duplicate',
    );
    expect(
      (
        await errorOf(
          ec2.send(
            new ImportKeyPairCommand({ KeyName: 'bad', PublicKeyMaterial: new TextEncoder().encode('not a key') }),
          ),
        )
      ).name,
    ).toBe('InvalidKeyPair.Format');
    const listed = (await ec2.send(new DescribeKeyPairsCommand({}))).KeyPairs!.map((k) => k.KeyName).sort();
    expect(listed).toEqual(['ed-key', 'edx-key', 'laptop']);
    expect((await errorOf(ec2.send(new DescribeKeyPairsCommand({ KeyNames: ['missing'] })))).name).toBe(
      'InvalidKeyPair.NotFound',
    );
    await ec2.send(new DeleteKeyPairCommand({ KeyName: 'laptop' }));
    await ec2.send(new DeleteKeyPairCommand({ KeyName: 'laptop' }));
    expect((await ec2.send(new DescribeKeyPairsCommand({}))).KeyPairs).toHaveLength(2);
  });

  it('launches an instance in a public subnet with a public address, tags and user data', async () => {
    const { ec2, ssm } = clientsFor();
    const { publicSubnet, groupId } = await buildCourseNetwork(ec2);
    await ec2.send(new CreateKeyPairCommand({ KeyName: 'edx-key' }));
    const imageId = (
      await ssm.send(
        new GetParameterCommand({ Name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' }),
      )
    ).Parameter!.Value!;
    expect(imageId).toMatch(/^ami-0[0-9a-f]{16}$/);
    expect((await ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }))).Images![0]!.Name).toContain('al2023');
    const launched = await ec2.send(
      new RunInstancesCommand({
        ImageId: imageId,
        InstanceType: 't2.micro',
        MinCount: 1,
        MaxCount: 1,
        KeyName: 'edx-key',
        SubnetId: publicSubnet.SubnetId,
        SecurityGroupIds: [groupId],
        UserData: btoa('#!/bin/bash\ndnf install -y httpd\n'),
        TagSpecifications: nameTag('instance', 'Ex3WebServer'),
      }),
    );
    const instance = launched.Instances![0]!;
    expect(instance.State).toEqual({ Code: 0, Name: 'pending' });
    await waitUntilInstanceRunning(
      { client: ec2, maxWaitTime: 10, minDelay: 1 },
      { InstanceIds: [instance.InstanceId!] },
    );
    const found = (
      await ec2.send(
        new DescribeInstancesCommand({
          Filters: [
            { Name: 'tag:Name', Values: ['Ex3WebServer'] },
            { Name: 'instance-state-name', Values: ['running'] },
          ],
        }),
      )
    ).Reservations!;
    expect(found).toHaveLength(1);
    const described = found[0]!.Instances![0]!;
    expect(described).toMatchObject({
      InstanceId: instance.InstanceId,
      InstanceType: 't2.micro',
      KeyName: 'edx-key',
      SubnetId: publicSubnet.SubnetId,
      VpcId: publicSubnet.VpcId,
      State: { Code: 16, Name: 'running' },
      Placement: { AvailabilityZone: 'us-west-2a' },
      SecurityGroups: [{ GroupId: groupId, GroupName: 'exercise3-sg' }],
    });
    expect(described.PublicIpAddress).toMatch(/^(203\.0\.113|198\.51\.100)\.\d+$/);
    expect(described.PrivateIpAddress).toMatch(/^10\.1\.1\.\d+$/);
    expect(described.PublicDnsName).toBe(
      `ec2-${described.PublicIpAddress!.replace(/\./g, '-')}.us-west-2.compute.amazonaws.com`,
    );
    expect(described.NetworkInterfaces![0]!.MacAddress).toMatch(/^0a(:[0-9a-f]{2}){5}$/);
  });

  it('gives no public address in a private subnet', async () => {
    const { ec2 } = clientsFor();
    const { privateSubnet } = await buildCourseNetwork(ec2);
    const instance = (
      await ec2.send(
        new RunInstancesCommand({
          ImageId: 'ami-0123456789abcdef0',
          InstanceType: 't2.micro',
          MinCount: 1,
          MaxCount: 1,
          SubnetId: privateSubnet.SubnetId,
        }),
      )
    ).Instances![0]!;
    const described = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instance.InstanceId!] })))
      .Reservations![0]!.Instances![0]!;
    expect(described.PublicIpAddress).toBeUndefined();
    expect(described.SecurityGroups![0]!.GroupName).toBe('default');
  });

  it('stops, starts and terminates, releasing the public address as EC2 does', async () => {
    const { ec2 } = clientsFor();
    const { publicSubnet } = await buildCourseNetwork(ec2);
    const id = (
      await ec2.send(
        new RunInstancesCommand({
          ImageId: 'ami-0123456789abcdef0',
          InstanceType: 't2.micro',
          MinCount: 1,
          MaxCount: 1,
          SubnetId: publicSubnet.SubnetId,
        }),
      )
    ).Instances![0]!.InstanceId!;
    const describe = async () =>
      (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations![0]!.Instances![0]!;
    const stopped = await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    expect(stopped.StoppingInstances![0]).toMatchObject({
      CurrentState: { Name: 'stopping' },
      PreviousState: { Name: 'running' },
    });
    expect(await describe()).toMatchObject({ State: { Name: 'stopped', Code: 80 } });
    expect((await describe()).PublicIpAddress).toBeUndefined();
    await ec2.send(new StartInstancesCommand({ InstanceIds: [id] }));
    expect((await describe()).PublicIpAddress).toBeDefined();
    const terminated = await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    expect(terminated.TerminatingInstances![0]).toMatchObject({ CurrentState: { Name: 'shutting-down', Code: 32 } });
    expect(await describe()).toMatchObject({ State: { Name: 'terminated', Code: 48 } });
    expect(await errorOf(ec2.send(new StartInstancesCommand({ InstanceIds: [id] })))).toMatchObject({
      name: 'IncorrectInstanceState',
    });
  });

  it('refuses launches that name things that do not exist', async () => {
    const { ec2 } = clientsFor();
    const { publicSubnet } = await buildCourseNetwork(ec2);
    const base = {
      ImageId: 'ami-0123456789abcdef0',
      InstanceType: 't2.micro' as const,
      MinCount: 1,
      MaxCount: 1,
      SubnetId: publicSubnet.SubnetId,
    };
    expect((await errorOf(ec2.send(new RunInstancesCommand({ ...base, KeyName: 'nope' })))).name).toBe(
      'InvalidKeyPair.NotFound',
    );
    expect((await errorOf(ec2.send(new RunInstancesCommand({ ...base, ImageId: 'ami-bad' })))).name).toBe(
      'InvalidAMIID.Malformed',
    );
    expect(
      (await errorOf(ec2.send(new RunInstancesCommand({ ...base, InstanceType: 'x9.huge' as 't2.micro' })))).name,
    ).toBe('InvalidParameterValue');
    const defaultGroup = (
      await ec2.send(
        new DescribeSecurityGroupsCommand({
          Filters: [
            { Name: 'group-name', Values: ['default'] },
            {
              Name: 'vpc-id',
              Values: [
                (
                  await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))
                ).Vpcs![0]!.VpcId!,
              ],
            },
          ],
        }),
      )
    ).SecurityGroups![0]!;
    expect(
      (await errorOf(ec2.send(new RunInstancesCommand({ ...base, SecurityGroupIds: [defaultGroup.GroupId!] })))).name,
    ).toBe('InvalidParameter');
  });

  it('pages DescribeInstances with MaxResults and NextToken', async () => {
    const { ec2 } = clientsFor();
    await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-0123456789abcdef0',
        InstanceType: 't2.micro',
        MinCount: 12,
        MaxCount: 12,
      }),
    );
    const pages: number[] = [];
    for await (const page of paginateDescribeInstances({ client: ec2, pageSize: 5 }, {})) {
      pages.push(page.Reservations!.flatMap((r) => r.Instances!).length);
    }
    expect(pages).toEqual([5, 5, 2]);
  });

  it('tears a network down in dependency order, refusing each step that would leave something dangling', async () => {
    const { ec2 } = clientsFor();
    const { vpc, publicSubnet, privateSubnet, igw, table, groupId } = await buildCourseNetwork(ec2);
    const association = (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [table.RouteTableId!] })))
      .RouteTables![0]!.Associations![0]!;
    expect(await errorOf(ec2.send(new DeleteRouteTableCommand({ RouteTableId: table.RouteTableId })))).toMatchObject({
      name: 'DependencyViolation',
    });
    expect(
      await errorOf(ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId }))),
    ).toMatchObject({ name: 'DependencyViolation' });
    await ec2.send(new DisassociateRouteTableCommand({ AssociationId: association.RouteTableAssociationId }));
    await ec2.send(new DeleteRouteTableCommand({ RouteTableId: table.RouteTableId }));
    await ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId, VpcId: vpc.VpcId }));
    await ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId }));
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId }));
    expect(await errorOf(ec2.send(new DeleteVpcCommand({ VpcId: vpc.VpcId })))).toMatchObject({
      name: 'DependencyViolation',
    });
    await ec2.send(new DeleteSubnetCommand({ SubnetId: publicSubnet.SubnetId }));
    await ec2.send(new DeleteSubnetCommand({ SubnetId: privateSubnet.SubnetId }));
    await ec2.send(new DeleteVpcCommand({ VpcId: vpc.VpcId }));
    expect((await ec2.send(new DescribeVpcsCommand({}))).Vpcs!.map((v) => v.IsDefault)).toEqual([true]);
    expect(
      (await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] })))
        .RouteTables,
    ).toEqual([]);
  });

  it('adds and removes tags on any resource', async () => {
    const { ec2 } = clientsFor();
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }))).Vpc!;
    await ec2.send(
      new CreateTagsCommand({
        Resources: [vpc.VpcId!],
        Tags: [
          { Key: 'Name', Value: 'lab' },
          { Key: 'team', Value: 'a' },
        ],
      }),
    );
    await ec2.send(new CreateTagsCommand({ Resources: [vpc.VpcId!], Tags: [{ Key: 'Name', Value: 'lab-2' }] }));
    await ec2.send(new DeleteTagsCommand({ Resources: [vpc.VpcId!], Tags: [{ Key: 'team' }] }));
    const tags = (await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpc.VpcId!] }))).Vpcs![0]!.Tags;
    expect(tags).toEqual([{ Key: 'Name', Value: 'lab-2' }]);
    expect(
      (
        await errorOf(
          ec2.send(new CreateTagsCommand({ Resources: ['vpc-0000000000000000f'], Tags: [{ Key: 'a', Value: 'b' }] })),
        )
      ).name,
    ).toBe('InvalidID');
  });
});
