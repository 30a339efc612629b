/**
 * RunInstances, in two steps: reading the request into a checked `LaunchRequest` (every error EC2 gives for a bad
 * request, in the order it gives them), then launching the instances that request describes.
 */
import type { ResourceTarget } from '../authorize';
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { ec2Id, macAddress } from '../ids';
import type { QueryOperation, QueryParams } from '../protocols/query';
import { zonesOf } from '../regions';
import type { Instance, RegionState, Subnet, Tag } from '../state';
import type { XmlValue } from '../xml';
import { awsTimestamp } from '../../lib/aws-timestamp';
import { newPublicAddress, nextPrivateAddress, requestedPrivateAddress } from './ec2-addresses';
import { ec2Arn, existingResources, keyPairResource, newResource, taggedResource } from './ec2-arns';
import { regionOf } from './ec2-default-vpc';
import { lookup } from './ec2-ids';
import { type Ipv6Request, ipv6AddressesFor, readIpv6Request } from './ec2-instance-ipv6';
import { type LaunchOptions, readLaunchOptions } from './ec2-instance-options';
import { type InstanceProfileLink, readInstanceProfile } from './ec2-instance-profiles';
import { type MetadataOptions, readMetadataOptions } from './ec2-metadata-options';
import { instanceState, renderInstance } from './ec2-instances';
import { keyPairNotFound } from './ec2-key-pairs';
import { type InstanceTypeSpec, instanceTypeSpec, isOfferedIn } from './ec2-instance-type-catalogue';
import { launchImage, rootSnapshotId, type SandboxImage } from './ec2-images';
import { withLaunchTemplate } from './ec2-launch-templates';
import { tagsFor } from './ec2-tags';
import { checkVolume, createVolume } from './ec2-volumes';
import { publicParameter } from './ssm';

/** A RunInstances request, read and checked, with the subnet and security groups it names found in the region. */
interface LaunchRequest {
  /** The image, resolved from an SSM parameter when the request named one. */
  image: SandboxImage;
  instanceType: string;
  /** How many instances to launch: `MaxCount`, since the sandbox always has room for all of them. */
  count: number;
  subnet: Subnet;
  /** The primary private address asked for (`PrivateIpAddress`, or the first interface's), checked. */
  privateIpAddress?: string;
  keyName?: string;
  /** The groups named by id and by name, without repeats; the VPC's default group when none is named. */
  securityGroupIds: string[];
  /** Base64, as sent. */
  userData?: string;
  /** Whether IMDSv2 tokens are required, and the token response's hop limit. */
  metadata: MetadataOptions;
  associatePublicIpAddress: boolean;
  tags: Tag[];
  /** The volumes each instance gets: the image's root device, as the request may resize it, and any others. */
  blockDevices: BlockDevice[];
  /** Tags for those volumes (`TagSpecification` of type `volume`). */
  volumeTags: Tag[];
  tenancy: NonNullable<Instance['tenancy']>;
  /** Termination and stop protection (`DisableApiTermination`, `DisableApiStop`), when asked for. */
  protection: Pick<Instance, 'disableApiTermination' | 'disableApiStop'>;
  /** EBS optimization, detailed monitoring, hibernation and CPU credits, when asked for. */
  options: LaunchOptions;
  /** The IPv6 addresses named, or how many each instance gets from the subnet's IPv6 block. */
  ipv6: Ipv6Request;
}

/**
 * What RunInstances' `TagSpecification` can tag (EC2 API reference, RunInstances): the instances, their volumes,
 * network interfaces, Spot Instance requests and elastic graphics; the sandbox keeps the first two.
 */
const launchTaggable = ['instance', 'volume', 'network-interface', 'spot-instances-request', 'elastic-gpu'];

/** A volume every launched instance gets, at its device name. */
interface BlockDevice {
  device: string;
  volume: ReturnType<typeof checkVolume> & { snapshotId?: string };
  deleteOnTermination: boolean;
}

