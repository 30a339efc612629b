import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/emulator/context';
import { defaultVpc, regionOf } from '../../src/emulator/services/ec2-default-vpc';
import { type AccountState, emptyAccount } from '../../src/emulator/state';

/** What `regionOf` reads of a request: its account, its region, and whether it may write. */
function contextOf(account: AccountState, mutating: boolean): ServiceContext {
  return { account, region: 'eu-west-1', mutating } as ServiceContext;
}

describe('regionOf', () => {
  it('gives every read in a region nobody has written to the same default region rather than building it anew', () => {
    const account = emptyAccount('123456789012');
    expect(regionOf(contextOf(account, false))).toBe(regionOf(contextOf(account, false)));
  });

  it('leaves the account without the region after reads', () => {
    const account = emptyAccount('123456789012');
    regionOf(contextOf(account, false));
    expect(account.regions).toEqual({});
  });

  it('stores a region built anew on the first write, so what reads did to theirs is not saved', () => {
    const account = emptyAccount('123456789012');
    const read = regionOf(contextOf(account, false));
    read.vpcs['vpc-0read'] = { ...defaultVpc(read)!, vpcId: 'vpc-0read' };
    const written = regionOf(contextOf(account, true));
    expect(account.regions['eu-west-1']).toBe(written);
    expect(Object.keys(written.vpcs)).toEqual([defaultVpc(written)!.vpcId]);
  });

  it('stores the default VPC with the ids reads showed', () => {
    const account = emptyAccount('123456789012');
    const read = regionOf(contextOf(account, false));
    const written = regionOf(contextOf(account, true));
    expect(Object.keys(written.subnets)).toEqual(Object.keys(read.subnets));
    expect(defaultVpc(written)!.vpcId).toBe(defaultVpc(read)!.vpcId);
  });

  it('answers reads after a write from the stored region', () => {
    const account = emptyAccount('123456789012');
    regionOf(contextOf(account, false));
    const written = regionOf(contextOf(account, true));
    expect(regionOf(contextOf(account, false))).toBe(written);
  });
});
