import {
  DescribeKeyPairsCommand,
  type Instance,
  paginateDescribeInstances,
  paginateDescribeInternetGateways,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVpcs,
} from '@aws-sdk/client-ec2';
import {
  GetLoginProfileCommand,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListUserPoliciesCommand,
  paginateListUsers,
} from '@aws-sdk/client-iam';
import {
  GetBucketLocationCommand,
  GetPublicAccessBlockCommand,
  ListObjectsV2Command,
  type PublicAccessBlockConfiguration,
  paginateListBuckets,
} from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { explainAwsError, hasCode, maskKeys, type AwsProblem } from '../../checkers/aws-errors';
import type { CheckerAws } from '../../checkers/contract';
import { nameOf } from '../../checkers/network';
import type { Surface } from '../../checkers/surface';
import {
  type AccountSnapshot,
  type BucketSnapshot,
  bucketCountLimit,
  type InstanceSnapshot,
  type PublicAccessBlock,
  type RegionSnapshot,
  type UserSnapshot,
} from './snapshot';

export { diagramPermissions } from './permissions';

/** The account could not be read at all (no credentials, expired ones, no network): nothing to draw. */
export class DiagramReadError extends Error {
  override readonly name = 'DiagramReadError';
  constructor(readonly problem: AwsProblem) {
    super(problem.message);
  }
}

/** Problems that stop the whole reading, rather than leave one part of the drawing empty. */
const fatalKinds = new Set(['credentials', 'network']);

interface Reader {
  /** A part of the snapshot: its value, or `fallback` and a sentence in `problems` when AWS refused it. */
  part<T>(what: string, call: () => Promise<T>, fallback: T): Promise<T>;
}

function reader(region: string, surface: Surface, problems: string[]): Reader {
  return {
    async part(what, call, fallback) {
      try {
        return await call();
      } catch (error) {
        const problem = explainAwsError(error, region, surface);
        if (fatalKinds.has(problem.kind)) throw new DiagramReadError(problem);
        problems.push(`${what} could not be read: ${problem.message}`);
        return fallback;
      }
    },
  };
}

/** Every item of every page a paginator gives. */
async function all<Page, Item>(pages: AsyncIterable<Page>, items: (page: Page) => Item[] | undefined): Promise<Item[]> {
  const out: Item[] = [];
  for await (const page of pages) out.push(...(items(page) ?? []));
  return out;
}

function instanceSnapshot(instance: Instance): InstanceSnapshot {
  return {
    id: instance.InstanceId ?? '',
    ...(nameOf(instance) ? { name: nameOf(instance) } : {}),
    state: instance.State?.Name ?? 'unknown',
    ...(instance.InstanceType ? { type: instance.InstanceType } : {}),
    ...(instance.VpcId ? { vpcId: instance.VpcId } : {}),
    ...(instance.SubnetId ? { subnetId: instance.SubnetId } : {}),
    ...(instance.Placement?.AvailabilityZone ? { az: instance.Placement.AvailabilityZone } : {}),
    ...(instance.PrivateIpAddress ? { privateIp: instance.PrivateIpAddress } : {}),
    ...(instance.PublicIpAddress ? { publicIp: instance.PublicIpAddress } : {}),
    ...(instance.KeyName ? { keyName: instance.KeyName } : {}),
    groupIds: (instance.SecurityGroups ?? []).map((g) => g.GroupId ?? '').filter(Boolean),
  };
}

/** The SDK's objects as plain JSON data: Dates become strings, `undefined` fields go. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** One region's network, instances and key pairs, every call at once. */
export async function collectRegion(aws: CheckerAws, read: Reader): Promise<RegionSnapshot> {
  const { ec2, region } = aws;
  const [vpcs, subnets, routeTables, internetGateways, securityGroups, instances, keyPairs] = await Promise.all([
    read.part(`VPCs in ${region}`, () => all(paginateDescribeVpcs({ client: ec2 }, {}), (p) => p.Vpcs), []),
    read.part(`Subnets in ${region}`, () => all(paginateDescribeSubnets({ client: ec2 }, {}), (p) => p.Subnets), []),
    read.part(
      `Route tables in ${region}`,
      () => all(paginateDescribeRouteTables({ client: ec2 }, {}), (p) => p.RouteTables),
      [],
    ),
    read.part(
      `Internet gateways in ${region}`,
      () => all(paginateDescribeInternetGateways({ client: ec2 }, {}), (p) => p.InternetGateways),
      [],
    ),
    read.part(
      `Security groups in ${region}`,
      () => all(paginateDescribeSecurityGroups({ client: ec2 }, {}), (p) => p.SecurityGroups),
      [],
    ),
    read.part(
      `Instances in ${region}`,
      () =>
        all(paginateDescribeInstances({ client: ec2 }, {}), (p) =>
          (p.Reservations ?? []).flatMap((r) => r.Instances ?? []),
        ),
      [],
    ),
    read.part(
      `Key pairs in ${region}`,
      async () => (await ec2.send(new DescribeKeyPairsCommand({}))).KeyPairs ?? [],
      [],
    ),
  ]);
  return {
    region,
    ...plain({ vpcs, subnets, routeTables, internetGateways, securityGroups }),
    instances: instances.map(instanceSnapshot),
    keyPairs: keyPairs.map((k) => ({ name: k.KeyName ?? '', ...(k.KeyPairId ? { id: k.KeyPairId } : {}) })),
  };
}

