import { describe, expect, it } from 'vitest';
import { networkAclsOf } from '../../src/emulator/services/ec2-default-network-acls';
import { aclVerdict, inboundTcpRefusal } from '../../src/emulator/services/ec2-network-acl-traffic';
import { emptyRegion, type NetworkAcl, type NetworkAclEntry, type RegionState } from '../../src/emulator/state';

const rule = (ruleNumber: number, action: 'allow' | 'deny', extra: Partial<NetworkAclEntry> = {}): NetworkAclEntry => ({
  ruleNumber,
  egress: false,
  protocol: '-1',
  ruleAction: action,
  cidrBlock: '0.0.0.0/0',
  ...extra,
});

const acl = (entries: NetworkAclEntry[]): NetworkAcl => ({
  networkAclId: 'acl-0123456789abcdef0',
  vpcId: 'vpc-0123456789abcdef0',
  isDefault: false,
  entries,
  associations: [{ associationId: 'aclassoc-0123456789abcdef0', subnetId: 'subnet-0123456789abcdef0' }],
  tags: [],
});

const ssh = { egress: false, protocol: 'tcp', port: 22, address: '198.51.100.7' } as const;

/** A region with one VPC and subnet, whose ACL has these entries (or is its VPC's default ACL, without them). */
function regionWith(entries?: NetworkAclEntry[]): RegionState {
  const region = emptyRegion();
  region.vpcs['vpc-0123456789abcdef0'] = {
    vpcId: 'vpc-0123456789abcdef0',
    cidrBlock: '10.1.0.0/16',
    state: 'available',
    isDefault: false,
    instanceTenancy: 'default',
    dhcpOptionsId: 'dopt-0sandbox0000000',
    enableDnsSupport: true,
    enableDnsHostnames: false,
    tags: [],
  };
  region.subnets['subnet-0123456789abcdef0'] = {
    subnetId: 'subnet-0123456789abcdef0',
    vpcId: 'vpc-0123456789abcdef0',
    cidrBlock: '10.1.1.0/24',
    availabilityZone: 'us-west-2a',
    mapPublicIpOnLaunch: true,
    defaultForAz: false,
    state: 'available',
    tags: [],
  };
  networkAclsOf(region);
  if (!entries) return region;
  const custom = acl(entries);
  for (const other of Object.values(region.networkAcls!)) other.associations = [];
  region.networkAcls![custom.networkAclId] = custom;
  return region;
}

describe('what a network ACL lets through', () => {
  it('denies everything with the * rule when no rule matches', () => {
    expect(aclVerdict(acl([]), ssh)).toEqual({ allowed: false, rule: 32767 });
  });

  it('lets the lowest-numbered matching rule decide, whatever order the rules were added in', () => {
    const entries = [rule(200, 'allow'), rule(100, 'deny', { protocol: '6', portRange: { from: 22, to: 22 } })];
    expect(aclVerdict(acl(entries), ssh)).toEqual({ allowed: false, rule: 100 });
  });

  it('skips a rule for another port', () => {
    const entries = [rule(100, 'deny', { protocol: '6', portRange: { from: 80, to: 80 } }), rule(200, 'allow')];
    expect(aclVerdict(acl(entries), ssh)).toEqual({ allowed: true, rule: 200 });
  });

  it('skips a rule for another protocol', () => {
    const entries = [rule(100, 'deny', { protocol: '17', portRange: { from: 0, to: 65535 } }), rule(200, 'allow')];
    expect(aclVerdict(acl(entries), ssh).rule).toBe(200);
  });

  it('skips a rule whose CIDR block does not hold the address', () => {
    const entries = [rule(100, 'allow', { cidrBlock: '203.0.113.0/24' })];
    expect(aclVerdict(acl(entries), ssh)).toEqual({ allowed: false, rule: 32767 });
  });

  it('skips a rule of the other direction', () => {
    expect(aclVerdict(acl([rule(100, 'allow', { egress: true })]), ssh).allowed).toBe(false);
  });
});

describe('whether a subnet’s ACL lets a TCP connection in', () => {
  it('allows ssh through a new VPC’s default ACL', () => {
    const region = regionWith();
    expect(inboundTcpRefusal(region, 'subnet-0123456789abcdef0', { port: 22, from: '198.51.100.7' })).toBeNull();
  });

  it('names the inbound rule that refuses the request', () => {
    const region = regionWith([rule(90, 'deny', { protocol: '6', portRange: { from: 22, to: 22 } })]);
    expect(inboundTcpRefusal(region, 'subnet-0123456789abcdef0', { port: 22, from: '198.51.100.7' })).toEqual({
      networkAclId: 'acl-0123456789abcdef0',
      direction: 'inbound',
      rule: 90,
    });
  });

  it('refuses a connection whose replies the ACL does not let out to the client’s ephemeral port', () => {
    const region = regionWith([
      rule(100, 'allow', { protocol: '6', portRange: { from: 22, to: 22 } }),
      rule(100, 'allow', { egress: true, protocol: '6', portRange: { from: 80, to: 80 } }),
    ]);
    expect(inboundTcpRefusal(region, 'subnet-0123456789abcdef0', { port: 22, from: '198.51.100.7' })).toEqual({
      networkAclId: 'acl-0123456789abcdef0',
      direction: 'outbound',
      rule: 32767,
    });
  });

  it('allows a connection whose request comes in and whose replies go out to ephemeral ports', () => {
    const region = regionWith([
      rule(100, 'allow', { protocol: '6', portRange: { from: 22, to: 22 } }),
      rule(100, 'allow', { egress: true, protocol: '6', portRange: { from: 1024, to: 65535 } }),
    ]);
    expect(inboundTcpRefusal(region, 'subnet-0123456789abcdef0', { port: 22, from: '198.51.100.7' })).toBeNull();
  });
});
