import {
  DescribeAddressesCommand,
  DescribeInstancesCommand,
  DescribeNatGatewaysCommand,
  DescribeRegionsCommand,
} from '@aws-sdk/client-ec2';
import { GetLoginProfileCommand, ListAccessKeysCommand, type AccessKeyMetadata } from '@aws-sdk/client-iam';
import { z } from 'zod';
import { hasCode, orNull } from './aws-errors';
import { defineChecker, fail, pass, warn, type CheckerAws } from './contract';
import { nameOf } from './network';
import { userNameParam } from './course-params';
import type { AskPhrases } from './surface';

const params = z.strictObject({
  /** The user whose access keys the exercise deletes. */
  userName: userNameParam,
});
type Params = z.infer<typeof params>;

/** Something still billed after the course, with the command that removes it. */
export interface CostlyResource {
  region: string;
  kind: 'instance' | 'NAT gateway' | 'Elastic IP';
  id: string;
  name?: string;
  removeCommand: string;
}

interface Snapshot {
  /** null when the user does not exist. */
  keys: AccessKeyMetadata[] | null;
  hasPassword: boolean;
  costly: CostlyResource[];
  /** The key id the check itself runs with; never the secret. */
  runningKeyId?: string;
}

/** Running instances, NAT gateways and unattached Elastic IPs in one region. */
async function costlyIn(aws: CheckerAws): Promise<CostlyResource[]> {
  const region = aws.region;
  const [reservations, natGateways, addresses] = await Promise.all([
    aws.ec2
      .send(
        new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['pending', 'running'] }] }),
      )
      .then((r) => r.Reservations ?? []),
    aws.ec2
      .send(new DescribeNatGatewaysCommand({ Filter: [{ Name: 'state', Values: ['pending', 'available'] }] }))
      .then((r) => r.NatGateways ?? []),
    aws.ec2.send(new DescribeAddressesCommand({})).then((r) => r.Addresses ?? []),
  ]);
  return [
    ...reservations
      .flatMap((r) => r.Instances ?? [])
      .map((i) => ({
        region,
        kind: 'instance' as const,
        id: i.InstanceId!,
        name: nameOf(i),
        removeCommand: `aws ec2 terminate-instances --instance-ids ${i.InstanceId} --region ${region}`,
      })),
    ...natGateways.map((g) => ({
      region,
      kind: 'NAT gateway' as const,
      id: g.NatGatewayId!,
      removeCommand: `aws ec2 delete-nat-gateway --nat-gateway-id ${g.NatGatewayId} --region ${region}`,
    })),
    ...addresses
      .filter((a) => !a.AssociationId)
      .map((a) => ({
        region,
        kind: 'Elastic IP' as const,
        id: a.AllocationId ?? a.PublicIp!,
        name: a.PublicIp,
        removeCommand: `aws ec2 release-address --allocation-id ${a.AllocationId} --region ${region}`,
      })),
  ];
}

/** The same in every region of the account: two round trips (the region list, then all regions at once). */
async function costlyEverywhere(aws: CheckerAws): Promise<CostlyResource[]> {
  const regions = ((await aws.ec2.send(new DescribeRegionsCommand({}))).Regions ?? [])
    .map((r) => r.RegionName!)
    .filter(Boolean);
  const perRegion = await Promise.all(regions.map((region) => costlyIn(aws.inRegion(region))));
  return perRegion.flat();
}

/** A missing user is most often a different name: list the real ones, then check with that name. */
const userNotFoundHint = (ask: AskPhrases) =>
  `See the account's users with: aws iam list-users --query 'Users[].UserName' --output text\nThen give that name ` +
  `(${ask.param('userName', '<the name>')}), or do exercise 4 first.`;

/** After exercise 6: the user's access keys are gone, its console password stays, and nothing is left billing. */
export default defineChecker<Params, Snapshot>({
  id: 'key-cleanup',
  title: 'After exercise 6: delete the access keys, keep the password',
  lesson: 'week-2/key-cleanup',
  version: '1.0.0',
  permissions: [
    'iam:ListAccessKeys',
    'iam:GetLoginProfile',
    'ec2:DescribeRegions',
    'ec2:DescribeInstances',
    'ec2:DescribeNatGateways',
    'ec2:DescribeAddresses',
  ],
  params,

  async collect({ aws, params, accessKeyId }) {
    const [keys, loginProfile, costly] = await Promise.all([
      aws.iam.send(new ListAccessKeysCommand({ UserName: params.userName })).then(
        (r) => r.AccessKeyMetadata ?? [],
        (error: unknown) => {
          if (hasCode(error, 'NoSuchEntity')) return null;
          throw error;
        },
      ),
      orNull(aws.iam.send(new GetLoginProfileCommand({ UserName: params.userName })), 'NoSuchEntity'),
      costlyEverywhere(aws),
    ]);
    return { keys, hasPassword: loginProfile !== null, costly, runningKeyId: accessKeyId };
  },

  checks: [
    {
      id: 'no-access-keys',
      title: 'The user has no access keys left',
      run({ keys, runningKeyId }, params: Params, { ask }) {
        if (keys === null) return fail(`There is no IAM user named ${params.userName}.`, userNotFoundHint(ask));
        if (keys.length === 0) return pass(`${params.userName} has no access keys, active or inactive.`);
        const listed = keys.map((k) => `${k.AccessKeyId} (${k.Status})`).join(', ');
        const commands = keys
          .map((k) => `aws iam delete-access-key --user-name ${params.userName} --access-key-id ${k.AccessKeyId}`)
          .join('\n');
        if (runningKeyId && keys.some((k) => k.AccessKeyId === runningKeyId)) {
          return fail(
            `This check is running with ${params.userName}'s own key ${runningKeyId}, the very key that should be ` +
              `deleted. Keys left: ${listed}.`,
            `Delete it with your administrator identity, not with the key itself:\n${commands}\nThen check as that ` +
              `administrator: ${ask.profile('<admin-profile>')}.`,
            { accessKeyIds: keys.map((k) => k.AccessKeyId) },
          );
        }
        return fail(
          `${params.userName} still has ${keys.length === 1 ? 'an access key' : `${keys.length} access keys`}: ${listed}. Inactive keys ` +
            `count too.`,
          commands,
          { accessKeyIds: keys.map((k) => k.AccessKeyId) },
        );
      },
    },
    {
      id: 'console-password',
      title: 'The user keeps its console password',
      run({ keys, hasPassword }, params: Params, { ask }) {
        if (keys === null) return fail(`There is no IAM user named ${params.userName}.`, userNotFoundHint(ask));
        if (!hasPassword) {
          return fail(
            `${params.userName} no longer has a console password: the clean-up deletes keys, not the password.`,
            `aws iam create-login-profile --user-name ${params.userName} --password '<a strong password>' ` +
              `--password-reset-required`,
          );
        }
        return pass(`${params.userName} can still sign in to the console.`);
      },
    },
    {
      id: 'costs',
      title: 'Nothing from the course is still costing money',
      run({ costly }) {
        if (costly.length === 0)
          return pass('No running instances, NAT gateways or unattached Elastic IPs in any region.');
        const listed = costly.map((r) => `${r.kind} ${r.id}${r.name ? ` (${r.name})` : ''} in ${r.region}`).join('; ');
        return warn(`Still billing: ${listed}.`, costly.map((r) => r.removeCommand).join('\n'), {
          resources: costly.map(({ region, kind, id }) => ({ region, kind, id })),
        });
      },
    },
  ],
});
