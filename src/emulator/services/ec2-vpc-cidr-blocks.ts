/**
 * A VPC's IPv4 CIDR blocks: the primary one it was created with and up to four more (AssociateVpcCidrBlock), and the
 * rules AWS documents for adding one ("IPv4 CIDR block association restrictions", Amazon VPC User Guide); its
 * Amazon-provided IPv6 blocks and the /64s its subnets take of them.
 */
import { contains, formatCidr, overlaps, parseCidr, type CidrBlock } from '../../cidr/cidr';
import ipaddr from 'ipaddr.js';
import type { Vpc } from '../state';

/** How many IPv4 blocks a VPC may have by default, the primary one included. */
export const cidrBlocksPerVpc = 5;

/** One of a VPC's IPv4 blocks, with its association's id. */
export interface VpcCidrBlock {
  associationId: string;
  cidrBlock: string;
  primary: boolean;
}

/** A VPC's IPv4 blocks, the primary one first; its association id is derived from the VPC's, as it never changes. */
export function vpcCidrBlocks(vpc: Vpc): VpcCidrBlock[] {
  return [
    { associationId: `vpc-cidr-assoc-${vpc.vpcId.slice(4)}`, cidrBlock: vpc.cidrBlock, primary: true },
    ...(vpc.secondaryCidrBlocks ?? []).map((block) => ({ ...block, primary: false })),
  ];
}

/** The RFC 1918 ranges, of which a VPC's blocks may use only the one its primary block is in. */
const privateRanges = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((text) => parseCidr(text) as CidrBlock);

function privateRangeOf(block: CidrBlock): CidrBlock | undefined {
  return privateRanges.find((range) => contains(range, block));
}

/** Why a block cannot be added to a VPC that has these blocks, in EC2's code and words; null when it can. */
export function secondaryBlockRefusal(
  vpcId: string,
  block: CidrBlock,
  existing: readonly CidrBlock[],
): { code: string; message: string } | null {
  const cidr = formatCidr(block);
  if (block.prefix < 16 || block.prefix > 28)
    return { code: 'InvalidVpc.Range', message: `The CIDR '${cidr}' is invalid.` };
  if (existing.length >= cidrBlocksPerVpc)
    return {
      code: 'CidrLimitExceeded',
      message: `This network ${vpcId} has met its maximum number of allowed CIDRs: ${cidrBlocksPerVpc}`,
    };
  const range = privateRangeOf(block);
  const primaryRange = privateRangeOf(existing[0]!);
  if (range && range !== primaryRange)
    return {
      code: 'InvalidVpc.Range',
      message:
        `The CIDR '${cidr}' is restricted. Use a CIDR from the same private address range as the current VPC CIDR, ` +
        'or use a publicly-routable CIDR. For additional restrictions, see ' +
        'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html',
    };
  if (existing.some((other) => overlaps(other, block)))
    return { code: 'InvalidVpc.Range', message: `The CIDR '${cidr}' conflicts with another CIDR block of the VPC.` };
  return null;
}

/** One of a VPC's or a subnet's IPv6 blocks, with its association's id. */
export interface Ipv6CidrBlock {
  associationId: string;
  ipv6CidrBlock: string;
}

/**
 * An Amazon-provided /56 for a VPC, from the 2600:1f00::/24 space AWS gives VPCs ("Add an IPv6 CIDR block to your
 * VPC", Amazon VPC User Guide): the 32 bits after those 24 are random, the rest zero.
 */
export function amazonProvidedIpv6Block(randomByte: () => number = () => Math.floor(Math.random() * 256)): string {
  const bytes = [0x26, 0x00, 0x1f, randomByte(), randomByte(), randomByte(), randomByte(), 0, ...Array(8).fill(0)];
  return `${ipaddr.fromByteArray(bytes).toString()}/56`;
}

/**
 * Why a subnet cannot have this IPv6 block in a VPC with these IPv6 blocks, beside siblings with theirs, in EC2's
 * code and words; null when it can. A subnet's IPv6 block is a /44 to a /64, in steps of 4 ("IPv6 VPC CIDR blocks",
 * Amazon VPC User Guide), inside one of its VPC's.
 */
export function subnetIpv6BlockRefusal(
  text: string,
  vpcBlocks: readonly string[],
  siblingBlocks: readonly string[],
): { code: string; message: string } | null {
  const prefix = parseIpv6Cidr(text)?.[1];
  if (prefix === undefined || prefix < 44 || prefix > 64 || prefix % 4 !== 0)
    return { code: 'InvalidParameterValue', message: `invalid value for parameter ipv6-cidr-block: ${text}` };
  if (!vpcBlocks.some((outer) => ipv6BlockWithin(text, outer)))
    return { code: 'InvalidSubnet.Range', message: `The IPv6 CIDR '${text}' is invalid.` };
  if (siblingBlocks.some((other) => ipv6BlockWithin(text, other) || ipv6BlockWithin(other, text)))
    return { code: 'InvalidSubnet.Conflict', message: `The IPv6 CIDR '${text}' conflicts with another subnet` };
  return null;
}

/** Whether an IPv6 block lies inside another, both as text; false when either is not an IPv6 block. */
export function ipv6BlockWithin(inner: string, outer: string): boolean {
  const block = parseIpv6Cidr(inner);
  const range = parseIpv6Cidr(outer);
  return block !== null && range !== null && block[1] >= range[1] && block[0].match(range);
}

function parseIpv6Cidr(text: string): [ipaddr.IPv6, number] | null {
  return ipaddr.IPv6.isValidCIDR(text) ? ipaddr.IPv6.parseCIDR(text) : null;
}
