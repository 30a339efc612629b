import { DeleteRouteCommand, DescribeRouteTablesCommand, RevokeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutObjectCommand, PutPublicAccessBlockCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import exercise3 from '../../checkers/exercise-3';
import { runChecker } from '../../checkers/run';
import { collectAccount, diagramPermissions } from '../../src/diagram/collect';
import { diagramBoxes, drawDiagram, themePalettes } from '../../src/diagram/draw';
import { layout } from '../../src/diagram/layout';
import { type DiagramModel, diagramModel, latestAttempts, namesInMessage } from '../../src/diagram/model';
import { diagramOutline, outlineText } from '../../src/diagram/outline';
import type { AccountSnapshot } from '../../src/diagram/snapshot';
import { checkerPolicyDocument, isReadOnlyAction } from '../../checkers/policy';
import { checkers } from '../../checkers/index';
import { clientsFor, useSandbox } from '../emulator/sandbox-clients';
import { doExercise3 } from '../checkers/course-steps';
import { sandboxAws } from '../checkers/sandbox-aws';
import { verifyAttemptOf } from '../../src/verify/attempt';

const sandbox = useSandbox();

const read = (regions = ['us-west-2']) =>
  collectAccount({
    aws: sandboxAws(),
    regions,
    mode: 'offline',
    surface: 'cli',
    now: new Date('2026-12-04T10:00:00Z'),
  });

const vpcNamed = (model: DiagramModel, name: string) => model.regions[0]!.vpcs.find((v) => v.name === name)!;
const subnets = (model: DiagramModel, vpcName: string) => vpcNamed(model, vpcName).zones.flatMap((z) => z.subnets);

/** Takes exercise 3's SSH rule out of its group. */
const closePort22 = (groupId: string) =>
  clientsFor().ec2.send(
    new RevokeSecurityGroupIngressCommand({
      GroupId: groupId,
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      CidrIp: '0.0.0.0/0',
    }),
  );

/** Exercise 3's checker run and recorded as the progress record keeps an attempt. */
async function verifyExercise3() {
  const run = await runChecker(exercise3, { aws: sandboxAws(), mode: 'offline', surface: 'panel' });
  return verifyAttemptOf(run);
}

describe('the account snapshot', () => {
  it('reads exercise 3 as plain data: the VPC, its four subnets, the gateway, route tables, group and instance', async () => {
    const done = await doExercise3(clientsFor());
    const snapshot = await read();
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    expect(snapshot).toMatchObject({ mode: 'offline', account: '123456789012', problems: [] });
    const region = snapshot.regions[0]!;
    expect(region.vpcs.map((v) => v.VpcId)).toContain(done.vpcId);
    expect(region.subnets.filter((s) => s.VpcId === done.vpcId)).toHaveLength(4);
    expect(region.internetGateways.some((g) => g.Attachments?.some((a) => a.VpcId === done.vpcId))).toBe(true);
    expect(region.instances).toEqual([
      expect.objectContaining({
        id: done.instanceId,
        name: 'Ex3WebServer',
        state: 'running',
        subnetId: done.publicSubnetId,
        groupIds: [done.groupId],
        keyName: 'edx-key',
      }),
    ]);
    expect(region.keyPairs.map((k) => k.name)).toEqual(['edx-key']);
  });

  it('reads buckets with their object count and Block Public Access, and users with keys masked', async () => {
    const clients = clientsFor();
    await clients.s3.send(
      new CreateBucketCommand({
        Bucket: 'photos-diagram',
        CreateBucketConfiguration: { LocationConstraint: 'us-west-2' },
      }),
    );
    for (const key of ['a.jpg', 'b.jpg'])
      await clients.s3.send(new PutObjectCommand({ Bucket: 'photos-diagram', Key: key, Body: 'x' }));
    await clients.s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: 'photos-diagram',
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
      }),
    );
    await clients.iam.send(new CreateUserCommand({ UserName: 'edXProjectUser' }));
    await clients.iam.send(
      new AttachUserPolicyCommand({ UserName: 'edXProjectUser', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
    );
    await clients.iam.send(
      new CreateLoginProfileCommand({ UserName: 'edXProjectUser', Password: 'Correct-Horse-9-Battery' }),
    );
    const key = (await clients.iam.send(new CreateAccessKeyCommand({ UserName: 'edXProjectUser' }))).AccessKey!;
    const snapshot = await read();
    expect(snapshot.buckets).toEqual([
      { name: 'photos-diagram', region: 'us-west-2', objectCount: 2, countTruncated: false, blockPublicAccess: 'on' },
    ]);
    const [user] = snapshot.users;
    expect(user).toMatchObject({ name: 'edXProjectUser', attachedPolicies: ['ReadOnlyAccess'], consolePassword: true });
    expect(user!.accessKeys).toEqual([
      { id: `${key.AccessKeyId!.slice(0, 4)}…${key.AccessKeyId!.slice(-4)}`, status: 'Active' },
    ]);
    expect(JSON.stringify(snapshot)).not.toContain(key.AccessKeyId!);
    expect(JSON.stringify(snapshot)).not.toContain(key.SecretAccessKey!);
  });

  it('reads with nothing but the read-only actions it declares, which awscourse policy includes, and changes nothing', async () => {
    expect(diagramPermissions.every(isReadOnlyAction)).toBe(true);
    const policy = JSON.parse(checkerPolicyDocument(Object.values(checkers) as never, diagramPermissions)) as {
      Statement: { Action: string[] }[];
    };
    for (const action of diagramPermissions) expect(policy.Statement[0].Action).toContain(action);
    await doExercise3(clientsFor());
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: 'drawer' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'drawer',
        PolicyName: 'only-this',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: diagramPermissions, Resource: '*' }],
        }),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'drawer' }))).AccessKey!;
    const before = JSON.stringify({ ...sandbox().state, accessKeys: {} });
    let changes = 0;
    const unsubscribe = sandbox().subscribe(() => {
      changes++;
    });
    const aws = sandboxAws({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    const snapshot = await collectAccount({ aws, regions: ['us-west-2'], mode: 'live', surface: 'panel' });
    unsubscribe();
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.users.map((u) => u.name)).toEqual(['drawer']);
    expect(changes).toBe(0);
    expect(JSON.stringify({ ...sandbox().state, accessKeys: {} })).toBe(before);
  });

  it('draws what it could read when AWS refuses a part, and says which part', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: 'ec2-only' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'ec2-only',
        PolicyName: 'only-this',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }],
        }),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'ec2-only' }))).AccessKey!;
    const aws = sandboxAws({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    const snapshot = await collectAccount({ aws, regions: ['us-west-2'], mode: 'live', surface: 'panel' });
    expect(snapshot.regions[0]!.vpcs).toHaveLength(1);
    // GetCallerIdentity needs no permission, in AWS as in the sandbox.
    expect(snapshot.account).toBe('123456789012');
    expect(snapshot.problems).toEqual([
      'S3 buckets could not be read: The credentials running the check may not call s3:ListAllMyBuckets.',
      'IAM users could not be read: The credentials running the check may not call iam:ListUsers.',
    ]);
    expect(JSON.stringify(snapshot)).not.toContain(key.AccessKeyId!);
  });

  it('refuses with the credentials problem when the key is not accepted', async () => {
    const aws = sandboxAws({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wrong' });
    await expect(collectAccount({ aws, regions: ['us-west-2'], mode: 'live', surface: 'panel' })).rejects.toMatchObject(
      {
        name: 'DiagramReadError',
        problem: { kind: 'credentials' },
      },
    );
  });
});

