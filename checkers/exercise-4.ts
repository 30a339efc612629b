import { DescribeInstancesCommand, type Instance } from '@aws-sdk/client-ec2';
import {
  GetAccountAuthorizationDetailsCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  ListAttachedUserPoliciesCommand,
  type AttachedPolicy,
  type LoginProfile,
  type ManagedPolicyDetail,
  type User,
} from '@aws-sdk/client-iam';
import { z } from 'zod';
import { wildcardMatch } from '../src/iam-policy/wildcard';
import { freeTierMicroTypes } from '../src/lib/free-tier-instance-types';
import { parsePolicy, type NormalisedPolicy, type NormalisedStatement } from '../src/iam-policy/parse';
import { orNull } from './aws-errors';
import { defineChecker, fail, pass, type CheckOutcome, type CheckerAws } from './contract';
import {
  chosenInstance,
  collectNetwork,
  isPublicSubnet,
  nameOf,
  networkPermissions,
  subnetsOfVpc,
  wrongRegionHint,
  type NetworkSnapshot,
} from './network';
import type { AskPhrases } from './surface';
import { courseName } from './params';
import { userNameParam, vpcNameParam } from './course-params';

const params = z.strictObject({
  /** The customer-managed policy the learner creates. */
  policyName: courseName('edXProjectPolicy', {
    label: 'Policy name',
    hint: 'The customer-managed policy you created (edXProjectPolicy in the lesson).',
  }),
  /** The IAM user the learner creates. */
  userName: userNameParam,
  /** The instance the learner launches as that user. */
  instanceName: courseName('Ex4WebServer', {
    label: 'Web server name',
    hint: "The instance's Name tag (Ex4WebServer in the lesson).",
  }),
  /** The instance type the exercise asks for; the free-tier micro types pass too. */
  instanceType: courseName('t2.micro', {
    label: 'Instance type',
    hint:
      `The type the lesson asks for (t2.micro); the free-tier micro types (${freeTierMicroTypes.join(', ')}) ` +
      'pass too.',
  }),
  /** The exercise-3 VPC, whose public subnet the instance belongs in. */
  vpcName: vpcNameParam,
});
type Params = z.infer<typeof params>;

interface Snapshot {
  region: string;
  policy: ManagedPolicyDetail | null;
  /** The policy's default version, URL-decoded, or null when there is no policy. */
  document: string | null;
  user: User | null;
  attached: AttachedPolicy[];
  loginProfile: LoginProfile | null;
  instances: Instance[];
  network: NetworkSnapshot;
}

/** What the later exercises call with this user's keys. */
export const neededActions = [
  'ec2:DescribeInstances',
  's3:ListBucket',
  's3:GetObject',
  's3:PutObject',
  'rekognition:DetectLabels',
] as const;

function matchesAction(statement: NormalisedStatement, action: string): boolean {
  return statement.actions.some((pattern) => wildcardMatch(pattern, action, true)) !== statement.notAction;
}

/** True when some Allow grants the action (on any resource) and no Deny on every resource takes it away. */
export function grantsAction(policy: NormalisedPolicy, action: string): boolean {
  const allowed = policy.statements.some(
    (s) => s.effect === 'Allow' && matchesAction(s, action) && s.resources.length > 0,
  );
  const deniedEverywhere = policy.statements.some(
    (s) => s.effect === 'Deny' && matchesAction(s, action) && !s.notResource && s.resources.includes('*'),
  );
  return allowed && !deniedEverywhere;
}

/** Statements that allow every action on every resource: administrator access under another name. */
export function allowsEverything(policy: NormalisedPolicy): NormalisedStatement[] {
  return policy.statements.filter(
    (s) =>
      s.effect === 'Allow' &&
      !s.notAction &&
      s.actions.some((a) => a === '*' || a === '*:*') &&
      !s.notResource &&
      s.resources.includes('*'),
  );
}

function parsed(snapshot: Snapshot): NormalisedPolicy | null {
  if (snapshot.document === null) return null;
  const result = parsePolicy(snapshot.document, 'identity');
  return 'policy' in result ? result.policy : null;
}

/**
 * The customer-managed policy with its versions' documents, in one call: GetAccountAuthorizationDetails answers
 * what ListPolicies and GetPolicyVersion would in two round trips.
 */
