import type { IpPermission, RouteTable, SecurityGroup, Subnet } from '@aws-sdk/client-ec2';
import { internetRouteOf, isPrivateSubnet, isPublicSubnet, nameOf, routeTableOf } from '../../checkers/network';
import type { CheckStatus } from '../../checkers/status';
import type { AccountSnapshot, BucketSnapshot, InstanceSnapshot, RegionSnapshot, UserSnapshot } from './snapshot';

/**
 * The diagram's model: what the drawing and its text outline show, worked out from a snapshot and the learner's
 * latest Verify results. Pure: the same snapshot and results give the same model, in the same order.
 */
export interface DiagramModel {
  mode: AccountSnapshot['mode'];
  account?: string;
  takenAt: string;
  regions: RegionModel[];
  buckets: BucketModel[];
  users: UserModel[];
  problems: string[];
  /** Each exercise Verify has run on, with its latest result. */
  exercises: ExerciseState[];
  /** Every failed check of the exercises' latest attempts. */
  marks: Mark[];
  /** Failed checks that name nothing the diagram shows (a VPC that does not exist yet, say). */
  unplaced: Mark[];
}

/** A failed (or warning) check, as it marks a resource. */
export interface Mark {
  exercise: string;
  /** "Exercise 3", for the mark's words. */
  exerciseLabel: string;
  check: string;
  title: string;
  status: CheckStatus;
  message: string;
}

export interface ExerciseState {
  exercise: string;
  label: string;
  done: boolean;
  /** The failed checks' count in its latest attempt. */
  failed: number;
  at: string;
}

/** Whether a subnet reaches the internet, by the checkers' own rule, and why, in words. */
export type SubnetAccess = 'public' | 'private' | 'partly';

interface Marked {
  id: string;
  marks: Mark[];
  /** Exercises whose latest passed attempt named this resource. */
  done: string[];
}

export interface RegionModel {
  region: string;
  vpcs: VpcModel[];
  keyPairs: (Marked & { name: string })[];
  /** Instances in no VPC this region shows (EC2-Classic is gone; a subnet that has vanished). */
  strayInstances: InstanceModel[];
}

export interface VpcModel extends Marked {
  name?: string;
  cidr: string;
  isDefault: boolean;
  state: string;
  internetGateways: (Marked & { name?: string; attached: boolean })[];
  zones: ZoneModel[];
  routeTables: RouteTableModel[];
  /** Groups of the VPC on no instance, other than its `default`: a group the exercise made but never used. */
  unusedGroups: GroupModel[];
}

export interface ZoneModel {
  name: string;
  subnets: SubnetModel[];
}

export interface SubnetModel extends Marked {
  name?: string;
  cidr: string;
  zone: string;
  access: SubnetAccess;
  /** Why it is public, private or neither, in one sentence. */
  accessReason: string;
  routeTableId?: string;
  instances: InstanceModel[];
}

export interface RouteTableModel extends Marked {
  name?: string;
  main: boolean;
  routes: { destination: string; target: string; state?: string }[];
  /** The subnets it serves, by name (or id), explicit associations and, for the main table, the rest. */
  serves: string[];
}

export interface InstanceModel extends Marked {
  name?: string;
  state: string;
  type?: string;
  privateIp?: string;
  publicIp?: string;
  keyName?: string;
  groups: GroupModel[];
}

export interface GroupModel extends Marked {
  name: string;
  /** Inbound rules, one line each: `tcp 22 from 0.0.0.0/0`. */
  inbound: string[];
}

export interface BucketModel extends Marked {
  name: string;
  region?: string;
  objects: string;
  blockPublicAccess: BucketSnapshot['blockPublicAccess'];
}

export interface UserModel extends Marked {
  name: string;
  policies: string[];
  consolePassword: boolean;
  accessKeys: UserSnapshot['accessKeys'];
}

/** One exercise's latest Verify attempt, as the progress record keeps it. */
export interface DiagramAttempt {
  exercise: string;
  at: string;
  status: string;
  checks: {
    id: string;
    title?: string;
    status: CheckStatus;
    message: string;
    evidence?: Record<string, unknown>;
  }[];
}

/** "Exercise 3" for `exercise-3`; the clean-up after exercise 6 by its name. */
export function exerciseLabel(exercise: string): string {
  const number = /^exercise-(\d+)$/.exec(exercise)?.[1];
  return number ? `Exercise ${number}` : exercise === 'key-cleanup' ? 'Key clean-up' : exercise;
}

