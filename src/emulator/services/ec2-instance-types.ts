/** DescribeInstanceTypes and DescribeInstanceTypeOfferings, over the sandbox's catalogue of instance types. */
import { AwsError } from '../aws-error';
import type { QueryOperation, QueryParams } from '../protocols/query';
import { zoneIdOf, zonesOf } from '../regions';
import type { Tag } from '../state';
import type { XmlValue } from '../xml';
import { describe } from './ec2-describe';
import type { FilterValues } from './ec2-filters';
import { instanceTypeCatalogue, type InstanceTypeSpec, isOfferedIn } from './ec2-instance-type-catalogue';

type Described = InstanceTypeSpec & { tags: Tag[] };

const defaultCores = (t: InstanceTypeSpec) => t.vcpus / t.threadsPerCore;
const rootDeviceTypes = (t: InstanceTypeSpec) => (t.instanceStorage ? ['ebs', 'instance-store'] : ['ebs']);
/** Graviton boots UEFI only, Xen instances legacy BIOS only, Intel and AMD on Nitro either. */
function bootModes(t: InstanceTypeSpec): string[] {
  if (t.architectures.includes('arm64')) return ['uefi'];
  return t.hypervisor === 'nitro' ? ['legacy-bios', 'uefi'] : ['legacy-bios'];
}

/** The filters DescribeInstanceTypes documents that the catalogue has values for. */
const instanceTypeFilters: FilterValues<Described> = {
  'instance-type': (t) => [t.name],
  'current-generation': (t) => [t.currentGeneration],
  'free-tier-eligible': (t) => [t.freeTier],
  'burstable-performance-supported': (t) => [t.burstable],
  'bare-metal': () => [false],
  hypervisor: (t) => [t.hypervisor],
  'instance-storage-supported': (t) => [t.instanceStorage],
  'memory-info.size-in-mib': (t) => [t.memoryMiB],
  'network-info.ena-support': (t) => [t.enaSupport],
  'network-info.maximum-network-interfaces': (t) => [t.maxNetworkInterfaces],
  'network-info.ipv4-addresses-per-interface': (t) => [t.ipv4PerInterface],
  'network-info.ipv6-supported': (t) => [t.currentGeneration],
  'network-info.network-performance': (t) => [t.networkPerformance],
  'processor-info.supported-architecture': (t) => t.architectures,
  'processor-info.manufacturer': (t) => [t.manufacturer],
  'processor-info.sustained-clock-speed-in-ghz': (t) => [t.sustainedClockSpeedGhz],
  'supported-boot-mode': bootModes,
  'supported-root-device-type': rootDeviceTypes,
  'supported-usage-class': () => ['on-demand', 'spot'],
  'supported-virtualization-type': (t) => t.virtualizationTypes,
  'vcpu-info.default-vcpus': (t) => [t.vcpus],
  'vcpu-info.default-cores': (t) => [defaultCores(t)],
  'vcpu-info.default-threads-per-core': (t) => [t.threadsPerCore],
};