/** All four Block Public Access settings on, some, or none (none configured counts as off). */
export function publicAccessBlockOf(config: PublicAccessBlockConfiguration | undefined): PublicAccessBlock {
  const settings = [
    config?.BlockPublicAcls,
    config?.IgnorePublicAcls,
    config?.BlockPublicPolicy,
    config?.RestrictPublicBuckets,
  ];
  const on = settings.filter((s) => s === true).length;
  return on === 4 ? 'on' : on === 0 ? 'off' : 'partly';
}

async function collectBuckets(aws: CheckerAws, read: Reader): Promise<BucketSnapshot[]> {
  const buckets = await read.part(
    'S3 buckets',
    () => all(paginateListBuckets({ client: aws.s3 }, {}), (p) => p.Buckets),
    [],
  );
  return Promise.all(
    buckets.map(async (bucket): Promise<BucketSnapshot> => {
      const name = bucket.Name ?? '';
      const region =
        bucket.BucketRegion ??
        (await read.part(
          `The region of bucket ${name}`,
          async () =>
            (await aws.s3.send(new GetBucketLocationCommand({ Bucket: name }))).LocationConstraint || 'us-east-1',
          undefined as string | undefined,
        ));
      const s3 = region ? aws.inRegion(region).s3 : aws.s3;
      const [listing, block] = await Promise.all([
        read.part(
          `The objects of bucket ${name}`,
          () => s3.send(new ListObjectsV2Command({ Bucket: name, MaxKeys: bucketCountLimit })),
          undefined,
        ),
        read.part(
          `Block Public Access of bucket ${name}`,
          async () => {
            try {
              const answer = await s3.send(new GetPublicAccessBlockCommand({ Bucket: name }));
              return publicAccessBlockOf(answer.PublicAccessBlockConfiguration);
            } catch (error) {
              if (hasCode(error, 'NoSuchPublicAccessBlockConfiguration')) return 'off' as const;
              throw error;
            }
          },
          'unknown' as PublicAccessBlock,
        ),
      ]);
      return {
        name,
        ...(region ? { region } : {}),
        ...(listing ? { objectCount: listing.KeyCount ?? 0, countTruncated: listing.IsTruncated === true } : {}),
        blockPublicAccess: block,
      };
    }),
  );
}

async function collectUsers(aws: CheckerAws, read: Reader): Promise<UserSnapshot[]> {
  const { iam } = aws;
  const users = await read.part('IAM users', () => all(paginateListUsers({ client: iam }, {}), (p) => p.Users), []);
  return Promise.all(
    users.map(async (user): Promise<UserSnapshot> => {
      const UserName = user.UserName ?? '';
      const [attached, inline, password, keys] = await Promise.all([
        read.part(
          `The policies of ${UserName}`,
          async () =>
            ((await iam.send(new ListAttachedUserPoliciesCommand({ UserName }))).AttachedPolicies ?? []).map(
              (p) => p.PolicyName ?? '',
            ),
          [] as string[],
        ),
        read.part(
          `The inline policies of ${UserName}`,
          async () => (await iam.send(new ListUserPoliciesCommand({ UserName }))).PolicyNames ?? [],
          [] as string[],
        ),
        read.part(
          `The console password of ${UserName}`,
          async () => {
            try {
              await iam.send(new GetLoginProfileCommand({ UserName }));
              return true;
            } catch (error) {
              if (hasCode(error, 'NoSuchEntity', 'NoSuchEntityException')) return false;
              throw error;
            }
          },
          false,
        ),
        read.part(
          `The access keys of ${UserName}`,
          async () => (await iam.send(new ListAccessKeysCommand({ UserName }))).AccessKeyMetadata ?? [],
          [],
        ),
      ]);
      return {
        name: UserName,
        attachedPolicies: attached,
        inlinePolicies: inline,
        consolePassword: password,
        accessKeys: keys.map((k) => ({ id: maskKeys(k.AccessKeyId ?? ''), status: k.Status ?? 'Unknown' })),
      };
    }),
  );
}

/**
 * Reads the account, read-only, for the diagram: each region's network, instances and key pairs, then the account's
 * buckets and IAM users. A part AWS refuses is left empty and said in `problems`; missing or refused credentials, or
 * no network, throw a {@link DiagramReadError} with the explanation to show.
 */
export async function collectAccount(options: {
  aws: CheckerAws;
  regions: readonly string[];
  mode: AccountSnapshot['mode'];
  surface: Surface;
  now?: Date;
}): Promise<AccountSnapshot> {
  const { aws, surface } = options;
  const problems: string[] = [];
  const read = reader(aws.region, surface, problems);
  const [identity, regions, buckets, users] = await Promise.all([
    read.part('The account id', () => aws.sts.send(new GetCallerIdentityCommand({})), undefined),
    Promise.all(
      options.regions.map((region) => collectRegion(aws.inRegion(region), reader(region, surface, problems))),
    ),
    collectBuckets(aws, read),
    collectUsers(aws, read),
  ]);
  return {
    takenAt: (options.now ?? new Date()).toISOString(),
    mode: options.mode,
    ...(identity?.Account ? { account: identity.Account } : {}),
    regions,
    buckets: buckets.sort((a, b) => a.name.localeCompare(b.name)),
    users: users.sort((a, b) => a.name.localeCompare(b.name)),
    problems,
  };
}
