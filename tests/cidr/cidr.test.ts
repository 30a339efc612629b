import { describe, expect, it } from 'vitest';
import {
  bitsOf,
  checkSubnetBlock,
  checkVpcBlock,
  contains,
  formatAddress,
  formatCidr,
  isCidrError,
  isPrivateRange,
  maskOf,
  overlaps,
  parseAddress,
  parseCidr,
  relate,
  split,
  summarize,
  type CidrBlock,
} from '../../src/cidr/cidr';

/** Parses a block the test knows is valid. */
function block(text: string): CidrBlock {
  const parsed = parseCidr(text);
  if (isCidrError(parsed)) throw new Error(`${text}: ${parsed.message}`);
  return parsed;
}

describe('parsing addresses', () => {
  it('reads the lowest and highest addresses without sign trouble', () => {
    expect(parseAddress('0.0.0.0')).toBe(0);
    expect(parseAddress('255.255.255.255')).toBe(4294967295);
    expect(formatAddress(4294967295)).toBe('255.255.255.255');
  });

  it.each([
    ['', 'empty'],
    ['10.0.0', 'octet-count'],
    ['10.0.0.0.0', 'octet-count'],
    ['10.0.0.256', 'bad-octet'],
    ['10.0.0.-1', 'bad-octet'],
    ['10.0.x.1', 'bad-octet'],
    ['10.0.01.1', 'leading-zero'],
    ['10.0.0.1 ', 'whitespace'],
  ])('refuses %j with code %s', (text, code) => {
    expect(parseAddress(text)).toMatchObject({ code });
  });
});

describe('parsing CIDR blocks', () => {
  it('reads the course blocks', () => {
    expect(formatCidr(block('10.0.0.0/24'))).toBe('10.0.0.0/24');
    expect(block('10.1.0.0/16')).toEqual({ network: 167837696, prefix: 16 });
  });

  it('accepts /0 and /32', () => {
    expect(block('0.0.0.0/0')).toEqual({ network: 0, prefix: 0 });
    expect(block('255.255.255.255/32')).toEqual({ network: 4294967295, prefix: 32 });
  });

  it('names the network address when host bits are set', () => {
    const result = parseCidr('10.0.0.5/24');
    expect(result).toMatchObject({ code: 'host-bits-set' });
    expect(isCidrError(result) && result.hint).toContain('10.0.0.0/24');
  });

  it.each([
    ['10.0.0.0', 'missing-prefix'],
    ['10.0.0.0/33', 'bad-prefix'],
    ['10.0.0.0/', 'bad-prefix'],
    ['10.0.0.0/-1', 'bad-prefix'],
    ['10.0.0.0/024', 'bad-prefix'],
    ['10.0.0.0 /24', 'whitespace'],
    ['', 'empty'],
    ['300.0.0.0/8', 'bad-octet'],
  ])('refuses %j with code %s', (text, code) => {
    expect(parseCidr(text)).toMatchObject({ code });
  });
});

describe('block facts', () => {
  it('summarizes a /24 the classic way and the AWS way', () => {
    expect(summarize(block('10.0.0.0/24'))).toEqual({
      cidr: '10.0.0.0/24',
      mask: '255.255.255.0',
      network: '10.0.0.0',
      broadcast: '10.0.0.255',
      firstUsable: '10.0.0.1',
      lastUsable: '10.0.0.254',
      total: 256,
      usableClassic: 254,
      usableAws: 251,
      awsFirstAssignable: '10.0.0.4',
      awsLastAssignable: '10.0.0.254',
    });
  });

  it('gives every address of /31 and /32 as usable and no AWS count', () => {
    expect(summarize(block('10.0.0.0/31'))).toMatchObject({
      total: 2,
      usableClassic: 2,
      usableAws: null,
      lastUsable: '10.0.0.1',
    });
    expect(summarize(block('10.0.0.7/32'))).toMatchObject({ total: 1, usableClassic: 1, firstUsable: '10.0.0.7' });
  });

  it('covers the whole address space at /0', () => {
    expect(summarize(block('0.0.0.0/0'))).toMatchObject({
      mask: '0.0.0.0',
      total: 4294967296,
      broadcast: '255.255.255.255',
    });
    expect(maskOf(32)).toBe(4294967295);
  });

  it('marks network and host bits by octet', () => {
    const bits = bitsOf(block('10.1.0.0/16').network, 16);
    expect(bits[0]!.map((bit) => bit.value).join('')).toBe('00001010');
    expect(bits[1]!.map((bit) => bit.value).join('')).toBe('00000001');
    expect(bits[1]!.every((bit) => bit.kind === 'network')).toBe(true);
    expect(bits[2]!.every((bit) => bit.kind === 'host')).toBe(true);
  });
});

