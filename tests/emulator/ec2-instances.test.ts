import {
  DescribeInstanceStatusCommand,
  DescribeInstancesCommand,
  type Filter,
  StopInstancesCommand,
  TerminateInstancesCommand,
  type RunInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { amazonLinuxImageId } from '../../src/emulator/services/ec2-images';
import { defaultAccountId } from '../../src/emulator/state';
import { errorOf } from './error-of';
import { launchInstance } from './launched-instance';
import { clientsFor, useSandbox } from './sandbox-clients';

const sandbox = useSandbox();

const { ec2 } = clientsFor();

const launch = (extra: Partial<RunInstancesCommandInput> = {}) => launchInstance(ec2, extra);

async function found(filters: Filter[]) {
  const answer = await ec2.send(new DescribeInstancesCommand({ Filters: filters }));
  return answer.Reservations!.flatMap((r) => r.Instances!.map((i) => i.InstanceId));
}

describe('the disk of an instance', () => {
  it('goes with the instance when it is terminated', async () => {
    const instance = await launch();
    const stored = () =>
      sandbox().state.accounts[defaultAccountId]!.regions['us-west-2']!.instances[instance.InstanceId!]!;
    stored().disk = { files: {}, directories: ['/srv'], removed: [], packages: [], services: {} };
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [instance.InstanceId!] }));
    expect(stored().disk).toBeUndefined();
  });

  it('stays with the instance when it is stopped', async () => {
    const instance = await launch();
    const stored = () =>
      sandbox().state.accounts[defaultAccountId]!.regions['us-west-2']!.instances[instance.InstanceId!]!;
    stored().disk = { files: {}, directories: ['/srv'], removed: [], packages: [], services: {} };
    await ec2.send(new StopInstancesCommand({ InstanceIds: [instance.InstanceId!] }));
    expect(stored().disk?.directories).toEqual(['/srv']);
  });
});

describe('DescribeInstances filters', () => {
  it('finds an instance by its public and private DNS names', async () => {
    const instance = await launch();
    const described = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instance.InstanceId!] })))
      .Reservations![0]!.Instances![0]!;
    expect(described.PublicDnsName).toMatch(/compute\.amazonaws\.com$/);
    expect(await found([{ Name: 'dns-name', Values: [described.PublicDnsName!] }])).toEqual([instance.InstanceId]);
    expect(await found([{ Name: 'private-dns-name', Values: ['ip-*.us-west-2.compute.internal'] }])).toEqual([
      instance.InstanceId,
    ]);
  });

  it('finds instances by architecture', async () => {
    const x86 = await launch();
    const arm = await launch({ ImageId: amazonLinuxImageId('us-west-2', 'arm64'), InstanceType: 't4g.micro' });
    expect(await found([{ Name: 'architecture', Values: ['arm64'] }])).toEqual([arm.InstanceId]);
    expect(await found([{ Name: 'architecture', Values: ['x86_64'] }])).toEqual([x86.InstanceId]);
  });

  it('finds instances by owner id', async () => {
    const instance = await launch();
    expect(await found([{ Name: 'owner-id', Values: ['123456789012'] }])).toEqual([instance.InstanceId]);
    expect(await found([{ Name: 'owner-id', Values: ['210987654321'] }])).toEqual([]);
  });

  it('finds stopped instances by their state reason code', async () => {
    const running = await launch();
    const stopped = await launch();
    await ec2.send(new StopInstancesCommand({ InstanceIds: [stopped.InstanceId!] }));
    const byReason = await found([{ Name: 'state-reason-code', Values: ['Client.UserInitiatedShutdown'] }]);
    expect(byReason).toEqual([stopped.InstanceId]);
    expect(byReason).not.toContain(running.InstanceId);
  });

  it('finds no spot instances among on-demand ones', async () => {
    await launch();
    expect(await found([{ Name: 'instance-lifecycle', Values: ['spot'] }])).toEqual([]);
  });

  it('finds instances by tag key, image and key name', async () => {
    const tagged = await launch({
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web' }] }],
    });
    await launch({ ImageId: amazonLinuxImageId('us-west-2', 'arm64'), InstanceType: 't4g.micro' });
    expect(await found([{ Name: 'tag-key', Values: ['Name'] }])).toEqual([tagged.InstanceId]);
    expect(await found([{ Name: 'image-id', Values: [amazonLinuxImageId('us-west-2')] }])).toEqual([tagged.InstanceId]);
  });

  it('finds instances by their network interface and root volume', async () => {
    const instance = await launch();
    const eni = instance.NetworkInterfaces![0]!;
    expect(
      await found([
        { Name: 'network-interface.network-interface-id', Values: [eni.NetworkInterfaceId!] },
        { Name: 'network-interface.addresses.private-ip-address', Values: [instance.PrivateIpAddress!] },
        { Name: 'block-device-mapping.device-name', Values: ['/dev/xvda'] },
      ]),
    ).toEqual([instance.InstanceId]);
  });

  it('finds no instance in a placement group', async () => {
    await launch();
    expect(await found([{ Name: 'placement-group-name', Values: ['*'] }])).toEqual([]);
  });
});

describe('dedicated tenancy', () => {
  it('keeps the tenancy a launch asks for, and finds the instance by it', async () => {
    const dedicated = await launch({ Placement: { Tenancy: 'dedicated' } });
    await launch();
    expect(dedicated.Placement!.Tenancy).toBe('dedicated');
    expect(await found([{ Name: 'tenancy', Values: ['dedicated'] }])).toEqual([dedicated.InstanceId]);
  });
});

describe('tags in DescribeInstances', () => {
  it('gives an untagged instance no Tags at all', async () => {
    const { InstanceId } = await launch();
    const answer = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [InstanceId!] }));
    expect(answer.Reservations![0]!.Instances![0]).not.toHaveProperty('Tags');
  });
});

describe('instance ids that name no instance', () => {
  it('names every missing id in one error when terminating several', async () => {
    const error = await errorOf(ec2.send(new TerminateInstancesCommand({ InstanceIds: ['i-12345678', 'i-12345668'] })));
    expect(error).toMatchObject({
      name: 'InvalidInstanceID.NotFound',
      message: "The instance IDs 'i-12345678, i-12345668' do not exist",
    });
  });

  it('refuses TerminateInstances without an instance id as an invalid combination', async () => {
    const error = await errorOf(ec2.send(new TerminateInstancesCommand({ InstanceIds: [] })));
    expect(error).toMatchObject({ name: 'InvalidParameterCombination', message: 'No instances specified' });
  });

  it('refuses DescribeInstances given both instance ids and MaxResults', async () => {
    const { InstanceId } = await launch();
    const error = await errorOf(ec2.send(new DescribeInstancesCommand({ InstanceIds: [InstanceId!], MaxResults: 5 })));
    expect(error).toMatchObject({
      name: 'InvalidParameterCombination',
      message: 'The parameter instancesSet cannot be used with the parameter maxResults',
    });
  });
});

describe('DescribeInstanceStatus filters', () => {
  it('keeps only the instances in the state the filter names', async () => {
    const stopped = await launch();
    const running = await launch();
    await ec2.send(new StopInstancesCommand({ InstanceIds: [stopped.InstanceId!] }));
    const answer = await ec2.send(
      new DescribeInstanceStatusCommand({
        IncludeAllInstances: true,
        InstanceIds: [stopped.InstanceId!, running.InstanceId!],
        Filters: [{ Name: 'instance-state-name', Values: ['stopped'] }],
      }),
    );
    expect(answer.InstanceStatuses!.map((s) => s.InstanceId)).toEqual([stopped.InstanceId]);
  });
});
