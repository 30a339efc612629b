/**
 * A bucket's Transfer Acceleration state: PutBucketAccelerateConfiguration (`Enabled` or `Suspended`, on a bucket
 * whose name has no periods, as S3 requires) and GetBucketAccelerateConfiguration, which says nothing for a bucket
 * never set. The sandbox keeps the state; it has no accelerated endpoint.
 */
import { AwsError } from '../aws-error';
import type { BucketCall } from './s3-operation';
import { emptyResponse, malformedXml, parseXmlBody, xmlResponse } from './s3-xml';

const states = ['Enabled', 'Suspended'] as const;

function isAccelerateState(value: unknown): value is (typeof states)[number] {
  return states.includes(value as (typeof states)[number]);
}

/** PutBucketAccelerateConfiguration: sets the state; suspending a bucket never enabled leaves it without one. */
export function putBucketAccelerateConfiguration({ input, ctx, bucket }: BucketCall): Response {
  const configuration = parseXmlBody(input.body).AccelerateConfiguration as { Status?: unknown } | undefined;
  if (!configuration || !isAccelerateState(configuration.Status)) throw malformedXml();
  if (bucket.name.includes('.')) {
    throw new AwsError(
      'InvalidRequest',
      'S3 Transfer Acceleration is not supported for buckets with periods (.) in their names',
      400,
    );
  }
  if (configuration.Status === 'Enabled' || bucket.accelerate) bucket.accelerate = configuration.Status;
  return emptyResponse(ctx, 200);
}

/** GetBucketAccelerateConfiguration: the state, or an empty configuration for a bucket never set. */
export function getBucketAccelerateConfiguration({ ctx, bucket }: BucketCall): Response {
  return xmlResponse('AccelerateConfiguration', { Status: bucket.accelerate }, ctx);
}
