/** Instances after launch: describing them and moving them between states (stop, start, reboot, terminate). */
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import type { QueryOperation } from '../protocols/query';
import { type Instance, type InstanceStateName, type RegionState, volumesOf } from '../state';
import type { XmlValue } from '../xml';
import { publicAddressOnReaching } from './ec2-addresses';
import { resourcesListedIn } from './ec2-arns';
import { regionOf } from './ec2-default-vpc';
import { applyFilters, paginate, type FilterValues } from './ec2-filters';
import { selectByIds } from './ec2-ids';
import { monitoringState } from './ec2-instance-options';
import { renderInstanceProfileLink } from './ec2-instance-profiles';
import { renderMetadataOptions } from './ec2-metadata-options';
import { renderTagSet } from './ec2-tags';
import { renderNetworkInterface as renderAttachedInterface, secondaryInterfacesOf } from './ec2-network-interfaces';
import { blockDeviceMappings, releaseVolumes } from './ec2-volumes';

const stateCodes: Record<InstanceStateName, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

/** An instance state as EC2 answers it: its code and its name. */
export function instanceState(name: InstanceStateName): XmlValue {
  return { code: stateCodes[name], name };
}

function dnsName(address: string | undefined, regionName: string, internal: boolean): string | undefined {
  if (!address) return undefined;
  const dashed = address.replace(/\./g, '-');
  if (internal) return `ip-${dashed}.${regionName}.compute.internal`;
  return regionName === 'us-east-1'
    ? `ec2-${dashed}.compute-1.amazonaws.com`
    : `ec2-${dashed}.${regionName}.compute.amazonaws.com`;
}

/** The public address's association, as the network interface and its primary private address both show it. */
function publicAssociation(instance: Instance, regionName: string): XmlValue {
  if (!instance.publicIpAddress) return undefined;
  return {
    publicIp: instance.publicIpAddress,
    publicDnsName: dnsName(instance.publicIpAddress, regionName, false),
    ipOwnerId: 'amazon',
  };
}

/** The one network interface every sandbox instance has, attached at launch. */
function renderNetworkInterface(instance: Instance, groups: XmlValue, ownerId: string, regionName: string): XmlValue {
  const association = publicAssociation(instance, regionName);
  return {
    networkInterfaceId: instance.networkInterfaceId,
    subnetId: instance.subnetId,
    vpcId: instance.vpcId,
    description: '',
    ownerId,
    status: 'in-use',
    macAddress: instance.macAddress,
    privateIpAddress: instance.privateIpAddress,
    privateDnsName: dnsName(instance.privateIpAddress, regionName, true),
    sourceDestCheck: true,
    groupSet: groups,
    attachment: {
      attachmentId: `eni-attach-${instance.networkInterfaceId.slice(4)}`,
      deviceIndex: 0,
      networkCardIndex: 0,
      status: 'attached',
      attachTime: instance.launchTime,
      deleteOnTermination: true,
    },
    association,
    privateIpAddressesSet: [
      {
        privateIpAddress: instance.privateIpAddress,
        privateDnsName: dnsName(instance.privateIpAddress, regionName, true),
        primary: true,
        association,
      },
    ],
    ipv6AddressesSet: (instance.ipv6Addresses ?? []).map((ipv6Address) => ({ ipv6Address, isPrimaryIpv6: false })),
    interfaceType: 'interface',
  };
}

