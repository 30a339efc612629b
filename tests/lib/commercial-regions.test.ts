import { describe, expect, it } from 'vitest';
import { commercialRegions, zoneIdOf } from '../../src/lib/commercial-regions';

/**
 * The AZ IDs of each commercial region, written out from AWS's table at
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html
 */
const documentedAzIds: Record<string, string> = {
  'us-east-1': 'use1-az1 use1-az2 use1-az3 use1-az4 use1-az5 use1-az6',
  'us-east-2': 'use2-az1 use2-az2 use2-az3',
  'us-west-1': 'usw1-az1 usw1-az2 usw1-az3',
  'us-west-2': 'usw2-az1 usw2-az2 usw2-az3 usw2-az4',
  'ca-central-1': 'cac1-az1 cac1-az2 cac1-az4',
  'ca-west-1': 'caw1-az1 caw1-az2 caw1-az3',
  'mx-central-1': 'mxc1-az1 mxc1-az2 mxc1-az3',
  'af-south-1': 'afs1-az1 afs1-az2 afs1-az3',
  'ap-east-1': 'ape1-az1 ape1-az2 ape1-az3',
  'ap-east-2': 'ape2-az1 ape2-az2 ape2-az3',
  'ap-northeast-1': 'apne1-az1 apne1-az2 apne1-az3 apne1-az4',
  'ap-northeast-2': 'apne2-az1 apne2-az2 apne2-az3 apne2-az4',
  'ap-northeast-3': 'apne3-az1 apne3-az2 apne3-az3',
  'ap-south-1': 'aps1-az1 aps1-az2 aps1-az3',
  'ap-south-2': 'aps2-az1 aps2-az2 aps2-az3',
  'ap-southeast-1': 'apse1-az1 apse1-az2 apse1-az3',
  'ap-southeast-2': 'apse2-az1 apse2-az2 apse2-az3',
  'ap-southeast-3': 'apse3-az1 apse3-az2 apse3-az3',
  'ap-southeast-4': 'apse4-az1 apse4-az2 apse4-az3',
  'ap-southeast-5': 'apse5-az1 apse5-az2 apse5-az3',
  'ap-southeast-6': 'apse6-az1 apse6-az2 apse6-az3',
  'ap-southeast-7': 'apse7-az1 apse7-az2 apse7-az3',
  'eu-central-1': 'euc1-az1 euc1-az2 euc1-az3',
  'eu-central-2': 'euc2-az1 euc2-az2 euc2-az3',
  'eu-north-1': 'eun1-az1 eun1-az2 eun1-az3',
  'eu-south-1': 'eus1-az1 eus1-az2 eus1-az3',
  'eu-south-2': 'eus2-az1 eus2-az2 eus2-az3',
  'eu-west-1': 'euw1-az1 euw1-az2 euw1-az3',
  'eu-west-2': 'euw2-az1 euw2-az2 euw2-az3 euw2-az4',
  'eu-west-3': 'euw3-az1 euw3-az2 euw3-az3',
  'il-central-1': 'ilc1-az1 ilc1-az2 ilc1-az3',
  'me-central-1': 'mec1-az1 mec1-az2 mec1-az3',
  'me-south-1': 'mes1-az1 mes1-az2 mes1-az3',
  'sa-east-1': 'sae1-az1 sae1-az2 sae1-az3',
};

/** AZ IDs a new account does not get: us-west-1 gives newer accounts two zones, apne1-az3 is constrained. */
const notOffered = ['usw1-az2', 'apne1-az3'];

/** The AZ IDs of a region's zones. */
function azIdsOf(region: string): string[] {
  return Object.keys(commercialRegions[region]!.zones).map((letter) => zoneIdOf(`${region}${letter}`));
}

describe('commercialRegions', () => {
  it('has every commercial region AWS documents, and no other', () => {
    expect(Object.keys(commercialRegions).sort()).toEqual(Object.keys(documentedAzIds).sort());
  });

  it('gives each region the AZ IDs AWS documents for it, less those new accounts are not offered', () => {
    for (const [region, ids] of Object.entries(documentedAzIds)) {
      const offered = ids.split(' ').filter((id) => !notOffered.includes(id));
      expect([...azIdsOf(region)].sort(), region).toEqual(offered);
    }
  });

  it('enables by default exactly the regions launched before 20 March 2019', () => {
    const byDefault = Object.keys(commercialRegions).filter((region) => !commercialRegions[region]!.optIn);
    expect(byDefault.sort()).toEqual([
      'ap-northeast-1',
      'ap-northeast-2',
      'ap-northeast-3',
      'ap-south-1',
      'ap-southeast-1',
      'ap-southeast-2',
      'ca-central-1',
      'eu-central-1',
      'eu-north-1',
      'eu-west-1',
      'eu-west-2',
      'eu-west-3',
      'sa-east-1',
      'us-east-1',
      'us-east-2',
      'us-west-1',
      'us-west-2',
    ]);
  });
});

describe('zoneIdOf', () => {
  it('names us-east-2a use2-az1, as AWS’s example output does', () => {
    expect(zoneIdOf('us-east-2a')).toBe('use2-az1');
  });

  it('names London’s fourth zone, opened in 2026, eu-west-2d = euw2-az4', () => {
    expect(zoneIdOf('eu-west-2d')).toBe('euw2-az4');
  });

  it('maps letters to AZ IDs alike in a region opened since 2012: ap-southeast-7c is apse7-az3', () => {
    expect(zoneIdOf('ap-southeast-7c')).toBe('apse7-az3');
  });

  it('shortens central to c in the newest areas: mx-central-1a is mxc1-az1, il-central-1b is ilc1-az2', () => {
    expect([zoneIdOf('mx-central-1a'), zoneIdOf('il-central-1b')]).toEqual(['mxc1-az1', 'ilc1-az2']);
  });
});
