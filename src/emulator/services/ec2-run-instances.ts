/** RunInstances: launching instances into a subnet. */
import { AwsError } from '../aws-error';
import { ec2Id, macAddress } from '../ids';
import type { QueryOperation } from '../protocols/query';
import { zonesOf } from '../regions';
import type { Instance } from '../state';
import type { XmlValue } from '../xml';
import { awsTimestamp } from '../../lib/aws-timestamp';
import { newPublicAddress, nextPrivateAddress } from './ec2-addresses';
import { regionOf } from './ec2-default-vpc';
import { lookup } from './ec2-ids';
import { renderInstance } from './ec2-instances';
import { instanceTypes } from './ec2-instance-types';
import { tagsFor } from './ec2-tags';

/** RunInstances, the one operation that makes instances. */
export const runInstancesOperations: Record<string, QueryOperation> = {
  RunInstances: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const imageId = params.require('ImageId');
      if (!/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(imageId))
        throw new AwsError('InvalidAMIID.Malformed', `Invalid id: "${imageId}" (expecting "ami-...")`);
      const instanceType = params.get('InstanceType') ?? 'm1.small';
      if (!Object.hasOwn(instanceTypes, instanceType))
        throw new AwsError('InvalidParameterValue', `Invalid value '${instanceType}' for InstanceType.`);
      const minCount = params.int('MinCount', 1, 1, 20);
      const maxCount = params.int('MaxCount', minCount, 1, 20);
      if (minCount > maxCount)
        throw new AwsError('InvalidParameterValue', 'MinCount must be less than or equal to MaxCount');
      const networkInterface = params.structs('NetworkInterface')[0];
      const subnetId = params.get('SubnetId') ?? networkInterface?.get('SubnetId');
      const subnet = subnetId
        ? lookup(region.subnets, 'subnet', subnetId)
        : Object.values(region.subnets).find(
            (s) =>
              s.defaultForAz &&
              s.availabilityZone === (params.get('Placement.AvailabilityZone') ?? zonesOf(ctx.region)[0]),
          );
      if (!subnet)
        throw new AwsError(
          'VPCIdNotSpecified',
          'No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.',
        );
      const keyName = params.get('KeyName');
      if (keyName && !region.keyPairs[keyName])
        throw new AwsError('InvalidKeyPair.NotFound', `The key pair '${keyName}' does not exist`);
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
        const group = Object.values(region.securityGroups).find(
          (g) => g.groupName === name && g.vpcId === subnet.vpcId,
        );
        if (!group)
          throw new AwsError(
            'InvalidGroup.NotFound',
            `The security group '${name}' does not exist in VPC '${subnet.vpcId}'`,
          );
        groupIds.push(group.groupId);
      }
      if (groupIds.length === 0) {
        groupIds.push(
          Object.values(region.securityGroups).find((g) => g.vpcId === subnet.vpcId && g.groupName === 'default')!
            .groupId,
        );
      }
      const userData = params.get('UserData');
      if (userData !== undefined && userData.length > 21848)
        throw new AwsError('InvalidParameterValue', 'User data is limited to 16384 bytes');
      const httpTokens = params.get('MetadataOptions.HttpTokens') ?? 'optional';
      if (httpTokens !== 'optional' && httpTokens !== 'required')
        throw new AwsError('InvalidParameterValue', `Invalid value '${httpTokens}' for HttpTokens.`);
      const publicIp = networkInterface?.bool('AssociatePublicIpAddress') ?? subnet.mapPublicIpOnLaunch;
      const reservationId = ec2Id('r');
      const tags = tagsFor(params, 'instance');
      const launched: Instance[] = [];
      for (let index = 0; index < maxCount; index++) {
        const instance: Instance = {
          instanceId: ec2Id('i'),
          imageId,
          instanceType,
          keyName,
          vpcId: subnet.vpcId,
          subnetId: subnet.subnetId,
          availabilityZone: subnet.availabilityZone,
          privateIpAddress: nextPrivateAddress(subnet, region),
          publicIpAddress: publicIp ? newPublicAddress(ctx) : undefined,
          macAddress: macAddress(),
          networkInterfaceId: ec2Id('eni'),
          securityGroupIds: [...new Set(groupIds)],
          state: 'running',
          stateTransitionReason: '',
          launchTime: awsTimestamp(ctx.now, { fraction: true }),
          userData,
          metadataHttpTokens: httpTokens,
          tags: tags.map((t) => ({ ...t })),
          reservationId,
          amiLaunchIndex: index,
        };
        region.instances[instance.instanceId] = instance;
        launched.push(instance);
      }
      // RunInstances answers while the instances are still pending; the sandbox boots them at once.
      return {
        reservationId,
        ownerId: ctx.account.accountId,
        groupSet: [],
        instancesSet: launched.map((instance) => {
          const rendered = renderInstance(instance, region, ctx.account.accountId, ctx.region) as Record<
            string,
            XmlValue
          >;
          return { ...rendered, instanceState: { code: 0, name: 'pending' } };
        }),
      };
    },
  },
};
