import {
  CreateSnapshotCommand,
  CreateTagsCommand,
  CreateVolumeCommand,
  DeleteSnapshotCommand,
  DescribeSnapshotsCommand,
  DescribeTagsCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

const { ec2 } = clientsFor();

async function snapshotOfNewVolume(extra: { Description?: string } = {}) {
  const volumeId = (await ec2.send(new CreateVolumeCommand({ AvailabilityZone: 'us-west-2a', Size: 20 }))).VolumeId!;
  const snapshot = await ec2.send(new CreateSnapshotCommand({ VolumeId: volumeId, ...extra }));
  return { volumeId, snapshot };
}

describe('EBS snapshots', () => {
  it('are made of a volume, pending in CreateSnapshot answer', async () => {
    const { volumeId, snapshot } = await snapshotOfNewVolume({ Description: 'before upgrade' });
    expect(snapshot).toMatchObject({
      SnapshotId: expect.stringMatching(/^snap-[0-9a-f]{17}$/),
      VolumeId: volumeId,
      VolumeSize: 20,
      State: 'pending',
      Description: 'before upgrade',
    });
  });

  it('are listed completed, with their tags, by DescribeSnapshots', async () => {
    const { snapshot } = await snapshotOfNewVolume();
    await ec2.send(new CreateTagsCommand({ Resources: [snapshot.SnapshotId!], Tags: [{ Key: 'k', Value: 'v' }] }));
    const found = await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshot.SnapshotId!] }));
    expect(found.Snapshots).toMatchObject([{ State: 'completed', Tags: [{ Key: 'k', Value: 'v' }] }]);
  });

  it('are the account own, listed for owner self', async () => {
    const { snapshot } = await snapshotOfNewVolume();
    const found = await ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }));
    expect(found.Snapshots!.map((s) => s.SnapshotId)).toEqual([snapshot.SnapshotId]);
  });

  it('show in DescribeTags as snapshots', async () => {
    const { snapshot } = await snapshotOfNewVolume();
    await ec2.send(new CreateTagsCommand({ Resources: [snapshot.SnapshotId!], Tags: [{ Key: 'k', Value: 'v' }] }));
    const tags = await ec2.send(
      new DescribeTagsCommand({ Filters: [{ Name: 'resource-type', Values: ['snapshot'] }] }),
    );
    expect(tags.Tags).toEqual([{ Key: 'k', Value: 'v', ResourceId: snapshot.SnapshotId, ResourceType: 'snapshot' }]);
  });

  it('are gone after DeleteSnapshot', async () => {
    const { snapshot } = await snapshotOfNewVolume();
    await ec2.send(new DeleteSnapshotCommand({ SnapshotId: snapshot.SnapshotId! }));
    const error = await errorOf(ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshot.SnapshotId!] })));
    expect(error).toMatchObject({
      name: 'InvalidSnapshot.NotFound',
      message: `The snapshot '${snapshot.SnapshotId}' does not exist.`,
    });
  });

  it('cannot be made of a volume that does not exist', async () => {
    const error = await errorOf(ec2.send(new CreateSnapshotCommand({ VolumeId: 'vol-0123456789abcdef0' })));
    expect(error.name).toBe('InvalidVolume.NotFound');
  });
});
