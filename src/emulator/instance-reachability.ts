/**
 * Whether a connection from the learner's machine reaches a port of a sandbox instance, by the rules AWS applies to
 * a packet from the internet: an instance that is running at that public address, a route back to the internet
 * through an internet gateway attached to its VPC, the subnet's network ACL both ways, and a security group that
 * lets the port in from the learner's address. `ssh`, the instance's web server and the preview panel all ask here,
 * so each says the same thing about the same network.
 */
import { contains, isCidrError, parseAddress, parseCidr } from '../cidr/cidr';
import { inboundTcpRefusal } from './services/ec2-network-acl-traffic';
import { learnerAddress } from './learner-address';
import {
  everyInstance,
  type Instance,
  type LocatedInstance as Located,
  type RegionState,
  type RouteTable,
  type SandboxState,
  type SecurityGroupRule,
} from './state';

/** The learner's address as the sandbox sees it; its own module, so the terminal's checkip loads nothing more. */
export { learnerAddress };

/** Which of the rules a connection failed, in the order a packet meets them. */
export type ReachRule =
  | 'no-such-address'
  | 'private-address'
  | 'not-running'
  | 'no-internet-route'
  | 'gateway-detached'
  | 'network-acl'
  | 'security-group';

/** Why a connection does not reach an instance: the rule, and a sentence saying what to change and where. */
export interface ReachFailure {
  rule: ReachRule;
  explanation: string;
  /** The instance the address belongs to, when there is one. */
  instanceId?: string;
}

/** A connection's outcome: the instance reached (with where it lives), or why not. */
export type Reach =
  | { reached: true; accountId: string; region: string; instance: Instance }
  | { reached: false; failure: ReachFailure };

/** A connection to make: the host as typed (a public IPv4 or a public DNS name), the TCP port, and the client. */
export interface Connection {
  host: string;
  port: number;
  /** The client's address; {@link learnerAddress} by default. */
  from?: string;
}

/** The IPv4 address a public DNS name stands for (`ec2-34-1-2-3.us-west-2.compute.amazonaws.com`), or the host. */
export function addressOfHost(host: string): string {
  const dns = /^ec2-(\d+)-(\d+)-(\d+)-(\d+)\.(?:[a-z0-9-]+\.compute|compute-1)\.amazonaws\.com$/i.exec(host);
  return dns ? dns.slice(1, 5).join('.') : host;
}

/** The route table a subnet uses: the one associated with it, else its VPC's main table. */
export function routeTableOfSubnet(region: RegionState, subnetId: string, vpcId: string): RouteTable | undefined {
  const tables = Object.values(region.routeTables);
  return (
    tables.find((table) => table.associations.some((a) => a.subnetId === subnetId)) ??
    tables.find((table) => table.vpcId === vpcId && table.associations.some((a) => a.main))
  );
}

/** The IPv4 route the table picks for `address`: the most specific one whose block contains it. */
function routeFor(table: RouteTable, address: number): RouteTable['routes'][number] | undefined {
  let best: { route: RouteTable['routes'][number]; prefix: number } | undefined;
  for (const route of table.routes) {
    const block = route.destinationCidrBlock ? parseCidr(route.destinationCidrBlock) : undefined;
    if (!block || isCidrError(block)) continue;
    if (!contains(block, { network: address, prefix: 32 })) continue;
    if (!best || block.prefix > best.prefix) best = { route, prefix: block.prefix };
  }
  return best?.route;
}

/** What a route sends traffic to, in words: `nat-…`, `local`, an instance, a peering connection. */
function targetOf(route: RouteTable['routes'][number]): string {
  return (
    route.gatewayId ??
    route.natGatewayId ??
    route.instanceId ??
    route.networkInterfaceId ??
    route.vpcPeeringConnectionId ??
    'somewhere other than an internet gateway'
  );
}

/** Why the replies to the learner cannot leave the subnet, or null when its route table sends them to the internet. */
function routeProblem(located: Located, from: number): ReachFailure | null {
  const { instance, resources } = located;
  const instanceId = instance.instanceId;
  const table = routeTableOfSubnet(resources, instance.subnetId, instance.vpcId);
  const route = table && routeFor(table, from);
  const where = table
    ? `route table ${table.routeTableId} of subnet ${instance.subnetId}`
    : `subnet ${instance.subnetId}`;
  if (!route)
    return {
      rule: 'no-internet-route',
      instanceId,
      explanation:
        `The ${where} has no route to the internet, so the instance's replies never leave its VPC. ` +
        `Add a route for 0.0.0.0/0 to the VPC's internet gateway (aws ec2 create-route).`,
    };
  if (!route.gatewayId?.startsWith('igw-'))
    return {
      rule: 'no-internet-route',
      instanceId,
      explanation:
        `The ${where} sends ${route.destinationCidrBlock} to ${targetOf(route)}, not to an internet gateway: ` +
        `a subnet is public only when its route to the internet goes through an internet gateway.`,
    };
  const gateway = resources.internetGateways[route.gatewayId];
  if (gateway?.attachedVpcId !== instance.vpcId)
    return {
      rule: 'gateway-detached',
      instanceId,
      explanation:
        `The ${where} sends ${route.destinationCidrBlock} to ${route.gatewayId}, which is not attached to ` +
        `${instance.vpcId}${gateway ? '' : ' (it no longer exists)'}: attach the gateway to the VPC ` +
        `(aws ec2 attach-internet-gateway).`,
    };
  return null;
}

