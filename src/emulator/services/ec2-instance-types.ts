/** The instance types an instance can be launched as. */
import { AwsError } from '../aws-error';
import type { QueryOperation } from '../protocols/query';
import type { Tag } from '../state';
import { applyFilters } from './ec2-filters';

/** The instance types the sandbox launches, with what DescribeInstanceTypes says about them. */
export const instanceTypes: Record<string, { vcpus: number; memoryMiB: number; freeTier: boolean }> = {
  't2.nano': { vcpus: 1, memoryMiB: 512, freeTier: false },
  't2.micro': { vcpus: 1, memoryMiB: 1024, freeTier: true },
  't2.small': { vcpus: 1, memoryMiB: 2048, freeTier: false },
  't3.micro': { vcpus: 2, memoryMiB: 1024, freeTier: true },
  't3.small': { vcpus: 2, memoryMiB: 2048, freeTier: true },
  't3.medium': { vcpus: 2, memoryMiB: 4096, freeTier: false },
  'm5.large': { vcpus: 2, memoryMiB: 8192, freeTier: false },
};

/** DescribeInstanceTypes: the sandbox's types, by name or filter. */
export const instanceTypeOperations: Record<string, QueryOperation> = {
  DescribeInstanceTypes: {
    run(params) {
      const wanted = params.list('InstanceType');
      const all = Object.entries(instanceTypes).map(([name, info]) => ({ name, ...info, tags: [] as Tag[] }));
      const unknown = wanted.find((name) => !Object.hasOwn(instanceTypes, name));
      if (unknown)
        throw new AwsError('InvalidInstanceType', `The following supplied instance types do not exist: [${unknown}]`);
      const selected = applyFilters(
        all.filter((t) => wanted.length === 0 || wanted.includes(t.name)),
        params,
        {
          'free-tier-eligible': (t) => [t.freeTier],
          'instance-type': (t) => [t.name],
          'vcpu-info.default-vcpus': (t) => [t.vcpus],
          'memory-info.size-in-mib': (t) => [t.memoryMiB],
        },
      );
      return {
        instanceTypeSet: selected.map((t) => ({
          instanceType: t.name,
          currentGeneration: true,
          freeTierEligible: t.freeTier,
          vCpuInfo: { defaultVCpus: t.vcpus },
          memoryInfo: { sizeInMiB: t.memoryMiB },
        })),
      };
    },
  },
};
