/**
 * VPC peering connections between two VPCs of the account in one region ("VPC peering connection lifecycle", Amazon
 * VPC Peering Guide): a request waits in `pending-acceptance` for 7 days until it is accepted (`active`) or rejected;
 * one between VPCs whose IPv4 blocks overlap is `failed` at once. A connection in a final state (failed, rejected,
 * deleted) stays visible for 2 hours.
 */
import { overlaps, parseCidr, type CidrBlock } from '../../cidr/cidr';
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { ec2Id } from '../ids';
import type { QueryOperation, QueryParams } from '../protocols/query';
import { type RegionState, type Vpc, type VpcPeeringConnection, vpcPeeringConnectionsOf } from '../state';
import type { XmlValue } from '../xml';
import { existingResources, newResource, resourcesNamedBy } from './ec2-arns';
import { regionOf } from './ec2-default-vpc';
import { describe } from './ec2-describe';
import type { FilterValues } from './ec2-filters';
import { lookup, selectByIds } from './ec2-ids';
import { renderTags, tagsFor } from './ec2-tags';
import { vpcCidrBlocks } from './ec2-vpc-cidr-blocks';
import { requireVpc } from './ec2-vpcs';

type Status = VpcPeeringConnection['status'];

const pendingLifetimeMs = 7 * 24 * 60 * 60 * 1000;
const finalVisibleMs = 2 * 60 * 60 * 1000;

/** Each status's message, as DescribeVpcPeeringConnections words it for the account that made the change. */
const statusMessages: Record<Status, (accountId: string) => string> = {
  'pending-acceptance': (accountId) => `Pending Acceptance by ${accountId}`,
  active: () => 'Active',
  rejected: (accountId) => `Rejected by ${accountId}`,
  deleted: (accountId) => `Deleted by ${accountId}`,
  failed: () => 'Overlapping CIDR range',
};

function blocksOf(vpc: Vpc): CidrBlock[] {
  return vpcCidrBlocks(vpc).map((block) => parseCidr(block.cidrBlock) as CidrBlock);
}

/** The region's connections Describe still shows: all but those in a final state for over 2 hours. */
function visibleConnections(region: RegionState, now: Date): Record<string, VpcPeeringConnection> {
  return Object.fromEntries(
    Object.entries(vpcPeeringConnectionsOf(region)).filter(
      ([, pcx]) =>
        ['pending-acceptance', 'active'].includes(pcx.status) ||
        now.getTime() - Date.parse(pcx.statusTime) < finalVisibleMs,
    ),
  );
}

function renderVpcInfo(region: RegionState, vpcId: string, ctx: ServiceContext): XmlValue {
  const vpc = region.vpcs[vpcId];
  const blocks = vpc ? vpcCidrBlocks(vpc) : [];
  return {
    cidrBlock: vpc?.cidrBlock,
    cidrBlockSet: blocks.map((block) => ({ cidrBlock: block.cidrBlock })),
    ownerId: ctx.account.accountId,
    peeringOptions: {
      allowDnsResolutionFromRemoteVpc: false,
      allowEgressFromLocalClassicLinkToRemoteVpc: false,
      allowEgressFromLocalVpcToRemoteClassicLink: false,
    },
    vpcId,
    region: ctx.region,
  };
}

function renderConnection(pcx: VpcPeeringConnection, region: RegionState, ctx: ServiceContext): XmlValue {
  return {
    vpcPeeringConnectionId: pcx.vpcPeeringConnectionId,
    requesterVpcInfo: renderVpcInfo(region, pcx.requesterVpcId, ctx),
    accepterVpcInfo: renderVpcInfo(region, pcx.accepterVpcId, ctx),
    status: { code: pcx.status, message: statusMessages[pcx.status](ctx.account.accountId) },
    expirationTime: pcx.status === 'pending-acceptance' ? pcx.expirationTime : undefined,
    tagSet: renderTags(pcx.tags),
  };
}

function connectionFilters(region: RegionState, ctx: ServiceContext): FilterValues<VpcPeeringConnection> {
  const cidrs = (vpcId: string) =>
    (region.vpcs[vpcId] ? vpcCidrBlocks(region.vpcs[vpcId]) : []).map((b) => b.cidrBlock);
  return {
    'vpc-peering-connection-id': (p) => [p.vpcPeeringConnectionId],
    'status-code': (p) => [p.status],
    'status-message': (p) => [statusMessages[p.status](ctx.account.accountId)],
    'expiration-time': (p) => [p.expirationTime],
    'requester-vpc-info.vpc-id': (p) => [p.requesterVpcId],
    'requester-vpc-info.cidr-block': (p) => cidrs(p.requesterVpcId),
    'requester-vpc-info.owner-id': () => [ctx.account.accountId],
    'accepter-vpc-info.vpc-id': (p) => [p.accepterVpcId],
    'accepter-vpc-info.cidr-block': (p) => cidrs(p.accepterVpcId),
    'accepter-vpc-info.owner-id': () => [ctx.account.accountId],
  };
}

