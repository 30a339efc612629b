import {
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  type Instance,
  type IpPermission,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import { z } from 'zod';
import { defineChecker, fail, pass, skip, type CheckOutcome } from './contract';
import {
  chosenInstance,
  collectNetwork,
  internetRouteOf,
  isPrivateSubnet,
  isPublicSubnet,
  nameOf,
  networkPermissions,
  subnetInsideVpc,
  subnetsOfVpc,
  wrongRegionHint,
  type NetworkSnapshot,
} from './network';
import { courseName, paramMeta } from './params';
import { vpcNameParam } from './course-params';

const params = z.strictObject({
  /** The VPC's Name tag, as the course's CloudFormation template sets it. */
  vpcName: vpcNameParam,
  /** The security group the learner creates for the web server. */
  securityGroupName: courseName('exercise3-sg', {
    label: 'Security group name',
    hint: "The web server's security group (exercise3-sg in the lesson).",
  }),
  /** The web server's Name tag. */
  instanceName: courseName('Ex3WebServer', {
    label: 'Web server name',
    hint: "The instance's Name tag (Ex3WebServer in the lesson).",
  }),
  /** Optional: the instance identity document the learner fetched from the metadata service, pasted as JSON. */
  identityDocument: z.string().optional().register(paramMeta, {
    label: 'Instance identity document (optional)',
    hint: 'Paste what the metadata service returned for /latest/dynamic/instance-identity/document.',
    multiline: true,
    primary: true,
  }),
});
type Params = z.infer<typeof params>;

interface Snapshot {
  region: string;
  network: NetworkSnapshot;
  groups: SecurityGroup[];
  instances: Instance[];
}

/** True when the permission lets TCP traffic to `port` in. */
function allowsPort(permission: IpPermission, port: number): boolean {
  if (permission.IpProtocol === '-1') return true;
  if (permission.IpProtocol !== 'tcp' && permission.IpProtocol !== '6') return false;
  return (permission.FromPort ?? 0) <= port && port <= (permission.ToPort ?? 65535);
}

function sources(permission: IpPermission): string[] {
  return [
    ...(permission.IpRanges ?? []).map((r) => r.CidrIp!),
    ...(permission.Ipv6Ranges ?? []).map((r) => r.CidrIpv6!),
    ...(permission.UserIdGroupPairs ?? []).map((g) => g.GroupId!),
  ];
}

function groupInVpc(snapshot: Snapshot): SecurityGroup | undefined {
  const vpcId = snapshot.network.vpcs[0]?.VpcId;
  return snapshot.groups.find((g) => g.VpcId === vpcId);
}

function checkIdentityDocument(snapshot: Snapshot, params: Params, account: string | undefined): CheckOutcome {
  if (!params.identityDocument?.trim()) return skip('No identity document was pasted; this check is optional.');
  let document: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(params.identityDocument);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    document = parsed as Record<string, unknown>;
  } catch {
    return fail(
      'The pasted text is not the JSON identity document.',
      'On the instance, run: TOKEN=$(curl -sX PUT http://169.254.169.254/latest/api/token -H ' +
        '"X-aws-ec2-metadata-token-ttl-seconds: 60"); curl -sH "X-aws-ec2-metadata-token: $TOKEN" ' +
        'http://169.254.169.254/latest/dynamic/instance-identity/document — and paste all of its output.',
    );
  }
  const instance = chosenInstance(snapshot.instances)!;
  const expected: Record<string, string | undefined> = {
    instanceId: instance.InstanceId,
    region: snapshot.region,
    availabilityZone: instance.Placement?.AvailabilityZone,
    accountId: account,
  };
  const mismatched = Object.entries(expected).filter(([key, value]) => value !== undefined && document[key] !== value);
  if (mismatched.length) {
    const [key, value] = mismatched[0]!;
    return fail(
      `The document's ${key} is ${JSON.stringify(document[key] ?? null)}, but ${params.instanceName}'s is ${value}.`,
      `Fetch the document again on ${params.instanceName} itself (not another instance), and paste it unchanged.`,
      { instanceId: instance.InstanceId },
    );
  }
  return pass(`The identity document matches ${instance.InstanceId} (account, region and zone too).`, {
    instanceId: instance.InstanceId,
  });
}

