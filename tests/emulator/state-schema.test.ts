import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AttachNetworkInterfaceCommand,
  CreateManagedPrefixListCommand,
  CreateNatGatewayCommand,
  CreateNetworkAclEntryCommand,
  CreateNetworkInterfaceCommand,
  DescribeInstancesCommand,
  DescribeNetworkAclsCommand,
  DescribeVolumesCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { parseSandboxState, serializeSandboxState } from '../../src/emulator/persistence';
import { createSandbox } from '../../src/emulator/sandbox';
import { sandboxRequestHandler } from '../../src/emulator/sdk-handler';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { createSandboxState, defaultAccountId, type SandboxState, type Vpc } from '../../src/emulator/state';
import { doExercise4 } from '../checkers/course-steps';
import { clientsFor } from './sandbox-clients';

/** Maps keyed by id or name: their entries may come and go, their entries' fields may not. */
const maps = new Set([
  'accounts',
  'accessKeys',
  'buckets',
  'regions',
  'users',
  'policies',
  'vpcs',
  'subnets',
  'internetGateways',
  'routeTables',
  'securityGroups',
  'keyPairs',
  'instances',
  'stacks',
  'objects',
  'inlinePolicies',
  'metadata',
  'roles',
  'instanceProfiles',
  'groups',
  'sessions',
  'addresses',
  'natGateways',
  'networkAcls',
  'volumes',
  'launchTemplates',
  'data',
  'dhcpOptions',
  'networkInterfaces',
  'managedPrefixLists',
  'vpcEndpoints',
]);

/** Fields AWS leaves out when they do not apply, so a saved file may too (paths as dotted strings). */
const optionalFields = [
  /\.lastUsed$/,
  /\.loginProfile$/,
  /\.policies\.[^.]+\.description$/,
  /\.routes\.\d+\.(gatewayId|natGatewayId|instanceId)$/,
  /\.associations\.\d+\.subnetId$/,
  /\.(ingress|egress)\.\d+\.(fromPort|toPort|cidrIpv4|cidrIpv6|referencedGroupId|description)$/,
  /\.instances\.[^.]+\.(keyName|publicIpAddress|userData|architecture)$/,
  /\.stacks\.[^.]+\.(statusReason|lastUpdatedTime|deletionTime|description)$/,
  /\.(resources|events)\.\d+\.statusReason$/,
  /\.outputs\.\d+\.(description|exportName)$/,
  /\.objects\.[^.]+\.(checksum|encryption)$/,
  /\.subnets\.[^.]+\.cidrBlock$/,
  /^accounts\.\d+\.iam\.(roles|instanceProfiles|groups)$/,
  /^sessions$/,
  /\.roles\.[^.]+\.description$/,
  /\.instances\.[^.]+\.iamInstanceProfile$/,
  /^sessions\.[^.]+\.role$/,
  /\.regions\.[^.]+\.(addresses|natGateways|networkAcls)$/,
  /\.addresses\.[^.]+\.association$/,
  /\.natGateways\.[^.]+\.(failure|deleteTime|allocationId|associationId|publicIp)$/,
  /\.entries\.\d+\.(portRange|icmpTypeCode)$/,
  /\.vpcs\.[^.]+\.secondaryCidrBlocks$/,
  /\.(ingress|egress)\.\d+\.tags$/,
  /\.regions\.[^.]+\.(volumes|launchTemplates)$/,
  /\.versions\.\d+\.description$/,
  /\.volumes\.[^.]+\.(iops|throughput|attachment)$/,
  /\.instances\.[^.]+\.(disableApiTermination|sourceDestCheck)$/,
  /\.regions\.[^.]+\.(dhcpOptions|networkInterfaces|managedPrefixLists|vpcEndpoints)$/,
  /\.dhcpOptions\.[^.]+\.regionDefault$/,
  /\.instances\.[^.]+\.(primaryInterfaceDescription|primaryInterfaceTags)$/,
  /\.instances\.[^.]+\.metadataHopLimit$/,
  /\.networkInterfaces\.[^.]+\.attachment$/,
  /\.entries\.\d+\.description$/,
  /\.managedPrefixLists\.[^.]+\.state$/,
];

