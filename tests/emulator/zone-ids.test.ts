import { DescribeAvailabilityZonesCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

/** Each zone of the client's region as `name=id`. */
async function zonesIn(region: string): Promise<string[]> {
  const { AvailabilityZones } = await clientsFor(undefined, region).ec2.send(new DescribeAvailabilityZonesCommand({}));
  return AvailabilityZones!.map((zone) => `${zone.ZoneName}=${zone.ZoneId}`);
}

describe('availability zone ids, as AWS names them', () => {
  it('shortens southeast to se: ap-southeast-1 is apse1, not ap-south-1’s aps1', async () => {
    expect(await zonesIn('ap-southeast-1')).toEqual([
      'ap-southeast-1a=apse1-az1',
      'ap-southeast-1b=apse1-az2',
      'ap-southeast-1c=apse1-az3',
    ]);
  });

  it('gives us-west-1 the two AZ ids it has, usw1-az3 and usw1-az1, as zones a and b', async () => {
    expect(await zonesIn('us-west-1')).toEqual(['us-west-1a=usw1-az3', 'us-west-1b=usw1-az1']);
  });

  it('maps us-east-1’s letters as its own account does: us-east-1a is use1-az6, us-east-1b use1-az1', async () => {
    expect((await zonesIn('us-east-1')).slice(0, 2)).toEqual(['us-east-1a=use1-az6', 'us-east-1b=use1-az1']);
  });

  it('numbers a zone by its AZ id, not its place in the list: ca-central-1d is cac1-az4', async () => {
    expect(await zonesIn('ca-central-1')).toContain('ca-central-1d=cac1-az4');
  });
});