describe('the diagram model', () => {
  it('puts each subnet in its zone column, public by a route to the attached gateway, private without one', async () => {
    await doExercise3(clientsFor());
    const model = diagramModel(await read());
    const vpc = vpcNamed(model, 'edx-build-aws-vpc');
    expect(vpc.cidr).toBe('10.1.0.0/16');
    expect(vpc.zones.map((z) => [z.name, z.subnets.map((s) => [s.name, s.access])])).toEqual([
      [
        'us-west-2a',
        [
          ['edx-subnet-public-a', 'public'],
          ['edx-subnet-private-a', 'private'],
        ],
      ],
      [
        'us-west-2b',
        [
          ['edx-subnet-public-b', 'public'],
          ['edx-subnet-private-b', 'private'],
        ],
      ],
    ]);
    expect(vpc.internetGateways).toEqual([expect.objectContaining({ attached: true, marks: [] })]);
    const publicTable = vpc.routeTables.find((t) => t.routes.some((r) => r.target.startsWith('igw-')))!;
    expect(publicTable.serves.sort()).toEqual(['edx-subnet-public-a', 'edx-subnet-public-b']);
    expect(vpc.routeTables[0]!.main).toBe(true);
    const instance = subnets(model, 'edx-build-aws-vpc').find((s) => s.name === 'edx-subnet-public-a')!.instances[0]!;
    expect(instance).toMatchObject({ name: 'Ex3WebServer', state: 'running', type: 't2.micro', keyName: 'edx-key' });
    expect(instance.publicIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(instance.groups).toEqual([
      expect.objectContaining({ name: 'exercise3-sg', inbound: ['tcp 22 from 0.0.0.0/0', 'tcp 80 from 0.0.0.0/0'] }),
    ]);
    // The default VPC comes last, after the learner's own.
    expect(model.regions[0]!.vpcs.at(-1)!.isDefault).toBe(true);
  });

  it("turns the public subnets private when the gateway's route goes, and marks them with Verify's failure", async () => {
    const done = await doExercise3(clientsFor());
    const ec2 = clientsFor().ec2;
    const tables = (
      await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [done.vpcId] }] }))
    ).RouteTables!;
    const publicTable = tables.find((t) => t.Routes?.some((r) => r.GatewayId?.startsWith('igw-')))!;
    await ec2.send(
      new DeleteRouteCommand({ RouteTableId: publicTable.RouteTableId!, DestinationCidrBlock: '0.0.0.0/0' }),
    );
    const attempt = await verifyExercise3();
    expect(attempt.status).toBe('failed');
    const model = diagramModel(await read(), [attempt]);
    const publicA = subnets(model, 'edx-build-aws-vpc').find((s) => s.name === 'edx-subnet-public-a')!;
    expect(publicA.access).toBe('private');
    expect(publicA.marks).toEqual([
      expect.objectContaining({
        exerciseLabel: 'Exercise 3',
        check: 'public-subnet',
        message: 'No subnet of the VPC has a route 0.0.0.0/0 to an internet gateway.',
      }),
    ]);
    expect(model.exercises).toEqual([expect.objectContaining({ label: 'Exercise 3', done: false, failed: 1 })]);
    expect(model.unplaced).toEqual([]);
  });

  it('marks the group a failed check names, on the instance that wears it', async () => {
    const done = await doExercise3(clientsFor());
    await closePort22(done.groupId);
    const model = diagramModel(await read(), [await verifyExercise3()]);
    const group = subnets(model, 'edx-build-aws-vpc').flatMap((s) => s.instances)[0]!.groups[0]!;
    expect(group.marks.map((m) => m.message)).toEqual([`${done.groupId} does not allow TCP 22 in.`]);
  });

  it('shows a passed exercise as done, and only the newest attempt of each exercise counts', async () => {
    await doExercise3(clientsFor());
    const passed = await verifyExercise3();
    const older = {
      ...passed,
      at: '2020-01-01T00:00:00.000Z',
      status: 'failed',
      checks: [{ id: 'vpc', status: 'fail' as const, message: 'old', evidence: {} }],
    };
    expect(latestAttempts([passed, older])).toEqual([passed]);
    const model = diagramModel(await read(), [older, passed]);
    expect(model.exercises).toEqual([expect.objectContaining({ label: 'Exercise 3', done: true, failed: 0 })]);
    expect(vpcNamed(model, 'edx-build-aws-vpc').done).toEqual(['Exercise 3']);
    expect(vpcNamed(model, 'edx-build-aws-vpc').marks).toEqual([]);
  });

  it('marks what a failed check names in its message when its evidence names nothing drawn', async () => {
    const clients = clientsFor();
    await clients.s3.send(
      new CreateBucketCommand({
        Bucket: 'photos-1234',
        CreateBucketConfiguration: { LocationConstraint: 'us-west-2' },
      }),
    );
    await clients.iam.send(new CreateUserCommand({ UserName: 'edXProjectUser' }));
    const attempt = {
      exercise: 'exercise-5',
      at: '2026-12-04T10:00:00.000Z',
      status: 'failed',
      checks: [
        {
          id: 'bucket-private',
          status: 'fail' as const,
          message: 'Block Public Access is off for BlockPublicAcls on photos-1234.',
          evidence: { off: ['BlockPublicAcls'] },
        },
        { id: 'user', status: 'fail' as const, message: 'The user edXProjectUser has no policy attached.' },
      ],
    };
    const model = diagramModel(await read(), [attempt]);
    expect(model.buckets[0]!.marks.map((m) => m.check)).toEqual(['bucket-private']);
    expect(model.users[0]!.marks.map((m) => m.check)).toEqual(['user']);
    expect(model.unplaced).toEqual([]);
    expect(namesInMessage('Block Public Access is off for BlockPublicAcls on photos-1234.')).toEqual([
      'BlockPublicAcls',
      'photos-1234',
    ]);
  });

  it('lists a failure that names nothing on the diagram apart, rather than dropping it', async () => {
    const attempt = await verifyExercise3();
    const model = diagramModel(await read(), [attempt]);
    expect(model.unplaced.map((m) => m.message)).toEqual(['No VPC tagged Name=edx-build-aws-vpc in us-west-2.']);
    expect(outlineText(diagramOutline(model))).toContain(
      '✗ Exercise 3: No VPC tagged Name=edx-build-aws-vpc in us-west-2.',
    );
  });
});

