import { diagramHeading, exerciseSummary, readAt } from './draw';
import type {
  BucketModel,
  DiagramModel,
  GroupModel,
  InstanceModel,
  Mark,
  RegionModel,
  SubnetModel,
  UserModel,
  VpcModel,
} from './model';

/**
 * The diagram in words: a nested list with everything the drawing shows, for screen readers (the page renders it
 * as nested `<ul>`s next to the SVG) and for the terminal (`awscourse diagram` prints it indented).
 */
export interface OutlineItem {
  text: string;
  /** Set on an item a failed check marks. */
  marked?: boolean;
  children: OutlineItem[];
}

/** `name (id)` for a resource with a Name tag, else its id. */
const named = (resource: { name?: string; id: string }) =>
  resource.name ? `${resource.name} (${resource.id})` : resource.id;

const item = (text: string, children: OutlineItem[] = [], marked = false): OutlineItem =>
  marked ? { text, marked, children } : { text, children };

/** A resource's own line with what Verify said of it appended: "✗ Exercise 3: …" or "✓ Exercise 3 done". */
function said(text: string, resource: { marks: Mark[]; done: string[] }, children: OutlineItem[] = []): OutlineItem {
  const marks = resource.marks.map((m) => `✗ ${m.exerciseLabel}: ${m.message}`);
  const done = resource.marks.length ? [] : resource.done.map((label) => `✓ ${label} done`);
  return item([text, ...marks, ...done].join(' — '), children, marks.length > 0);
}

const groupItem = (g: GroupModel) =>
  said(
    `Security group ${g.name} (${g.id}): ${g.inbound.length ? `in: ${g.inbound.join('; ')}` : 'no inbound rules'}`,
    g,
  );

function instanceItem(i: InstanceModel): OutlineItem {
  const facts = [
    i.state,
    i.type,
    i.privateIp && `private IP ${i.privateIp}`,
    i.publicIp ? `public IP ${i.publicIp}` : 'no public IP',
    i.keyName && `key pair ${i.keyName}`,
  ].filter(Boolean);
  return said(`Instance ${named(i)}: ${facts.join(', ')}`, i, i.groups.map(groupItem));
}

const subnetItem = (s: SubnetModel) =>
  said(
    `Subnet ${named(s)}, ${s.cidr}, ${s.access === 'partly' ? 'not public' : s.access}: ${s.accessReason}`,
    s,
    s.instances.map(instanceItem),
  );

function vpcItem(v: VpcModel): OutlineItem {
  return said(`VPC ${named(v)}, ${v.cidr}${v.isDefault ? ', the default VPC' : ''}`, v, [
    ...v.internetGateways.map((g) =>
      said(`Internet gateway ${named(g)}, ${g.attached ? 'attached' : 'not attached'}`, g),
    ),
    ...v.zones.map((z) => item(`Availability Zone ${z.name}`, z.subnets.map(subnetItem))),
    ...v.routeTables.map((t) =>
      said(
        `Route table ${named(t)}${t.main ? ', main' : ''}: ` +
          `${t.routes.map((r) => `${r.destination} to ${r.target}${r.state && r.state !== 'active' ? ` (${r.state})` : ''}`).join('; ')}` +
          `; serves ${t.serves.length ? t.serves.join(', ') : 'no subnet'}`,
        t,
      ),
    ),
    ...(v.unusedGroups.length ? [item('Security groups on no instance', v.unusedGroups.map(groupItem))] : []),
  ]);
}

function regionItem(r: RegionModel): OutlineItem {
  return item(`Region ${r.region}`, [
    ...(r.vpcs.length ? r.vpcs.map(vpcItem) : [item('No VPCs')]),
    ...(r.strayInstances.length ? [item('Instances in no VPC shown', r.strayInstances.map(instanceItem))] : []),
    item(
      r.keyPairs.length ? 'Key pairs' : 'No key pairs',
      r.keyPairs.map((k) => said(`Key pair ${k.name}`, k)),
    ),
  ]);
}

const bucketItem = (b: BucketModel) =>
  said(
    `Bucket ${b.name}${b.region ? ` in ${b.region}` : ''}: ${b.objects}, Block Public Access ${b.blockPublicAccess === 'unknown' ? 'not read' : b.blockPublicAccess}`,
    b,
  );

const userItem = (u: UserModel) =>
  said(
    `User ${u.name}: ${u.policies.length ? `policies ${u.policies.join(', ')}` : 'no policies'}, ` +
      `${u.consolePassword ? 'a console password' : 'no console password'}, ` +
      `${u.accessKeys.length ? `access keys ${u.accessKeys.map((k) => `${k.id} (${k.status})`).join(', ')}` : 'no access keys'}`,
    u,
  );

/** The whole outline: who and when, the exercises' results, each region, then the account's buckets and users. */
export function diagramOutline(model: DiagramModel): OutlineItem {
  const summary = exerciseSummary(model);
  return item(`${diagramHeading(model)}. ${readAt(model)}.`, [
    ...(summary ? [item(`Verify: ${summary}`)] : []),
    ...model.unplaced.map((m) => item(`✗ ${m.exerciseLabel}: ${m.message}`, [], true)),
    ...model.problems.map((p) => item(`Not read: ${p}`)),
    ...model.regions.map(regionItem),
    item(model.buckets.length ? 'S3 buckets' : 'No S3 buckets', model.buckets.map(bucketItem)),
    item(model.users.length ? 'IAM users' : 'No IAM users', model.users.map(userItem)),
  ]);
}

/** The outline as indented text, for a terminal. */
export function outlineText(outline: OutlineItem, depth = 0): string {
  return [
    `${'  '.repeat(depth)}${depth ? '- ' : ''}${outline.text}`,
    ...outline.children.map((child) => outlineText(child, depth + 1)),
  ].join('\n');
}
