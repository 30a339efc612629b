/**
 * Elastic network interfaces. Every instance has its primary one (device index 0), which the instance itself holds
 * (its address, MAC, groups and source/destination check) and which goes with it; a learner can make others in a
 * subnet, attach them to an instance at another device index, detach and delete them (EC2 API reference,
 * CreateNetworkInterface, AttachNetworkInterface). Interface VPC endpoints have one per subnet, which AWS manages.
 */
import { AwsError } from '../aws-error';
import { ec2Id, macAddress } from '../ids';
import type { QueryOperation, QueryParams } from '../protocols/query';
import { type Instance, type NetworkInterface, networkInterfacesOf, type RegionState, type Subnet } from '../state';
import type { XmlValue } from '../xml';
import { nextPrivateAddress, requestedPrivateAddress } from './ec2-addresses';
import { existingResources, newResource } from './ec2-arns';
import { regionOf } from './ec2-default-vpc';
import { describe } from './ec2-describe';
import { type FilterValues, withAliases } from './ec2-filters';
import { lookup, selectByIds } from './ec2-ids';
import { renderTags, tagsFor } from './ec2-tags';

/** The attachment id of an instance's primary interface, which lasts as long as the instance. */
function primaryAttachmentId(instance: Instance): string {
  return `eni-attach-${instance.networkInterfaceId.slice(4)}`;
}

/** An instance's primary interface, as the instance holds it. */
function primaryInterface(instance: Instance, region: RegionState): NetworkInterface {
  const subnet = region.subnets[instance.subnetId];
  // The instance keeps its primary interface's tags, so CreateTags on the interface's id changes them there. An
  // instance launched before the sandbox had interfaces gets its list here, once.
  instance.primaryInterfaceTags ??= [];
  return {
    networkInterfaceId: instance.networkInterfaceId,
    subnetId: instance.subnetId,
    vpcId: instance.vpcId,
    availabilityZone: subnet?.availabilityZone ?? instance.availabilityZone,
    description: instance.primaryInterfaceDescription ?? '',
    privateIpAddress: instance.privateIpAddress,
    macAddress: instance.macAddress,
    groupIds: instance.securityGroupIds,
    sourceDestCheck: instance.sourceDestCheck ?? true,
    interfaceType: 'interface',
    attachment: {
      attachmentId: primaryAttachmentId(instance),
      instanceId: instance.instanceId,
      deviceIndex: 0,
      attachTime: instance.launchTime,
      deleteOnTermination: true,
    },
    tags: instance.primaryInterfaceTags,
  };
}

/** The instance an interface is attached to, if it still runs: an attachment to a terminated instance has ended. */
function attachedInstance(region: RegionState, eni: NetworkInterface): Instance | undefined {
  const instance = eni.attachment && region.instances[eni.attachment.instanceId];
  return instance && instance.state !== 'terminated' ? instance : undefined;
}

/** Every interface of the region by id: instances' primary ones and the region's own. */
export function interfacesOf(region: RegionState): Record<string, NetworkInterface> {
  const primaries = Object.values(region.instances)
    .filter((instance) => instance.state !== 'terminated')
    .map((instance) => primaryInterface(instance, region));
  const own = Object.values(networkInterfacesOf(region)).map((eni) =>
    eni.attachment && !attachedInstance(region, eni) ? { ...eni, attachment: undefined } : eni,
  );
  return Object.fromEntries([...primaries, ...own].map((eni) => [eni.networkInterfaceId, eni]));
}

/** A new interface in a subnet, with the subnet's next free address, stored in the region. */
export function addNetworkInterface(
  region: RegionState,
  subnet: Subnet,
  fields: Pick<NetworkInterface, 'description' | 'groupIds' | 'interfaceType' | 'tags'> & { privateIpAddress?: string },
): NetworkInterface {
  const eni: NetworkInterface = {
    networkInterfaceId: ec2Id('eni'),
    subnetId: subnet.subnetId,
    vpcId: subnet.vpcId,
    availabilityZone: subnet.availabilityZone,
    macAddress: macAddress(),
    sourceDestCheck: true,
    ...fields,
    privateIpAddress: fields.privateIpAddress ?? nextPrivateAddress(subnet, region),
  };
  networkInterfacesOf(region)[eni.networkInterfaceId] = eni;
  return eni;
}

