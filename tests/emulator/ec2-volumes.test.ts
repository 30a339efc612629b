import {
  AttachVolumeCommand,
  CreateTagsCommand,
  CreateVolumeCommand,
  DeleteVolumeCommand,
  DescribeInstancesCommand,
  DescribeVolumesCommand,
  DetachVolumeCommand,
  type RunInstancesCommandInput,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { launchInstance } from './launched-instance';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

const { ec2 } = clientsFor();

const launch = (extra: Partial<RunInstancesCommandInput> = {}) => launchInstance(ec2, extra);

async function volumesOf(instanceId: string) {
  const answer = await ec2.send(
    new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [instanceId] }] }),
  );
  return answer.Volumes!;
}

const newVolume = async (zone = 'us-west-2a', size = 10) =>
  (await ec2.send(new CreateVolumeCommand({ AvailabilityZone: zone, Size: size, VolumeType: 'gp3' }))).VolumeId!;

describe('the root volume of an instance', () => {
  it('is an 8 GiB gp3 volume at /dev/xvda, from the image, deleted on termination', async () => {
    const instance = await launch();
    const [root, ...others] = await volumesOf(instance.InstanceId!);
    expect(others).toEqual([]);
    expect(root).toMatchObject({
      Size: 8,
      VolumeType: 'gp3',
      Iops: 3000,
      Throughput: 125,
      State: 'in-use',
      AvailabilityZone: instance.Placement!.AvailabilityZone,
      Attachments: [{ InstanceId: instance.InstanceId, Device: '/dev/xvda', DeleteOnTermination: true }],
    });
    expect(root!.SnapshotId).toMatch(/^snap-/);
  });

  it('shows in the instance’s BlockDeviceMappings', async () => {
    const instance = await launch();
    const [root] = await volumesOf(instance.InstanceId!);
    const described = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instance.InstanceId!] })))
      .Reservations![0]!.Instances![0]!;
    expect(described.BlockDeviceMappings).toEqual([
      {
        DeviceName: '/dev/xvda',
        Ebs: { VolumeId: root!.VolumeId, Status: 'attached', AttachTime: expect.any(Date), DeleteOnTermination: true },
      },
    ]);
  });

  it('takes the size and deletion a launch asks for, and the volume tags', async () => {
    const instance = await launch({
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 20, DeleteOnTermination: false } }],
      TagSpecifications: [{ ResourceType: 'volume', Tags: [{ Key: 'Name', Value: 'web-root' }] }],
    });
    const [root] = await volumesOf(instance.InstanceId!);
    expect(root).toMatchObject({
      Size: 20,
      Attachments: [{ DeleteOnTermination: false }],
      Tags: [{ Key: 'Name', Value: 'web-root' }],
    });
  });

  it('cannot be smaller than the image’s snapshot', async () => {
    const error = await errorOf(launch({ BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 4 } }] }));
    expect(error).toMatchObject({
      name: 'InvalidBlockDeviceMapping',
      message: expect.stringMatching(/expect size >= 8GB$/),
    });
  });

  it('is deleted when the instance is terminated, while a volume kept on termination is detached', async () => {
    const instance = await launch();
    const [root] = await volumesOf(instance.InstanceId!);
    const data = await newVolume(instance.Placement!.AvailabilityZone);
    await ec2.send(new AttachVolumeCommand({ VolumeId: data, InstanceId: instance.InstanceId!, Device: '/dev/sdf' }));
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [instance.InstanceId!] }));
    const left = (await ec2.send(new DescribeVolumesCommand({}))).Volumes!;
    expect(left.map((v) => v.VolumeId)).not.toContain(root!.VolumeId);
    expect(left.find((v) => v.VolumeId === data)).toMatchObject({ State: 'available', Attachments: [] });
  });
});

