/** EBS snapshots of the account's own volumes: CreateSnapshot, DescribeSnapshots and DeleteSnapshot. */
import type { ServiceContext } from '../context';
import { ec2Id } from '../ids';
import type { QueryOperation } from '../protocols/query';
import { type Snapshot, snapshotsOf, volumesOf } from '../state';
import type { XmlValue } from '../xml';
import { awsTimestamp } from '../../lib/aws-timestamp';
import { existingResources, newResource, resourcesNamedBy } from './ec2-arns';
import { regionOf } from './ec2-default-vpc';
import { describe } from './ec2-describe';
import { lookup, selectByIds } from './ec2-ids';
import { renderTagSet, tagsFor } from './ec2-tags';

/** A snapshot as EC2 answers it; `status` is `pending` in CreateSnapshot's answer, `completed` once described. */
function renderSnapshot(snapshot: Snapshot, ownerId: string, status: string): XmlValue {
  return {
    snapshotId: snapshot.snapshotId,
    volumeId: snapshot.volumeId,
    status,
    startTime: snapshot.startTime,
    progress: status === 'completed' ? '100%' : '',
    ownerId,
    volumeSize: snapshot.volumeSizeGiB,
    description: snapshot.description,
    encrypted: snapshot.encrypted,
    storageTier: 'standard',
    tagSet: renderTagSet(snapshot.tags),
  };
}

/** The owners `Owner.N` names that include the account: `self` or its id; none named means every visible owner. */
function ownedByAccount(owners: string[], ctx: ServiceContext): boolean {
  return owners.length === 0 || owners.some((o) => o === 'self' || o === ctx.account.accountId);
}

/** The account's snapshots. The sandbox keeps no public snapshots, so every one listed is the account's own. */
export const snapshotOperations: Record<string, QueryOperation> = {
  CreateSnapshot: {
    resource: (params, ctx) => [
      ...existingResources(ctx, 'vol', [params.require('VolumeId')]),
      newResource(ctx, 'snapshot', tagsFor(params, 'snapshot')),
    ],
    run(params, ctx) {
      const region = regionOf(ctx);
      const volume = lookup(volumesOf(region), 'vol', params.require('VolumeId'));
      const snapshot: Snapshot = {
        snapshotId: ec2Id('snap'),
        volumeId: volume.volumeId,
        volumeSizeGiB: volume.sizeGiB,
        description: params.get('Description') ?? '',
        startTime: awsTimestamp(ctx.now, { fraction: true }),
        encrypted: volume.encrypted,
        tags: tagsFor(params, 'snapshot'),
      };
      snapshotsOf(region)[snapshot.snapshotId] = snapshot;
      return renderSnapshot(snapshot, ctx.account.accountId, 'pending') as Record<string, XmlValue>;
    },
  },

  DescribeSnapshots: {
    run(params, ctx) {
      const snapshots = selectByIds(snapshotsOf(regionOf(ctx)), 'snap', params.list('SnapshotId'));
      const owned = ownedByAccount(params.list('Owner'), ctx) ? snapshots : [];
      return describe(
        'snapshotSet',
        owned,
        params,
        {
          'snapshot-id': (s) => [s.snapshotId],
          'volume-id': (s) => [s.volumeId],
          'volume-size': (s) => [s.volumeSizeGiB],
          description: (s) => [s.description],
          status: () => ['completed'],
          progress: () => ['100%'],
          'start-time': (s) => [s.startTime],
          encrypted: (s) => [s.encrypted],
          'owner-id': () => [ctx.account.accountId],
          'storage-tier': () => ['standard'],
        },
        (s) => renderSnapshot(s, ctx.account.accountId, 'completed'),
      );
    },
  },

  DeleteSnapshot: {
    resource: resourcesNamedBy({ snap: 'SnapshotId' }),
    run(params, ctx) {
      const snapshots = snapshotsOf(regionOf(ctx));
      const snapshot = lookup(snapshots, 'snap', params.require('SnapshotId'));
      delete snapshots[snapshot.snapshotId];
      return { return: true };
    },
  },
};