/** A network interface as EC2 shows it, with its attachment and groups. */
export function renderNetworkInterface(
  eni: NetworkInterface,
  region: RegionState,
  ownerId: string,
  regionName: string,
): XmlValue {
  const domain = regionName === 'us-east-1' ? 'ec2.internal' : `${regionName}.compute.internal`;
  const privateDnsName = `ip-${eni.privateIpAddress.replaceAll('.', '-')}.${domain}`;
  return {
    networkInterfaceId: eni.networkInterfaceId,
    subnetId: eni.subnetId,
    vpcId: eni.vpcId,
    availabilityZone: eni.availabilityZone,
    description: eni.description,
    ownerId,
    requesterManaged: eni.interfaceType !== 'interface',
    status: eni.attachment ? 'in-use' : 'available',
    macAddress: eni.macAddress,
    privateIpAddress: eni.privateIpAddress,
    privateDnsName,
    sourceDestCheck: eni.sourceDestCheck,
    groupSet: eni.groupIds.map((groupId) => ({
      groupId,
      groupName: region.securityGroups[groupId]?.groupName ?? groupId,
    })),
    attachment: eni.attachment && {
      attachmentId: eni.attachment.attachmentId,
      instanceId: eni.attachment.instanceId,
      instanceOwnerId: ownerId,
      deviceIndex: eni.attachment.deviceIndex,
      networkCardIndex: 0,
      status: 'attached',
      attachTime: eni.attachment.attachTime,
      deleteOnTermination: eni.attachment.deleteOnTermination,
    },
    privateIpAddressesSet: [
      { privateIpAddress: eni.privateIpAddress, privateDnsName, primary: true },
      ...(eni.secondaryPrivateIpAddresses ?? []).map((address) => ({
        privateIpAddress: address,
        privateDnsName: `ip-${address.replaceAll('.', '-')}.${domain}`,
        primary: false,
      })),
    ],
    ipv6AddressesSet: [],
    interfaceType: eni.interfaceType,
    tagSet: renderTags(eni.tags),
  };
}

const interfaceFilters: FilterValues<NetworkInterface> = withAliases<NetworkInterface>(
  {
    'network-interface-id': (e) => [e.networkInterfaceId],
    'subnet-id': (e) => [e.subnetId],
    'vpc-id': (e) => [e.vpcId],
    'availability-zone': (e) => [e.availabilityZone],
    description: (e) => [e.description],
    'private-ip-address': (e) => [e.privateIpAddress, ...(e.secondaryPrivateIpAddresses ?? [])],
    'addresses.private-ip-address': (e) => [e.privateIpAddress, ...(e.secondaryPrivateIpAddresses ?? [])],
    'mac-address': (e) => [e.macAddress],
    'group-id': (e) => e.groupIds,
    status: (e) => [e.attachment ? 'in-use' : 'available'],
    'source-dest-check': (e) => [e.sourceDestCheck],
    'interface-type': (e) => [e.interfaceType],
    'requester-managed': (e) => [e.interfaceType !== 'interface'],
    'attachment.instance-id': (e) => [e.attachment?.instanceId],
    'attachment.attachment-id': (e) => [e.attachment?.attachmentId],
    'attachment.device-index': (e) => [e.attachment?.deviceIndex],
    'attachment.status': (e) => [e.attachment ? 'attached' : undefined],
    'attachment.delete-on-termination': (e) => [e.attachment?.deleteOnTermination],
  },
  { 'private-dns-name': 'private-ip-address' },
);

/** The security groups a request names, each in the interface's VPC. */
function requireGroups(region: RegionState, ids: string[], vpcId: string): string[] {
  for (const id of ids) {
    const group = lookup(region.securityGroups, 'sg', id);
    if (group.vpcId !== vpcId)
      throw new AwsError('InvalidParameter', `Security group ${id} and subnet belong to different networks.`);
  }
  return ids;
}