async function findPolicy(aws: CheckerAws, name: string): Promise<ManagedPolicyDetail | null> {
  let marker: string | undefined;
  do {
    const page = await aws.iam.send(
      new GetAccountAuthorizationDetailsCommand({ Filter: ['LocalManagedPolicy'], Marker: marker }),
    );
    // Matching the ARN's last part too: some AWS look-alikes (moto) leave PolicyName out of this answer.
    const found = page.Policies?.find(
      (p) => p.PolicyName === name || p.Arn?.endsWith(`:policy/${name}`) || p.Arn?.endsWith(`/${name}`),
    );
    if (found) return found;
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return null;
}

/**
 * The commands that make a fixed document the policy's default. IAM keeps at most five versions, so with five the
 * oldest non-default one has to go first, or create-policy-version fails with LimitExceeded.
 */
function newVersionCommands(policy: ManagedPolicyDetail): string {
  const create =
    `aws iam create-policy-version --policy-arn ${policy.Arn} --policy-document file://edx-policy.json ` +
    `--set-as-default`;
  const versions = policy.PolicyVersionList ?? [];
  if (versions.length < 5) return create;
  const oldest = versions
    .filter((v) => !v.IsDefaultVersion)
    .sort((a, b) => (a.CreateDate?.getTime() ?? 0) - (b.CreateDate?.getTime() ?? 0))[0]!;
  return `aws iam delete-policy-version --policy-arn ${policy.Arn} --version-id ${oldest.VersionId}\n${create}`;
}

/**
 * The exercise's launch as one command, as exercise 3's lesson writes it: the VPC's public subnet
 * (edx-subnet-public-a first), exercise3-sg, the edx-key pair and the Name tag.
 */
function launchCommand(snapshot: Snapshot, params: Params, ask: AskPhrases): string {
  const { network, region } = snapshot;
  const publicSubnets = subnetsOfVpc(network).filter((s) => isPublicSubnet(network, s));
  const subnet = publicSubnets.find((s) => nameOf(s) === 'edx-subnet-public-a') ?? publicSubnets[0];
  if (!subnet)
    return `${params.vpcName} has no public subnet to launch into; to see what is missing, ${ask.check('exercise-3')}.`;
  // The group is looked up by the CLI itself, so the command works as printed without this checker reading groups.
  const group =
    `$(aws ec2 describe-security-groups --region ${region} --filters Name=group-name,Values=exercise3-sg ` +
    `Name=vpc-id,Values=${subnet.VpcId} --query 'SecurityGroups[0].GroupId' --output text)`;
  return [
    `aws ec2 run-instances --region ${region} --instance-type ${params.instanceType} --subnet-id ${subnet.SubnetId}`,
    '  --image-id resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
    `  --security-group-ids ${group}`,
    `  --key-name edx-key --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=${params.instanceName}}]'`,
  ].join(' \\\n');
}

/** The types the instance may be: the one asked for, and every free-tier micro type, as the lesson allows. */
function acceptedTypes(params: Params): string[] {
  return [...new Set([params.instanceType, ...freeTierMicroTypes])];
}

/** What the passing message says of the type that ran: just its name, or why it counts as well. */
function describeType(type: string, params: Params): string {
  return type === params.instanceType
    ? `a ${type}`
    : `a ${type} (free-tier eligible, accepted for ${params.instanceType})`;
}

function checkInstance(snapshot: Snapshot, params: Params, ask: AskPhrases): CheckOutcome {
  const instance = chosenInstance(snapshot.instances);
  const launch =
    `Launch it in ${params.vpcName}'s public subnet (the console, signed in as ${params.userName}, works ` +
    `too):\n${launchCommand(snapshot, params, ask)}`;
  if (!instance) return fail(`No instance tagged Name=${params.instanceName} in ${snapshot.region}.`, launch);
  const named = `${params.instanceName} (${instance.InstanceId})`;
  const state = instance.State?.Name;
  const evidence = { instanceId: instance.InstanceId, state, instanceType: instance.InstanceType };
  const relaunch =
    `Terminate it, then launch it again:\naws ec2 terminate-instances --instance-ids ` +
    `${instance.InstanceId} --region ${snapshot.region}\n${launchCommand(snapshot, params, ask)}`;
  const accepted = acceptedTypes(params);
  if (!accepted.includes(instance.InstanceType ?? ''))
    return fail(
      `${named} is a ${instance.InstanceType}, not one of the types the exercise takes: ${accepted.join(', ')}.`,
      relaunch,
      evidence,
    );
  if (state === 'terminated' || state === 'shutting-down') return fail(`${named} is ${state}.`, launch, evidence);
  if (state === 'pending')
    return fail(
      `${named} is still starting (pending).`,
      `aws ec2 wait instance-running --instance-ids ${instance.InstanceId} --region ${snapshot.region}`,
      evidence,
    );
  if (state !== 'running') {
    // A stopping instance cannot be started until it has stopped.
    const waitFirst =
      state === 'stopping'
        ? `aws ec2 wait instance-stopped --instance-ids ${instance.InstanceId} --region ${snapshot.region}\n`
        : '';
    return fail(
      `${named} is ${state}, not running.`,
      `${waitFirst}aws ec2 start-instances --instance-ids ${instance.InstanceId} --region ${snapshot.region}`,
      evidence,
    );
  }
  const network = snapshot.network;
  const vpc = network.vpcs[0]!;
  const subnet = network.subnets.find((s) => s.SubnetId === instance.SubnetId);
  if (!subnet || subnet.VpcId !== vpc.VpcId) {
    return fail(
      `${named} is not in ${params.vpcName} (${vpc.VpcId}): its subnet is ${instance.SubnetId ?? 'unknown'}.`,
      relaunch,
      evidence,
    );
  }
  const where = `${nameOf(subnet) ?? 'subnet'} (${subnet.SubnetId})`;
  if (!isPublicSubnet(network, subnet))
    return fail(`${named} is in ${where}, which is not a public subnet.`, relaunch, evidence);
  return pass(`${named}, ${describeType(instance.InstanceType!, params)}, is running in ${where}.`, {
    ...evidence,
    subnetId: subnet.SubnetId,
  });
}

/** Exercise 4: the project policy and user, and an instance launched as that user. */
export default defineChecker<Params, Snapshot>({
  id: 'exercise-4',
  title: 'Exercise 4: an IAM user and policy, the CLI and the SDK',
  lesson: 'week-2/exercise-4',
  version: '1.0.0',
  permissions: [
    'iam:GetAccountAuthorizationDetails',
    'iam:GetUser',
    'iam:ListAttachedUserPolicies',
    'iam:GetLoginProfile',
    'ec2:DescribeInstances',
    ...networkPermissions,
  ],
  params,

  async collect({ aws, params }) {
    const [policy, user, attached, loginProfile, instances, network] = await Promise.all([
      findPolicy(aws, params.policyName),
      orNull(
        aws.iam.send(new GetUserCommand({ UserName: params.userName })).then((r) => r.User ?? null),
        'NoSuchEntity',
      ),
      orNull(
        aws.iam
          .send(new ListAttachedUserPoliciesCommand({ UserName: params.userName }))
          .then((r) => r.AttachedPolicies ?? []),
        'NoSuchEntity',
      ),
      orNull(
        aws.iam.send(new GetLoginProfileCommand({ UserName: params.userName })).then((r) => r.LoginProfile ?? null),
        'NoSuchEntity',
      ),
      aws.ec2
        .send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: [params.instanceName] }] }))
        .then((r) => (r.Reservations ?? []).flatMap((res) => res.Instances ?? [])),
      collectNetwork(aws, params.vpcName),
    ]);
    const encoded = policy?.PolicyVersionList?.find((v) => v.IsDefaultVersion)?.Document;
    return {
      region: aws.region,
      policy,
      document: encoded === undefined ? null : decodeURIComponent(encoded),
      user,
      attached: attached ?? [],
      loginProfile,
      instances,
      network,
    };
  },

  checks: [
    {
      id: 'policy-exists',
      title: 'The policy exists',
      run({ policy }, params) {
        if (!policy)
          return fail(
            `No customer-managed policy named ${params.policyName}.`,
            `aws iam create-policy --policy-name ${params.policyName} --policy-document file://edx-policy.json`,
          );
        return pass(`${policy.Arn} exists (default version ${policy.DefaultVersionId}).`, { policyArn: policy.Arn });
      },
    },
    {
      id: 'policy-valid',
      title: 'The policy is a valid IAM policy',
      requires: ['policy-exists'],
      run({ document, policy }, params) {
        const result = parsePolicy(document ?? '', 'identity');
        if ('errors' in result) {
          return fail(
            `${params.policyName}'s default version (${policy!.DefaultVersionId} of ${policy!.Arn}) is not valid: ` +
              `${result.errors[0]!.message}`,
            `Fix the document (the IAM policies lesson's editor shows where), save it as edx-policy.json, and make it ` +
              `the default version:\n${newVersionCommands(policy!)}`,
            { policyArn: policy!.Arn },
          );
        }
        return pass(`The default version has ${result.policy.statements.length} valid statements.`);
      },
    },
    {
      id: 'policy-grants',
      title: 'The policy grants what exercises 4 to 6 need',
      requires: ['policy-valid'],
      run(snapshot, params) {
        const policy = parsed(snapshot)!;
        const missing = neededActions.filter((action) => !grantsAction(policy, action));
        if (missing.length) {
          const snippet = JSON.stringify({ Effect: 'Allow', Action: missing, Resource: '*' });
          return fail(
            `${params.policyName} (${snapshot.policy!.Arn}) does not allow ${missing.join(', ')}.`,
            `Add a statement such as ${snippet} to edx-policy.json (scope S3 to your photo buckets, as the lesson's ` +
              `policy does), and make it the default version:\n${newVersionCommands(snapshot.policy!)}`,
          );
        }
        return pass(`It allows ${neededActions.join(', ')}.`);
      },
    },
    {
      id: 'least-privilege',
      title: 'The policy does not allow everything',
      requires: ['policy-valid'],
      run(snapshot) {
        const policy = parsed(snapshot)!;
        const everything = allowsEverything(policy);
        if (everything.length) {
          return fail(
            `Statement ${everything[0]!.sid ?? `#${policy.statements.indexOf(everything[0]!) + 1}`} allows every action on every ` +
              `resource ("*" on "*"): that is administrator access.`,
            `Least privilege: grant only the actions the course uses (the lesson's policy is a good start). The ` +
              `original course granted whole services on purpose so learners were never blocked; even that is ` +
              `narrower than "*". Replace the statement in edx-policy.json, ` +
              `then:\n${newVersionCommands(snapshot.policy!)}`,
          );
        }
        const wide = [
          ...new Set(
            policy.statements
              .filter((s) => s.effect === 'Allow')
              .flatMap((s) => s.actions.filter((a) => /^[a-z0-9-]+:\*$/.test(a))),
          ),
        ];
        return pass(
          wide.length
            ? `No "*:*"; it does grant whole services (${wide.join(', ')}), which the course tolerates but least ` +
                `privilege would narrow.`
            : 'No "*:*" and no service-wide wildcards.',
        );
      },
    },
    {
      id: 'user-exists',
      title: 'The user exists',
      run({ user }, params) {
        if (!user)
          return fail(`No IAM user named ${params.userName}.`, `aws iam create-user --user-name ${params.userName}`);
        return pass(`${user.Arn} exists.`, { userArn: user.Arn });
      },
    },
    {
      id: 'policy-attached',
      title: 'The policy is attached to the user',
      requires: ['user-exists', 'policy-exists'],
      run({ attached, policy }, params) {
        if (!attached.some((p) => p.PolicyArn === policy!.Arn)) {
          return fail(
            `${params.policyName} (${policy!.Arn}) is not attached to ${params.userName}.`,
            `aws iam attach-user-policy --user-name ${params.userName} --policy-arn ${policy!.Arn}`,
          );
        }
        return pass(`${params.userName} has ${params.policyName} attached.`);
      },
    },
    {
      id: 'console-password',
      title: 'The user has a console password',
      requires: ['user-exists'],
      run({ loginProfile }, params) {
        if (!loginProfile)
          return fail(
            `${params.userName} has no console password.`,
            `aws iam create-login-profile --user-name ${params.userName} --password '<a strong password>' ` +
              `--password-reset-required`,
          );
        const since = loginProfile.CreateDate
          ? ` (password set ${loginProfile.CreateDate.toISOString().slice(0, 10)})`
          : '';
        return pass(`${params.userName} can sign in to the console${since}.`);
      },
    },
    {
      id: 'instance',
      title: 'The instance runs in the exercise-3 public subnet',
      run(snapshot, params, { ask }) {
        if (snapshot.network.vpcs.length === 0) {
          return fail(
            `No VPC tagged Name=${params.vpcName} in ${snapshot.region}, so there is no exercise-3 public subnet to ` +
              `check.`,
            wrongRegionHint(snapshot.network, snapshot.region, ask) ??
              `Do exercise 3 first; its stack creates the VPC:\naws cloudformation create-stack --stack-name ` +
                `edx-vpc-stack --template-body file://vpc.yaml --region ${snapshot.region}`,
          );
        }
        return checkInstance(snapshot, params, ask);
      },
    },
  ],
});
