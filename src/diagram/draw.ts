import { type Box, type Line, layout, metrics, type Placed } from './layout';
import type {
  BucketModel,
  DiagramModel,
  GroupModel,
  InstanceModel,
  Mark,
  RegionModel,
  RouteTableModel,
  SubnetModel,
  UserModel,
  VpcModel,
} from './model';

/** The colours a drawing uses: CSS values, so the page can pass its own custom properties. */
export interface Palette {
  bg: string;
  raised: string;
  fg: string;
  muted: string;
  border: string;
  accent: string;
  ok: string;
  bad: string;
  warn: string;
}

/** The page's own theme, light or dark, as it switches. */
export const pagePalette: Palette = {
  bg: 'var(--bg)',
  raised: 'var(--bg-raised)',
  fg: 'var(--fg)',
  muted: 'var(--fg-muted)',
  border: 'var(--border)',
  accent: 'var(--accent)',
  ok: 'var(--ok)',
  bad: 'var(--bad)',
  warn: 'var(--warn)',
};

/** The course's light and dark themes as plain colours, for files (an SVG or PNG opened outside the page). */
export const themePalettes: Record<'light' | 'dark', Palette> = {
  light: {
    bg: '#ffffff',
    raised: '#f4f6f8',
    fg: '#1b1f24',
    muted: '#4d5560',
    border: '#8c959f',
    accent: '#0a58ca',
    ok: '#116329',
    bad: '#b3261e',
    warn: '#8a5300',
  },
  dark: {
    bg: '#0f1419',
    raised: '#1a2129',
    fg: '#e6edf3',
    muted: '#a8b3bf',
    border: '#6e7a86',
    accent: '#6cb6ff',
    ok: '#56d364',
    bad: '#ff7b72',
    warn: '#e3b341',
  },
};

export interface DrawOptions {
  palette?: Palette;
  /** One column instead of side by side (a phone): zones under each other, the account's buckets under its regions. */
  stacked?: boolean;
  /** Prefixes the ids of the SVG's title and description, unique within a page. */
  idPrefix?: string;
}

const markLines = (marks: readonly Mark[]): Line[] =>
  marks.map((m) => ({ text: `✗ ${m.exerciseLabel}: ${m.message}`, tone: 'bad', wrap: true }));

const doneLines = (done: readonly string[]): Line[] => done.map((label) => ({ text: `✓ ${label} done`, tone: 'ok' }));

/** A box for a resource: its lines, then what Verify said of it. */
function resource(
  kind: string,
  item: { id: string; marks: Mark[]; done: string[] },
  lines: Line[],
  children: Box[] = [],
  direction: Box['direction'] = 'column',
): Box {
  const all = [...lines, ...markLines(item.marks), ...(item.marks.length ? [] : doneLines(item.done))];
  return {
    kind,
    id: item.id,
    title: all.map((l) => l.text).join('\n'),
    lines: all,
    direction,
    children,
    ...(item.marks.length ? { marked: true } : {}),
  };
}

const group = (title: string, kind: string, lines: Line[], children: Box[], direction: Box['direction']): Box => ({
  kind,
  title,
  lines,
  direction,
  children,
});

function groupBox(g: GroupModel): Box {
  return resource('group', g, [
    { text: `Security group ${g.name} (${g.id})` },
    ...(g.inbound.length ? g.inbound.map((r) => ({ text: `in: ${r}`, tone: 'muted' as const })) : []),
    ...(g.inbound.length ? [] : [{ text: 'No inbound rules', tone: 'muted' as const }]),
  ]);
}

function instanceBox(i: InstanceModel): Box {
  const addresses = [i.privateIp && `private ${i.privateIp}`, i.publicIp && `public ${i.publicIp}`].filter(Boolean);
  return resource(
    `instance ${i.state}`,
    i,
    [
      { text: i.name ?? i.id, tone: 'heading' },
      { text: [i.name ? i.id : undefined, i.state, i.type].filter(Boolean).join(' · ') },
      ...(addresses.length ? [{ text: addresses.join(' · ') }] : []),
      ...(i.keyName ? [{ text: `key pair ${i.keyName}`, tone: 'muted' as const }] : []),
    ],
    i.groups.map(groupBox),
  );
}

const accessWords = { public: 'Public', private: 'Private', partly: 'Not public' } as const;
const accessTone = { public: 'ok', private: 'muted', partly: 'warn' } as const;