/** A connection that is still visible, by the id the request names. */
function requireConnection(params: QueryParams, ctx: ServiceContext): VpcPeeringConnection {
  return lookup(visibleConnections(regionOf(ctx), ctx.now), 'pcx', params.require('VpcPeeringConnectionId'));
}

/** Moves a connection to `to`, which it may reach only from one of `from`; EC2's InvalidStateTransition otherwise. */
function transition(pcx: VpcPeeringConnection, from: readonly Status[], to: Status, now: Date): void {
  if (!from.includes(pcx.status))
    throw new AwsError(
      'InvalidStateTransition',
      `Invalid state transition for ${pcx.vpcPeeringConnectionId}, attempted to transition from ${pcx.status} to ${to}`,
    );
  pcx.status = to;
  pcx.statusTime = now.toISOString();
}

/** Whether traffic can flow through a connection: a route to it is a blackhole until it is active. */
export function isPeeringActive(region: RegionState, vpcPeeringConnectionId: string): boolean {
  return vpcPeeringConnectionsOf(region)[vpcPeeringConnectionId]?.status === 'active';
}

/** Makes a peering request between two VPCs of the region; `failed` when their IPv4 blocks overlap. */
export function createPeeringConnection(
  region: RegionState,
  request: { vpcId: string; peerVpcId: string; tags: VpcPeeringConnection['tags']; now: Date },
): VpcPeeringConnection {
  const requester = requireVpc(region, request.vpcId);
  const accepter = requireVpc(region, request.peerVpcId);
  const overlapping = blocksOf(requester).some((a) => blocksOf(accepter).some((b) => overlaps(a, b)));
  const pcx: VpcPeeringConnection = {
    vpcPeeringConnectionId: ec2Id('pcx'),
    requesterVpcId: requester.vpcId,
    accepterVpcId: accepter.vpcId,
    status: overlapping ? 'failed' : 'pending-acceptance',
    statusTime: request.now.toISOString(),
    expirationTime: new Date(request.now.getTime() + pendingLifetimeMs).toISOString(),
    tags: request.tags,
  };
  vpcPeeringConnectionsOf(region)[pcx.vpcPeeringConnectionId] = pcx;
  return pcx;
}

/** The VPC peering connection operations. */
export const vpcPeeringOperations: Record<string, QueryOperation> = {
  CreateVpcPeeringConnection: {
    resource: (params, ctx) => [
      newResource(ctx, 'vpc-peering-connection', tagsFor(params, 'vpc-peering-connection')),
      ...existingResources(ctx, 'vpc', [params.require('VpcId'), params.require('PeerVpcId')]),
    ],
    run(params, ctx) {
      const peerRegion = params.get('PeerRegion');
      const peerOwner = params.get('PeerOwnerId');
      if ((peerRegion && peerRegion !== ctx.region) || (peerOwner && peerOwner !== ctx.account.accountId))
        throw new AwsError(
          'InvalidParameterValue',
          'The sandbox peers VPCs of one account in one region: PeerRegion and PeerOwnerId must name this region ' +
            'and account.',
        );
      const region = regionOf(ctx);
      const pcx = createPeeringConnection(region, {
        vpcId: params.require('VpcId'),
        peerVpcId: params.require('PeerVpcId'),
        tags: tagsFor(params, 'vpc-peering-connection'),
        now: ctx.now,
      });
      // EC2 answers with the request just made, still initiating.
      const rendered = renderConnection(pcx, region, ctx) as Record<string, XmlValue>;
      return {
        vpcPeeringConnection: { ...rendered, status: { code: 'initiating-request', message: 'Initiating Request' } },
      };
    },
  },

  AcceptVpcPeeringConnection: {
    resource: resourcesNamedBy({ pcx: 'VpcPeeringConnectionId' }),
    run(params, ctx) {
      const pcx = requireConnection(params, ctx);
      transition(pcx, ['pending-acceptance'], 'active', ctx.now);
      return { vpcPeeringConnection: renderConnection(pcx, regionOf(ctx), ctx) };
    },
  },

  RejectVpcPeeringConnection: {
    resource: resourcesNamedBy({ pcx: 'VpcPeeringConnectionId' }),
    run(params, ctx) {
      transition(requireConnection(params, ctx), ['pending-acceptance'], 'rejected', ctx.now);
      return { return: true };
    },
  },

  DeleteVpcPeeringConnection: {
    resource: resourcesNamedBy({ pcx: 'VpcPeeringConnectionId' }),
    run(params, ctx) {
      transition(requireConnection(params, ctx), ['pending-acceptance', 'active'], 'deleted', ctx.now);
      return { return: true };
    },
  },

  DescribeVpcPeeringConnections: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const named = selectByIds(visibleConnections(region, ctx.now), 'pcx', params.list('VpcPeeringConnectionId'));
      return describe('vpcPeeringConnectionSet', named, params, connectionFilters(region, ctx), (pcx) =>
        renderConnection(pcx, region, ctx),
      );
    },
  },
};