/**
 * The image's root volume with what `BlockDeviceMapping.N` changes in it (size, type, IOPS, deletion), then every
 * other device the request maps. A root volume may grow but not shrink below its snapshot, as EC2 requires.
 */
function readBlockDevices(params: QueryParams, image: SandboxImage): BlockDevice[] {
  const root = image.rootDevice;
  const mappings = params.structs('BlockDeviceMapping').map((mapping) => ({
    device: mapping.require('DeviceName'),
    size: mapping.get('Ebs.VolumeSize') === undefined ? undefined : mapping.int('Ebs.VolumeSize', 0, 0),
    volumeType: mapping.get('Ebs.VolumeType'),
    iops: mapping.get('Ebs.Iops') === undefined ? undefined : mapping.int('Ebs.Iops', 0, 0),
    throughput: mapping.get('Ebs.Throughput') === undefined ? undefined : mapping.int('Ebs.Throughput', 0, 0),
    deleteOnTermination: mapping.bool('Ebs.DeleteOnTermination'),
  }));
  const asked = mappings.find((m) => m.device === root.deviceName);
  const snapshotId = rootSnapshotId(image.imageId);
  if (asked?.size !== undefined && asked.size < root.sizeGiB)
    throw new AwsError(
      'InvalidBlockDeviceMapping',
      `Volume of size ${asked.size}GB is smaller than snapshot '${snapshotId}', expect size >= ${root.sizeGiB}GB`,
    );
  const rootType = asked?.volumeType ?? root.volumeType;
  const rootDevice: BlockDevice = {
    device: root.deviceName,
    volume: {
      ...checkVolume({
        sizeGiB: asked?.size ?? root.sizeGiB,
        volumeType: rootType,
        iops: asked?.iops ?? (rootType === root.volumeType ? root.iops : undefined),
        throughput: asked?.throughput ?? (rootType === root.volumeType ? root.throughput : undefined),
      }),
      snapshotId,
    },
    deleteOnTermination: asked?.deleteOnTermination ?? root.deleteOnTermination,
  };
  const others = mappings
    .filter((m) => m !== asked)
    .map((m) => ({
      device: m.device,
      volume: checkVolume({
        sizeGiB: m.size,
        volumeType: m.volumeType ?? 'gp2',
        iops: m.iops,
        throughput: m.throughput,
      }),
      deleteOnTermination: m.deleteOnTermination ?? true,
    }));
  return [rootDevice, ...others];
}

/** A launch request as RunInstances runs it: with the instance profile that passes its role, read once. */
interface Launch extends LaunchRequest {
  iamInstanceProfile?: InstanceProfileLink;
}

/** The image to launch: an AMI id, or `resolve:ssm:NAME` for the image a public SSM parameter names. */
function readImageId(params: QueryParams, regionName: string): string {
  const imageId = params.require('ImageId');
  if (imageId.startsWith('resolve:ssm:')) {
    const resolved = publicParameter(imageId.slice('resolve:ssm:'.length), regionName);
    if (resolved === undefined)
      throw new AwsError(
        'InvalidParameterValue',
        `Invalid value '${imageId}' for parameter ImageId: the Systems Manager parameter does not exist.`,
      );
    return resolved;
  }
  if (!/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(imageId))
    throw new AwsError('InvalidAMIID.Malformed', `Invalid id: "${imageId}" (expecting "ami-...")`);
  return imageId;
}

/** The instance type asked for; AWS's default, m1.small, when none is. */
function readInstanceType(params: QueryParams): InstanceTypeSpec {
  const instanceType = params.get('InstanceType') ?? 'm1.small';
  const spec = instanceTypeSpec(instanceType);
  if (!spec) throw new AwsError('InvalidParameterValue', `Invalid value '${instanceType}' for InstanceType.`);
  return spec;
}

