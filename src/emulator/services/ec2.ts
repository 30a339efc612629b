/**
 * EC2 in the sandbox. Each resource family has its own module with its part of the operations table; this is the one
 * place they come together, as the one EC2 query service.
 */
import { ec2AuthDialect, queryEndpoint } from '../endpoint';
import type { QueryService } from '../protocols/query';
import { addressOperations } from './ec2-addresses';
import { classicLinkOperations } from './ec2-classic-link';
import { dhcpOptionsOperations } from './ec2-dhcp-options';
import { dryRunContext } from './ec2-dry-run';
import { imageOperations } from './ec2-images';
import { instanceAttributeOperations } from './ec2-instance-attributes';
import { instanceOptionOperations } from './ec2-instance-options';
import { instanceProfileAssociationOperations } from './ec2-instance-profiles';
import { instanceTypeOperations } from './ec2-instance-types';
import { instanceOperations } from './ec2-instances';
import { keyPairOperations } from './ec2-key-pairs';
import { natGatewayOperations } from './ec2-nat-gateways';
import { networkAclOperations } from './ec2-network-acls';
import { networkInterfaceOperations } from './ec2-network-interfaces';
import { launchTemplateOperations } from './ec2-launch-templates';
import { prefixListOperations } from './ec2-prefix-lists';
import { regionOperations } from './ec2-regions';
import { routingOperations } from './ec2-routing';
import { runInstancesOperations } from './ec2-run-instances';
import { securityGroupRuleOperations } from './ec2-security-group-rules';
import { securityGroupOperations } from './ec2-security-groups';
import { snapshotOperations } from './ec2-snapshots';
import { tagOperations } from './ec2-tags';
import { volumeOperations } from './ec2-volumes';
import { egressOnlyGatewayOperations } from './ec2-egress-only-gateways';
import { vpcEndpointOperations } from './ec2-vpc-endpoints';
import { vpcPeeringOperations } from './ec2-vpc-peering';
import { vpcOperations } from './ec2-vpcs';
import { subnetCidrReservationOperations } from './ec2-subnet-cidr-reservations';
import { subnetOperations } from './ec2-subnets';

/** EC2's query-protocol service. */
export const ec2Service: QueryService = {
  signingName: 'ec2',
  actionPrefix: 'ec2',
  dialect: { style: 'ec2', namespace: 'http://ec2.amazonaws.com/doc/2016-11-15/', version: '2016-11-15' },
  operations: {
    ...regionOperations,
    ...instanceTypeOperations,
    ...imageOperations,
    ...vpcOperations,
    ...subnetOperations,
    ...subnetCidrReservationOperations,
    ...classicLinkOperations,
    ...dhcpOptionsOperations,
    ...vpcEndpointOperations,
    ...routingOperations,
    ...vpcPeeringOperations,
    ...egressOnlyGatewayOperations,
    ...networkAclOperations,
    ...natGatewayOperations,
    ...networkInterfaceOperations,
    ...securityGroupOperations,
    ...securityGroupRuleOperations,
    ...prefixListOperations,
    ...keyPairOperations,
    ...runInstancesOperations,
    ...instanceOperations,
    ...instanceAttributeOperations,
    ...instanceOptionOperations,
    ...volumeOperations,
    ...snapshotOperations,
    ...launchTemplateOperations,
    ...tagOperations,
    ...addressOperations,
    ...instanceProfileAssociationOperations,
  },
  dryRunContext,
};

/** EC2 as the sandbox core serves it. */
export const ec2Endpoint = queryEndpoint(ec2Service, { auth: ec2AuthDialect });
