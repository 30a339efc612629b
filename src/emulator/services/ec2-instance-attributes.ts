/**
 * An instance's attributes: DescribeInstanceAttribute reads one, ModifyInstanceAttribute changes them (the type and
 * user data only while the instance is stopped, as EC2 requires).
 */
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import type { QueryOperation, QueryParams } from '../protocols/query';
import { type Instance, type RegionState, volumesOf } from '../state';
import type { XmlValue } from '../xml';
import { resourcesNamedBy } from './ec2-arns';
import { regionOf } from './ec2-default-vpc';
import { lookup } from './ec2-ids';
import { launchImage } from './ec2-images';
import { instanceTypeSpec } from './ec2-instance-type-catalogue';
import { blockDeviceMappings } from './ec2-volumes';
import { checkTypeFitsImage } from './ec2-run-instances';

/** Each attribute DescribeInstanceAttribute reads, as its answer shows it. */
const describedAttributes: Record<string, (instance: Instance, region: RegionState) => XmlValue> = {
  instanceType: (i) => ({ value: i.instanceType }),
  userData: (i) => (i.userData === undefined ? {} : { value: i.userData }),
  disableApiTermination: (i) => ({ value: i.disableApiTermination ?? false }),
  disableApiStop: (i) => ({ value: i.disableApiStop ?? false }),
  instanceInitiatedShutdownBehavior: () => ({ value: 'stop' }),
  rootDeviceName: () => ({ value: '/dev/xvda' }),
  blockDeviceMapping: (i, region) => blockDeviceMappings(region, i.instanceId),
  sourceDestCheck: (i) => ({ value: i.sourceDestCheck ?? true }),
  groupSet: (i) => i.securityGroupIds.map((groupId) => ({ groupId })),
  ebsOptimized: (i) => ({ value: i.ebsOptimized ?? false }),
  enaSupport: () => ({ value: true }),
  // Amazon Linux 2023 uses ENA, not the older Intel 82599 VF interface, so SR-IOV support is unset.
  sriovNetSupport: () => ({}),
  productCodes: () => [],
  kernel: () => ({}),
  ramdisk: () => ({}),
};

/** The error EC2 gives for a change that needs a stopped instance. */
function notStopped(instance: Instance): AwsError {
  return new AwsError('IncorrectInstanceState', `The instance '${instance.instanceId}' is not in the 'stopped' state.`);
}

/** One change ModifyInstanceAttribute can make: read from its own parameter, applied to the instance. */
type Change = (instance: Instance, value: string, ctx: ServiceContext) => void;

function readBoolean(name: string, value: string): boolean {
  if (value !== 'true' && value !== 'false')
    throw new AwsError(
      'InvalidParameterValue',
      `Value (${value}) for parameter ${name} is invalid. Expected a boolean.`,
    );
  return value === 'true';
}

/** The changes by attribute name, as `Attribute=…&Value=…` names them and `Name.Value=…` sends them. */
const changes: Record<string, Change> = {
  instanceType(instance, value, ctx) {
    const spec = instanceTypeSpec(value);
    if (!spec) throw new AwsError('InvalidParameterValue', `Invalid value '${value}' for InstanceType.`);
    if (instance.state !== 'stopped') throw notStopped(instance);
    checkTypeFitsImage(spec, launchImage(ctx.region, instance.imageId), ctx.region);
    instance.instanceType = spec.name;
  },
  userData(instance, value) {
    if (instance.state !== 'stopped') throw notStopped(instance);
    instance.userData = value;
  },
  disableApiTermination(instance, value) {
    instance.disableApiTermination = readBoolean('disableApiTermination', value);
  },
  disableApiStop(instance, value) {
    instance.disableApiStop = readBoolean('disableApiStop', value);
  },
  sourceDestCheck(instance, value) {
    instance.sourceDestCheck = readBoolean('sourceDestCheck', value);
  },
  ebsOptimized(instance, value) {
    if (instance.state !== 'stopped') throw notStopped(instance);
    instance.ebsOptimized = readBoolean('ebsOptimized', value);
  },
};