describe('CreateVolume', () => {
  it('makes a gp2 volume when no type is given, with gp2’s baseline IOPS and the tags asked for', async () => {
    const created = await ec2.send(
      new CreateVolumeCommand({
        AvailabilityZone: 'us-west-2b',
        Size: 100,
        TagSpecifications: [{ ResourceType: 'volume', Tags: [{ Key: 'Name', Value: 'data' }] }],
      }),
    );
    expect(created).toMatchObject({
      VolumeType: 'gp2',
      Size: 100,
      Iops: 300,
      State: 'creating',
      AvailabilityZone: 'us-west-2b',
      Tags: [{ Key: 'Name', Value: 'data' }],
    });
    const [described] = (await ec2.send(new DescribeVolumesCommand({ VolumeIds: [created.VolumeId!] }))).Volumes!;
    expect(described!.State).toBe('available');
  });

  it('requires an Availability Zone', async () => {
    expect((await errorOf(ec2.send(new CreateVolumeCommand({ Size: 10 } as never)))).name).toBe('MissingParameter');
  });

  it('takes an empty Availability Zone for none', async () => {
    const error = await errorOf(ec2.send(new CreateVolumeCommand({ AvailabilityZone: '', Size: 10 })));
    expect(error.name).toBe('MissingParameter');
  });

  it('leaves Tags out of a volume that has none, as EC2 does', async () => {
    const created = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: 'us-west-2a', Size: 10 }));
    expect(created.Tags).toBeUndefined();
  });

  it('refuses a zone outside the region', async () => {
    const error = await errorOf(ec2.send(new CreateVolumeCommand({ AvailabilityZone: 'us-east-1a', Size: 10 })));
    expect(error).toMatchObject({ name: 'InvalidParameterValue', message: 'Invalid availability zone: [us-east-1a]' });
  });

  it('refuses a size beyond the type’s limit', async () => {
    const error = await errorOf(ec2.send(new CreateVolumeCommand({ AvailabilityZone: 'us-west-2a', Size: 20000 })));
    expect(error).toMatchObject({
      name: 'InvalidParameterValue',
      message: 'Volume of 20000GiB is too large for volume type gp2; maximum is 16384GiB',
    });
  });

  it('refuses IOPS on a gp2 volume', async () => {
    const error = await errorOf(
      ec2.send(new CreateVolumeCommand({ AvailabilityZone: 'us-west-2a', Size: 10, VolumeType: 'gp2', Iops: 3000 })),
    );
    expect(error).toMatchObject({
      name: 'InvalidParameterCombination',
      message: 'The parameter iops is not supported for gp2 volumes.',
    });
  });

  it('requires IOPS for an io2 volume', async () => {
    const error = await errorOf(
      ec2.send(new CreateVolumeCommand({ AvailabilityZone: 'us-west-2a', Size: 10, VolumeType: 'io2' })),
    );
    expect(error.message).toBe('The parameter iops must be specified for io2 volumes.');
  });

  it('refuses more IOPS per GiB than the type allows', async () => {
    const error = await errorOf(
      ec2.send(new CreateVolumeCommand({ AvailabilityZone: 'us-west-2a', Size: 20, VolumeType: 'gp3', Iops: 15000 })),
    );
    expect(error.message).toBe('Iops to volume size ratio of 750.000000 is too high; maximum is 500');
  });
});

describe('attaching and detaching a volume', () => {
  it('attaches a volume in the instance’s zone and detaches it again', async () => {
    const instance = await launch();
    const volumeId = await newVolume(instance.Placement!.AvailabilityZone);
    const attached = await ec2.send(
      new AttachVolumeCommand({ VolumeId: volumeId, InstanceId: instance.InstanceId!, Device: '/dev/sdf' }),
    );
    expect(attached).toMatchObject({ State: 'attaching', Device: '/dev/sdf', InstanceId: instance.InstanceId });
    expect((await volumesOf(instance.InstanceId!)).map((v) => v.Attachments![0]!.Device)).toEqual([
      '/dev/xvda',
      '/dev/sdf',
    ]);
    const detached = await ec2.send(new DetachVolumeCommand({ VolumeId: volumeId }));
    expect(detached.State).toBe('detaching');
    expect((await volumesOf(instance.InstanceId!)).map((v) => v.Attachments![0]!.Device)).toEqual(['/dev/xvda']);
  });

  it('refuses a volume in another zone', async () => {
    const instance = await launch();
    const volumeId = await newVolume('us-west-2c');
    const error = await errorOf(
      ec2.send(new AttachVolumeCommand({ VolumeId: volumeId, InstanceId: instance.InstanceId!, Device: '/dev/sdf' })),
    );
    expect(error.name).toBe('InvalidVolume.ZoneMismatch');
  });

  it('refuses a device name already in use', async () => {
    const instance = await launch();
    const volumeId = await newVolume(instance.Placement!.AvailabilityZone);
    const error = await errorOf(
      ec2.send(new AttachVolumeCommand({ VolumeId: volumeId, InstanceId: instance.InstanceId!, Device: '/dev/xvda' })),
    );
    expect(error).toMatchObject({
      name: 'InvalidParameterValue',
      message: "Invalid value '/dev/xvda' for unixDevice. Attachment point /dev/xvda is already in use",
    });
  });

  it('refuses a volume already attached', async () => {
    const instance = await launch();
    const [root] = await volumesOf(instance.InstanceId!);
    const error = await errorOf(
      ec2.send(
        new AttachVolumeCommand({ VolumeId: root!.VolumeId!, InstanceId: instance.InstanceId!, Device: '/dev/sdg' }),
      ),
    );
    expect(error.name).toBe('VolumeInUse');
  });

  it('refuses to detach the root volume of a running instance, and allows it once stopped', async () => {
    const instance = await launch();
    const [root] = await volumesOf(instance.InstanceId!);
    expect((await errorOf(ec2.send(new DetachVolumeCommand({ VolumeId: root!.VolumeId! })))).name).toBe(
      'IncorrectState',
    );
    await ec2.send(new StopInstancesCommand({ InstanceIds: [instance.InstanceId!] }));
    expect((await ec2.send(new DetachVolumeCommand({ VolumeId: root!.VolumeId! }))).State).toBe('detaching');
  });

  it('refuses to detach a volume that is not attached', async () => {
    const volumeId = await newVolume();
    expect((await errorOf(ec2.send(new DetachVolumeCommand({ VolumeId: volumeId })))).name).toBe('IncorrectState');
  });
});