describe('relations between blocks', () => {
  it('sees 10.1.1.0/24 inside 10.1.0.0/16 and not the other way', () => {
    expect(contains(block('10.1.0.0/16'), block('10.1.1.0/24'))).toBe(true);
    expect(contains(block('10.1.1.0/24'), block('10.1.0.0/16'))).toBe(false);
    expect(relate(block('10.1.1.0/24'), block('10.1.0.0/16'))).toBe('inside');
    expect(relate(block('10.1.0.0/16'), block('10.1.1.0/24'))).toBe('contains');
  });

  it('tells disjoint blocks from overlapping ones, both ways', () => {
    expect(relate(block('10.0.0.0/24'), block('10.1.0.0/24'))).toBe('disjoint');
    expect(overlaps(block('10.0.0.0/23'), block('10.0.1.0/24'))).toBe(true);
    expect(overlaps(block('10.0.1.0/24'), block('10.0.0.0/23'))).toBe(true);
    expect(overlaps(block('10.0.0.0/24'), block('10.0.1.0/24'))).toBe(false);
    expect(relate(block('10.0.0.0/24'), block('10.0.0.0/24'))).toBe('equal');
  });

  it('splits a /16 into /24s, capping the list but counting them all', () => {
    const { subnets, total } = split(block('10.1.0.0/16'), 24, 4);
    expect(total).toBe(256);
    expect(subnets.map(formatCidr)).toEqual(['10.1.0.0/24', '10.1.1.0/24', '10.1.2.0/24', '10.1.3.0/24']);
  });

  it('refuses a split into a larger block', () => {
    expect(split(block('10.1.0.0/24'), 16)).toEqual({ subnets: [], total: 0 });
  });

  it('recognises the RFC 1918 private ranges', () => {
    expect(isPrivateRange(block('10.1.0.0/16'))).toBe(true);
    expect(isPrivateRange(block('172.31.0.0/16'))).toBe(true);
    expect(isPrivateRange(block('172.32.0.0/16'))).toBe(false);
    expect(isPrivateRange(block('8.8.8.0/24'))).toBe(false);
  });
});

describe('AWS VPC and subnet rules', () => {
  it('allows VPC blocks from /16 to /28 only', () => {
    expect(checkVpcBlock(block('10.1.0.0/16'))).toBeNull();
    expect(checkVpcBlock(block('10.0.0.0/8'))).toMatchObject({ code: 'InvalidVpc.Range' });
    expect(checkVpcBlock(block('10.0.0.0/29'))).toMatchObject({ code: 'InvalidVpc.Range' });
  });

  it('accepts a subnet inside the VPC that overlaps no sibling', () => {
    expect(checkSubnetBlock(block('10.1.2.0/24'), block('10.1.0.0/16'), [block('10.1.1.0/24')])).toBeNull();
  });

  it('refuses a subnet outside the VPC as InvalidSubnet.Range', () => {
    expect(checkSubnetBlock(block('10.2.0.0/24'), block('10.1.0.0/16'), [])).toEqual({
      code: 'InvalidSubnet.Range',
      message: "The CIDR '10.2.0.0/24' is invalid.",
    });
  });

  it('refuses an overlapping subnet as InvalidSubnet.Conflict', () => {
    expect(checkSubnetBlock(block('10.1.1.0/25'), block('10.1.0.0/16'), [block('10.1.1.0/24')])).toMatchObject({
      code: 'InvalidSubnet.Conflict',
    });
  });
});
