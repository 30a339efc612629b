/**
 * EBS volumes: each instance's root volume, made from its image's block device mapping, and the volumes a learner
 * creates, attaches, detaches and deletes. The size, type and IOPS rules are CreateVolume's, as the EC2 API
 * Reference states them.
 */
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { ec2Id } from '../ids';
import type { QueryOperation, QueryParams } from '../protocols/query';
import { zoneIdOf, zonesOf } from '../regions';
import { type Instance, type RegionState, type Volume, volumesOf } from '../state';
import type { XmlValue } from '../xml';
import { awsTimestamp } from '../../lib/aws-timestamp';
import { newResource, resourcesNamedBy } from './ec2-arns';
import { regionOf } from './ec2-default-vpc';
import { describeByIds } from './ec2-describe';
import { lookup } from './ec2-ids';
import { renderTagSet, tagsFor } from './ec2-tags';

/** The limits of one volume type: sizes in GiB, and its IOPS when it takes them (required, or defaulted). */
interface VolumeTypeRule {
  minSize: number;
  maxSize: number;
  iops?: { min: number; max: number; default?: number; perGiB?: number };
  /** gp3's throughput range in MiB/s and default. */
  throughput?: { min: number; max: number; default: number };
}

/** CreateVolume's valid sizes, IOPS and throughput per volume type. */
const volumeTypes: Record<string, VolumeTypeRule> = {
  gp2: { minSize: 1, maxSize: 16384 },
  gp3: {
    minSize: 1,
    maxSize: 65536,
    iops: { min: 3000, max: 80000, default: 3000, perGiB: 500 },
    throughput: { min: 125, max: 2000, default: 125 },
  },
  io1: { minSize: 4, maxSize: 16384, iops: { min: 100, max: 64000, perGiB: 50 } },
  io2: { minSize: 4, maxSize: 65536, iops: { min: 100, max: 256000, perGiB: 1000 } },
  st1: { minSize: 125, maxSize: 16384 },
  sc1: { minSize: 125, maxSize: 16384 },
  standard: { minSize: 1, maxSize: 1024 },
};

/** What a new volume is asked to be, before its rules are checked. */
export interface VolumeRequest {
  sizeGiB?: number;
  volumeType: string;
  iops?: number;
  throughput?: number;
}

/** gp2's IOPS are not provisioned: 3 per GiB, at least 100 and at most 16,000. */
const gp2Baseline = (size: number) => Math.min(16000, Math.max(100, 3 * size));