/** An instance as DescribeInstances and RunInstances answer it, with its network interface. */
export function renderInstance(instance: Instance, region: RegionState, ownerId: string, regionName: string): XmlValue {
  const groups = instance.securityGroupIds.map((id) => ({
    groupId: id,
    groupName: region.securityGroups[id]?.groupName ?? id,
  }));
  const terminated = instance.state === 'terminated';
  return {
    instanceId: instance.instanceId,
    imageId: instance.imageId,
    instanceState: instanceState(instance.state),
    privateDnsName: terminated ? '' : dnsName(instance.privateIpAddress, regionName, true),
    dnsName: instance.publicIpAddress ? dnsName(instance.publicIpAddress, regionName, false) : '',
    reason: instance.stateTransitionReason,
    keyName: instance.keyName,
    amiLaunchIndex: instance.amiLaunchIndex,
    productCodes: [],
    instanceType: instance.instanceType,
    launchTime: instance.launchTime,
    placement: { availabilityZone: instance.availabilityZone, groupName: '', tenancy: instance.tenancy ?? 'default' },
    monitoring: { state: monitoringState(instance) },
    subnetId: terminated ? undefined : instance.subnetId,
    vpcId: terminated ? undefined : instance.vpcId,
    privateIpAddress: terminated ? undefined : instance.privateIpAddress,
    ipAddress: instance.publicIpAddress,
    sourceDestCheck: instance.sourceDestCheck ?? true,
    groupSet: terminated ? [] : groups,
    architecture: instance.architecture ?? 'x86_64',
    rootDeviceType: 'ebs',
    rootDeviceName: '/dev/xvda',
    blockDeviceMapping: blockDeviceMappings(region, instance.instanceId),
    virtualizationType: 'hvm',
    clientToken: '',
    tagSet: renderTagSet(instance.tags),
    hypervisor: 'xen',
    networkInterfaceSet: terminated
      ? []
      : [
          renderNetworkInterface(instance, groups, ownerId, regionName),
          ...secondaryInterfacesOf(region, instance.instanceId).map((eni) =>
            renderAttachedInterface(eni, region, ownerId, regionName),
          ),
        ],
    ebsOptimized: instance.ebsOptimized ?? false,
    enaSupport: true,
    stateReason: stateReasonCode(instance) && {
      code: stateReasonCode(instance),
      message: 'Client.UserInitiatedShutdown: User initiated shutdown',
    },
    metadataOptions: renderMetadataOptions(instance),
    iamInstanceProfile: renderInstanceProfileLink(instance.iamInstanceProfile),
    hibernationOptions: { configured: instance.hibernationConfigured ?? false },
    platformDetails: 'Linux/UNIX',
    usageOperation: 'RunInstances',
    bootMode: 'uefi-preferred',
  };
}

/** Why an instance is in its state: only a stopped or terminated one has a reason, the user's request. */
const stateReasonCode = (i: Instance) =>
  i.state === 'stopped' || i.state === 'terminated' ? 'Client.UserInitiatedShutdown' : undefined;

/** The DescribeInstances filters AWS documents that a learner would use, each with the instance's values. */
function instanceFilters(region: RegionState, ownerId: string, regionName: string): FilterValues<Instance> {
  const groupNames = (i: Instance) => i.securityGroupIds.map((id) => region.securityGroups[id]?.groupName);
  const volumes = (i: Instance) =>
    Object.values(volumesOf(region)).filter((v) => v.attachment?.instanceId === i.instanceId);
  return {
    'instance-id': (i) => [i.instanceId],
    'instance-state-name': (i) => [i.state],
    'instance-state-code': (i) => [stateCodes[i.state]],
    'instance-type': (i) => [i.instanceType],
    'instance-lifecycle': () => [],
    'image-id': (i) => [i.imageId],
    architecture: (i) => [i.architecture ?? 'x86_64'],
    'key-name': (i) => [i.keyName],
    'owner-id': () => [ownerId],
    'vpc-id': (i) => [i.vpcId],
    'subnet-id': (i) => [i.subnetId],
    'availability-zone': (i) => [i.availabilityZone],
    'placement-group-name': () => [],
    tenancy: (i) => [i.tenancy ?? 'default'],
    'dns-name': (i) => [dnsName(i.publicIpAddress, regionName, false)],
    'private-dns-name': (i) => [i.state === 'terminated' ? undefined : dnsName(i.privateIpAddress, regionName, true)],
    'ip-address': (i) => [i.publicIpAddress],
    'private-ip-address': (i) => [i.privateIpAddress],
    'reservation-id': (i) => [i.reservationId],
    'launch-time': (i) => [i.launchTime],
    'state-reason-code': (i) => [stateReasonCode(i)],
    hypervisor: () => ['xen'],
    'virtualization-type': () => ['hvm'],
    'root-device-type': () => ['ebs'],
    'root-device-name': () => ['/dev/xvda'],
    'platform-details': () => ['Linux/UNIX'],
    'monitoring-state': (i) => [monitoringState(i)],
    'source-dest-check': (i) => [i.sourceDestCheck ?? true],
    'metadata-options.http-tokens': (i) => [i.metadataHttpTokens],
    'instance.group-id': (i) => i.securityGroupIds,
    'instance.group-name': groupNames,
    'block-device-mapping.device-name': (i) => volumes(i).map((v) => v.attachment?.device),
    'block-device-mapping.volume-id': (i) => volumes(i).map((v) => v.volumeId),
    'block-device-mapping.delete-on-termination': (i) => volumes(i).map((v) => v.attachment?.deleteOnTermination),
    'network-interface.network-interface-id': (i) => [i.networkInterfaceId],
    'network-interface.mac-address': (i) => [i.macAddress],
    'network-interface.subnet-id': (i) => [i.subnetId],
    'network-interface.vpc-id': (i) => [i.vpcId],
    'network-interface.status': (i) => [i.state === 'terminated' ? undefined : 'in-use'],
    'network-interface.owner-id': () => [ownerId],
    'network-interface.private-dns-name': (i) => [dnsName(i.privateIpAddress, regionName, true)],
    'network-interface.addresses.private-ip-address': (i) => [i.privateIpAddress],
    'network-interface.ipv6-addresses.ipv6-address': (i) => i.ipv6Addresses ?? [],
    'network-interface.association.public-ip': (i) => [i.publicIpAddress],
    'network-interface.group-id': (i) => i.securityGroupIds,
    'network-interface.group-name': groupNames,
    'network-interface.source-dest-check': (i) => [i.sourceDestCheck ?? true],
    'iam-instance-profile.arn': (i) => [i.iamInstanceProfile?.arn],
  };
}