/** A snapshot with `vpcCount` VPCs of two zones and two subnets each, and `instanceCount` instances spread over them. */
function bigSnapshot(vpcCount: number, instanceCount: number): AccountSnapshot {
  const region = {
    region: 'us-west-2',
    vpcs: [],
    subnets: [],
    routeTables: [],
    internetGateways: [],
    securityGroups: [],
    instances: [],
    keyPairs: [],
  } as AccountSnapshot['regions'][number];
  for (let v = 0; v < vpcCount; v++) {
    const VpcId = `vpc-${v}`;
    region.vpcs.push({
      VpcId,
      CidrBlock: `10.${v}.0.0/16`,
      State: 'available',
      Tags: [{ Key: 'Name', Value: `vpc ${v}` }],
    });
    region.internetGateways.push({
      InternetGatewayId: `igw-${v}`,
      Attachments: [{ VpcId, State: 'available' as never }],
    });
    region.routeTables.push({
      RouteTableId: `rtb-main-${v}`,
      VpcId,
      Associations: [{ Main: true }],
      Routes: [{ DestinationCidrBlock: `10.${v}.0.0/16`, GatewayId: 'local' }],
    });
    region.routeTables.push({
      RouteTableId: `rtb-public-${v}`,
      VpcId,
      Associations: ['a', 'b'].map((z) => ({ SubnetId: `subnet-${v}-${z}-public` })),
      Routes: [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: `igw-${v}` }],
    });
    for (const [i, z] of ['a', 'b'].entries()) {
      for (const [j, kind] of ['public', 'private'].entries())
        region.subnets.push({
          SubnetId: `subnet-${v}-${z}-${kind}`,
          VpcId,
          CidrBlock: `10.${v}.${i * 2 + j}.0/24`,
          AvailabilityZone: `us-west-2${z}`,
          MapPublicIpOnLaunch: kind === 'public',
        });
    }
    region.securityGroups.push({
      GroupId: `sg-${v}`,
      GroupName: `web-${v}`,
      VpcId,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    });
  }
  for (let i = 0; i < instanceCount; i++) {
    const v = i % vpcCount;
    const z = i % 4 < 2 ? 'a' : 'b';
    region.instances.push({
      id: `i-${i}`,
      name: `server ${i}`,
      state: 'running',
      type: 't3.micro',
      subnetId: `subnet-${v}-${z}-public`,
      privateIp: `10.${v}.0.${i}`,
      publicIp: `54.0.0.${i}`,
      groupIds: [`sg-${v}`],
    });
  }
  return {
    takenAt: '2026-12-04T10:00:00.000Z',
    mode: 'offline',
    account: '123456789012',
    regions: [region],
    buckets: [],
    users: [],
    problems: [],
  };
}

