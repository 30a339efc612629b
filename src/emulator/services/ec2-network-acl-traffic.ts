/**
 * What a network ACL lets through. ACLs are stateless: a connection into a subnet needs its request allowed in and
 * its replies allowed out, to the client's ephemeral port. Rules are read in number order, the first that matches
 * decides, and the `*` rule denies whatever none matched.
 */
import { contains, isCidrError, parseAddress, parseCidr, type CidrBlock } from '../../cidr/cidr';
import type { NetworkAcl, NetworkAclEntry, RegionState } from '../state';
import { aclOfSubnet } from './ec2-default-network-acls';

/** The number of the `*` rule, which AWS lists last in each direction and which cannot be changed. */
export const catchAllRuleNumber = 32767;

/** The protocol numbers of the traffic the sandbox reasons about. */
const protocolNumbers = { tcp: '6', udp: '17', icmp: '1' } as const;

/** A packet as an ACL sees it: its direction, protocol, the port it is for, and the address at the other end. */
export interface AclTraffic {
  egress: boolean;
  protocol: keyof typeof protocolNumbers;
  /** The destination port (tcp, udp); ignored for icmp. */
  port: number;
  /** The outside address: where inbound traffic comes from, or where outbound traffic goes. */
  address: string;
}

/** Which rule decided, and whether it allowed the traffic; `rule` is {@link catchAllRuleNumber} when none matched. */
export interface AclVerdict {
  allowed: boolean;
  rule: number;
}

/** An ACL's rules as AWS lists them: each direction's in number order, ending with its `*` deny rule. */
export function allEntries(acl: NetworkAcl): NetworkAclEntry[] {
  const catchAll = (egress: boolean): NetworkAclEntry => ({
    ruleNumber: catchAllRuleNumber,
    egress,
    protocol: '-1',
    ruleAction: 'deny',
    cidrBlock: '0.0.0.0/0',
  });
  const ordered = [...acl.entries].sort((a, b) => a.ruleNumber - b.ruleNumber);
  return [false, true].flatMap((egress) => [...ordered.filter((e) => e.egress === egress), catchAll(egress)]);
}

function matches(entry: NetworkAclEntry, traffic: AclTraffic, address: number): boolean {
  if (entry.egress !== traffic.egress) return false;
  if (entry.protocol !== '-1' && entry.protocol !== protocolNumbers[traffic.protocol]) return false;
  const block = parseCidr(entry.cidrBlock);
  if (isCidrError(block) || !contains(block, { network: address, prefix: 32 } satisfies CidrBlock)) return false;
  if (entry.portRange && traffic.protocol !== 'icmp')
    return traffic.port >= entry.portRange.from && traffic.port <= entry.portRange.to;
  return true;
}

/** The verdict of an ACL on one packet: the first rule, in number order, that matches it. */
export function aclVerdict(acl: NetworkAcl, traffic: AclTraffic): AclVerdict {
  const address = parseAddress(traffic.address);
  const rules = allEntries(acl).filter((e) => e.egress === traffic.egress);
  const rule = isCidrError(address) ? undefined : rules.find((e) => matches(e, traffic, address));
  if (!rule || rule.ruleNumber === catchAllRuleNumber) return { allowed: false, rule: catchAllRuleNumber };
  return { allowed: rule.ruleAction === 'allow', rule: rule.ruleNumber };
}

/** Why a connection through a subnet's ACL fails: the ACL, the direction refused, and the rule that refused it. */
export interface AclRefusal {
  networkAclId: string;
  direction: 'inbound' | 'outbound';
  rule: number;
}

/**
 * Does the subnet's network ACL let a TCP connection in to `port` from `from`, and its replies back out to the
 * client's ephemeral port? Null when it does; otherwise which direction is refused, and by which rule.
 *
 * @example
 * inboundTcpRefusal(region, 'subnet-0123456789abcdef0', { port: 22, from: '198.51.100.7' }) // null: allowed
 */
export function inboundTcpRefusal(
  region: RegionState,
  subnetId: string,
  connection: {
    port: number;
    from: string;
    /** The client's ephemeral port the replies go to; 50000 lies in both Linux's and Windows' ranges. */
    clientPort?: number;
  },
): AclRefusal | null {
  const acl = aclOfSubnet(region, subnetId);
  if (!acl) return null;
  const request = aclVerdict(acl, { egress: false, protocol: 'tcp', port: connection.port, address: connection.from });
  if (!request.allowed) return { networkAclId: acl.networkAclId, direction: 'inbound', rule: request.rule };
  const reply = aclVerdict(acl, {
    egress: true,
    protocol: 'tcp',
    port: connection.clientPort ?? 50000,
    address: connection.from,
  });
  if (!reply.allowed) return { networkAclId: acl.networkAclId, direction: 'outbound', rule: reply.rule };
  return null;
}