/** Checks a volume's size, type, IOPS and throughput as CreateVolume does; the volume's settled figures. */
export function checkVolume(
  request: VolumeRequest,
): Required<Pick<VolumeRequest, 'sizeGiB' | 'volumeType'>> & Pick<VolumeRequest, 'iops' | 'throughput'> {
  const { volumeType, iops, throughput } = request;
  const rule = Object.hasOwn(volumeTypes, volumeType) ? volumeTypes[volumeType] : undefined;
  if (!rule) throw new AwsError('InvalidParameterValue', `Value (${volumeType}) for parameter volumeType is invalid.`);
  const size = request.sizeGiB;
  if (size === undefined)
    throw new AwsError('MissingParameter', 'The request must contain the parameter size/snapshot');
  if (size < rule.minSize)
    throw new AwsError(
      'InvalidParameterValue',
      `The volume size is invalid for ${volumeType} volumes: ${size} GiB. ${volumeType} volumes must be at least ` +
        `${rule.minSize} GiB in size.`,
    );
  if (size > rule.maxSize)
    throw new AwsError(
      'InvalidParameterValue',
      `Volume of ${size}GiB is too large for volume type ${volumeType}; maximum is ${rule.maxSize}GiB`,
    );
  if (iops !== undefined && !rule.iops)
    throw new AwsError('InvalidParameterCombination', `The parameter iops is not supported for ${volumeType} volumes.`);
  if (throughput !== undefined && !rule.throughput)
    throw new AwsError('InvalidParameterCombination', `throughput can only be specified for volumeType gp3.`);
  const settled = { sizeGiB: size, volumeType };
  if (!rule.iops) return { ...settled, iops: volumeType === 'gp2' ? gp2Baseline(size) : undefined };
  const chosen = iops ?? rule.iops.default;
  if (chosen === undefined)
    throw new AwsError(
      'InvalidParameterCombination',
      `The parameter iops must be specified for ${volumeType} volumes.`,
    );
  if (chosen < rule.iops.min || chosen > rule.iops.max)
    throw new AwsError(
      'InvalidParameterValue',
      `Volume iops of ${chosen} is invalid for ${volumeType} volumes: it must be between ${rule.iops.min} and ` +
        `${rule.iops.max}.`,
    );
  if (iops !== undefined && rule.iops.perGiB && iops / size > rule.iops.perGiB)
    throw new AwsError(
      'InvalidParameterValue',
      `Iops to volume size ratio of ${(iops / size).toFixed(6)} is too high; maximum is ${rule.iops.perGiB}`,
    );
  const mibps = rule.throughput ? (throughput ?? rule.throughput.default) : undefined;
  if (rule.throughput && mibps !== undefined && (mibps < rule.throughput.min || mibps > rule.throughput.max))
    throw new AwsError(
      'InvalidParameterValue',
      `Throughput of ${mibps} MiB/s is invalid for gp3 volumes: it must be between ${rule.throughput.min} and ` +
        `${rule.throughput.max}.`,
    );
  return { ...settled, iops: chosen, throughput: mibps };
}

/** Makes a volume in the region, attached to `attachment`'s instance when given. */
export function createVolume(
  region: RegionState,
  ctx: ServiceContext,
  volume: ReturnType<typeof checkVolume> & { availabilityZone: string; snapshotId?: string },
  tags: Volume['tags'],
  attachment?: Volume['attachment'],
): Volume {
  const created: Volume = {
    volumeId: ec2Id('vol'),
    ...volume,
    snapshotId: volume.snapshotId ?? '',
    encrypted: false,
    createTime: awsTimestamp(ctx.now, { fraction: true }),
    state: attachment ? 'in-use' : 'available',
    attachment,
    tags: tags.map((t) => ({ ...t })),
  };
  volumesOf(region)[created.volumeId] = created;
  return created;
}

/** The volumes attached to an instance, as its BlockDeviceMappings list them. */
export function blockDeviceMappings(region: RegionState, instanceId: string): XmlValue {
  return Object.values(volumesOf(region))
    .filter((v) => v.attachment?.instanceId === instanceId)
    .map((v) => ({
      deviceName: v.attachment!.device,
      ebs: {
        volumeId: v.volumeId,
        status: 'attached',
        attachTime: v.attachment!.attachTime,
        deleteOnTermination: v.attachment!.deleteOnTermination,
      },
    }));
}

/** What terminating an instance does to its volumes: deletes those marked so, and detaches the rest. */
export function releaseVolumes(region: RegionState, instanceId: string): void {
  const volumes = volumesOf(region);
  for (const volume of Object.values(volumes)) {
    if (volume.attachment?.instanceId !== instanceId) continue;
    if (volume.attachment.deleteOnTermination) delete volumes[volume.volumeId];
    else Object.assign(volume, { state: 'available', attachment: undefined });
  }
}

function renderAttachment(volume: Volume, status = 'attached'): XmlValue {
  const { attachment } = volume;
  return attachment
    ? {
        volumeId: volume.volumeId,
        instanceId: attachment.instanceId,
        device: attachment.device,
        status,
        attachTime: attachment.attachTime,
        deleteOnTermination: attachment.deleteOnTermination,
      }
    : undefined;
}