/** A change to whether attached volumes are deleted with the instance, by device name (`BlockDeviceMapping.N`). */
interface DeletionChange {
  device: string;
  deleteOnTermination: boolean;
}

/** The one attribute a request changes, and its new value; every group id for `groupSet`. */
function readChange(
  params: QueryParams,
): { attribute: string; value: string } | { groupIds: string[] } | { deletions: DeletionChange[] } {
  const groupIds = params.list('GroupId');
  if (groupIds.length > 0) return { groupIds };
  const mappings = params.structs('BlockDeviceMapping');
  if (mappings.length > 0)
    return {
      deletions: mappings.map((m) => ({
        device: m.require('DeviceName'),
        deleteOnTermination: m.bool('Ebs.DeleteOnTermination') ?? true,
      })),
    };
  for (const attribute of Object.keys(changes)) {
    const value = params.get(`${attribute.charAt(0).toUpperCase()}${attribute.slice(1)}.Value`);
    if (value !== undefined) return { attribute, value };
  }
  const attribute = params.get('Attribute');
  const value = params.get('Value');
  if (attribute === undefined || value === undefined)
    throw new AwsError('MissingParameter', 'The request must contain the parameter Attribute and Value');
  if (attribute === 'groupSet') return { groupIds: value.split(',') };
  if (!Object.hasOwn(changes, attribute))
    throw new AwsError(
      'InvalidParameterValue',
      `Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`,
    );
  return { attribute, value };
}

/** Replaces the instance's security groups: each must exist in the instance's VPC. */
function setGroups(instance: Instance, groupIds: string[], region: RegionState): void {
  for (const id of groupIds) {
    const group = lookup(region.securityGroups, 'sg', id);
    if (group.vpcId !== instance.vpcId)
      throw new AwsError(
        'InvalidGroup.NotFound',
        `You have specified two resources that belong to different networks.`,
      );
  }
  instance.securityGroupIds = [...new Set(groupIds)];
}

/**
 * Sets whether each volume named by its device is deleted with the instance (the EC2 User Guide's way to keep a root
 * volume after termination). Every device must have a volume attached, checked before any changes.
 */
function setDeletions(instance: Instance, deletions: DeletionChange[], region: RegionState): void {
  const attached = Object.values(volumesOf(region)).filter((v) => v.attachment?.instanceId === instance.instanceId);
  const changes = deletions.map(({ device, deleteOnTermination }) => {
    const volume = attached.find((v) => v.attachment!.device === device);
    if (!volume) throw new AwsError('InvalidInstanceAttributeValue', `No device is currently mapped at ${device}`);
    return { attachment: volume.attachment!, deleteOnTermination };
  });
  for (const { attachment, deleteOnTermination } of changes) attachment.deleteOnTermination = deleteOnTermination;
}

/** DescribeInstanceAttribute and ModifyInstanceAttribute. */
export const instanceAttributeOperations: Record<string, QueryOperation> = {
  DescribeInstanceAttribute: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const instance = lookup(region.instances, 'instance', params.require('InstanceId'));
      const attribute = params.require('Attribute');
      if (!Object.hasOwn(describedAttributes, attribute))
        throw new AwsError(
          'InvalidParameterValue',
          `Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`,
        );
      return { instanceId: instance.instanceId, [attribute]: describedAttributes[attribute]!(instance, region) };
    },
  },

  ModifyInstanceAttribute: {
    resource: resourcesNamedBy({ instance: 'InstanceId' }),
    run(params, ctx) {
      const region = regionOf(ctx);
      const instance = lookup(region.instances, 'instance', params.require('InstanceId'));
      if (instance.state === 'terminated')
        throw new AwsError('IncorrectInstanceState', `The instance '${instance.instanceId}' is terminated.`);
      const change = readChange(params);
      if ('groupIds' in change) setGroups(instance, change.groupIds, region);
      else if ('deletions' in change) setDeletions(instance, change.deletions, region);
      else changes[change.attribute]!(instance, change.value, ctx);
      return { return: true };
    },
  },
};
