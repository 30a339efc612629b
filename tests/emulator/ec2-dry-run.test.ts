import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DeleteVpcCommand,
  DescribeInstancesCommand,
  DescribeVpcsCommand,
  RunInstancesCommand,
  type RunInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { userWithPolicy } from './policy-user';
import { clientsFor, useSandbox } from './sandbox-clients';

const sandbox = useSandbox();

const image = 'ami-0123456789abcdef0';

const launch = (extra: Partial<RunInstancesCommandInput> = {}) =>
  new RunInstancesCommand({ ImageId: image, InstanceType: 't2.micro', MinCount: 1, MaxCount: 1, ...extra });

/** Every account's resources, as they would be saved. */
const savedState = () => JSON.stringify(sandbox().state.accounts);

const dryRunAnswer = { name: 'DryRunOperation', message: 'Request would have succeeded, but DryRun flag is set.' };

describe('EC2 dry runs', () => {
  it('answers a dry-run RunInstances with DryRunOperation, HTTP 412', async () => {
    const answer = await errorOf(clientsFor().ec2.send(launch({ DryRun: true })));
    expect(answer).toEqual({ ...dryRunAnswer, status: 412 });
  });

  it('launches nothing on a dry-run RunInstances', async () => {
    const { ec2 } = clientsFor();
    await ec2.send(launch());
    const before = await ec2.send(new DescribeInstancesCommand({}));
    await errorOf(ec2.send(launch({ DryRun: true })));
    const after = await ec2.send(new DescribeInstancesCommand({}));
    expect(after.Reservations).toEqual(before.Reservations);
  });

  it('leaves the state as it was on a dry run in a region nothing has been written to yet', async () => {
    const before = savedState();
    await errorOf(clientsFor(undefined, 'eu-west-1').ec2.send(launch({ DryRun: true })));
    expect(savedState()).toBe(before);
  });

  it('answers a dry-run Describe with DryRunOperation', async () => {
    expect(await errorOf(clientsFor().ec2.send(new DescribeVpcsCommand({ DryRun: true })))).toMatchObject(dryRunAnswer);
  });

  describe('changes nothing, whatever the action', () => {
    /** An empty VPC and a security group in the default VPC, made by the account's root, to dry-run against. */
    async function network() {
      const { ec2 } = clientsFor();
      const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc!.VpcId!;
      const groupId = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web' })))
        .GroupId!;
      return { ec2, vpcId, groupId };
    }

    const dryRuns = {
      CreateVpc: () => new CreateVpcCommand({ CidrBlock: '10.9.0.0/16', DryRun: true }),
      CreateTags: (vpcId: string) =>
        new CreateTagsCommand({ Resources: [vpcId], Tags: [{ Key: 'Name', Value: 'x' }], DryRun: true }),
      DeleteVpc: (vpcId: string) => new DeleteVpcCommand({ VpcId: vpcId, DryRun: true }),
      AuthorizeSecurityGroupIngress: (_: string, groupId: string) =>
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: groupId,
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          CidrIp: '0.0.0.0/0',
          DryRun: true,
        }),
    };

    it.each(Object.keys(dryRuns) as (keyof typeof dryRuns)[])('%s', async (action) => {
      const { ec2, vpcId, groupId } = await network();
      const before = savedState();
      const command = dryRuns[action](vpcId, groupId) as CreateVpcCommand;
      expect(await errorOf(ec2.send(command))).toMatchObject(dryRunAnswer);
      expect(savedState()).toBe(before);
    });
  });

  it('answers a dry run with the error the real call gets for a missing required parameter', async () => {
    const answer = await errorOf(clientsFor().ec2.send(launch({ ImageId: undefined, DryRun: true })));
    expect(answer).toMatchObject({
      name: 'MissingParameter',
      message: 'The request must contain the parameter ImageId',
    });
  });

  it('answers a dry run with the error the real call gets for a resource that does not exist', async () => {
    const answer = await errorOf(clientsFor().ec2.send(launch({ SubnetId: 'subnet-0123456789abcdef0', DryRun: true })));
    expect(answer.name).toBe('InvalidSubnetID.NotFound');
  });

  it('answers UnauthorizedOperation, HTTP 403, to a dry run IAM would refuse', async () => {
    const user = await userWithPolicy('ana', [
      { Effect: 'Allow', Action: 'ec2:*', Resource: '*' },
      { Effect: 'Deny', Action: 'ec2:RunInstances', Resource: '*' },
    ]);
    const denied = await errorOf(user.ec2.send(launch({ DryRun: true })));
    expect(denied).toMatchObject({ name: 'UnauthorizedOperation', status: 403 });
    expect(denied.message).toMatch(/^You are not authorized to perform this operation\. .*ec2:RunInstances/);
  });

  it('answers DryRunOperation to a dry run the caller’s policy allows', async () => {
    const user = await userWithPolicy('ana', [{ Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' }]);
    expect(await errorOf(user.ec2.send(launch({ DryRun: true })))).toMatchObject(dryRunAnswer);
  });
});
