/**
 * IPv4 CIDR maths for the CIDR explorer and the sandbox's subnet rules. Pure functions over 32-bit unsigned numbers;
 * every parse returns either a value or a {@link CidrError}, never throws.
 */

/** Why a piece of text is not a usable IPv4 address or CIDR block, with what to do about it. */
export interface CidrError {
  /**
   * A stable code: `empty`, `whitespace`, `missing-prefix`, `bad-prefix`, `octet-count`, `bad-octet`, `leading-zero`,
   * `host-bits-set`.
   */
  code:
    | 'empty'
    | 'whitespace'
    | 'missing-prefix'
    | 'bad-prefix'
    | 'octet-count'
    | 'bad-octet'
    | 'leading-zero'
    | 'host-bits-set';
  /** What is wrong. */
  message: string;
  /** How to fix it. */
  hint: string;
}

/** A CIDR block: its network address as an unsigned 32-bit number and its prefix length. */
export interface CidrBlock {
  /** The network address, host bits all zero. */
  network: number;
  /** The number of network bits, 0 to 32. */
  prefix: number;
}

/** True when `value` is a {@link CidrError}. */
export function isCidrError(value: unknown): value is CidrError {
  return typeof value === 'object' && value !== null && 'code' in value && 'hint' in value;
}

const failure = (code: CidrError['code'], message: string, hint: string): CidrError => ({ code, message, hint });

/** Parses a dotted-quad address (`10.0.0.1`) into an unsigned 32-bit number. Leading zeros are refused, as AWS does. */
export function parseAddress(text: string): number | CidrError {
  if (text === '')
    return failure(
      'empty',
      'The address is empty.',
      'Type four numbers from 0 to 255 separated by dots, e.g. 10.0.0.0.',
    );
  if (/\s/.test(text)) return failure('whitespace', `"${text}" contains spaces.`, 'Remove the spaces.');
  const octets = text.split('.');
  if (octets.length !== 4) {
    return failure(
      'octet-count',
      `"${text}" has ${octets.length} part${octets.length === 1 ? '' : 's'}; an IPv4 address has 4.`,
      'Write four numbers separated by dots, e.g. 10.1.0.0.',
    );
  }
  let value = 0;
  for (const octet of octets) {
    if (!/^\d{1,3}$/.test(octet) || Number(octet) > 255) {
      return failure(
        'bad-octet',
        `"${octet}" is not a number from 0 to 255.`,
        'Each of the four parts is a whole number from 0 to 255.',
      );
    }
    if (octet.length > 1 && octet.startsWith('0')) {
      return failure(
        'leading-zero',
        `"${octet}" has a leading zero.`,
        `Write ${Number(octet)}: AWS refuses leading zeros, and some tools read them as octal.`,
      );
    }
    value = value * 256 + Number(octet);
  }
  return value;
}