/** Whether an inbound rule lets TCP to `port` in from `from`. A rule naming a group never matches the internet. */
function ruleAdmits(rule: SecurityGroupRule, port: number, from: number): boolean {
  if (!['-1', 'tcp', '6'].includes(rule.ipProtocol)) return false;
  if (rule.ipProtocol !== '-1' && !(port >= (rule.fromPort ?? 0) && port <= (rule.toPort ?? 65535))) return false;
  const block = rule.cidrIpv4 ? parseCidr(rule.cidrIpv4) : undefined;
  return block !== undefined && !isCidrError(block) && contains(block, { network: from, prefix: 32 });
}

function securityGroupProblem(located: Located, port: number, from: string, address: number): ReachFailure | null {
  const { instance, resources } = located;
  const groups = instance.securityGroupIds.map((id) => resources.securityGroups[id]);
  if (groups.some((group) => group?.ingress.some((rule) => ruleAdmits(rule, port, address)))) return null;
  const named = instance.securityGroupIds.join(', ') || 'none';
  return {
    rule: 'security-group',
    instanceId: instance.instanceId,
    explanation:
      `No security group of ${instance.instanceId} (${named}) lets tcp/${port} in from your address ${from}. ` +
      `Add an inbound rule for port ${port} from ${from}/32 (My IP) or 0.0.0.0/0 ` +
      `(aws ec2 authorize-security-group-ingress).`,
  };
}

function networkAclProblem(located: Located, port: number, from: string): ReachFailure | null {
  const { instance, resources } = located;
  const refusal = inboundTcpRefusal(resources, instance.subnetId, { port, from });
  if (!refusal) return null;
  const rule = refusal.rule === 32767 ? 'its * rule' : `rule ${refusal.rule}`;
  const what =
    refusal.direction === 'inbound'
      ? `tcp/${port} in from ${from}`
      : `the replies out to ${from} (ports 1024-65535: network ACLs are stateless)`;
  return {
    rule: 'network-acl',
    instanceId: instance.instanceId,
    explanation:
      `The network ACL ${refusal.networkAclId} of subnet ${instance.subnetId} denies ${what}, by ${rule}. ` +
      `Add an allow rule with a lower number (aws ec2 create-network-acl-entry).`,
  };
}

/**
 * Whether a TCP connection from the learner reaches `port` of the instance at `host`, by AWS's rules, in the order a
 * packet meets them. Nothing answers for an address no running instance holds, a private address, or a stopped
 * instance; then the subnet's route back to the internet, its network ACL (both ways), and the instance's groups.
 *
 * @example
 * const reach = reachInstance(state, { host: '34.210.1.2', port: 22 });
 * if (!reach.reached) console.log(reach.failure.explanation);
 */
export function reachInstance(state: SandboxState, connection: Connection): Reach {
  const from = connection.from ?? learnerAddress;
  const host = addressOfHost(connection.host);
  const fromAddress = parseAddress(from);
  const instances = everyInstance(state);
  const located =
    instances.find((l) => l.instance.publicIpAddress === host && l.instance.state !== 'terminated') ??
    instances.find((l) => l.instance.publicIpAddress === host);
  if (!located || isCidrError(fromAddress)) {
    const privately = instances.find((l) => l.instance.privateIpAddress === host && l.instance.state !== 'terminated');
    if (privately)
      return {
        reached: false,
        failure: {
          rule: 'private-address',
          instanceId: privately.instance.instanceId,
          explanation:
            `${host} is the private address of ${privately.instance.instanceId}, reachable only from inside its ` +
            `VPC. From your machine, use its public IPv4 address (aws ec2 describe-instances).`,
        },
      };
    return {
      reached: false,
      failure: {
        rule: 'no-such-address',
        explanation:
          `No running instance in the sandbox has the public address ${host}. Look up the instance's public IPv4 ` +
          `address (aws ec2 describe-instances --query "Reservations[].Instances[].PublicIpAddress").`,
      },
    };
  }
  const { instance } = located;
  if (instance.state !== 'running')
    return {
      reached: false,
      failure: {
        rule: 'not-running',
        instanceId: instance.instanceId,
        explanation: `${instance.instanceId} is ${instance.state}, not running (aws ec2 start-instances).`,
      },
    };
  const problem =
    routeProblem(located, fromAddress) ??
    networkAclProblem(located, connection.port, from) ??
    securityGroupProblem(located, connection.port, from, fromAddress);
  if (problem) return { reached: false, failure: problem };
  return { reached: true, accountId: located.accountId, region: located.region, instance };
}