function subnetBox(s: SubnetModel): Box {
  return resource(
    `subnet ${s.access}`,
    s,
    [
      { text: s.name ?? s.id, tone: 'heading' },
      { text: `${s.name ? `${s.id} · ` : ''}${s.cidr}` },
      { text: `${accessWords[s.access]}: ${s.accessReason}`, tone: accessTone[s.access], wrap: true },
      ...(s.routeTableId ? [{ text: `route table ${s.routeTableId}`, tone: 'muted' as const }] : []),
    ],
    s.instances.map(instanceBox),
  );
}

function routeTableBox(t: RouteTableModel): Box {
  return resource('route-table', t, [
    { text: `Route table ${t.name ?? t.id}${t.main ? ' (main)' : ''}`, tone: 'heading' },
    ...(t.name ? [{ text: t.id, tone: 'muted' as const }] : []),
    ...t.routes.map((r) => ({
      text: `${r.destination} → ${r.target}${r.state && r.state !== 'active' ? ` (${r.state})` : ''}`,
    })),
    { text: t.serves.length ? `Serves ${t.serves.join(', ')}` : 'Serves no subnet', tone: 'muted', wrap: true },
  ]);
}

function vpcBox(v: VpcModel, stacked: boolean): Box {
  const zones = v.zones.map((z) =>
    group(
      `Availability Zone ${z.name}`,
      'zone',
      [{ text: `Availability Zone ${z.name}`, tone: 'muted' }],
      z.subnets.map(subnetBox),
      'column',
    ),
  );
  const children: Box[] = [
    ...(zones.length
      ? [{ ...group('Availability Zones', 'strip', [], zones, stacked ? 'column' : 'row'), bare: true }]
      : []),
    ...(v.routeTables.length
      ? [
          {
            ...group('Route tables', 'strip', [], v.routeTables.map(routeTableBox), stacked ? 'column' : 'row'),
            bare: true,
          },
        ]
      : []),
    ...(v.unusedGroups.length
      ? [
          group(
            'Security groups on no instance',
            'groups',
            [{ text: 'Security groups on no instance', tone: 'muted' }],
            v.unusedGroups.map(groupBox),
            stacked ? 'column' : 'row',
          ),
        ]
      : []),
  ];
  const box = resource(
    `vpc${v.isDefault ? ' default' : ''}`,
    v,
    [
      { text: `VPC ${v.name ?? v.id}`, tone: 'heading' },
      {
        text: [v.name ? v.id : undefined, v.cidr, v.isDefault ? 'default VPC' : undefined, v.state]
          .filter((part) => part && part !== 'available')
          .join(' · '),
      },
      ...(v.zones.length ? [] : [{ text: 'No subnets', tone: 'muted' as const }]),
    ],
    children,
  );
  const edge = v.internetGateways.map((g) =>
    resource(`gateway${g.attached ? '' : ' detached'}`, g, [
      { text: `Internet gateway ${g.name ?? g.id}` },
      { text: `${g.name ? `${g.id} · ` : ''}${g.attached ? 'attached' : 'attaching or detaching'}`, tone: 'muted' },
    ]),
  );
  // Side by side, the gateways sit on the VPC's top edge; stacked, where that edge has no room, they come first in it.
  if (!edge.length) return box;
  return stacked ? { ...box, children: [...edge, ...box.children] } : { ...box, edge };
}

function regionBox(r: RegionModel, stacked: boolean): Box {
  const children: Box[] = [
    ...r.vpcs.map((v) => vpcBox(v, stacked)),
    ...(r.strayInstances.length
      ? [
          group(
            'Instances in no VPC shown',
            'strays',
            [{ text: 'Instances in no VPC shown', tone: 'muted' }],
            r.strayInstances.map(instanceBox),
            'column',
          ),
        ]
      : []),
    ...(r.keyPairs.length
      ? [
          group(
            'Key pairs',
            'key-pairs',
            [{ text: 'Key pairs', tone: 'muted' }],
            r.keyPairs.map((k) => resource('key-pair', k, [{ text: `Key pair ${k.name}` }])),
            stacked ? 'column' : 'row',
          ),
        ]
      : []),
  ];
  return group(
    `Region ${r.region}`,
    'region',
    [
      { text: `Region ${r.region}`, tone: 'heading' },
      ...(r.vpcs.length ? [] : [{ text: 'No VPCs', tone: 'muted' as const }]),
    ],
    children,
    'column',
  );
}