/** Every field path of a state, with the maps' entries walked into but not listed themselves. */
function fieldPaths(value: unknown, path: string[] = [], inMap = false): string[][] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const childPath = [...path, key];
    const own = inMap || Array.isArray(value) ? [] : [childPath];
    return [...own, ...fieldPaths(child, childPath, maps.has(key) && !Array.isArray(value))];
  });
}

/** The saved text of a sandbox in which every kind of resource the course makes exists. */
async function fullyPopulatedState(): Promise<string> {
  const sandbox = createSandbox();
  const clients = clientsFor(undefined, 'us-west-2', { requestHandler: sandboxRequestHandler(sandbox) });
  await doExercise4(clients);
  const [instance] = (await clients.ec2.send(new DescribeInstancesCommand({}))).Reservations![0]!.Instances!;
  const { AllocationId } = await clients.ec2.send(new AllocateAddressCommand({}));
  await clients.ec2.send(new AssociateAddressCommand({ AllocationId, InstanceId: instance!.InstanceId }));
  const natAddress = await clients.ec2.send(new AllocateAddressCommand({}));
  await clients.ec2.send(
    new CreateNatGatewayCommand({ SubnetId: instance!.SubnetId, AllocationId: natAddress.AllocationId }),
  );
  const { NetworkInterface } = await clients.ec2.send(
    new CreateNetworkInterfaceCommand({ SubnetId: instance!.SubnetId }),
  );
  await clients.ec2.send(
    new AttachNetworkInterfaceCommand({
      NetworkInterfaceId: NetworkInterface!.NetworkInterfaceId,
      InstanceId: instance!.InstanceId,
      DeviceIndex: 1,
    }),
  );
  await clients.ec2.send(
    new CreateManagedPrefixListCommand({
      PrefixListName: 'office',
      AddressFamily: 'IPv4',
      MaxEntries: 2,
      Entries: [{ Cidr: '192.0.2.0/28', Description: 'Lisbon' }],
    }),
  );
  const [acl] = (await clients.ec2.send(new DescribeNetworkAclsCommand({}))).NetworkAcls!;
  await clients.ec2.send(
    new CreateNetworkAclEntryCommand({
      NetworkAclId: acl!.NetworkAclId,
      RuleNumber: 90,
      Protocol: '6',
      RuleAction: 'deny',
      Egress: false,
      CidrBlock: '192.0.2.0/24',
      PortRange: { From: 22, To: 22 },
    }),
  );
  await clients.s3.send(
    new CreateBucketCommand({ Bucket: 'photos', CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } }),
  );
  await clients.s3.send(
    new PutObjectCommand({ Bucket: 'photos', Key: 'photo-1', Body: 'jpeg', Metadata: { by: 'ana' } }),
  );
  return serializeSandboxState(sandbox.state);
}

