/**
 * Egress-only internet gateways: outbound-only IPv6 for a VPC ("Enable outbound IPv6 traffic using an egress-only
 * internet gateway", Amazon VPC User Guide). Each is attached to its VPC from creation until it is deleted.
 */
import { ec2Id } from '../ids';
import type { QueryOperation } from '../protocols/query';
import { type EgressOnlyInternetGateway, egressOnlyInternetGatewaysOf } from '../state';
import type { XmlValue } from '../xml';
import { existingResources, newResource, resourcesNamedBy } from './ec2-arns';
import { regionOf } from './ec2-default-vpc';
import { describeByIds } from './ec2-describe';
import type { FilterValues } from './ec2-filters';
import { lookup } from './ec2-ids';
import { renderTags, tagsFor } from './ec2-tags';
import { requireVpc } from './ec2-vpcs';

function renderGateway(gateway: EgressOnlyInternetGateway): XmlValue {
  return {
    egressOnlyInternetGatewayId: gateway.egressOnlyInternetGatewayId,
    attachmentSet: [{ state: 'attached', vpcId: gateway.vpcId }],
    tagSet: renderTags(gateway.tags),
  };
}

const gatewayFilters: FilterValues<EgressOnlyInternetGateway> = {
  'egress-only-internet-gateway-id': (g) => [g.egressOnlyInternetGatewayId],
  'attachment.vpc-id': (g) => [g.vpcId],
  'attachment.state': () => ['attached'],
};

/** The egress-only internet gateway operations. */
export const egressOnlyGatewayOperations: Record<string, QueryOperation> = {
  CreateEgressOnlyInternetGateway: {
    resource: (params, ctx) => [
      newResource(ctx, 'egress-only-internet-gateway', tagsFor(params, 'egress-only-internet-gateway')),
      ...existingResources(ctx, 'vpc', [params.require('VpcId')]),
    ],
    run(params, ctx) {
      const region = regionOf(ctx);
      const gateway: EgressOnlyInternetGateway = {
        egressOnlyInternetGatewayId: ec2Id('eigw'),
        vpcId: requireVpc(region, params.require('VpcId')).vpcId,
        tags: tagsFor(params, 'egress-only-internet-gateway'),
      };
      egressOnlyInternetGatewaysOf(region)[gateway.egressOnlyInternetGatewayId] = gateway;
      return { egressOnlyInternetGateway: renderGateway(gateway), clientToken: params.get('ClientToken') };
    },
  },

  DescribeEgressOnlyInternetGateways: describeByIds({
    listName: 'egressOnlyInternetGatewaySet',
    idParameter: 'EgressOnlyInternetGatewayId',
    kind: 'eigw',
    table: egressOnlyInternetGatewaysOf,
    filters: gatewayFilters,
    render: renderGateway,
  }),

  DeleteEgressOnlyInternetGateway: {
    resource: resourcesNamedBy({ eigw: 'EgressOnlyInternetGatewayId' }),
    run(params, ctx) {
      const gateways = egressOnlyInternetGatewaysOf(regionOf(ctx));
      const gateway = lookup(gateways, 'eigw', params.require('EgressOnlyInternetGatewayId'));
      delete gateways[gateway.egressOnlyInternetGatewayId];
      return { returnCode: true };
    },
  },
};