const blockWords = {
  on: ['Block Public Access on', 'ok'],
  partly: ['Block Public Access partly on', 'warn'],
  off: ['Block Public Access off', 'warn'],
  unknown: ['Block Public Access not read', 'muted'],
} as const;

function bucketBox(b: BucketModel): Box {
  const [words, tone] = blockWords[b.blockPublicAccess];
  return resource('bucket', b, [
    { text: `Bucket ${b.name}`, tone: 'heading' },
    { text: [b.objects, b.region].filter(Boolean).join(' · ') },
    { text: words, tone },
  ]);
}

function userBox(u: UserModel): Box {
  return resource('user', u, [
    { text: `User ${u.name}`, tone: 'heading' },
    { text: u.policies.length ? `Policies: ${u.policies.join(', ')}` : 'No policies', wrap: true },
    { text: `Console password: ${u.consolePassword ? 'yes' : 'no'}` },
    ...(u.accessKeys.length
      ? u.accessKeys.map((k) => ({ text: `Access key ${k.id} (${k.status})` }))
      : [{ text: 'No access keys', tone: 'muted' as const }]),
  ]);
}

/** Who the drawing is of, in a few words: "Sandbox account 123456789012". */
export function diagramHeading(model: DiagramModel): string {
  const whose = model.mode === 'offline' ? 'Sandbox account' : 'AWS account';
  return model.account ? `${whose} ${model.account}` : whose;
}

/** When it was read, in UTC, to the second. */
export const readAt = (model: DiagramModel) => `Read ${model.takenAt.slice(0, 19).replace('T', ' ')} UTC`;

/** The exercises' latest results in one line: "Exercise 3 done · Exercise 4: 2 checks failed". */
export function exerciseSummary(model: DiagramModel): string {
  return model.exercises
    .map((e) =>
      e.done ? `✓ ${e.label} done` : `✗ ${e.label}: ${e.failed} ${e.failed === 1 ? 'check' : 'checks'} failed`,
    )
    .join(' · ');
}

/** The tree of boxes the drawing lays out. */
export function diagramBoxes(model: DiagramModel, stacked = false): Box {
  const account: Box[] = [
    group(
      'S3 buckets',
      'buckets',
      [
        { text: 'S3 buckets', tone: 'heading' },
        ...(model.buckets.length ? [] : [{ text: 'None', tone: 'muted' as const }]),
      ],
      model.buckets.map(bucketBox),
      'column',
    ),
    group(
      'IAM users',
      'users',
      [
        { text: 'IAM users', tone: 'heading' },
        ...(model.users.length ? [] : [{ text: 'None', tone: 'muted' as const }]),
      ],
      model.users.map(userBox),
      'column',
    ),
  ];
  const summary = exerciseSummary(model);
  const lines: Line[] = [
    { text: diagramHeading(model), tone: 'heading' },
    { text: readAt(model), tone: 'muted' },
    ...(summary ? [{ text: summary, wrap: true }] : []),
    ...markLines(model.unplaced),
    ...model.problems.map((p) => ({ text: `Not read: ${p}`, tone: 'warn' as const, wrap: true })),
  ];
  return {
    kind: 'account',
    ...(stacked ? {} : { wide: true }),
    title: lines.map((l) => l.text).join('\n'),
    lines,
    direction: stacked ? 'column' : 'row',
    children: [
      ...model.regions.map((r) => regionBox(r, stacked)),
      { ...group('The account', 'strip', [], account, 'column'), bare: true },
    ],
  };
}

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The look of each kind of box and line, from the palette. */
function styleSheet(p: Palette): string {
  return [
    `.ad-text{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:${metrics.fontSize}px;fill:${p.fg}}`,
    `.ad-heading{font-weight:700}.ad-muted{fill:${p.muted}}.ad-bad{fill:${p.bad};font-weight:700}`,
    `.ad-ok{fill:${p.ok}}.ad-warn{fill:${p.warn}}`,
    `.ad-box{fill:${p.bg};stroke:${p.border};stroke-width:1}`,
    `.ad-account,.ad-region{fill:${p.bg}}.ad-vpc,.ad-buckets,.ad-users{fill:${p.raised};stroke-width:1.5}`,
    `.ad-zone{fill:none;stroke-dasharray:4 3}`,
    `.ad-subnet.ad-public{stroke:${p.ok};stroke-width:2}.ad-subnet.ad-partly{stroke:${p.warn};stroke-width:2}`,
    `.ad-instance,.ad-gateway,.ad-route-table,.ad-bucket,.ad-user,.ad-key-pair{fill:${p.raised}}`,
    `.ad-gateway{stroke:${p.accent};stroke-width:2}.ad-group{fill:${p.bg};stroke:${p.accent}}`,
    `.ad-marked{stroke:${p.bad};stroke-width:3;stroke-dasharray:6 3}`,
  ].join('');
}