/**
 * Refuses a type the image cannot run on, as EC2 does: a type the region does not offer, or an image built for
 * another architecture. Every type runs HVM images, M1 (RunInstances' default) included: AWS's DescribeInstanceTypes
 * lists hvm and paravirtual for it, and launching Amazon Linux 2023 without an instance type works on AWS.
 */
export function checkTypeFitsImage(spec: InstanceTypeSpec, image: SandboxImage, regionName: string): void {
  if (!isOfferedIn(spec, regionName))
    throw new AwsError(
      'Unsupported',
      'The requested configuration is currently not supported. Please check the documentation for supported configurations.',
    );
  if (!spec.architectures.includes(image.architecture))
    throw new AwsError(
      'InvalidParameterValue',
      `The architecture '${spec.architectures.at(-1)}' of the specified instance type does not match the architecture ` +
        `'${image.architecture}' of the specified AMI. Specify an instance type and an AMI that have matching ` +
        "architectures, and try again. You can use 'describe-instance-types' or 'describe-images' to discover the " +
        'architecture of the instance type or AMI.',
    );
}

function readCount(params: QueryParams): number {
  const minCount = params.int('MinCount', 1, 1, 20);
  const maxCount = params.int('MaxCount', minCount, 1, 20);
  if (minCount > maxCount)
    throw new AwsError('InvalidParameterValue', 'MinCount must be less than or equal to MaxCount');
  return maxCount;
}

/** The subnet named (directly or on the first network interface), else the default subnet of the zone asked for. */
function findSubnet(
  params: QueryParams,
  networkInterface: QueryParams | undefined,
  region: RegionState,
  regionName: string,
): Subnet {
  if (networkInterface && params.has('SubnetId'))
    throw new AwsError(
      'InvalidParameterCombination',
      'Network interfaces and an instance-level subnet ID may not be specified on the same request',
    );
  const subnetId = params.get('SubnetId') ?? networkInterface?.get('SubnetId');
  const zone = params.get('Placement.AvailabilityZone') ?? zonesOf(regionName)[0]!;
  if (!zonesOf(regionName).includes(zone))
    throw new AwsError('InvalidParameterValue', `Invalid availability zone: [${zone}]`);
  const subnet = subnetId
    ? lookup(region.subnets, 'subnet', subnetId)
    : Object.values(region.subnets).find((s) => s.defaultForAz && s.availabilityZone === zone);
  if (!subnet)
    throw new AwsError(
      'VPCIdNotSpecified',
      'No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.',
    );
  return subnet;
}

/** The security groups named by id and by name, each in the subnet's VPC; the VPC's default group when none is. */
function findSecurityGroups(
  params: QueryParams,
  networkInterface: QueryParams | undefined,
  region: RegionState,
  subnet: Subnet,
): string[] {
  const groupIds = [...params.list('SecurityGroupId'), ...(networkInterface?.list('SecurityGroupId') ?? [])];
  for (const id of groupIds) {
    const group = lookup(region.securityGroups, 'sg', id);
    if (group.vpcId !== subnet.vpcId) {
      throw new AwsError(
        'InvalidParameter',
        `Security group ${id} and subnet ${subnet.subnetId} belong to different networks.`,
      );
    }
  }
  for (const name of params.list('SecurityGroup')) {
    const group = Object.values(region.securityGroups).find((g) => g.groupName === name && g.vpcId === subnet.vpcId);
    if (!group)
      throw new AwsError(
        'InvalidGroup.NotFound',
        `The security group '${name}' does not exist in VPC '${subnet.vpcId}'`,
      );
    groupIds.push(group.groupId);
  }
  if (groupIds.length === 0) {
    groupIds.push(
      Object.values(region.securityGroups).find((g) => g.vpcId === subnet.vpcId && g.groupName === 'default')!.groupId,
    );
  }
  return [...new Set(groupIds)];
}