/** Formats an unsigned 32-bit number as a dotted quad. */
export function formatAddress(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** The mask of a prefix as an unsigned number (`/24` → 255.255.255.0). Arithmetic, not `<<`, so /0 and /32 work. */
export function maskOf(prefix: number): number {
  return 2 ** 32 - 2 ** (32 - prefix);
}

/** Parses `10.0.0.0/24`. Host bits that are set are an error naming the network address AWS would accept. */
export function parseCidr(text: string): CidrBlock | CidrError {
  if (text === '')
    return failure(
      'empty',
      'The CIDR block is empty.',
      'Type an address, a slash and a prefix length, e.g. 10.0.0.0/24.',
    );
  if (/\s/.test(text))
    return failure('whitespace', `"${text}" contains spaces.`, 'Remove the spaces, e.g. 10.0.0.0/24.');
  const slash = text.indexOf('/');
  if (slash < 0)
    return failure(
      'missing-prefix',
      `"${text}" has no prefix length.`,
      `Add a slash and the number of network bits, e.g. ${text}/24.`,
    );
  const prefixText = text.slice(slash + 1);
  if (
    !/^\d{1,2}$/.test(prefixText) ||
    Number(prefixText) > 32 ||
    (prefixText.length > 1 && prefixText.startsWith('0'))
  ) {
    return failure(
      'bad-prefix',
      `"/${prefixText}" is not a prefix length from 0 to 32.`,
      'The prefix length is a whole number from 0 to 32.',
    );
  }
  const address = parseAddress(text.slice(0, slash));
  if (isCidrError(address)) return address;
  const prefix = Number(prefixText);
  const network = address - (address % 2 ** (32 - prefix));
  if (network !== address) {
    const fixed = `${formatAddress(network)}/${prefix}`;
    return failure(
      'host-bits-set',
      `${text} has host bits set: with /${prefix} the address must be ${formatAddress(network)}.`,
      `Use ${fixed}; AWS rejects a block whose host bits are not zero.`,
    );
  }
  return { network, prefix };
}

/** Formats a block as `10.0.0.0/24`. */
export function formatCidr(block: CidrBlock): string {
  return `${formatAddress(block.network)}/${block.prefix}`;
}

/** The number of addresses in a block (2^(32 − prefix)). */
export function sizeOf(block: CidrBlock): number {
  return 2 ** (32 - block.prefix);
}

/** The last address of a block (the broadcast address in classic networking). */
export function lastAddressOf(block: CidrBlock): number {
  return block.network + sizeOf(block) - 1;
}

/** How many addresses AWS reserves in every subnet: network, VPC router, DNS, future use, and the last one. */
export const awsReservedPerSubnet = 5;

/** Everything the explorer shows about a block. */
export interface CidrSummary {
  cidr: string;
  mask: string;
  network: string;
  broadcast: string;
  /** First and last usable host in classic networking (all addresses for /31 and /32, per RFC 3021). */
  firstUsable: string;
  lastUsable: string;
  total: number;
  /** Classic usable hosts: 2^n − 2, except /31 (2) and /32 (1). */
  usableClassic: number;
  /** Usable in an AWS subnet: total − 5, for the prefixes AWS allows for subnets (/16 to /28); otherwise null. */
  usableAws: number | null;
  /**
   * The AWS subnet's first and last addresses a learner can assign (network + 4 to last − 1), when usableAws is set.
   */
  awsFirstAssignable: string | null;
  awsLastAssignable: string | null;
}

/** The facts of a block, for display. */
export function summarize(block: CidrBlock): CidrSummary {
  const total = sizeOf(block);
  const last = lastAddressOf(block);
  const tiny = block.prefix >= 31;
  const awsSized = block.prefix >= 16 && block.prefix <= 28;
  return {
    cidr: formatCidr(block),
    mask: formatAddress(maskOf(block.prefix)),
    network: formatAddress(block.network),
    broadcast: formatAddress(last),
    firstUsable: formatAddress(tiny ? block.network : block.network + 1),
    lastUsable: formatAddress(tiny ? last : last - 1),
    total,
    usableClassic: tiny ? total : total - 2,
    usableAws: awsSized ? total - awsReservedPerSubnet : null,
    awsFirstAssignable: awsSized ? formatAddress(block.network + 4) : null,
    awsLastAssignable: awsSized ? formatAddress(last - 1) : null,
  };
}

/** One bit of an address, told apart as a network or a host bit. */
export interface AddressBit {
  value: 0 | 1;
  kind: 'network' | 'host';
}

/** The 32 bits of `address` grouped by octet, each marked network or host for `prefix`. */
export function bitsOf(address: number, prefix: number): AddressBit[][] {
  const bits = Array.from(
    { length: 32 },
    (_, index): AddressBit => ({
      value: (Math.floor(address / 2 ** (31 - index)) % 2) as 0 | 1,
      kind: index < prefix ? 'network' : 'host',
    }),
  );
  return [0, 1, 2, 3].map((octet) => bits.slice(octet * 8, octet * 8 + 8));
}

/** True when `inner` lies wholly inside `outer` (a block contains itself). */
export function contains(outer: CidrBlock, inner: CidrBlock): boolean {
  return inner.prefix >= outer.prefix && inner.network >= outer.network && lastAddressOf(inner) <= lastAddressOf(outer);
}

/** True when the two blocks share at least one address. */
export function overlaps(a: CidrBlock, b: CidrBlock): boolean {
  return a.network <= lastAddressOf(b) && b.network <= lastAddressOf(a);
}

/** How `a` relates to `b`, in the explorer's words. */
export function relate(a: CidrBlock, b: CidrBlock): 'equal' | 'inside' | 'contains' | 'overlaps' | 'disjoint' {
  if (a.network === b.network && a.prefix === b.prefix) return 'equal';
  if (contains(b, a)) return 'inside';
  if (contains(a, b)) return 'contains';
  return overlaps(a, b) ? 'overlaps' : 'disjoint';
}

/** The first `limit` subnets of `block` with prefix `newPrefix`, and how many there are in all. */
export function split(block: CidrBlock, newPrefix: number, limit = 256): { subnets: CidrBlock[]; total: number } {
  if (!Number.isInteger(newPrefix) || newPrefix < block.prefix || newPrefix > 32) return { subnets: [], total: 0 };
  const total = 2 ** (newPrefix - block.prefix);
  const step = 2 ** (32 - newPrefix);
  const subnets = Array.from({ length: Math.min(total, limit) }, (_, index) => ({
    network: block.network + index * step,
    prefix: newPrefix,
  }));
  return { subnets, total };
}

const privateRanges = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((text) => parseCidr(text) as CidrBlock);

/** True when the block lies inside one of the RFC 1918 private ranges, which AWS recommends for VPCs. */
export function isPrivateRange(block: CidrBlock): boolean {
  return privateRanges.some((range) => contains(range, block));
}

/** An error AWS's EC2 API would answer, with its code. */
export interface AwsCidrRuleError {
  code: 'InvalidVpc.Range' | 'InvalidSubnet.Range' | 'InvalidSubnet.Conflict';
  message: string;
}

/** AWS's rule for a VPC's primary IPv4 block: a prefix from /16 to /28. */
export function checkVpcBlock(block: CidrBlock): AwsCidrRuleError | null {
  if (block.prefix < 16 || block.prefix > 28) {
    return { code: 'InvalidVpc.Range', message: `The CIDR '${formatCidr(block)}' is invalid.` };
  }
  return null;
}

/** AWS's rules for a new subnet: /16 to /28, inside the VPC, overlapping no sibling subnet. */
export function checkSubnetBlock(
  subnet: CidrBlock,
  vpc: CidrBlock,
  siblings: readonly CidrBlock[],
): AwsCidrRuleError | null {
  const cidr = formatCidr(subnet);
  if (subnet.prefix < 16 || subnet.prefix > 28 || !contains(vpc, subnet)) {
    return { code: 'InvalidSubnet.Range', message: `The CIDR '${cidr}' is invalid.` };
  }
  if (siblings.some((sibling) => overlaps(sibling, subnet))) {
    return { code: 'InvalidSubnet.Conflict', message: `The CIDR '${cidr}' conflicts with another subnet` };
  }
  return null;
}