function drawPlaced(placed: Placed, out: string[]): void {
  const { box } = placed;
  const classes = box.kind
    .split(' ')
    .map((k) => `ad-${k}`)
    .join(' ');
  const bare = box.bare === true;
  out.push(
    `<g${box.id ? ` data-id="${escapeXml(box.id)}"` : ''} data-kind="${escapeXml(box.kind)}"${box.marked ? ' data-marked="true"' : ''}>`,
  );
  if (!bare) {
    out.push(`<title>${escapeXml(box.title)}</title>`);
    out.push(
      `<rect class="ad-box ${classes}${box.marked ? ' ad-marked' : ''}" x="${placed.x}" y="${placed.y}" width="${placed.width}" height="${placed.height}" rx="6"/>`,
    );
  }
  for (const line of placed.lines)
    out.push(`<text class="ad-text ad-${line.tone}" x="${line.x}" y="${line.y}">${escapeXml(line.text)}</text>`);
  for (const child of placed.children) drawPlaced(child, out);
  for (const badge of placed.edge) drawPlaced(badge, out);
  out.push('</g>');
}

/** What the drawing holds, counted: "2 VPCs, 8 subnets, 1 instance, 0 buckets, 0 IAM users". */
export function diagramCounts(model: DiagramModel): string {
  const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const vpcs = model.regions.flatMap((r) => r.vpcs);
  const subnets = vpcs.flatMap((v) => v.zones.flatMap((z) => z.subnets));
  const instances = subnets.flatMap((s) => s.instances).length + model.regions.flatMap((r) => r.strayInstances).length;
  return (
    `${count(vpcs.length, 'VPC')}, ${count(subnets.length, 'subnet')}, ${count(instances, 'instance')}, ` +
    `${count(model.buckets.length, 'bucket')}, ${count(model.users.length, 'IAM user')}`
  );
}

/** A sentence that says what the drawing holds, for its description. */
export function diagramDescription(model: DiagramModel): string {
  return (
    `${diagramHeading(model)}, ${model.regions.map((r) => r.region).join(', ')}: ${diagramCounts(model)}` +
    (model.marks.length ? `; failed checks are marked on the resources they name.` : '.') +
    ' The list after the drawing says the same in words.'
  );
}

/** The diagram as a standalone SVG document, and its size in px: a pure function of the model. */
export function drawnDiagram(
  model: DiagramModel,
  options: DrawOptions = {},
): { svg: string; width: number; height: number } {
  const palette = options.palette ?? themePalettes.light;
  const prefix = options.idPrefix ?? 'account-diagram';
  const placed = layout(
    diagramBoxes(model, options.stacked),
    options.stacked ? metrics.stackedMaxChars : metrics.maxChars,
  );
  const margin = 8;
  const width = placed.width + 2 * margin;
  const height = placed.height + 2 * margin;
  const body: string[] = [];
  drawPlaced(placed, body);
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${-margin} ${-margin} ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${prefix}-title ${prefix}-desc">`,
    `<title id="${prefix}-title">Diagram of the ${escapeXml(diagramHeading(model).replace(/^Sandbox/, 'sandbox'))}</title>`,
    `<desc id="${prefix}-desc">${escapeXml(diagramDescription(model))}</desc>`,
    `<style>${styleSheet(palette)}</style>`,
    `<rect x="${-margin}" y="${-margin}" width="${width}" height="${height}" fill="${palette.bg.startsWith('var(') ? 'none' : palette.bg}"/>`,
    ...body,
    '</svg>',
  ].join('\n');
  return { svg, width, height };
}

/** The diagram as a standalone SVG document: a pure function of the model. */
export function drawDiagram(model: DiagramModel, options: DrawOptions = {}): string {
  return drawnDiagram(model, options).svg;
}