/** The newest attempt of each exercise, in course order of first appearance. */
export function latestAttempts<A extends DiagramAttempt>(attempts: readonly A[]): A[] {
  const latest = new Map<string, A>();
  for (const attempt of attempts) {
    const before = latest.get(attempt.exercise);
    if (!before || before.at <= attempt.at) latest.set(attempt.exercise, attempt);
  }
  return [...latest.values()].sort((a, b) => a.exercise.localeCompare(b.exercise, 'en', { numeric: true }));
}

/** Every string in a check's evidence (ids, names, in arrays and nested objects): what it may point at. */
function evidenceStrings(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) for (const item of value) evidenceStrings(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) evidenceStrings(item, out);
  return out;
}

/**
 * The names and ids a check's message mentions, for checks whose evidence names nothing drawn ("Block Public Access
 * is off … on photos-1234."): the words that cannot be plain English, those with a digit, a hyphen, a dot, an
 * underscore or a capital past the first letter (`edXProjectUser`, `photos-1234`, `vpc-0abc`).
 */
export function namesInMessage(message: string): string[] {
  return message
    .split(/[\s,;:()"'`=]+/)
    .map((word) => word.replace(/[.]+$/, ''))
    .filter((word) => word.length >= 3 && /[\d._-]|^.+[A-Z]/.test(word));
}

const portsOf = (p: IpPermission): string => {
  if (p.IpProtocol === '-1') return 'all traffic';
  const protocol = p.IpProtocol ?? '?';
  if (p.FromPort === undefined || p.FromPort === -1) return `${protocol} all ports`;
  return p.FromPort === p.ToPort ? `${protocol} ${p.FromPort}` : `${protocol} ${p.FromPort}-${p.ToPort}`;
};

/** A group's inbound rules, one line per port range and source. */
export function inboundRules(group: SecurityGroup): string[] {
  return (group.IpPermissions ?? []).flatMap((p) => {
    const sources = [
      ...(p.IpRanges ?? []).map((r) => r.CidrIp ?? ''),
      ...(p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6 ?? ''),
      ...(p.UserIdGroupPairs ?? []).map((g) => g.GroupId ?? g.GroupName ?? ''),
      ...(p.PrefixListIds ?? []).map((l) => l.PrefixListId ?? ''),
    ].filter(Boolean);
    return (sources.length ? sources : ['nowhere']).map((source) => `${portsOf(p)} from ${source}`);
  });
}

/** A route's target, whichever kind it is. */
function targetOf(route: NonNullable<RouteTable['Routes']>[number]): string {
  return (
    route.GatewayId ??
    route.NatGatewayId ??
    route.InstanceId ??
    route.NetworkInterfaceId ??
    route.VpcPeeringConnectionId ??
    route.TransitGatewayId ??
    route.EgressOnlyInternetGatewayId ??
    route.LocalGatewayId ??
    route.CarrierGatewayId ??
    '?'
  );
}

/** Public, private or neither by the checkers' own rule ({@link isPublicSubnet}), and the reason in words. */
export function subnetAccess(region: RegionSnapshot, subnet: Subnet): { access: SubnetAccess; reason: string } {
  if (isPrivateSubnet(region, subnet)) return { access: 'private', reason: 'No route to an internet gateway.' };
  const route = internetRouteOf(region, subnet)!;
  if (isPublicSubnet(region, subnet))
    return { access: 'public', reason: `Routes 0.0.0.0/0 to ${route.gatewayId} and maps public IPs.` };
  return {
    access: 'partly',
    reason: route.attached
      ? `Routes 0.0.0.0/0 to ${route.gatewayId}, but instances get no public IP on launch.`
      : `Routes 0.0.0.0/0 to ${route.gatewayId}, which is not attached to the VPC.`,
  };
}

const byName = <T extends { name?: string; id: string }>(a: T, b: T) =>
  (a.name ?? '~').localeCompare(b.name ?? '~') || a.id.localeCompare(b.id);

/** Marks and done exercises, looked up by any id or name a check's evidence gives. */
class MarkIndex {
  private readonly marks = new Map<string, Mark[]>();
  private readonly done = new Map<string, string[]>();
  private readonly placed = new Set<Mark>();
  readonly all: Mark[] = [];

  constructor(attempts: readonly DiagramAttempt[]) {
    for (const attempt of latestAttempts(attempts)) {
      const label = exerciseLabel(attempt.exercise);
      for (const check of attempt.checks) {
        const named = evidenceStrings(check.evidence);
        for (const name of namesInMessage(check.message)) named.add(name);
        if (attempt.status === 'passed') {
          for (const id of named) this.done.set(id, [...(this.done.get(id) ?? []), label]);
          continue;
        }
        if (check.status !== 'fail' && check.status !== 'warn' && check.status !== 'error') continue;
        const mark: Mark = {
          exercise: attempt.exercise,
          exerciseLabel: label,
          check: check.id,
          title: check.title ?? check.id,
          status: check.status,
          message: check.message,
        };
        this.all.push(mark);
        for (const id of named) this.marks.set(id, [...(this.marks.get(id) ?? []), mark]);
      }
    }
  }

  /** The marks of a resource known by any of `keys`, noting them as placed. */
  of(...keys: (string | undefined)[]): Pick<Marked, 'marks' | 'done'> {
    const marks = new Set<Mark>();
    const done = new Set<string>();
    for (const key of keys) {
      if (!key) continue;
      for (const mark of this.marks.get(key) ?? []) marks.add(mark);
      for (const label of this.done.get(key) ?? []) done.add(label);
    }
    for (const mark of marks) this.placed.add(mark);
    return { marks: [...marks], done: [...done] };
  }

  unplaced(): Mark[] {
    return this.all.filter((mark) => !this.placed.has(mark));
  }
}

function regionModel(region: RegionSnapshot, index: MarkIndex): RegionModel {
  const groupsById = new Map(region.securityGroups.map((g) => [g.GroupId ?? '', g]));
  const usedGroups = new Set(region.instances.flatMap((i) => i.groupIds));
  const group = (g: SecurityGroup): GroupModel => ({
    id: g.GroupId ?? '',
    name: g.GroupName ?? g.GroupId ?? '',
    inbound: inboundRules(g),
    ...index.of(g.GroupId, g.GroupName),
  });
  const instance = (i: InstanceSnapshot): InstanceModel => ({
    id: i.id,
    ...(i.name ? { name: i.name } : {}),
    state: i.state,
    ...(i.type ? { type: i.type } : {}),
    ...(i.privateIp ? { privateIp: i.privateIp } : {}),
    ...(i.publicIp ? { publicIp: i.publicIp } : {}),
    ...(i.keyName ? { keyName: i.keyName } : {}),
    groups: i.groupIds.map((id) => groupsById.get(id) ?? { GroupId: id, GroupName: id }).map(group),
    ...index.of(i.id, i.name),
  });
  const placedInstances = new Set<string>();

  const vpcs = region.vpcs.map((vpc): VpcModel => {
    const vpcId = vpc.VpcId ?? '';
    const subnets = region.subnets.filter((s) => s.VpcId === vpcId);
    const subnetModels = subnets.map((subnet): SubnetModel => {
      const { access, reason } = subnetAccess(region, subnet);
      const instances = region.instances.filter((i) => i.subnetId === subnet.SubnetId);
      for (const i of instances) placedInstances.add(i.id);
      const table = routeTableOf({ routeTables: region.routeTables }, subnet);
      return {
        id: subnet.SubnetId ?? '',
        ...(nameOf(subnet) ? { name: nameOf(subnet) } : {}),
        cidr: subnet.CidrBlock ?? '',
        zone: subnet.AvailabilityZone ?? 'unknown zone',
        access,
        accessReason: reason,
        ...(table?.RouteTableId ? { routeTableId: table.RouteTableId } : {}),
        instances: instances.map(instance).sort(byName),
        ...index.of(subnet.SubnetId, nameOf(subnet)),
      };
    });
    const zoneNames = [...new Set(subnetModels.map((s) => s.zone))].sort();
    const label = (s: SubnetModel) => s.name ?? s.id;
    const routeTables = region.routeTables
      .filter((t) => t.VpcId === vpcId)
      .map((t): RouteTableModel => {
        const main = t.Associations?.some((a) => a.Main) === true;
        return {
          id: t.RouteTableId ?? '',
          ...(nameOf(t) ? { name: nameOf(t) } : {}),
          main,
          routes: (t.Routes ?? []).map((r) => ({
            destination: r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? r.DestinationPrefixListId ?? '?',
            target: targetOf(r),
            ...(r.State ? { state: String(r.State) } : {}),
          })),
          serves: subnetModels.filter((s) => s.routeTableId === t.RouteTableId).map(label),
          ...index.of(t.RouteTableId, nameOf(t)),
        };
      })
      .sort((a, b) => Number(b.main) - Number(a.main) || byName(a, b));
    const gateways = region.internetGateways
      .filter((g) => g.Attachments?.some((a) => a.VpcId === vpcId))
      .map((g) => ({
        id: g.InternetGatewayId ?? '',
        ...(nameOf(g) ? { name: nameOf(g) } : {}),
        attached:
          g.Attachments?.some((a) => a.VpcId === vpcId && ['available', 'attached'].includes(String(a.State))) ?? false,
        ...index.of(g.InternetGatewayId, nameOf(g)),
      }));
    const unusedGroups = region.securityGroups
      .filter((g) => g.VpcId === vpcId && g.GroupName !== 'default' && !usedGroups.has(g.GroupId ?? ''))
      .map(group)
      .sort((a, b) => a.name.localeCompare(b.name));
    return {
      id: vpcId,
      ...(nameOf(vpc) ? { name: nameOf(vpc) } : {}),
      cidr: vpc.CidrBlock ?? '',
      isDefault: vpc.IsDefault === true,
      state: vpc.State ?? 'unknown',
      internetGateways: gateways,
      zones: zoneNames.map((name) => ({
        name,
        subnets: subnetModels.filter((s) => s.zone === name).sort((a, b) => compareCidr(a.cidr, b.cidr)),
      })),
      routeTables,
      unusedGroups,
      ...index.of(vpcId, nameOf(vpc)),
    };
  });
  return {
    region: region.region,
    // The learner's own VPCs first, the default VPC last.
    vpcs: vpcs.sort((a, b) => Number(a.isDefault) - Number(b.isDefault) || byName(a, b)),
    keyPairs: region.keyPairs
      .map((k) => ({ id: k.id ?? k.name, name: k.name, ...index.of(k.name, k.id) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    strayInstances: region.instances
      .filter((i) => !placedInstances.has(i.id))
      .map(instance)
      .sort(byName),
  };
}

/** Orders CIDR blocks by address, then prefix length. */
function compareCidr(a: string, b: string): number {
  const key = (cidr: string) => {
    const [address = '', prefix = '0'] = cidr.split('/');
    return [...address.split('.').map(Number), Number(prefix)];
  };
  const [ka, kb] = [key(a), key(b)];
  for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
    const d = (ka[i] ?? 0) - (kb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function objectsOf(bucket: BucketSnapshot): string {
  if (bucket.objectCount === undefined) return 'objects not read';
  const count = `${bucket.objectCount.toLocaleString('en')}${bucket.countTruncated ? '+' : ''}`;
  return `${count} ${bucket.objectCount === 1 && !bucket.countTruncated ? 'object' : 'objects'}`;
}

/** The model of `snapshot`, with the failed checks of each exercise's latest attempt marked on what they name. */
export function diagramModel(snapshot: AccountSnapshot, attempts: readonly DiagramAttempt[] = []): DiagramModel {
  const index = new MarkIndex(attempts);
  const regions = snapshot.regions.map((region) => regionModel(region, index));
  const buckets = snapshot.buckets.map(
    (b): BucketModel => ({
      id: b.name,
      name: b.name,
      ...(b.region ? { region: b.region } : {}),
      objects: objectsOf(b),
      blockPublicAccess: b.blockPublicAccess,
      ...index.of(b.name),
    }),
  );
  const users = snapshot.users.map(
    (u): UserModel => ({
      id: u.name,
      name: u.name,
      policies: [...u.attachedPolicies, ...u.inlinePolicies.map((p) => `${p} (inline)`)],
      consolePassword: u.consolePassword,
      accessKeys: u.accessKeys,
      ...index.of(u.name),
    }),
  );
  const exercises = latestAttempts(attempts).map((a) => ({
    exercise: a.exercise,
    label: exerciseLabel(a.exercise),
    done: a.status === 'passed',
    failed: a.checks.filter((c) => c.status === 'fail' || c.status === 'error').length,
    at: a.at,
  }));
  return {
    mode: snapshot.mode,
    ...(snapshot.account ? { account: snapshot.account } : {}),
    takenAt: snapshot.takenAt,
    regions,
    buckets,
    users,
    problems: snapshot.problems,
    exercises,
    marks: index.all,
    unplaced: index.unplaced(),
  };
}