/**
 * The primary private address asked for: on the request, or on its first interface (its own, or the one of its
 * `PrivateIpAddresses` marked primary). One address fits one instance.
 */
function readPrivateAddress(
  params: QueryParams,
  networkInterface: QueryParams | undefined,
  region: RegionState,
  subnet: Subnet,
  count: number,
): string | undefined {
  const primary = networkInterface?.structs('PrivateIpAddresses').find((a) => a.bool('Primary'));
  const address =
    params.get('PrivateIpAddress') ?? networkInterface?.get('PrivateIpAddress') ?? primary?.get('PrivateIpAddress');
  if (address === undefined) return undefined;
  if (count > 1)
    throw new AwsError(
      'InvalidParameterCombination',
      'You cannot specify a private IP address when launching more than one instance.',
    );
  return requestedPrivateAddress(subnet, region, address);
}

/** The tenancy asked for in `Placement.Tenancy`, else the VPC's: a dedicated VPC launches dedicated instances. */
function readTenancy(params: QueryParams, vpcTenancy: string | undefined): NonNullable<Instance['tenancy']> {
  const tenancy = params.get('Placement.Tenancy') ?? (vpcTenancy === 'dedicated' ? 'dedicated' : 'default');
  if (tenancy !== 'default' && tenancy !== 'dedicated')
    throw new AwsError('InvalidParameterValue', `Invalid value '${tenancy}' for tenancy.`);
  return tenancy;
}

/** Reads and checks a RunInstances request, finding the subnet, key pair and security groups it names. */
function readLaunchRequest(params: QueryParams, region: RegionState, regionName: string): LaunchRequest {
  const image = launchImage(regionName, readImageId(params, regionName));
  const instanceType = readInstanceType(params);
  checkTypeFitsImage(instanceType, image, regionName);
  const count = readCount(params);
  const networkInterface = params.structs('NetworkInterface')[0];
  const subnet = findSubnet(params, networkInterface, region, regionName);
  const keyName = params.get('KeyName');
  if (keyName && !region.keyPairs[keyName]) throw keyPairNotFound(keyName);
  const securityGroupIds = findSecurityGroups(params, networkInterface, region, subnet);
  const privateIpAddress = readPrivateAddress(params, networkInterface, region, subnet, count);
  const userData = params.get('UserData');
  if (userData !== undefined && userData.length > 21848)
    throw new AwsError('InvalidParameterValue', 'User data is limited to 16384 bytes');
  return {
    image,
    instanceType: instanceType.name,
    count,
    subnet,
    privateIpAddress,
    keyName,
    securityGroupIds,
    userData,
    metadata: readMetadataOptions(params, image),
    associatePublicIpAddress: networkInterface?.bool('AssociatePublicIpAddress') ?? subnet.mapPublicIpOnLaunch,
    tags: tagsFor(params, 'instance', launchTaggable),
    blockDevices: readBlockDevices(params, image),
    tenancy: readTenancy(params, region.vpcs[subnet.vpcId]?.instanceTenancy),
    volumeTags: tagsFor(params, 'volume', launchTaggable),
    protection: {
      ...(params.bool('DisableApiTermination') ? { disableApiTermination: true } : {}),
      ...(params.bool('DisableApiStop') ? { disableApiStop: true } : {}),
    },
    options: readLaunchOptions(params),
    ipv6: readIpv6Request(params, networkInterface, subnet, region, count),
  };
}