function renderVolume(volume: Volume, status: string = volume.state): XmlValue {
  return {
    volumeId: volume.volumeId,
    size: volume.sizeGiB,
    snapshotId: volume.snapshotId,
    availabilityZone: volume.availabilityZone,
    availabilityZoneId: zoneIdOf(volume.availabilityZone),
    status,
    createTime: volume.createTime,
    attachmentSet: volume.attachment ? [renderAttachment(volume)] : [],
    volumeType: volume.volumeType,
    iops: volume.iops,
    throughput: volume.throughput,
    encrypted: volume.encrypted,
    multiAttachEnabled: false,
    tagSet: renderTagSet(volume.tags),
  };
}

/** An integer parameter, or undefined when absent. */
function optionalInt(params: QueryParams, name: string): number | undefined {
  return params.get(name) === undefined ? undefined : params.int(name, 0, 0);
}

/** The zone a CreateVolume names, by name or zone id; it must be one of the region's. */
function readZone(params: QueryParams, regionName: string): string {
  const zones = zonesOf(regionName);
  const byName = params.get('AvailabilityZone') || undefined;
  const byId = params.get('AvailabilityZoneId') || undefined;
  if (byName === undefined && byId === undefined)
    throw new AwsError('MissingParameter', 'The request must contain the parameter AvailabilityZone');
  const zone = byName ?? zones.find((z) => zoneIdOf(z) === byId);
  if (zone === undefined || !zones.includes(zone))
    throw new AwsError('InvalidParameterValue', `Invalid availability zone: [${byName ?? byId}]`);
  return zone;
}

/**
 * A device name EBS accepts on a Linux instance: `/dev/sdf`, `/dev/xvdf`, ... and, as the EC2 User Guide's device
 * naming table allows, `/dev/sd[a-z]` with a partition number from 1 to 15 (`/dev/sdb1`).
 */
function checkDevice(device: string): void {
  if (!/^\/dev\/(sd[a-z]{1,2}|sd[a-z](1[0-5]|[1-9])|xvd[a-z]{1,2})$/.test(device))
    throw new AwsError(
      'InvalidParameterValue',
      `Value (${device}) for parameter device is invalid. ${device} is not a valid EBS device name.`,
    );
}

function attachedInstance(region: RegionState, volume: Volume): Instance | undefined {
  return volume.attachment ? region.instances[volume.attachment.instanceId] : undefined;
}

