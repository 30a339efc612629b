/**
 * A bucket's event notification configuration: PutBucketNotificationConfiguration (topics, queues and Lambda
 * functions with their events and key filters, each checked as S3 checks it) and GetBucketNotificationConfiguration.
 * The sandbox keeps the configuration; it has no SNS, SQS or Lambda to deliver events to, so it delivers none.
 */
import { AwsError } from '../aws-error';
import { hexId } from '../ids';
import type { Bucket } from '../state';
import type { BucketCall } from './s3-operation';
import { asXml, emptyResponse, malformedXml, parseXmlBody, xmlResponse } from './s3-xml';

/** Each kind of destination: its list element, the element naming its ARN, and the service that ARN must name. */
const destinations = [
  { element: 'TopicConfiguration', arn: 'Topic', service: 'sns' },
  { element: 'QueueConfiguration', arn: 'Queue', service: 'sqs' },
  { element: 'CloudFunctionConfiguration', arn: 'CloudFunction', service: 'lambda' },
] as const;

/** The event types S3 publishes (S3 User Guide, 'Supported event types for SQS, SNS, and Lambda'). */
export const notificationEvents = new Set([
  's3:TestEvent',
  's3:ObjectCreated:*',
  's3:ObjectCreated:Put',
  's3:ObjectCreated:Post',
  's3:ObjectCreated:Copy',
  's3:ObjectCreated:CompleteMultipartUpload',
  's3:ObjectRemoved:*',
  's3:ObjectRemoved:Delete',
  's3:ObjectRemoved:DeleteMarkerCreated',
  's3:ObjectRestore:*',
  's3:ObjectRestore:Post',
  's3:ObjectRestore:Completed',
  's3:ObjectRestore:Delete',
  's3:ReducedRedundancyLostObject',
  's3:Replication:*',
  's3:Replication:OperationFailedReplication',
  's3:Replication:OperationNotTracked',
  's3:Replication:OperationMissedThreshold',
  's3:Replication:OperationReplicatedAfterThreshold',
  's3:LifecycleExpiration:*',
  's3:LifecycleExpiration:Delete',
  's3:LifecycleExpiration:DeleteMarkerCreated',
  's3:LifecycleTransition',
  's3:IntelligentTiering',
  's3:ObjectTagging:*',
  's3:ObjectTagging:Put',
  's3:ObjectTagging:Delete',
  's3:ObjectAcl:Put',
]);

function invalidArgument(message: string, name: string, value: string): AwsError {
  return new AwsError('InvalidArgument', message, 400, { ArgumentName: name, ArgumentValue: value });
}

/** Checks one destination's ARN (its service, and the bucket's region) and events; gives it an Id if it has none. */
function checkDestination(
  entry: Record<string, unknown>,
  kind: (typeof destinations)[number],
  bucket: Bucket,
): Record<string, unknown> {
  const arn = String(entry[kind.arn] ?? '');
  const match = /^arn:aws:([^:]+):([^:]+):(\d{12}):(.+)$/.exec(arn);
  if (!match || match[1] !== kind.service) throw invalidArgument('The ARN is not well formed', kind.arn, arn);
  if (match[2] !== bucket.region) {
    throw invalidArgument(
      'The notification destination service region is not valid for the bucket location constraint',
      kind.arn,
      arn,
    );
  }
  const events = (entry.Event as unknown[] | undefined) ?? [];
  if (events.length === 0) throw malformedXml();
  for (const event of events.map(String))
    if (!notificationEvents.has(event))
      throw invalidArgument('The event is not supported for notifications', 'Event', event);
  return { Id: entry.Id ?? hexId(32), ...entry };
}

/** PutBucketNotificationConfiguration: replaces the configuration; an empty one removes every destination. */
export function putBucketNotificationConfiguration({ input, ctx, bucket }: BucketCall): Response {
  const configuration = parseXmlBody(input.body).NotificationConfiguration;
  // An empty configuration parses as an empty string.
  if (configuration === undefined || (configuration !== '' && typeof configuration !== 'object')) throw malformedXml();
  const fields = (configuration || {}) as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const kind of destinations) {
    const entries = (fields[kind.element] as Record<string, unknown>[] | undefined) ?? [];
    if (entries.length) kept[kind.element] = entries.map((entry) => checkDestination(entry, kind, bucket));
  }
  if ('EventBridgeConfiguration' in fields) kept.EventBridgeConfiguration = {};
  if (Object.keys(kept).length) bucket.notification = kept;
  else delete bucket.notification;
  return emptyResponse(ctx, 200);
}

/** GetBucketNotificationConfiguration: the configuration, empty for a bucket without one. */
export function getBucketNotificationConfiguration({ ctx, bucket }: BucketCall): Response {
  return xmlResponse('NotificationConfiguration', asXml(bucket.notification ?? {}), ctx);
}