export default defineChecker<Params, Snapshot>({
  id: 'exercise-3',
  title: 'Exercise 3: a VPC, a web server and the metadata service',
  lesson: 'week-1/exercise-3',
  version: '1.0.0',
  permissions: [...networkPermissions, 'ec2:DescribeSecurityGroups', 'ec2:DescribeInstances'],
  params,

  async collect({ aws, params }) {
    const [network, groups, instances] = await Promise.all([
      collectNetwork(aws, params.vpcName),
      aws.ec2
        .send(
          new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: [params.securityGroupName] }] }),
        )
        .then((r) => r.SecurityGroups ?? []),
      aws.ec2
        .send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: [params.instanceName] }] }))
        .then((r) => (r.Reservations ?? []).flatMap((res) => res.Instances ?? [])),
    ]);
    return { region: aws.region, network, groups, instances };
  },

  checks: [
    {
      id: 'vpc',
      title: 'The VPC exists',
      run({ network, region }, params, { ask }) {
        const vpc = network.vpcs[0];
        if (!vpc) {
          return fail(
            `No VPC tagged Name=${params.vpcName} in ${region}.`,
            wrongRegionHint(network, region, ask) ??
              `Create the stack from the exercise's CloudFormation template in ${region} (aws cloudformation ` +
                `create-stack --stack-name edx-vpc-stack --template-body file://vpc.yaml --region ${region}).`,
          );
        }
        if (vpc.State !== 'available')
          return fail(`VPC ${vpc.VpcId} is ${vpc.State}, not available.`, 'Wait a few seconds and verify again.', {
            vpcId: vpc.VpcId,
          });
        const others =
          network.vpcs.length > 1 ? ` (${network.vpcs.length} VPCs have that name; checking the first)` : '';
        return pass(`VPC ${vpc.VpcId} (${vpc.CidrBlock}) is available${others}.`, {
          vpcId: vpc.VpcId,
          cidrBlock: vpc.CidrBlock,
        });
      },
    },
    {
      id: 'subnet-ranges',
      title: "The subnets lie inside the VPC's range",
      requires: ['vpc'],
      run({ network }) {
        const vpc = network.vpcs[0]!;
        const subnets = subnetsOfVpc(network);
        if (subnets.length === 0)
          return fail(
            `VPC ${vpc.VpcId} has no subnets.`,
            'The template creates four subnets; check the stack events for a failure (aws cloudformation ' +
              'describe-stack-events --stack-name edx-vpc-stack).',
            { vpcId: vpc.VpcId },
          );
        const outside = subnets.find((s) => !subnetInsideVpc(s, vpc));
        if (outside)
          return fail(
            `Subnet ${outside.SubnetId} (${outside.CidrBlock}) is outside ${vpc.CidrBlock}.`,
            'Every subnet block must be inside the VPC block.',
            { subnetId: outside.SubnetId },
          );
        return pass(
          `${subnets.length} subnets, all inside ${vpc.CidrBlock}: ${subnets.map((s) => `${nameOf(s) ?? s.SubnetId} ${s.CidrBlock}`).join(', ')}.`,
          { subnetIds: subnets.map((s) => s.SubnetId) },
        );
      },
    },
    {
      id: 'public-subnet',
      title: 'A public subnet routes to an attached internet gateway and maps public IPs',
      requires: ['vpc'],
      run({ network }) {
        const subnets = subnetsOfVpc(network);
        const publicOne = subnets.find((s) => isPublicSubnet(network, s));
        if (publicOne) {
          const route = internetRouteOf(network, publicOne)!;
          return pass(
            `${nameOf(publicOne) ?? publicOne.SubnetId} (${publicOne.CidrBlock}) routes 0.0.0.0/0 to ` +
              `${route.gatewayId} and maps public IPs.`,
            { subnetId: publicOne.SubnetId, internetGatewayId: route.gatewayId },
          );
        }
        const routed = subnets.find((s) => internetRouteOf(network, s));
        if (routed) {
          const route = internetRouteOf(network, routed)!;
          if (!route.attached) {
            return fail(
              `${nameOf(routed) ?? routed.SubnetId} routes 0.0.0.0/0 to ${route.gatewayId}, but that gateway is not ` +
                `attached to the VPC.`,
              `aws ec2 attach-internet-gateway --internet-gateway-id ${route.gatewayId} --vpc-id ${routed.VpcId}`,
              { subnetId: routed.SubnetId },
            );
          }
          return fail(
            `${nameOf(routed) ?? routed.SubnetId} routes to the internet but does not give instances public IPs.`,
            `aws ec2 modify-subnet-attribute --subnet-id ${routed.SubnetId} --map-public-ip-on-launch`,
            { subnetId: routed.SubnetId },
          );
        }
        // The subnets that give instances public IPs are the ones meant to be public: the diagram marks them.
        const meantPublic = subnets.filter((s) => s.MapPublicIpOnLaunch).map((s) => s.SubnetId);
        return fail(
          'No subnet of the VPC has a route 0.0.0.0/0 to an internet gateway.',
          "Give the public subnets a route table with 0.0.0.0/0 → the internet gateway, and associate it with them (the template's PublicRouteTable does this).",
          meantPublic.length ? { subnetIds: meantPublic } : { vpcId: network.vpcs[0]!.VpcId },
        );
      },
    },
    {
      id: 'private-subnet',
      title: 'A private subnet has no route to an internet gateway',
      requires: ['vpc'],
      run({ network }) {
        const privateOne = subnetsOfVpc(network).find((s) => isPrivateSubnet(network, s));
        if (!privateOne)
          return fail(
            'Every subnet of the VPC routes to an internet gateway; none is private.',
            "The private subnets must use a route table without a 0.0.0.0/0 route to the internet gateway (the VPC's main route table has none).",
            { vpcId: network.vpcs[0]!.VpcId },
          );
        return pass(
          `${nameOf(privateOne) ?? privateOne.SubnetId} (${privateOne.CidrBlock}) has no route to the internet.`,
          { subnetId: privateOne.SubnetId },
        );
      },
    },
    {
      id: 'security-group',
      title: 'The security group allows SSH and HTTP in',
      requires: ['vpc'],
      run(snapshot, params) {
        const group = groupInVpc(snapshot);
        const vpcId = snapshot.network.vpcs[0]!.VpcId;
        if (!group) {
          const elsewhere = snapshot.groups[0];
          return fail(
            elsewhere
              ? `Security group ${params.securityGroupName} exists, but in ${elsewhere.VpcId}, not in ${vpcId}.`
              : `No security group named ${params.securityGroupName} in ${vpcId}.`,
            `aws ec2 create-security-group --group-name ${params.securityGroupName} --description ` +
              `${params.securityGroupName} --vpc-id ${vpcId}`,
            { vpcId },
          );
        }
        const missing = [22, 80].filter(
          (port) => !(group.IpPermissions ?? []).some((p) => allowsPort(p, port) && sources(p).length > 0),
        );
        if (missing.length) {
          return fail(
            `${group.GroupId} does not allow TCP ${missing.join(' and ')} in.`,
            missing
              .map(
                (port) =>
                  `aws ec2 authorize-security-group-ingress --group-id ${group.GroupId} --protocol tcp --port ${port} ` +
                  `--cidr 0.0.0.0/0`,
              )
              .join('\n'),
            { groupId: group.GroupId },
          );
        }
        return pass(`${group.GroupId} allows SSH (22) and HTTP (80) in.`, { groupId: group.GroupId });
      },
    },
    {
      id: 'instance',
      title: 'The web server ran in the public subnet with the group and a public IP',
      requires: ['public-subnet', 'security-group'],
      run(snapshot, params) {
        const instance = chosenInstance(snapshot.instances);
        if (!instance)
          return fail(
            `No instance tagged Name=${params.instanceName} in ${snapshot.region}.`,
            `Launch it in the public subnet with the tag Name=${params.instanceName} (aws ec2 run-instances ... ` +
              `--tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=${params.instanceName}}]').`,
          );
        const evidence = { instanceId: instance.InstanceId, state: instance.State?.Name };
        if (instance.State?.Name === 'terminated')
          return pass(`${instance.InstanceId} ran and is now terminated, as the exercise ends.`, evidence);
        const network = snapshot.network;
        const subnet = network.subnets.find((s) => s.SubnetId === instance.SubnetId);
        if (!subnet || subnet.VpcId !== network.vpcs[0]!.VpcId)
          return fail(
            `${instance.InstanceId} is not in ${params.vpcName} (its subnet is ${instance.SubnetId ?? 'unknown'}).`,
            `Launch it in ${params.vpcName}'s public subnet (edx-subnet-public-a).`,
            evidence,
          );
        if (!isPublicSubnet(network, subnet))
          return fail(
            `${instance.InstanceId} is in ${nameOf(subnet) ?? subnet.SubnetId}, which is not a public subnet.`,
            'Launch it in edx-subnet-public-a, the subnet that routes to the internet gateway.',
            evidence,
          );
        const group = groupInVpc(snapshot)!;
        if (!instance.SecurityGroups?.some((g) => g.GroupId === group.GroupId))
          return fail(
            `${instance.InstanceId} does not use ${params.securityGroupName} (${group.GroupId}).`,
            `aws ec2 modify-instance-attribute --instance-id ${instance.InstanceId} --groups ${group.GroupId}`,
            evidence,
          );
        if (!instance.PublicIpAddress && instance.State?.Name === 'running')
          return fail(
            `${instance.InstanceId} has no public IPv4 address.`,
            'Launch it again with "Auto-assign public IP" enabled (or in a subnet that maps public IPs).',
            evidence,
          );
        return pass(
          `${instance.InstanceId} is ${instance.State?.Name} in ${nameOf(subnet) ?? subnet.SubnetId} with ${group.GroupId}${instance.PublicIpAddress ? ` and public IP ${instance.PublicIpAddress}` : ''}.`,
          { ...evidence, publicIp: instance.PublicIpAddress },
        );
      },
    },
    {
      id: 'identity-document',
      title: "The pasted identity document is the web server's",
      requires: ['instance'],
      run(snapshot, params, facts) {
        return checkIdentityDocument(snapshot, params, facts.account);
      },
    },
  ],
});