/** CreateVolume, AttachVolume, DetachVolume, DeleteVolume and DescribeVolumes. */
export const volumeOperations: Record<string, QueryOperation> = {
  CreateVolume: {
    resource: (params, ctx) => [newResource(ctx, 'volume', tagsFor(params, 'volume'))],
    run(params, ctx) {
      const region = regionOf(ctx);
      const availabilityZone = readZone(params, ctx.region);
      const settled = checkVolume({
        sizeGiB: optionalInt(params, 'Size'),
        volumeType: params.get('VolumeType') ?? 'gp2',
        iops: optionalInt(params, 'Iops'),
        throughput: optionalInt(params, 'Throughput'),
      });
      const volume = createVolume(region, ctx, { ...settled, availabilityZone }, tagsFor(params, 'volume'));
      // CreateVolume answers while the volume is still being made; the sandbox makes it at once.
      return renderVolume(volume, 'creating') as Record<string, XmlValue>;
    },
  },

  AttachVolume: {
    resource: resourcesNamedBy({ vol: 'VolumeId', instance: 'InstanceId' }),
    run(params, ctx) {
      const region = regionOf(ctx);
      const volume = lookup(volumesOf(region), 'vol', params.require('VolumeId'));
      const instance = lookup(region.instances, 'instance', params.require('InstanceId'));
      const device = params.require('Device');
      checkDevice(device);
      if (volume.attachment) throw new AwsError('VolumeInUse', `${volume.volumeId} is already attached to an instance`);
      if (instance.state !== 'running' && instance.state !== 'stopped')
        throw new AwsError('IncorrectState', `Instance '${instance.instanceId}' is not 'running' or 'stopped'.`);
      if (volume.availabilityZone !== instance.availabilityZone)
        throw new AwsError(
          'InvalidVolume.ZoneMismatch',
          `The volume '${volume.volumeId}' is not in the same availability zone as instance '${instance.instanceId}'`,
        );
      if (
        Object.values(volumesOf(region)).some(
          (v) => v.attachment?.instanceId === instance.instanceId && v.attachment.device === device,
        )
      )
        throw new AwsError(
          'InvalidParameterValue',
          `Invalid value '${device}' for unixDevice. Attachment point ${device} is already in use`,
        );
      volume.state = 'in-use';
      volume.attachment = {
        instanceId: instance.instanceId,
        device,
        attachTime: awsTimestamp(ctx.now, { fraction: true }),
        deleteOnTermination: false,
      };
      const { deleteOnTermination: _, ...answer } = renderAttachment(volume, 'attaching') as Record<string, XmlValue>;
      return answer;
    },
  },

  DetachVolume: {
    resource: (params, ctx) =>
      resourcesNamedBy(params.get('InstanceId') ? { vol: 'VolumeId', instance: 'InstanceId' } : { vol: 'VolumeId' })(
        params,
        ctx,
      ),
    run(params, ctx) {
      const region = regionOf(ctx);
      const volume = lookup(volumesOf(region), 'vol', params.require('VolumeId'));
      const instanceId = params.get('InstanceId');
      if (!volume.attachment)
        throw new AwsError('IncorrectState', `Volume '${volume.volumeId}' is in the 'available' state.`);
      if (instanceId !== undefined && instanceId !== volume.attachment.instanceId)
        throw new AwsError(
          'InvalidAttachment.NotFound',
          `The volume '${volume.volumeId}' is not attached to instance '${instanceId}'.`,
        );
      const device = params.get('Device');
      if (device !== undefined && device !== volume.attachment.device)
        throw new AwsError(
          'InvalidAttachment.NotFound',
          `The volume ${volume.volumeId} is not attached to instance ${volume.attachment.instanceId} as device ${device}`,
        );
      const instance = attachedInstance(region, volume);
      if (instance?.state === 'running' && volume.attachment.device === '/dev/xvda')
        throw new AwsError(
          'IncorrectState',
          `Unable to detach root volume '${volume.volumeId}' from instance '${instance.instanceId}'`,
        );
      const answer = renderAttachment(volume, 'detaching') as Record<string, XmlValue>;
      volume.state = 'available';
      volume.attachment = undefined;
      const { deleteOnTermination: _, ...shown } = answer;
      return shown;
    },
  },

  DeleteVolume: {
    resource: resourcesNamedBy({ vol: 'VolumeId' }),
    run(params, ctx) {
      const volumes = volumesOf(regionOf(ctx));
      const volume = lookup(volumes, 'vol', params.require('VolumeId'));
      if (volume.attachment)
        throw new AwsError(
          'VolumeInUse',
          `Volume ${volume.volumeId} is currently attached to ${volume.attachment.instanceId}`,
        );
      delete volumes[volume.volumeId];
      return { return: true };
    },
  },

  DescribeVolumes: describeByIds<Volume>({
    listName: 'volumeSet',
    idParameter: 'VolumeId',
    kind: 'vol',
    table: volumesOf,
    filters: {
      'volume-id': (v) => [v.volumeId],
      status: (v) => [v.state],
      size: (v) => [v.sizeGiB],
      'volume-type': (v) => [v.volumeType],
      'availability-zone': (v) => [v.availabilityZone],
      'availability-zone-id': (v) => [zoneIdOf(v.availabilityZone)],
      'create-time': (v) => [v.createTime],
      encrypted: (v) => [v.encrypted],
      'multi-attach-enabled': () => [false],
      'snapshot-id': (v) => [v.snapshotId],
      'attachment.instance-id': (v) => [v.attachment?.instanceId],
      'attachment.device': (v) => [v.attachment?.device],
      'attachment.status': (v) => [v.attachment && 'attached'],
      'attachment.attach-time': (v) => [v.attachment?.attachTime],
      'attachment.delete-on-termination': (v) => [v.attachment?.deleteOnTermination],
    },
    render: (volume) => renderVolume(volume),
  }),
};
