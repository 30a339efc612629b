import { CreateStackCommand } from '@aws-sdk/client-cloudformation';
import {
  DeleteRouteCommand,
  DescribeRouteTablesCommand,
  ModifySubnetAttributeCommand,
  RevokeSecurityGroupIngressCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { AttachUserPolicyCommand, CreateAccessKeyCommand, CreateUserCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import exercise3 from '../../checkers/exercise-3';
import { runChecker } from '../../checkers/run';
import { clientsFor, useSandbox } from '../emulator/sandbox-clients';
import { doExercise3, launchTagged, lessonTemplate, subnetNamed } from './course-steps';
import { check, statusOf } from './results';
import { sandboxAws } from './sandbox-aws';

useSandbox();

describe('the exercise-3 checker against the sandbox', () => {
  it('passes an account where the exercise was done as the lesson says', async () => {
    const done = await doExercise3(clientsFor());
    const run = await runChecker(exercise3, { aws: sandboxAws(), mode: 'offline', surface: 'cli' });
    expect(run).toMatchObject({
      exercise: 'exercise-3',
      status: 'passed',
      account: '123456789012',
      region: 'us-west-2',
      mode: 'offline',
      checkerVersion: '1.0.0',
    });
    expect(statusOf(run)).toEqual({
      vpc: 'pass',
      'subnet-ranges': 'pass',
      'public-subnet': 'pass',
      'private-subnet': 'pass',
      'security-group': 'pass',
      instance: 'pass',
      'identity-document': 'skip',
    });
    expect(check(run, 'instance').evidence).toMatchObject({ instanceId: done.instanceId, state: 'running' });
    expect(JSON.parse(JSON.stringify(run))).toEqual(run);
  });

  it('fails with the stack command when there is no VPC, and skips what depends on it', async () => {
    const run = await runChecker(exercise3, { aws: sandboxAws(), mode: 'offline', surface: 'cli' });
    expect(run.status).toBe('failed');
    expect(check(run, 'vpc')).toMatchObject({
      status: 'fail',
      message: 'No VPC tagged Name=edx-build-aws-vpc in us-west-2.',
    });
    expect(check(run, 'vpc').hint).toContain('aws cloudformation create-stack');
    expect(check(run, 'instance')).toMatchObject({
      status: 'skip',
      message: 'Not checked until "A public subnet routes to an attached internet gateway and maps public IPs" passes.',
    });
  });

  it('says which region the VPC is in when it was built in another one', async () => {
    await clientsFor(undefined, 'eu-west-1').cloudformation.send(
      new CreateStackCommand({ StackName: 'edx-vpc-stack', TemplateBody: lessonTemplate() }),
    );
    const run = await runChecker(exercise3, { aws: sandboxAws(), mode: 'offline', surface: 'cli' });
    expect(check(run, 'vpc').hint).toBe(
      'A VPC named edx-build-aws-vpc exists in eu-west-1, not in us-west-2. To check that region, add --region ' +
        'eu-west-1.',
    );
    const inPanel = await runChecker(exercise3, { aws: sandboxAws(), mode: 'offline', surface: 'panel' });
    expect(check(inPanel, 'vpc').hint).toContain('To check that region, choose eu-west-1 in the Region box.');
  });

  it('fails the public subnet when its route to the internet gateway is gone', async () => {
    const clients = clientsFor();
    const { publicSubnetId } = await doExercise3(clients);
    const table = (
      await clients.ec2.send(
        new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [publicSubnetId] }] }),
      )
    ).RouteTables![0]!;
    await clients.ec2.send(
      new DeleteRouteCommand({ RouteTableId: table.RouteTableId, DestinationCidrBlock: '0.0.0.0/0' }),
    );
    const run = await runChecker(exercise3, { aws: sandboxAws(), mode: 'offline', surface: 'cli' });
    expect(check(run, 'public-subnet')).toMatchObject({
      status: 'fail',
      message: 'No subnet of the VPC has a route 0.0.0.0/0 to an internet gateway.',
    });
    expect(check(run, 'instance').status).toBe('skip');
  });

  it('names the command when the public subnets stop mapping public IPs', async () => {
    const clients = clientsFor();
    await doExercise3(clients);
    for (const name of ['edx-subnet-public-a', 'edx-subnet-public-b']) {
      await clients.ec2.send(
        new ModifySubnetAttributeCommand({
          SubnetId: await subnetNamed(clients, name),
          MapPublicIpOnLaunch: { Value: false },
        }),
      );
    }
    const run = await runChecker(exercise3, { aws: sandboxAws(), mode: 'offline', surface: 'cli' });
    expect(check(run, 'public-subnet').status).toBe('fail');
    expect(check(run, 'public-subnet').hint).toMatch(
      /^aws ec2 modify-subnet-attribute --subnet-id subnet-\w+ --map-public-ip-on-launch$/,
    );
  });

  it('fails the security group when HTTP is not allowed in', async () => {
    const clients = clientsFor();
    const { groupId } = await doExercise3(clients);
    await clients.ec2.send(
      new RevokeSecurityGroupIngressCommand({
        GroupId: groupId,
        IpProtocol: 'tcp',
        FromPort: 80,
        ToPort: 80,
        CidrIp: '0.0.0.0/0',
      }),
    );
    const run = await runChecker(exercise3, { aws: sandboxAws(), mode: 'offline', surface: 'cli' });
    expect(check(run, 'security-group')).toMatchObject({
      status: 'fail',
      message: `${groupId} does not allow TCP 80 in.`,
    });
    expect(check(run, 'security-group').hint).toBe(
      `aws ec2 authorize-security-group-ingress --group-id ${groupId} --protocol tcp --port 80 --cidr 0.0.0.0/0`,
    );
  });

  it('fails when the web server runs in a private subnet', async () => {
    const clients = clientsFor();
    const { groupId, instanceId } = await doExercise3(clients);
    await clients.ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
    await launchTagged(clients, 'Ex3WebServer', await subnetNamed(clients, 'edx-subnet-private-a'), groupId);
    const run = await runChecker(exercise3, { aws: sandboxAws(), mode: 'offline', surface: 'cli' });
    expect(check(run, 'instance').status).toBe('fail');
    expect(check(run, 'instance').message).toContain('edx-subnet-private-a, which is not a public subnet');
  });

  it('passes a terminated web server, since the exercise ends by terminating it', async () => {
    const clients = clientsFor();
    const { instanceId } = await doExercise3(clients);
    await clients.ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
    const run = await runChecker(exercise3, { aws: sandboxAws(), mode: 'offline', surface: 'cli' });
    expect(check(run, 'instance')).toMatchObject({ status: 'pass', evidence: { instanceId, state: 'terminated' } });
  });

  it('fails when there is no web server', async () => {
    const clients = clientsFor();
    await doExercise3(clients);
    const run = await runChecker(exercise3, {
      aws: sandboxAws(),
      mode: 'offline',
      surface: 'cli',
      params: { instanceName: 'SomeOtherName' },
    });
    expect(check(run, 'instance')).toMatchObject({
      status: 'fail',
      message: 'No instance tagged Name=SomeOtherName in us-west-2.',
    });
  });

  it('confirms a pasted identity document from the metadata service, and refuses another instance’s', async () => {
    const clients = clientsFor();
    const { instanceId } = await doExercise3(clients);
    const instance = { 'x-sandbox-instance-id': instanceId };
    const token = await (
      await fetch('http://169.254.169.254/latest/api/token', {
        method: 'PUT',
        headers: { ...instance, 'x-aws-ec2-metadata-token-ttl-seconds': '21600' },
      })
    ).text();
    const document = await (
      await fetch(`http://169.254.169.254/latest/dynamic/instance-identity/document`, {
        headers: { ...instance, 'x-aws-ec2-metadata-token': token },
      })
    ).text();
    const matching = await runChecker(exercise3, {
      aws: sandboxAws(),
      mode: 'offline',
      surface: 'cli',
      params: { identityDocument: document },
    });
    expect(check(matching, 'identity-document')).toMatchObject({
      status: 'pass',
      message: `The identity document matches ${instanceId} (account, region and zone too).`,
    });
    const other = JSON.stringify({ ...(JSON.parse(document) as object), instanceId: 'i-0aaaaaaaaaaaaaaaa' });
    const mismatched = await runChecker(exercise3, {
      aws: sandboxAws(),
      mode: 'offline',
      surface: 'cli',
      params: { identityDocument: other },
    });
    expect(check(mismatched, 'identity-document').message).toBe(
      `The document's instanceId is "i-0aaaaaaaaaaaaaaaa", but Ex3WebServer's is ${instanceId}.`,
    );
    const garbage = await runChecker(exercise3, {
      aws: sandboxAws(),
      mode: 'offline',
      surface: 'cli',
      params: { identityDocument: 'ami-id\ninstance-id' },
    });
    expect(check(garbage, 'identity-document').status).toBe('fail');
  });

  it('names the missing action when the checking user may not call it', async () => {
    const clients = clientsFor();
    await doExercise3(clients);
    await clients.iam.send(new CreateUserCommand({ UserName: 'checker' }));
    await clients.iam.send(
      new AttachUserPolicyCommand({ UserName: 'checker', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }),
    );
    const key = (await clients.iam.send(new CreateAccessKeyCommand({ UserName: 'checker' }))).AccessKey!;
    const run = await runChecker(exercise3, {
      aws: sandboxAws({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }),
      mode: 'offline',
      surface: 'cli',
    });
    expect(run.status).toBe('error');
    expect(run.problem).toBe('access-denied');
    expect(run.checks[0]!.message).toMatch(/^The credentials running the check may not call ec2:Describe\w+\.$/);
    expect(run.checks[0]!.hint).toContain('awscourse policy');
    expect(JSON.stringify(run)).not.toContain(key.SecretAccessKey!);
  });

  it('explains a key AWS does not accept', async () => {
    const run = await runChecker(exercise3, {
      aws: sandboxAws({ accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x'.repeat(40) }),
      mode: 'offline',
      surface: 'cli',
    });
    expect(run).toMatchObject({ status: 'error', problem: 'credentials' });
    expect(run.checks[0]!.message).toMatch(/^AWS did not accept these credentials/);
  });
});
