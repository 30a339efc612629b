import {
  CreateSecurityGroupCommand,
  DescribeInstanceAttributeCommand,
  DescribeVolumesCommand,
  ModifyInstanceAttributeCommand,
  RebootInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { describedInstance, launchInstance } from './launched-instance';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

const { ec2 } = clientsFor();

const launch = async (extra: { DisableApiStop?: boolean; DisableApiTermination?: boolean } = {}) =>
  (await launchInstance(ec2, extra)).InstanceId!;

const described = (id: string) => describedInstance(ec2, id);

describe('RebootInstances', () => {
  it('leaves the instance running with the same addresses', async () => {
    const id = await launch();
    const before = await described(id);
    await ec2.send(new RebootInstancesCommand({ InstanceIds: [id] }));
    const after = await described(id);
    expect(after.State!.Name).toBe('running');
    expect(after.PrivateIpAddress).toBe(before.PrivateIpAddress);
  });

  it('refuses a terminated instance', async () => {
    const id = await launch();
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    expect((await errorOf(ec2.send(new RebootInstancesCommand({ InstanceIds: [id] })))).name).toBe(
      'IncorrectInstanceState',
    );
  });

  it('answers a dry run with DryRunOperation', async () => {
    const id = await launch();
    expect((await errorOf(ec2.send(new RebootInstancesCommand({ InstanceIds: [id], DryRun: true })))).name).toBe(
      'DryRunOperation',
    );
  });
});

describe('ModifyInstanceAttribute', () => {
  it('changes the instance type of a stopped instance', async () => {
    const id = await launch();
    await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    await ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: id, InstanceType: { Value: 't3.small' } }));
    const answer = await ec2.send(new DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: 'instanceType' }));
    expect(answer.InstanceType).toEqual({ Value: 't3.small' });
  });

  it('refuses to change the type of a running instance', async () => {
    const id = await launch();
    const error = await errorOf(
      ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: id, InstanceType: { Value: 't3.small' } })),
    );
    expect(error).toMatchObject({
      name: 'IncorrectInstanceState',
      message: `The instance '${id}' is not in the 'stopped' state.`,
    });
  });

  it('refuses a type whose architecture does not match the image', async () => {
    const id = await launch();
    await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    const error = await errorOf(
      ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: id, InstanceType: { Value: 't4g.small' } })),
    );
    expect(error.name).toBe('InvalidParameterValue');
  });

  it('protects an instance from termination until the protection is lifted', async () => {
    const id = await launch();
    await ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: id, DisableApiTermination: { Value: true } }));
    expect((await errorOf(ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] })))).name).toBe(
      'OperationNotPermitted',
    );
    await ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: id, DisableApiTermination: { Value: false } }));
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    expect((await described(id)).State!.Name).toBe('terminated');
  });

  it('changes user data only while the instance is stopped', async () => {
    const id = await launch();
    const userData = new TextEncoder().encode('#!/bin/bash\necho hi');
    const change = () =>
      ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: id, UserData: { Value: userData } }));
    expect((await errorOf(change())).name).toBe('IncorrectInstanceState');
    await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    await change();
    const answer = await ec2.send(new DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: 'userData' }));
    expect(atob(answer.UserData!.Value!)).toBe('#!/bin/bash\necho hi');
  });

  it('turns the source/destination check off, as a NAT instance needs', async () => {
    const id = await launch();
    await ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: id, SourceDestCheck: { Value: false } }));
    expect((await described(id)).SourceDestCheck).toBe(false);
  });

  it('replaces the security groups', async () => {
    const id = await launch();
    const vpcId = (await described(id)).VpcId!;
    const { GroupId } = await ec2.send(
      new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: vpcId }),
    );
    await ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: id, Groups: [GroupId!] }));
    const answer = await ec2.send(new DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: 'groupSet' }));
    expect(answer.Groups).toEqual([{ GroupId }]);
  });
});