/** Launches the instances a request describes, in one reservation, each with its own addresses and interface. */
function launchInstances(
  request: Launch,
  region: RegionState,
  ctx: ServiceContext,
): { reservationId: string; instances: Instance[] } {
  const { subnet } = request;
  const reservationId = ec2Id('r');
  const instances: Instance[] = [];
  for (let index = 0; index < request.count; index++) {
    const ipv6Addresses = ipv6AddressesFor(request.ipv6, subnet, region);
    const instance: Instance = {
      instanceId: ec2Id('i'),
      imageId: request.image.imageId,
      architecture: request.image.architecture,
      ...(request.tenancy === 'dedicated' ? { tenancy: request.tenancy } : {}),
      instanceType: request.instanceType,
      ...request.protection,
      ...request.options,
      ...(ipv6Addresses.length ? { ipv6Addresses } : {}),
      keyName: request.keyName,
      vpcId: subnet.vpcId,
      subnetId: subnet.subnetId,
      availabilityZone: subnet.availabilityZone,
      privateIpAddress: request.privateIpAddress ?? nextPrivateAddress(subnet, region),
      publicIpAddress: request.associatePublicIpAddress ? newPublicAddress(ctx) : undefined,
      macAddress: macAddress(),
      networkInterfaceId: ec2Id('eni'),
      primaryInterfaceTags: [],
      securityGroupIds: [...request.securityGroupIds],
      state: 'running',
      stateTransitionReason: '',
      launchTime: awsTimestamp(ctx.now, { fraction: true }),
      userData: request.userData,
      ...request.metadata,
      iamInstanceProfile: request.iamInstanceProfile && {
        ...request.iamInstanceProfile,
        associationId: ec2Id('iip-assoc'),
      },
      tags: request.tags.map((t) => ({ ...t })),
      reservationId,
      amiLaunchIndex: index,
    };
    region.instances[instance.instanceId] = instance;
    for (const { device, volume, deleteOnTermination } of request.blockDevices)
      createVolume(region, ctx, { ...volume, availabilityZone: subnet.availabilityZone }, request.volumeTags, {
        instanceId: instance.instanceId,
        device,
        attachTime: instance.launchTime,
        deleteOnTermination,
      });
    instances.push(instance);
  }
  return { reservationId, instances };
}

/**
 * Every resource a launch touches, as IAM's Service Authorization Reference lists them for RunInstances: the new
 * instances, network interfaces and volumes, and the image, subnet, security groups and key pair they use.
 */
function launchResources(ctx: ServiceContext, request: LaunchRequest): ResourceTarget[] {
  const { subnet } = request;
  return [
    newResource(ctx, 'instance', request.tags),
    newResource(ctx, 'network-interface'),
    newResource(ctx, 'volume', request.volumeTags),
    { arn: ec2Arn(ctx, 'image', request.image.imageId) },
    taggedResource(ctx, 'subnet', subnet.subnetId, subnet.tags),
    ...existingResources(ctx, 'sg', request.securityGroupIds),
    ...(request.keyName ? [keyPairResource(ctx, request.keyName)] : []),
  ];
}

/** RunInstances, the one operation that makes instances, with or without a launch template. */
export const runInstancesOperations: Record<string, QueryOperation> = {
  RunInstances: {
    resource(sent, ctx) {
      const { params, template } = withLaunchTemplate(sent, ctx);
      const resources = launchResources(ctx, readLaunchRequest(params, regionOf(ctx), ctx.region));
      return template ? [...resources, template] : resources;
    },
    run(sent, ctx) {
      const region = regionOf(ctx);
      const { params, instanceTags } = withLaunchTemplate(sent, ctx);
      const request = readLaunchRequest(params, region, ctx.region);
      const launch = {
        ...request,
        tags: [...request.tags, ...instanceTags],
        iamInstanceProfile: readInstanceProfile(params, ctx),
      };
      const { reservationId, instances } = launchInstances(launch, region, ctx);
      // RunInstances answers while the instances are still pending; the sandbox boots them at once.
      return {
        reservationId,
        ownerId: ctx.account.accountId,
        groupSet: [],
        instancesSet: instances.map((instance) => {
          const rendered = renderInstance(instance, region, ctx.account.accountId, ctx.region) as Record<
            string,
            XmlValue
          >;
          return { ...rendered, instanceState: instanceState('pending') };
        }),
      };
    },
  },
};