/** The status checks' result: a running instance passes both; the others are not checked. */
const checkStatus = (i: Instance) => (i.state === 'running' ? 'ok' : 'not-applicable');

/** The DescribeInstanceStatus filters AWS documents for what the sandbox reports: zone, state and status checks. */
const instanceStatusFilters: FilterValues<Instance> = {
  'availability-zone': (i) => [i.availabilityZone],
  'instance-state-name': (i) => [i.state],
  'instance-state-code': (i) => [stateCodes[i.state]],
  'instance-status.status': (i) => [checkStatus(i)],
  'system-status.status': (i) => [checkStatus(i)],
};

/** What a state change answers: the state the instance left, and the one it is shown in on its way to the next. */
interface StateChange {
  from: InstanceStateName;
  shown: InstanceStateName;
}

/** Applies `transition` to each instance named; `null` from it means the instance is already where it was sent. */
function changeInstanceStates(
  ctx: ServiceContext,
  ids: string[],
  transition: (instance: Instance) => StateChange | null,
): XmlValue {
  const region = regionOf(ctx);
  if (ids.length === 0) throw new AwsError('InvalidParameterCombination', 'No instances specified');
  const instances = selectByIds(region.instances, 'instance', ids);
  const changes = instances.map((instance) => ({ instance, change: transition(instance) }));
  return {
    instancesSet: changes.map(({ instance, change }) => ({
      instanceId: instance.instanceId,
      currentState: instanceState(change?.shown ?? instance.state),
      previousState: instanceState(change?.from ?? instance.state),
    })),
  };
}

const reasonTime = (now: Date) =>
  now
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, ' GMT');

/** Stops or terminates an instance: it loses its public address (not an Elastic IP); the reason says the user asked. */
function shutDown(
  ctx: ServiceContext,
  instance: Instance,
  to: 'stopped' | 'terminated',
  shown: InstanceStateName,
): StateChange {
  const from = instance.state;
  instance.state = to;
  instance.publicIpAddress = publicAddressOnReaching(ctx, instance, to);
  instance.stateTransitionReason = `User initiated (${reasonTime(ctx.now)})`;
  // A terminated instance's root volume is deleted with it, and what the learner wrote there with it.
  if (to === 'terminated') delete instance.disk;
  else restartServices(instance);
  return { from, shown };
}

/** After a stop or a reboot only the instance's enabled services run again; its files stay. */
function restartServices(instance: Instance): void {
  const disk = instance.disk ?? { files: {}, directories: [], removed: [], packages: [], services: {} };
  for (const service of Object.values(disk.services)) service.active = service.enabled;
  instance.disk = { ...disk, restarted: true };
}