/** An instance type as DescribeInstanceTypes answers it: the fields a learner reads, each from the catalogue. */
function renderInstanceType(t: InstanceTypeSpec): XmlValue {
  return {
    instanceType: t.name,
    currentGeneration: t.currentGeneration,
    freeTierEligible: t.freeTier,
    supportedUsageClasses: ['on-demand', 'spot'],
    supportedRootDeviceTypes: rootDeviceTypes(t),
    supportedVirtualizationTypes: t.virtualizationTypes,
    bareMetal: false,
    hypervisor: t.hypervisor,
    processorInfo: {
      supportedArchitectures: t.architectures,
      sustainedClockSpeedInGhz: t.sustainedClockSpeedGhz,
      manufacturer: t.manufacturer,
    },
    vCpuInfo: { defaultVCpus: t.vcpus, defaultCores: defaultCores(t), defaultThreadsPerCore: t.threadsPerCore },
    memoryInfo: { sizeInMiB: t.memoryMiB },
    instanceStorageSupported: t.instanceStorage,
    ebsInfo: {
      ebsOptimizedSupport: t.hypervisor === 'nitro' ? 'default' : 'unsupported',
      encryptionSupport: 'supported',
      nvmeSupport: t.hypervisor === 'nitro' ? 'required' : 'unsupported',
    },
    networkInfo: {
      networkPerformance: t.networkPerformance,
      maximumNetworkInterfaces: t.maxNetworkInterfaces,
      maximumNetworkCards: 1,
      defaultNetworkCardIndex: 0,
      ipv4AddressesPerInterface: t.ipv4PerInterface,
      ipv6AddressesPerInterface: t.currentGeneration ? t.ipv4PerInterface : 0,
      ipv6Supported: t.currentGeneration,
      enaSupport: t.enaSupport,
      efaSupported: false,
      encryptionInTransitSupported: false,
    },
    placementGroupInfo: {
      supportedStrategies: t.burstable ? ['partition', 'spread'] : ['cluster', 'partition', 'spread'],
    },
    hibernationSupported: !t.architectures.includes('arm64') && t.currentGeneration,
    burstablePerformanceSupported: t.burstable,
    dedicatedHostsSupported: !t.burstable && t.currentGeneration,
    autoRecoverySupported: t.currentGeneration,
    supportedBootModes: bootModes(t),
  };
}

/** The catalogue's types a request names (all when it names none); EC2's InvalidInstanceType for an unknown one. */
function namedTypes(params: QueryParams): Described[] {
  const wanted = params.list('InstanceType');
  const all = instanceTypeCatalogue.map((t) => ({ ...t, tags: [] as Tag[] }));
  const unknown = wanted.filter((name) => !all.some((t) => t.name === name));
  if (unknown.length)
    throw new AwsError(
      'InvalidInstanceType',
      `The following supplied instance types do not exist: [${unknown.join(', ')}]`,
    );
  return all.filter((t) => wanted.length === 0 || wanted.includes(t.name));
}

/** Where a type is offered, as DescribeInstanceTypeOfferings lists it for one location type. */
interface Offering {
  instanceType: string;
  location: string;
  tags: Tag[];
}

const locationTypes: Record<string, (region: string) => string[]> = {
  region: (region) => [region],
  'availability-zone': (region) => zonesOf(region),
  'availability-zone-id': (region) => zonesOf(region).map(zoneIdOf),
};

/** Every type offered in the region, once per location of the kind asked for. */
function offerings(params: QueryParams, region: string): { locationType: string; offerings: Offering[] } {
  const locationType = params.get('LocationType') ?? 'region';
  if (!Object.hasOwn(locationTypes, locationType))
    throw new AwsError('InvalidParameterValue', `The value '${locationType}' is not valid for LocationType.`);
  const locations = locationTypes[locationType]!(region);
  return {
    locationType,
    offerings: instanceTypeCatalogue
      .filter((t) => isOfferedIn(t, region))
      .flatMap((t) => locations.map((location) => ({ instanceType: t.name, location, tags: [] as Tag[] }))),
  };
}

/** DescribeInstanceTypes and DescribeInstanceTypeOfferings. */
export const instanceTypeOperations: Record<string, QueryOperation> = {
  DescribeInstanceTypes: {
    run: (params) => describe('instanceTypeSet', namedTypes(params), params, instanceTypeFilters, renderInstanceType),
  },

  DescribeInstanceTypeOfferings: {
    run(params, ctx) {
      const { locationType, offerings: all } = offerings(params, ctx.region);
      return describe(
        'instanceTypeOfferingSet',
        all,
        params,
        { 'instance-type': (o) => [o.instanceType], location: (o) => [o.location] },
        (o) => ({ instanceType: o.instanceType, locationType, location: o.location }),
      );
    },
  },
};