describe('the sandbox file schema', () => {
  // One parse of the whole file per field, a few hundred of them: slower than a test's default five seconds allow.
  it('refuses a file missing any field the services rely on, naming where', { timeout: 30_000 }, async () => {
    const saved = await fullyPopulatedState();
    const required = fieldPaths(JSON.parse(saved)).filter(
      (path) => !optionalFields.some((optional) => optional.test(path.join('.'))),
    );
    expect(required.length).toBeGreaterThan(200);
    const accepted = required.filter((path) => {
      const damaged = JSON.parse(saved) as Record<string, unknown>;
      const parent = path.slice(0, -1).reduce((object, key) => object[key] as Record<string, unknown>, damaged);
      delete parent[path.at(-1)!];
      const parsed = parseSandboxState(JSON.stringify(damaged));
      return !('error' in parsed && parsed.error.includes(` at ${path.join('.')}: `));
    });
    expect(accepted.map((path) => path.join('.'))).toEqual([]);
  });

  it('loads a file saved before roles, instance profiles, groups and STS sessions, and makes roles in it', async () => {
    const old = createSandboxState() as Partial<SandboxState>;
    delete old.sessions;
    const account = old.accounts![defaultAccountId]!;
    delete account.iam.roles;
    delete account.iam.instanceProfiles;
    delete account.iam.groups;
    const loaded = parseSandboxState(JSON.stringify(old));
    if (!('state' in loaded)) throw new Error(loaded.error);
    const sandbox = createSandbox({ state: loaded.state });
    const { iam } = clientsFor(undefined, 'us-west-2', { requestHandler: sandboxRequestHandler(sandbox) });
    const trust = { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' };
    const document = JSON.stringify({ Version: '2012-10-17', Statement: [trust] });
    await iam.send(new CreateRoleCommand({ RoleName: 'WebServerRole', AssumeRolePolicyDocument: document }));
    expect(Object.keys(sandbox.state.accounts[defaultAccountId]!.iam.roles!)).toEqual(['WebServerRole']);
  });

  it('loads a bucket saved before versioning and multipart upload, and versions and uploads in it', async () => {
    const saved = JSON.parse(await fullyPopulatedState()) as SandboxState;
    expect(Object.keys(saved.buckets.photos!)).not.toContain('versions');
    const loaded = parseSandboxState(JSON.stringify(saved));
    if (!('state' in loaded)) throw new Error(loaded.error);
    const sandbox = createSandbox({ state: loaded.state });
    const { s3 } = clientsFor(undefined, 'us-west-2', { requestHandler: sandboxRequestHandler(sandbox) });
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'photos', VersioningConfiguration: { Status: 'Enabled' } }));
    await s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'photo-1', Body: 'jpeg 2' }));
    await s3.send(new CreateMultipartUploadCommand({ Bucket: 'photos', Key: 'video' }));
    const reloaded = parseSandboxState(serializeSandboxState(sandbox.state));
    if (!('state' in reloaded)) throw new Error(reloaded.error);
    expect(reloaded.state.buckets.photos!.versions!['photo-1']).toHaveLength(1);
    expect(Object.values(reloaded.state.buckets.photos!.uploads!).map((upload) => upload.key)).toEqual(['video']);
  });

  it('loads a region saved before volumes, launch templates and arm64 images, and gives its instances x86_64 and no volumes', async () => {
    const saved = JSON.parse(await fullyPopulatedState()) as SandboxState;
    const region = saved.accounts[defaultAccountId]!.regions['us-west-2']!;
    delete region.volumes;
    delete region.launchTemplates;
    for (const instance of Object.values(region.instances)) delete instance.architecture;
    const loaded = parseSandboxState(JSON.stringify(saved));
    if (!('state' in loaded)) throw new Error(loaded.error);
    const sandbox = createSandbox({ state: loaded.state });
    const { ec2 } = clientsFor(undefined, 'us-west-2', { requestHandler: sandboxRequestHandler(sandbox) });
    const instance = (await ec2.send(new DescribeInstancesCommand({}))).Reservations![0]!.Instances![0]!;
    expect(instance).toMatchObject({ Architecture: 'x86_64', BlockDeviceMappings: [] });
    expect((await ec2.send(new DescribeVolumesCommand({}))).Volumes).toEqual([]);
  });

  it('loads an instance saved before instances had disks, with nothing changed on it', async () => {
    const saved = JSON.parse(await fullyPopulatedState()) as SandboxState;
    const instances = Object.values(saved.accounts[defaultAccountId]!.regions['us-west-2']!.instances);
    expect(instances.every((instance) => !('disk' in instance))).toBe(true);
    const loaded = parseSandboxState(JSON.stringify(saved));
    if (!('state' in loaded)) throw new Error(loaded.error);
    const region = loaded.state.accounts[defaultAccountId]!.regions['us-west-2']!;
    expect(Object.values(region.instances).every((instance) => instance.disk === undefined)).toBe(true);
  });

  it('refuses a VPC without its CIDR block', async () => {
    const saved = JSON.parse(await fullyPopulatedState()) as SandboxState;
    const vpcs: Record<string, Partial<Vpc>> = saved.accounts['123456789012']!.regions['us-west-2']!.vpcs;
    const vpcId = Object.keys(vpcs)[0]!;
    delete vpcs[vpcId]!.cidrBlock;
    expect(parseSandboxState(JSON.stringify(saved))).toEqual({
      error:
        `The sandbox file is damaged at accounts.123456789012.regions.us-west-2.vpcs.${vpcId}.cidrBlock: ` +
        'Invalid input: expected string, received undefined.',
    });
  });
});
