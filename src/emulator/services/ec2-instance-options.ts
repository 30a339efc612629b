/**
 * An instance's options beyond its network and volumes: EBS optimization, detailed monitoring, hibernation and a
 * burstable type's CPU credits, as RunInstances sets them and MonitorInstances, UnmonitorInstances and
 * ModifyInstanceCreditSpecification change them; and the UEFI variable store GetInstanceUefiData reads.
 */
import { AwsError } from '../aws-error';
import type { QueryOperation, QueryParams } from '../protocols/query';
import type { Instance } from '../state';
import type { XmlValue } from '../xml';
import { resourcesListedIn, resourcesNamedBy } from './ec2-arns';
import { regionOf } from './ec2-default-vpc';
import { lookup, selectByIds } from './ec2-ids';
import { instanceTypeSpec } from './ec2-instance-type-catalogue';

/** A CPU credit option: earn and spend credits (`standard`), or burst past them for a charge (`unlimited`). */
type CpuCredits = NonNullable<Instance['cpuCredits']>;

/** The options RunInstances reads; each is left out when the request leaves it at EC2's default. */
export type LaunchOptions = Pick<
  Instance,
  'ebsOptimized' | 'detailedMonitoring' | 'hibernationConfigured' | 'cpuCredits'
>;

function readCpuCredits(value: string, parameter: string): CpuCredits {
  if (value !== 'standard' && value !== 'unlimited')
    throw new AwsError('InvalidParameterValue', `Value (${value}) for parameter ${parameter} is invalid.`);
  return value;
}

/** `EbsOptimized`, `Monitoring.Enabled`, `HibernationOptions.Configured` and `CreditSpecification.CpuCredits`. */
export function readLaunchOptions(params: QueryParams): LaunchOptions {
  const cpuCredits = params.get('CreditSpecification.CpuCredits');
  return {
    ...(params.bool('EbsOptimized') ? { ebsOptimized: true } : {}),
    ...(params.bool('Monitoring.Enabled') ? { detailedMonitoring: true } : {}),
    ...(params.bool('HibernationOptions.Configured') ? { hibernationConfigured: true } : {}),
    ...(cpuCredits === undefined ? {} : { cpuCredits: readCpuCredits(cpuCredits, 'CpuCredits') }),
  };
}

/** The monitoring state DescribeInstances shows and its `monitoring-state` filter matches. */
export const monitoringState = (instance: Instance) => (instance.detailedMonitoring ? 'enabled' : 'disabled');

/**
 * The instance's credit option: the one set, else its type's default (T2 standard; T3, T3a and T4g unlimited).
 * A type that is not burstable answers standard, as DescribeInstanceCreditSpecifications documents.
 */
export function cpuCreditsOf(instance: Instance): CpuCredits {
  return instance.cpuCredits ?? instanceTypeSpec(instance.instanceType)?.defaultCpuCredits ?? 'standard';
}

/** Turns detailed monitoring on or off; EC2 answers with the state on its way (`pending`, `disabling`). */
function setMonitoring(enabled: boolean, shown: string): QueryOperation {
  return {
    resource: resourcesListedIn('instance', 'InstanceId'),
    run(params, ctx) {
      const ids = params.list('InstanceId');
      if (ids.length === 0) throw new AwsError('MissingParameter', 'The request must contain the parameter InstanceId');
      const instances = selectByIds(regionOf(ctx).instances, 'instance', ids);
      for (const instance of instances)
        if (enabled) instance.detailedMonitoring = true;
        else delete instance.detailedMonitoring;
      return { instancesSet: instances.map((i) => ({ instanceId: i.instanceId, monitoring: { state: shown } })) };
    },
  };
}

/** Why one instance's credit option cannot change, as ModifyInstanceCreditSpecification lists it; none if it can. */
function creditChangeRefusal(instance: Instance | undefined, instanceId: string): XmlValue {
  if (!instance || instance.state === 'terminated')
    return { code: 'InvalidInstanceID.NotFound', message: `The instance ID '${instanceId}' does not exist` };
  if (!instanceTypeSpec(instance.instanceType)?.burstable)
    return {
      code: 'InstanceCreditSpecification.NotSupported',
      message: `The instance type ${instance.instanceType} of instance '${instanceId}' does not support credit options.`,
    };
  return undefined;
}

/** Detailed monitoring, CPU credit options and UEFI data. */
export const instanceOptionOperations: Record<string, QueryOperation> = {
  MonitorInstances: setMonitoring(true, 'pending'),
  UnmonitorInstances: setMonitoring(false, 'disabling'),

  DescribeInstanceCreditSpecifications: {
    run(params, ctx) {
      const ids = params.list('InstanceId');
      const region = regionOf(ctx);
      // Without ids EC2 lists only the instances whose option is unlimited; with ids, each one named.
      const instances = ids.length
        ? selectByIds(region.instances, 'instance', ids)
        : Object.values(region.instances).filter((i) => i.state !== 'terminated' && cpuCreditsOf(i) === 'unlimited');
      return {
        instanceCreditSpecificationSet: instances.map((i) => ({
          instanceId: i.instanceId,
          cpuCredits: cpuCreditsOf(i),
        })),
      };
    },
  },

  ModifyInstanceCreditSpecification: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const asked = params.structs('InstanceCreditSpecification').map((spec) => ({
        instanceId: spec.require('InstanceId'),
        cpuCredits: readCpuCredits(spec.require('CpuCredits'), 'CpuCredits'),
      }));
      if (asked.length === 0)
        throw new AwsError('MissingParameter', 'The request must contain the parameter InstanceCreditSpecification');
      const outcomes = asked.map(({ instanceId, cpuCredits }) => {
        const instance = Object.hasOwn(region.instances, instanceId) ? region.instances[instanceId] : undefined;
        const error = creditChangeRefusal(instance, instanceId);
        if (instance && !error) instance.cpuCredits = cpuCredits;
        return { instanceId, error };
      });
      return {
        successfulInstanceCreditSpecificationSet: outcomes
          .filter((o) => !o.error)
          .map(({ instanceId }) => ({ instanceId })),
        unsuccessfulInstanceCreditSpecificationSet: outcomes.filter((o) => o.error),
      };
    },
  },

  GetInstanceUefiData: {
    resource: resourcesNamedBy({ instance: 'InstanceId' }),
    run(params, ctx) {
      const instance = lookup(regionOf(ctx).instances, 'instance', params.require('InstanceId'));
      // The sandbox's instances boot without writing UEFI variables, so their variable store is empty.
      return { instanceId: instance.instanceId, uefiData: '' };
    },
  },
};
