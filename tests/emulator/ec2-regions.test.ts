import { DescribeAvailabilityZonesCommand, DescribeRegionsCommand, DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

/** The opt-in regions of AWS's region list (launched after 20 March 2019), which a new account has not enabled. */
const optInRegions = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
];

/** Each region of a DescribeRegions answer as `name=opt-in status`. */
async function regions(input: ConstructorParameters<typeof DescribeRegionsCommand>[0] = {}): Promise<string[]> {
  const { Regions } = await clientsFor().ec2.send(new DescribeRegionsCommand(input));
  return Regions!.map((region) => `${region.RegionName}=${region.OptInStatus}`);
}

describe('DescribeRegions', () => {
  it('lists the regions the account has enabled: the 17 enabled by default, Osaka among them', async () => {
    const listed = await regions();
    expect(listed).toHaveLength(17);
    expect(listed).toContain('ap-northeast-3=opt-in-not-required');
  });

  it('leaves out the opt-in regions the account has not enabled', async () => {
    const names = (await regions()).map((entry) => entry.split('=')[0]);
    expect(names.filter((name) => optInRegions.includes(name))).toEqual([]);
  });

  it('lists all 34 commercial regions with AllRegions, the opt-in ones not opted in', async () => {
    const listed = await regions({ AllRegions: true });
    expect(listed).toHaveLength(34);
    const notOptedIn = listed.filter((entry) => entry.endsWith('=not-opted-in')).sort();
    expect(notOptedIn).toEqual(optInRegions.map((name) => `${name}=not-opted-in`));
  });

  it('describes a region asked for by name even when the account has not enabled it', async () => {
    expect(await regions({ RegionNames: ['il-central-1'] })).toEqual(['il-central-1=not-opted-in']);
  });

  it('filters by opt-in-status', async () => {
    const listed = await regions({ AllRegions: true, Filters: [{ Name: 'opt-in-status', Values: ['not-opted-in'] }] });
    expect(listed).toHaveLength(optInRegions.length);
  });

  it('gives each region its EC2 endpoint', async () => {
    const { Regions } = await clientsFor().ec2.send(new DescribeRegionsCommand({ RegionNames: ['mx-central-1'] }));
    expect(Regions![0]!.Endpoint).toBe('ec2.mx-central-1.amazonaws.com');
  });

  it('refuses a region name AWS does not have', async () => {
    const answer = await errorOf(clientsFor().ec2.send(new DescribeRegionsCommand({ RegionNames: ['eu-east-9'] })));
    expect(answer).toMatchObject({ name: 'InvalidParameterValue', message: 'Invalid region: eu-east-9' });
  });
});

describe('DescribeAvailabilityZones', () => {
  it('describes a zone as AWS’s documentation shows us-east-2a', async () => {
    const ec2 = clientsFor(undefined, 'us-east-2').ec2;
    const { AvailabilityZones } = await ec2.send(new DescribeAvailabilityZonesCommand({ ZoneNames: ['us-east-2a'] }));
    expect(AvailabilityZones).toEqual([
      {
        OptInStatus: 'opt-in-not-required',
        Messages: [],
        RegionName: 'us-east-2',
        ZoneName: 'us-east-2a',
        ZoneId: 'use2-az1',
        GroupName: 'us-east-2-zg-1',
        NetworkBorderGroup: 'us-east-2',
        ZoneType: 'availability-zone',
        State: 'available',
      },
    ]);
  });

  it('finds a zone by its AZ id', async () => {
    const { AvailabilityZones } = await clientsFor().ec2.send(
      new DescribeAvailabilityZonesCommand({ ZoneIds: ['usw2-az3'] }),
    );
    expect(AvailabilityZones!.map((zone) => zone.ZoneName)).toEqual(['us-west-2c']);
  });

  it('serves Osaka, a region enabled by default, with its three zones', async () => {
    const ec2 = clientsFor(undefined, 'ap-northeast-3').ec2;
    const { AvailabilityZones } = await ec2.send(new DescribeAvailabilityZonesCommand({}));
    expect(AvailabilityZones!.map((zone) => `${zone.ZoneName}=${zone.ZoneId}`)).toEqual([
      'ap-northeast-3a=apne3-az1',
      'ap-northeast-3b=apne3-az2',
      'ap-northeast-3c=apne3-az3',
    ]);
  });

  it('gives London its fourth zone, eu-west-2d (euw2-az4)', async () => {
    const ec2 = clientsFor(undefined, 'eu-west-2').ec2;
    const { AvailabilityZones } = await ec2.send(new DescribeAvailabilityZonesCommand({ ZoneNames: ['eu-west-2d'] }));
    expect(AvailabilityZones!.map((zone) => zone.ZoneId)).toEqual(['euw2-az4']);
  });
});

describe('the default VPC of a newly served region', () => {
  it('has a default subnet in each of Osaka’s zones', async () => {
    const ec2 = clientsFor(undefined, 'ap-northeast-3').ec2;
    const { Subnets } = await ec2.send(
      new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }),
    );
    expect(Subnets!.map((subnet) => subnet.AvailabilityZoneId).sort()).toEqual(['apne3-az1', 'apne3-az2', 'apne3-az3']);
  });
});

describe('an opt-in region the account has not enabled', () => {
  it('is refused as AWS refuses it, for every opt-in region', async () => {
    for (const region of optInRegions) {
      const answer = await errorOf(clientsFor(undefined, region).ec2.send(new DescribeRegionsCommand({})));
      expect(answer, region).toMatchObject({ name: 'AuthFailure', status: 401 });
    }
  });
});