describe('the drawing', () => {
  it('draws every box inside its parent, and no two siblings overlapping', () => {
    const model = diagramModel(bigSnapshot(5, 50));
    for (const stacked of [false, true]) {
      const root = layout(diagramBoxes(model, stacked));
      const visit = (box: typeof root) => {
        for (const child of box.children) {
          expect(child.x).toBeGreaterThanOrEqual(box.x);
          expect(child.y).toBeGreaterThanOrEqual(box.y);
          expect(child.x + child.width).toBeLessThanOrEqual(box.x + box.width);
          expect(child.y + child.height).toBeLessThanOrEqual(box.y + box.height);
          for (const line of child.lines)
            expect(line.x + line.text.length * 7).toBeLessThanOrEqual(child.x + child.width);
          visit(child);
        }
        for (const [i, a] of box.children.entries())
          for (const b of box.children.slice(i + 1))
            expect(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y).toBe(
              true,
            );
      };
      visit(root);
    }
  });

  it('is an SVG with a title, a description and a text label in every box, its text escaped', async () => {
    const done = await doExercise3(clientsFor());
    await closePort22(done.groupId);
    const snapshot = await read();
    snapshot.regions[0]!.instances[0]!.name = '<script>alert(1)</script> & "quotes"';
    const svg = drawDiagram(diagramModel(snapshot, [await verifyExercise3()]), {
      palette: themePalettes.dark,
      idPrefix: 'd1',
    });
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="[-\d. ]+" width="\d+" height="\d+" role="img" aria-labelledby="d1-title d1-desc">/,
    );
    expect(svg).toContain('<title id="d1-title">Diagram of the sandbox account 123456789012</title>');
    expect(svg).toMatch(
      /<desc id="d1-desc">Sandbox account 123456789012, us-west-2: 2 VPCs, 8 subnets, 1 instance, 0 buckets, 0 IAM users; failed checks are marked/,
    );
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(svg).toContain(themePalettes.dark.bad);
    expect(svg).toContain(`data-id="${done.groupId}" data-kind="group" data-marked="true"`);
    // Every drawn box carries a tooltip with its words and at least one line of text.
    const boxes = svg
      .split('<g ')
      .slice(1)
      .filter((g) => !g.startsWith('data-kind="strip"'));
    for (const box of boxes) expect(box).toMatch(/^[^>]*>\n<title>[^<]+<\/title>\n<rect [^>]+\/>\n<text /);
  });

  it('has the same words in its outline, nested as the boxes are', async () => {
    await doExercise3(clientsFor());
    const text = outlineText(diagramOutline(diagramModel(await read())));
    expect(text).toMatch(
      /^Sandbox account 123456789012\. Read 2026-12-04 10:00:00 UTC\.\n {2}- Region us-west-2\n {4}- VPC edx-build-aws-vpc \(vpc-[0-9a-f]+\), 10\.1\.0\.0\/16\n {6}- Internet gateway/,
    );
    expect(text).toMatch(
      /\n {8}- Subnet edx-subnet-public-a \(subnet-[0-9a-f]+\), 10\.1\.1\.0\/24, public: Routes 0\.0\.0\.0\/0 to igw-[0-9a-f]+ and maps public IPs\.\n {10}- Instance Ex3WebServer \(i-[0-9a-f]+\): running, t2\.micro, private IP 10\.1\.1\.\d+, public IP [\d.]+, key pair edx-key\n {12}- Security group exercise3-sg \(sg-[0-9a-f]+\): in: tcp 22 from 0\.0\.0\.0\/0; tcp 80 from 0\.0\.0\.0\/0\n/,
    );
    expect(text).toContain('- Key pair edx-key');
    expect(text).toContain('- No S3 buckets');
  });
});