/** The default security group of a VPC, which an interface made without groups gets. */
function defaultGroupOf(region: RegionState, vpcId: string): string[] {
  const group = Object.values(region.securityGroups).find((g) => g.vpcId === vpcId && g.groupName === 'default');
  return group ? [group.groupId] : [];
}

/**
 * The addresses CreateNetworkInterface asks for, primary first: `PrivateIpAddress`, or the one of `PrivateIpAddresses`
 * marked primary, or its first; the rest of that list as secondary ones. Each must be a free one of the subnet,
 * checked as a launch checks it.
 */
function requestedAddresses(params: QueryParams, region: RegionState, subnet: Subnet): string[] {
  const listed = params.structs('PrivateIpAddresses').map((entry) => ({
    address: entry.require('PrivateIpAddress'),
    primary: entry.bool('Primary') === true,
  }));
  if (listed.filter((entry) => entry.primary).length > 1)
    throw new AwsError('InvalidParameterValue', 'Only one primary private IPv4 address can be specified.');
  const single = params.get('PrivateIpAddress');
  const ordered = [
    ...(single === undefined ? [] : [single]),
    ...listed.filter((entry) => entry.primary).map((entry) => entry.address),
    ...listed.filter((entry) => !entry.primary).map((entry) => entry.address),
  ];
  const addresses = [...new Set(ordered)];
  if (params.get('SecondaryPrivateIpAddressCount') !== undefined && addresses.length > 1)
    throw new AwsError(
      'InvalidParameterCombination',
      'PrivateIpAddresses and SecondaryPrivateIpAddressCount cannot be specified together.',
    );
  return addresses.map((address) => requestedPrivateAddress(subnet, region, address));
}

/** `count` more free addresses of the subnet, each taken as it is found. */
function freeAddresses(region: RegionState, subnet: Subnet, eni: NetworkInterface, count: number): string[] {
  const added: string[] = [];
  for (let i = 0; i < count; i++) {
    const address = nextPrivateAddress(subnet, region);
    eni.secondaryPrivateIpAddresses = [...(eni.secondaryPrivateIpAddresses ?? []), address];
    added.push(address);
  }
  return added;
}

/** An interface of the region's own, which can hold secondary addresses (an instance's primary one cannot here). */
function requireOwnInterface(region: RegionState, id: string): NetworkInterface {
  const eni = requireInterface(region, id);
  const own = networkInterfacesOf(region)[eni.networkInterfaceId];
  if (!own)
    throw new AwsError(
      'InvalidParameterValue',
      `Interface ${id} is an instance's primary interface: the sandbox gives secondary addresses only to interfaces ` +
        'made with CreateNetworkInterface.',
    );
  return own;
}

/** An interface the learner may change: the region's own or an instance's primary one. */
function requireInterface(region: RegionState, id: string): NetworkInterface {
  return lookup(interfacesOf(region), 'eni', id);
}

/** The instance whose primary interface this is, if it is one. */
function primaryOwner(region: RegionState, eni: NetworkInterface): Instance | undefined {
  return Object.values(region.instances).find((i) => i.networkInterfaceId === eni.networkInterfaceId);
}