/** Describing instances and changing their state. */
export const instanceOperations: Record<string, QueryOperation> = {
  DescribeInstances: {
    run(params, ctx) {
      const region = regionOf(ctx);
      if (params.has('InstanceId') && params.has('MaxResults'))
        throw new AwsError(
          'InvalidParameterCombination',
          'The parameter instancesSet cannot be used with the parameter maxResults',
        );
      const selected = applyFilters(
        selectByIds(region.instances, 'instance', params.list('InstanceId')),
        params,
        instanceFilters(region, ctx.account.accountId, ctx.region),
      );
      const { page, nextToken } = paginate(selected, params);
      const reservations = new Map<string, Instance[]>();
      for (const instance of page)
        reservations.set(instance.reservationId, [...(reservations.get(instance.reservationId) ?? []), instance]);
      return {
        reservationSet: [...reservations.entries()].map(([reservationId, instances]) => ({
          reservationId,
          ownerId: ctx.account.accountId,
          groupSet: [],
          instancesSet: instances.map((i) => renderInstance(i, region, ctx.account.accountId, ctx.region)),
        })),
        nextToken,
      };
    },
  },

  DescribeInstanceStatus: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const all = params.bool('IncludeAllInstances') ?? false;
      const instances = applyFilters(
        selectByIds(region.instances, 'instance', params.list('InstanceId')).filter(
          (i) => all || i.state === 'running',
        ),
        params,
        instanceStatusFilters,
      );
      return {
        instanceStatusSet: instances.map((i) => ({
          instanceId: i.instanceId,
          availabilityZone: i.availabilityZone,
          instanceState: instanceState(i.state),
          systemStatus: { status: checkStatus(i) },
          instanceStatus: { status: checkStatus(i) },
        })),
      };
    },
  },

  StopInstances: {
    resource: resourcesListedIn('instance', 'InstanceId'),
    run(params, ctx) {
      return changeInstanceStates(ctx, params.list('InstanceId'), (instance) => {
        if (instance.state === 'terminated')
          throw new AwsError(
            'IncorrectInstanceState',
            `This instance '${instance.instanceId}' is not in a state from which it can be stopped.`,
          );
        if (instance.state === 'stopped') return null;
        if (instance.disableApiStop)
          throw new AwsError(
            'OperationNotPermitted',
            `The instance '${instance.instanceId}' may not be stopped. Modify its 'disableApiStop' instance ` +
              'attribute and try again.',
          );
        return shutDown(ctx, instance, 'stopped', 'stopping');
      });
    },
  },

  StartInstances: {
    resource: resourcesListedIn('instance', 'InstanceId'),
    run(params, ctx) {
      return changeInstanceStates(ctx, params.list('InstanceId'), (instance) => {
        if (instance.state === 'terminated')
          throw new AwsError(
            'IncorrectInstanceState',
            `The instance '${instance.instanceId}' is not in a state from which it can be started.`,
          );
        if (instance.state === 'running') return null;
        const from = instance.state;
        instance.state = 'running';
        instance.stateTransitionReason = '';
        instance.publicIpAddress = publicAddressOnReaching(ctx, instance, 'running');
        return { from, shown: 'pending' };
      });
    },
  },

  RebootInstances: {
    resource: resourcesListedIn('instance', 'InstanceId'),
    run(params, ctx) {
      const ids = params.list('InstanceId');
      if (ids.length === 0) throw new AwsError('MissingParameter', 'The request must contain the parameter InstanceId');
      for (const instance of selectByIds(regionOf(ctx).instances, 'instance', ids))
        if (instance.state === 'terminated')
          throw new AwsError(
            'IncorrectInstanceState',
            `The instance '${instance.instanceId}' is not in a state from which it can be rebooted.`,
          );
      // A reboot keeps the instance running, its addresses and its volumes; only its enabled services come back.
      for (const instance of selectByIds(regionOf(ctx).instances, 'instance', ids)) restartServices(instance);
      return { return: true };
    },
  },

  TerminateInstances: {
    resource: resourcesListedIn('instance', 'InstanceId'),
    run(params, ctx) {
      const region = regionOf(ctx);
      return changeInstanceStates(ctx, params.list('InstanceId'), (instance) => {
        if (instance.state === 'terminated') return null;
        if (instance.disableApiTermination)
          throw new AwsError(
            'OperationNotPermitted',
            `The instance '${instance.instanceId}' may not be terminated. Modify its 'disableApiTermination' ` +
              'instance attribute and try again.',
          );
        releaseVolumes(region, instance.instanceId);
        return shutDown(ctx, instance, 'terminated', 'shutting-down');
      });
    },
  },
};
