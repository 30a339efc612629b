/**
 * ClassicLink, which linked EC2-Classic instances to a VPC. EC2-Classic was retired on 15 August 2022 and accounts made
 * since December 2013 never had it, so in a course account every ClassicLink action fails as it does on AWS where
 * EC2-Classic is absent: EnableVpcClassicLink and DescribeVpcClassicLink with UnsupportedOperation, the DNS support
 * actions with AuthFailure (403), as AWS answered in regions without EC2-Classic (hashicorp/terraform#4874,
 * hashicorp/terraform-provider-aws#1176 and #17460).
 */
import { AwsError } from '../aws-error';
import type { QueryOperation } from '../protocols/query';

const notInThisRegion: QueryOperation = {
  run() {
    throw new AwsError('UnsupportedOperation', 'The functionality you requested is not available in this region.');
  },
};

const administrativelyDisabled: QueryOperation = {
  run() {
    throw new AwsError('AuthFailure', 'This request has been administratively disabled.', 403);
  },
};

/** The ClassicLink operations, each answering as AWS does in an account without EC2-Classic. */
export const classicLinkOperations: Record<string, QueryOperation> = {
  DescribeVpcClassicLink: notInThisRegion,
  EnableVpcClassicLink: notInThisRegion,
  DisableVpcClassicLink: notInThisRegion,
  DescribeVpcClassicLinkDnsSupport: administrativelyDisabled,
  EnableVpcClassicLinkDnsSupport: administrativelyDisabled,
  DisableVpcClassicLinkDnsSupport: administrativelyDisabled,
};