describe('DescribeInstanceAttribute', () => {
  it('reads the root device, termination protection and source/destination check', async () => {
    const id = await launch();
    const read = (Attribute: 'rootDeviceName' | 'disableApiTermination' | 'sourceDestCheck') =>
      ec2.send(new DescribeInstanceAttributeCommand({ InstanceId: id, Attribute }));
    expect((await read('rootDeviceName')).RootDeviceName).toEqual({ Value: '/dev/xvda' });
    expect((await read('disableApiTermination')).DisableApiTermination).toEqual({ Value: false });
    expect((await read('sourceDestCheck')).SourceDestCheck).toEqual({ Value: true });
  });

  it('lists the block devices', async () => {
    const id = await launch();
    const answer = await ec2.send(
      new DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: 'blockDeviceMapping' }),
    );
    expect(answer.BlockDeviceMappings!.map((m) => m.DeviceName)).toEqual(['/dev/xvda']);
  });
});

describe('stop and termination protection asked for at launch', () => {
  const attribute = async (id: string, Attribute: 'disableApiStop' | 'disableApiTermination') =>
    ec2.send(new DescribeInstanceAttributeCommand({ InstanceId: id, Attribute }));

  it('refuses to stop an instance launched with stop protection', async () => {
    const id = await launch({ DisableApiStop: true });
    expect((await attribute(id, 'disableApiStop')).DisableApiStop?.Value).toBe(true);
    expect(await errorOf(ec2.send(new StopInstancesCommand({ InstanceIds: [id] })))).toMatchObject({
      name: 'OperationNotPermitted',
      message: `The instance '${id}' may not be stopped. Modify its 'disableApiStop' instance attribute and try again.`,
    });
  });

  it('stops the instance once its stop protection is lifted', async () => {
    const id = await launch({ DisableApiStop: true });
    await ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: id, DisableApiStop: { Value: false } }));
    const stopped = await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    expect(stopped.StoppingInstances![0]!.CurrentState!.Name).toBe('stopping');
  });

  it('keeps termination protection asked for at launch', async () => {
    const id = await launch({ DisableApiTermination: true });
    expect((await attribute(id, 'disableApiTermination')).DisableApiTermination?.Value).toBe(true);
    expect((await errorOf(ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] })))).name).toBe(
      'OperationNotPermitted',
    );
  });
});

describe('DescribeInstanceAttribute of SR-IOV support', () => {
  it('reads sriovNetSupport as unset on an instance that uses ENA', async () => {
    const id = await launch();
    const answer = await ec2.send(
      new DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: 'sriovNetSupport' }),
    );
    expect(answer.SriovNetSupport).toEqual({});
  });
});

describe('ModifyInstanceAttribute of block device mappings', () => {
  const rootMapping = async (id: string) => (await described(id)).BlockDeviceMappings![0]!;

  it('keeps the root volume after termination once DeleteOnTermination is turned off', async () => {
    const id = await launch();
    await ec2.send(
      new ModifyInstanceAttributeCommand({
        InstanceId: id,
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { DeleteOnTermination: false } }],
      }),
    );
    const { VolumeId } = (await rootMapping(id)).Ebs!;
    expect((await rootMapping(id)).Ebs!.DeleteOnTermination).toBe(false);
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    const volumes = await ec2.send(new DescribeVolumesCommand({ VolumeIds: [VolumeId!] }));
    expect(volumes.Volumes![0]!.State).toBe('available');
  });

  it('refuses a device no volume is attached at', async () => {
    const id = await launch();
    const error = await errorOf(
      ec2.send(
        new ModifyInstanceAttributeCommand({
          InstanceId: id,
          BlockDeviceMappings: [{ DeviceName: '/dev/sdz', Ebs: { DeleteOnTermination: false } }],
        }),
      ),
    );
    expect(error).toMatchObject({
      name: 'InvalidInstanceAttributeValue',
      message: 'No device is currently mapped at /dev/sdz',
    });
  });
});