/** The network interface operations. */
export const networkInterfaceOperations: Record<string, QueryOperation> = {
  CreateNetworkInterface: {
    resource: (params, ctx) => [
      newResource(ctx, 'network-interface', tagsFor(params, 'network-interface')),
      ...existingResources(ctx, 'subnet', [params.require('SubnetId')]),
    ],
    run(params, ctx) {
      const region = regionOf(ctx);
      const subnet = lookup(region.subnets, 'subnet', params.require('SubnetId'));
      const named = params.list('SecurityGroupId');
      const [primary, ...secondary] = requestedAddresses(params, region, subnet);
      const eni = addNetworkInterface(region, subnet, {
        description: params.get('Description') ?? '',
        groupIds: named.length > 0 ? requireGroups(region, named, subnet.vpcId) : defaultGroupOf(region, subnet.vpcId),
        interfaceType: 'interface',
        privateIpAddress: primary,
        tags: tagsFor(params, 'network-interface'),
      });
      if (secondary.length > 0) eni.secondaryPrivateIpAddresses = secondary;
      freeAddresses(region, subnet, eni, params.int('SecondaryPrivateIpAddressCount', 0, 0));
      return {
        networkInterface: renderNetworkInterface(eni, region, ctx.account.accountId, ctx.region),
        clientToken: params.get('ClientToken'),
      };
    },
  },

  AssignPrivateIpAddresses: {
    resource: (params, ctx) => existingResources(ctx, 'eni', [params.require('NetworkInterfaceId')]),
    run(params, ctx) {
      const region = regionOf(ctx);
      const eni = requireOwnInterface(region, params.require('NetworkInterfaceId'));
      const subnet = lookup(region.subnets, 'subnet', eni.subnetId);
      const named = params.list('PrivateIpAddress');
      const count = params.get('SecondaryPrivateIpAddressCount');
      if (named.length > 0 === (count !== undefined))
        throw new AwsError(
          'InvalidParameterCombination',
          'The request must contain exactly one of privateIpAddress, secondaryPrivateIpAddressCount.',
        );
      const checked = named.map((address) => requestedPrivateAddress(subnet, region, address));
      eni.secondaryPrivateIpAddresses = [...(eni.secondaryPrivateIpAddresses ?? []), ...checked];
      const added = [
        ...checked,
        ...freeAddresses(region, subnet, eni, params.int('SecondaryPrivateIpAddressCount', 0, 1)),
      ];
      return {
        networkInterfaceId: eni.networkInterfaceId,
        assignedPrivateIpAddressesSet: added.map((privateIpAddress) => ({ privateIpAddress })),
        return: true,
      };
    },
  },

  UnassignPrivateIpAddresses: {
    resource: (params, ctx) => existingResources(ctx, 'eni', [params.require('NetworkInterfaceId')]),
    run(params, ctx) {
      const region = regionOf(ctx);
      const eni = requireOwnInterface(region, params.require('NetworkInterfaceId'));
      const named = params.list('PrivateIpAddress');
      const held = eni.secondaryPrivateIpAddresses ?? [];
      if (named.length === 0 || named.some((address) => !held.includes(address)))
        throw new AwsError(
          'InvalidParameterValue',
          `Some of the specified addresses are not assigned to interface ${eni.networkInterfaceId}`,
        );
      eni.secondaryPrivateIpAddresses = held.filter((address) => !named.includes(address));
      return { return: true };
    },
  },

  DescribeNetworkInterfaces: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const interfaces = selectByIds(interfacesOf(region), 'eni', params.list('NetworkInterfaceId'));
      return describe('networkInterfaceSet', interfaces, params, interfaceFilters, (eni) =>
        renderNetworkInterface(eni, region, ctx.account.accountId, ctx.region),
      );
    },
  },

  DeleteNetworkInterface: {
    resource: (params, ctx) => existingResources(ctx, 'eni', [params.require('NetworkInterfaceId')]),
    run(params, ctx) {
      const region = regionOf(ctx);
      const eni = requireInterface(region, params.require('NetworkInterfaceId'));
      if (eni.attachment)
        throw new AwsError('InvalidNetworkInterface.InUse', `Interface: [${eni.networkInterfaceId}] in use.`);
      delete networkInterfacesOf(region)[eni.networkInterfaceId];
      return { return: true };
    },
  },

  AttachNetworkInterface: {
    resource: (params, ctx) => [
      ...existingResources(ctx, 'eni', [params.require('NetworkInterfaceId')]),
      ...existingResources(ctx, 'instance', [params.require('InstanceId')]),
    ],
    run(params, ctx) {
      const region = regionOf(ctx);
      const eni = requireInterface(region, params.require('NetworkInterfaceId'));
      const instance = lookup(region.instances, 'instance', params.require('InstanceId'));
      const deviceIndex = params.int('DeviceIndex', 0, 0, 31);
      if (params.get('DeviceIndex') === undefined)
        throw new AwsError('MissingParameter', 'The request must contain the parameter deviceIndex');
      if (eni.attachment)
        throw new AwsError('InvalidNetworkInterface.InUse', `Interface: [${eni.networkInterfaceId}] in use.`);
      if (eni.availabilityZone !== instance.availabilityZone)
        throw new AwsError(
          'InvalidParameterCombination',
          `You may not attach a network interface to an instance if they are not in the same availability zone`,
        );
      const taken = Object.values(interfacesOf(region)).some(
        (other) => other.attachment?.instanceId === instance.instanceId && other.attachment.deviceIndex === deviceIndex,
      );
      if (taken)
        throw new AwsError(
          'InvalidParameterValue',
          `Instance '${instance.instanceId}' already has an interface attached at device index '${deviceIndex}'.`,
        );
      const own = networkInterfacesOf(region)[eni.networkInterfaceId]!;
      own.attachment = {
        attachmentId: ec2Id('eni-attach'),
        instanceId: instance.instanceId,
        deviceIndex,
        attachTime: ctx.now.toISOString(),
        deleteOnTermination: false,
      };
      return { attachmentId: own.attachment.attachmentId, networkCardIndex: 0 };
    },
  },

  DetachNetworkInterface: {
    resource: (params, ctx) => {
      const eni = attachmentHolder(regionOf(ctx), params.require('AttachmentId'));
      return existingResources(ctx, 'eni', [eni.networkInterfaceId]);
    },
    run(params, ctx) {
      const region = regionOf(ctx);
      const eni = attachmentHolder(region, params.require('AttachmentId'));
      if (eni.attachment?.deviceIndex === 0)
        throw new AwsError('OperationNotPermitted', `The network interface at device index 0 cannot be detached.`);
      const own = networkInterfacesOf(region)[eni.networkInterfaceId]!;
      own.attachment = undefined;
      return { return: true };
    },
  },

  ModifyNetworkInterfaceAttribute: {
    resource: (params, ctx) => existingResources(ctx, 'eni', [params.require('NetworkInterfaceId')]),
    run(params, ctx) {
      const region = regionOf(ctx);
      const eni = requireInterface(region, params.require('NetworkInterfaceId'));
      const groups = params.list('SecurityGroupId');
      const description = params.get('Description.Value');
      const sourceDestCheck = params.bool('SourceDestCheck.Value');
      if (groups.length === 0 && description === undefined && sourceDestCheck === undefined)
        throw new AwsError(
          'MissingParameter',
          'The request must contain the parameter groupSet, description or sourceDestCheck',
        );
      if (groups.length > 0) requireGroups(region, groups, eni.vpcId);
      const owner = primaryOwner(region, eni);
      if (owner) {
        if (groups.length > 0) owner.securityGroupIds = groups;
        if (description !== undefined) owner.primaryInterfaceDescription = description;
        if (sourceDestCheck !== undefined) owner.sourceDestCheck = sourceDestCheck;
        return { return: true };
      }
      const own = networkInterfacesOf(region)[eni.networkInterfaceId]!;
      if (groups.length > 0) own.groupIds = groups;
      if (description !== undefined) own.description = description;
      if (sourceDestCheck !== undefined) own.sourceDestCheck = sourceDestCheck;
      return { return: true };
    },
  },
};

/** The interface an attachment id names. */
function attachmentHolder(region: RegionState, attachmentId: string): NetworkInterface {
  const eni = Object.values(interfacesOf(region)).find((e) => e.attachment?.attachmentId === attachmentId);
  if (!eni) throw new AwsError('InvalidAttachmentID.NotFound', `The attachment ID '${attachmentId}' does not exist`);
  return eni;
}

/** The interfaces attached to an instance beyond its primary one, as DescribeInstances lists them. */
export function secondaryInterfacesOf(region: RegionState, instanceId: string): NetworkInterface[] {
  return Object.values(interfacesOf(region)).filter(
    (eni) => eni.attachment?.instanceId === instanceId && eni.attachment.deviceIndex > 0,
  );
}
