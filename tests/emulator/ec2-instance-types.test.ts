import {
  DescribeInstanceTypeOfferingsCommand,
  DescribeInstanceTypesCommand,
  paginateDescribeInstanceTypes,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

async function typeInfo(name: string) {
  const { ec2 } = clientsFor();
  return (await ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: [name as 't3.micro'] }))).InstanceTypes![0]!;
}

async function typeNames(filters: { Name: string; Values: string[] }[]) {
  const { ec2 } = clientsFor();
  const answer = await ec2.send(new DescribeInstanceTypesCommand({ Filters: filters }));
  return answer.InstanceTypes!.map((t) => t.InstanceType).sort();
}

describe('DescribeInstanceTypes', () => {
  it('describes t3.micro with its vCPUs, memory, architecture, hypervisor and free-tier eligibility', async () => {
    expect(await typeInfo('t3.micro')).toMatchObject({
      InstanceType: 't3.micro',
      CurrentGeneration: true,
      FreeTierEligible: true,
      SupportedUsageClasses: ['on-demand', 'spot'],
      Hypervisor: 'nitro',
      ProcessorInfo: { SupportedArchitectures: ['x86_64'] },
      VCpuInfo: { DefaultVCpus: 2, DefaultCores: 1, DefaultThreadsPerCore: 2 },
      MemoryInfo: { SizeInMiB: 1024 },
      NetworkInfo: { NetworkPerformance: 'Up to 5 Gigabit', MaximumNetworkInterfaces: 2, EnaSupport: 'required' },
      InstanceStorageSupported: false,
      BurstablePerformanceSupported: true,
    });
  });

  it('describes the Graviton types as arm64 with one thread per core', async () => {
    expect(await typeInfo('m7g.large')).toMatchObject({
      ProcessorInfo: { SupportedArchitectures: ['arm64'] },
      VCpuInfo: { DefaultVCpus: 2, DefaultThreadsPerCore: 1 },
      MemoryInfo: { SizeInMiB: 8192 },
      BurstablePerformanceSupported: false,
    });
  });

  it('describes t2.micro as a Xen type for i386 and x86_64 that new accounts no longer get free', async () => {
    expect(await typeInfo('t2.micro')).toMatchObject({
      Hypervisor: 'xen',
      FreeTierEligible: false,
      ProcessorInfo: { SupportedArchitectures: ['i386', 'x86_64'] },
    });
  });

  it('describes m1.small, the RunInstances default, as a previous generation type running HVM and PV images', async () => {
    expect(await typeInfo('m1.small')).toMatchObject({
      CurrentGeneration: false,
      SupportedVirtualizationTypes: ['hvm', 'paravirtual'],
      InstanceStorageSupported: true,
      MemoryInfo: { SizeInMiB: 1740 },
    });
  });

  it('lists the free-tier types of an account created after 15 July 2025', async () => {
    expect(await typeNames([{ Name: 'free-tier-eligible', Values: ['true'] }])).toEqual([
      'c7i-flex.large',
      'm7i-flex.large',
      't3.micro',
      't3.small',
      't4g.micro',
      't4g.small',
    ]);
  });

  it('has every size from nano to 2xlarge of t2, t3, t3a and t4g', async () => {
    const sizes = ['nano', 'micro', 'small', 'medium', 'large', 'xlarge', '2xlarge'];
    for (const family of ['t2', 't3', 't3a', 't4g'])
      expect(await typeNames([{ Name: 'instance-type', Values: [`${family}.*`] }])).toEqual(
        sizes.map((size) => `${family}.${size}`).sort(),
      );
  });

  it('finds types by architecture and vCPU count together', async () => {
    expect(
      await typeNames([
        { Name: 'processor-info.supported-architecture', Values: ['arm64'] },
        { Name: 'vcpu-info.default-vcpus', Values: ['1'] },
      ]),
    ).toEqual(['c7g.medium', 'm7g.medium', 'r7g.medium']);
  });

  it('pages the catalogue with MaxResults and NextToken', async () => {
    const { ec2 } = clientsFor();
    const pages: number[] = [];
    for await (const page of paginateDescribeInstanceTypes({ client: ec2, pageSize: 20 }, {}))
      pages.push(page.InstanceTypes!.length);
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.slice(0, -1).every((n) => n === 20)).toBe(true);
  });

  it('refuses an instance type that does not exist', async () => {
    const { ec2 } = clientsFor();
    expect(
      await errorOf(ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: ['t3.huge' as 't3.micro'] }))),
    ).toMatchObject({
      name: 'InvalidInstanceType',
      message: 'The following supplied instance types do not exist: [t3.huge]',
    });
  });

  it('refuses a filter it does not know', async () => {
    const { ec2 } = clientsFor();
    const answer = ec2.send(new DescribeInstanceTypesCommand({ Filters: [{ Name: 'colour', Values: ['red'] }] }));
    expect((await errorOf(answer)).name).toBe('InvalidParameterValue');
  });
});

describe('DescribeInstanceTypeOfferings', () => {
  it('offers every type in the region by default', async () => {
    const { ec2 } = clientsFor();
    const answer = await ec2.send(
      new DescribeInstanceTypeOfferingsCommand({ Filters: [{ Name: 'instance-type', Values: ['t4g.micro'] }] }),
    );
    expect(answer.InstanceTypeOfferings).toEqual([
      { InstanceType: 't4g.micro', LocationType: 'region', Location: 'us-west-2' },
    ]);
  });

  it('lists a type once per zone, by zone name or zone id', async () => {
    const { ec2 } = clientsFor();
    const byZone = await ec2.send(
      new DescribeInstanceTypeOfferingsCommand({
        LocationType: 'availability-zone',
        Filters: [{ Name: 'instance-type', Values: ['t3.micro'] }],
      }),
    );
    expect(byZone.InstanceTypeOfferings!.map((o) => o.Location)).toEqual([
      'us-west-2a',
      'us-west-2b',
      'us-west-2c',
      'us-west-2d',
    ]);
    const byZoneId = await ec2.send(
      new DescribeInstanceTypeOfferingsCommand({
        LocationType: 'availability-zone-id',
        Filters: [
          { Name: 'instance-type', Values: ['t3.micro'] },
          { Name: 'location', Values: ['usw2-az1'] },
        ],
      }),
    );
    expect(byZoneId.InstanceTypeOfferings).toEqual([
      { InstanceType: 't3.micro', LocationType: 'availability-zone-id', Location: 'usw2-az1' },
    ]);
  });

  it('offers the previous generation m1.small only in the regions that still have it', async () => {
    const offered = async (region: string) =>
      (
        await clientsFor(undefined, region).ec2.send(
          new DescribeInstanceTypeOfferingsCommand({ Filters: [{ Name: 'instance-type', Values: ['m1.small'] }] }),
        )
      ).InstanceTypeOfferings!.length;
    expect(await offered('us-east-1')).toBe(1);
    expect(await offered('eu-north-1')).toBe(0);
  });
});
