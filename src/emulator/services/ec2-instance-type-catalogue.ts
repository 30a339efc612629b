/**
 * The instance types the sandbox offers, as data: each family's shared traits and, per size, its vCPUs, memory and
 * network limits, from the Amazon EC2 Instance Types Guide's specification tables. DescribeInstanceTypes renders
 * these and RunInstances checks launches against them; nothing else lists instance types.
 */
import { freeTierTypesSinceJuly2025 } from '../../lib/free-tier-instance-types';

/** A processor architecture, as DescribeInstanceTypes and DescribeImages name it. */
export type Architecture = 'i386' | 'x86_64' | 'arm64';

/** What every size of a family shares. */
interface Family {
  /** The architectures its instances run; the last is the one named in EC2's mismatch errors. */
  architectures: readonly Architecture[];
  hypervisor: 'nitro' | 'xen';
  /** T-family instances earn and spend CPU credits. */
  burstable: boolean;
  /** A T family's credit option at launch (EC2 User Guide, "Key concepts for burstable performance instances"). */
  defaultCpuCredits?: 'standard' | 'unlimited';
  currentGeneration: boolean;
  manufacturer: 'Intel' | 'AMD' | 'Amazon Web Services';
  /** Hardware threads per core: 2 with Intel and AMD hyperthreading (except T2), 1 on Graviton. */
  threadsPerCore: number;
  sustainedClockSpeedGhz: number;
  /** `hvm` for every type; the previous generation M1 and T1 also run `paravirtual` images. */
  virtualizationTypes: readonly ('hvm' | 'paravirtual')[];
  /** Instance store volumes come with the type (M1's 160 GB disk); none on the current EBS-only families. */
  instanceStorage: boolean;
  /** Enhanced networking with ENA: required on Nitro, not supported on T2 and M1. */
  enaSupport: 'required' | 'supported' | 'unsupported';
  /** `[vCPUs, memory in MiB, network performance, network interfaces, IPv4 addresses per interface]` per size. */
  sizes: Readonly<Record<string, readonly [number, number, string, number, number]>>;
}

/** A current generation Nitro family: HVM only, ENA required, two threads a core except on Graviton. */
const nitro = (
  architectures: readonly Architecture[],
  manufacturer: Family['manufacturer'],
  ghz: number,
  sizes: Family['sizes'],
) =>
  ({
    architectures,
    hypervisor: 'nitro',
    burstable: false,
    currentGeneration: true,
    manufacturer,
    threadsPerCore: architectures.includes('arm64') ? 1 : 2,
    sustainedClockSpeedGhz: ghz,
    virtualizationTypes: ['hvm'],
    instanceStorage: false,
    enaSupport: 'required',
    sizes,
  }) as const satisfies Family;

/** The T3, T3a and T4g sizes from nano to 2xlarge: burstable, two vCPUs up to large. */
const burstableSizes: Family['sizes'] = {
  nano: [2, 512, 'Up to 5 Gigabit', 2, 2],
  micro: [2, 1024, 'Up to 5 Gigabit', 2, 2],
  small: [2, 2048, 'Up to 5 Gigabit', 3, 4],
  medium: [2, 4096, 'Up to 5 Gigabit', 3, 6],
  large: [2, 8192, 'Up to 5 Gigabit', 3, 12],
  xlarge: [4, 16384, 'Up to 5 Gigabit', 4, 15],
  '2xlarge': [8, 32768, 'Up to 5 Gigabit', 4, 15],
};

/** A burstable Nitro family (T3, T3a, T4g): a Nitro family that earns and spends CPU credits. */
const burstableNitro = (architectures: readonly Architecture[], manufacturer: Family['manufacturer'], ghz: number) =>
  ({
    ...nitro(architectures, manufacturer, ghz, burstableSizes),
    burstable: true,
    defaultCpuCredits: 'unlimited',
  }) as const satisfies Family;

/** Graviton3 sizes from medium to 8xlarge, with `memoryPerVcpu` GiB for each vCPU. */
const graviton3 = (memoryPerVcpu: number): Family['sizes'] => ({
  medium: [1, memoryPerVcpu * 1024, 'Up to 12.5 Gigabit', 2, 4],
  large: [2, memoryPerVcpu * 2048, 'Up to 12.5 Gigabit', 3, 10],
  xlarge: [4, memoryPerVcpu * 4096, 'Up to 12.5 Gigabit', 4, 15],
  '2xlarge': [8, memoryPerVcpu * 8192, 'Up to 15 Gigabit', 4, 15],
  '4xlarge': [16, memoryPerVcpu * 16384, 'Up to 15 Gigabit', 8, 30],
  '8xlarge': [32, memoryPerVcpu * 32768, '15 Gigabit', 8, 30],
});

/** Intel general purpose sizes from large to 8xlarge, 4 GiB for each vCPU. */
const generalPurposeIntel = (upTo: string, at8xlarge: string): Family['sizes'] => ({
  large: [2, 8192, `Up to ${upTo} Gigabit`, 3, 10],
  xlarge: [4, 16384, `Up to ${upTo} Gigabit`, 4, 15],
  '2xlarge': [8, 32768, `Up to ${upTo} Gigabit`, 4, 15],
  '4xlarge': [16, 65536, `Up to ${upTo} Gigabit`, 8, 30],
  '8xlarge': [32, 131072, `${at8xlarge} Gigabit`, 8, 30],
});