describe('DeleteVolume and DescribeVolumes', () => {
  it('refuses to delete a volume in use', async () => {
    const instance = await launch();
    const [root] = await volumesOf(instance.InstanceId!);
    expect(await errorOf(ec2.send(new DeleteVolumeCommand({ VolumeId: root!.VolumeId! })))).toMatchObject({
      name: 'VolumeInUse',
      message: `Volume ${root!.VolumeId} is currently attached to ${instance.InstanceId}`,
    });
  });

  it('deletes an available volume, after which it is not found', async () => {
    const volumeId = await newVolume();
    await ec2.send(new DeleteVolumeCommand({ VolumeId: volumeId }));
    expect(await errorOf(ec2.send(new DescribeVolumesCommand({ VolumeIds: [volumeId] })))).toMatchObject({
      name: 'InvalidVolume.NotFound',
      message: `The volume '${volumeId}' does not exist.`,
    });
  });

  it('calls a malformed volume id malformed', async () => {
    const error = await errorOf(ec2.send(new DeleteVolumeCommand({ VolumeId: 'volume-1' })));
    expect(error.name).toBe('InvalidVolumeID.Malformed');
  });

  it('finds volumes by status, type and tag', async () => {
    await newVolume('us-west-2a', 5);
    const tagged = await newVolume('us-west-2b', 6);
    await ec2.send(new CreateTagsCommand({ Resources: [tagged], Tags: [{ Key: 'team', Value: 'course' }] }));
    const found = await ec2.send(
      new DescribeVolumesCommand({
        Filters: [
          { Name: 'status', Values: ['available'] },
          { Name: 'volume-type', Values: ['gp3'] },
          { Name: 'tag:team', Values: ['course'] },
        ],
      }),
    );
    expect(found.Volumes!.map((v) => v.VolumeId)).toEqual([tagged]);
  });
});

describe('DetachVolume naming a device', () => {
  it('refuses a device the volume is not attached at', async () => {
    const { InstanceId } = await launch();
    const [root] = await volumesOf(InstanceId!);
    const error = await errorOf(
      ec2.send(new DetachVolumeCommand({ VolumeId: root!.VolumeId!, InstanceId, Device: '/dev/sdf' })),
    );
    expect(error).toMatchObject({
      name: 'InvalidAttachment.NotFound',
      message: `The volume ${root!.VolumeId} is not attached to instance ${InstanceId} as device /dev/sdf`,
    });
  });
});

describe('AttachVolume device names', () => {
  it('attaches at a partition-numbered name such as /dev/sdb1', async () => {
    const instance = await launch();
    const volumeId = await newVolume(instance.Placement!.AvailabilityZone);
    const attached = await ec2.send(
      new AttachVolumeCommand({ VolumeId: volumeId, InstanceId: instance.InstanceId!, Device: '/dev/sdb1' }),
    );
    expect(attached.Device).toBe('/dev/sdb1');
  });

  it('refuses a partition number past 15', async () => {
    const instance = await launch();
    const volumeId = await newVolume(instance.Placement!.AvailabilityZone);
    const error = await errorOf(
      ec2.send(new AttachVolumeCommand({ VolumeId: volumeId, InstanceId: instance.InstanceId!, Device: '/dev/sdb16' })),
    );
    expect(error.name).toBe('InvalidParameterValue');
  });
});