/** A previous generation Xen family (M1, T1): 32 or 64 bit, HVM or paravirtual images, no ENA. */
const previousGeneration = (instanceStorage: boolean, sizes: Family['sizes']): Family => ({
  architectures: ['i386', 'x86_64'],
  hypervisor: 'xen',
  burstable: false,
  currentGeneration: false,
  manufacturer: 'Intel',
  threadsPerCore: 1,
  sustainedClockSpeedGhz: 2.0,
  virtualizationTypes: ['hvm', 'paravirtual'],
  instanceStorage,
  enaSupport: 'unsupported',
  sizes,
});

/** The families the sandbox offers, by family name (`t3` for `t3.micro`). */
export const instanceFamilies: Readonly<Record<string, Family>> = {
  t2: {
    architectures: ['i386', 'x86_64'],
    hypervisor: 'xen',
    burstable: true,
    defaultCpuCredits: 'standard',
    currentGeneration: true,
    manufacturer: 'Intel',
    threadsPerCore: 1,
    sustainedClockSpeedGhz: 2.5,
    virtualizationTypes: ['hvm'],
    instanceStorage: false,
    enaSupport: 'unsupported',
    sizes: {
      nano: [1, 512, 'Low to Moderate', 2, 2],
      micro: [1, 1024, 'Low to Moderate', 2, 2],
      small: [1, 2048, 'Low to Moderate', 3, 4],
      medium: [2, 4096, 'Low to Moderate', 3, 6],
      large: [2, 8192, 'Low to Moderate', 3, 12],
      xlarge: [4, 16384, 'Moderate', 3, 15],
      '2xlarge': [8, 32768, 'Moderate', 3, 15],
    },
  },
  t3: burstableNitro(['x86_64'], 'Intel', 2.5),
  t3a: burstableNitro(['x86_64'], 'AMD', 2.2),
  t4g: burstableNitro(['arm64'], 'Amazon Web Services', 2.5),
  m5: nitro(['x86_64'], 'Intel', 3.1, generalPurposeIntel('10', '10')),
  m6i: nitro(['x86_64'], 'Intel', 3.5, generalPurposeIntel('12.5', '12.5')),
  'm7i-flex': nitro(['x86_64'], 'Intel', 3.2, { large: [2, 8192, 'Up to 12.5 Gigabit', 3, 10] }),
  'c7i-flex': nitro(['x86_64'], 'Intel', 3.2, { large: [2, 4096, 'Up to 12.5 Gigabit', 3, 10] }),
  m7g: nitro(['arm64'], 'Amazon Web Services', 2.6, graviton3(4)),
  c7g: nitro(['arm64'], 'Amazon Web Services', 2.6, graviton3(2)),
  r7g: nitro(['arm64'], 'Amazon Web Services', 2.6, graviton3(8)),
  m1: previousGeneration(true, { small: [1, 1740, 'Low', 2, 4] }),
  t1: previousGeneration(false, { micro: [1, 627, 'Very Low', 2, 2] }),
};

/**
 * The types the free tier covers. The sandbox account is a new one, so it follows the rule for accounts created on
 * or after 15 July 2025; older accounts had t2.micro (t3.micro where there is no T2) instead.
 */
export const freeTierTypes: ReadonlySet<string> = new Set(freeTierTypesSinceJuly2025);

/**
 * The regions that still offer the previous generation M1 (RunInstances' default type) and T1: those that opened
 * before 2014. Every current generation type is offered in every region and zone the sandbox serves.
 */
export const previousGenerationRegions: ReadonlySet<string> = new Set([
  'us-east-1',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'ap-northeast-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'sa-east-1',
]);

/** One instance type: its name, its family's traits and its size's figures. */
export interface InstanceTypeSpec extends Omit<Family, 'sizes'> {
  name: string;
  vcpus: number;
  memoryMiB: number;
  networkPerformance: string;
  maxNetworkInterfaces: number;
  ipv4PerInterface: number;
  freeTier: boolean;
}

/** Every instance type the sandbox knows, in the catalogue's order. */
export const instanceTypeCatalogue: readonly InstanceTypeSpec[] = Object.entries(instanceFamilies).flatMap(
  ([family, { sizes, ...traits }]) =>
    Object.entries(sizes).map(([size, [vcpus, memoryMiB, networkPerformance, maxNetworkInterfaces, ipv4]]) => ({
      ...traits,
      name: `${family}.${size}`,
      vcpus,
      memoryMiB,
      networkPerformance,
      maxNetworkInterfaces,
      ipv4PerInterface: ipv4,
      freeTier: freeTierTypes.has(`${family}.${size}`),
    })),
);

const byName = new Map(instanceTypeCatalogue.map((spec) => [spec.name, spec]));

/** The instance type of that name, or undefined when the sandbox does not know it. */
export function instanceTypeSpec(name: string): InstanceTypeSpec | undefined {
  return byName.get(name);
}

/** True when a region offers the type: M1 and T1 only in the regions that still have them, the rest everywhere. */
export function isOfferedIn(spec: InstanceTypeSpec, region: string): boolean {
  return spec.currentGeneration || previousGenerationRegions.has(region);
}
