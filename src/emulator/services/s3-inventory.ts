/**
 * A bucket's inventory configurations (`?inventory`): Put, Get and Delete by id (`&id=`), and List without one. The
 * sandbox keeps the configurations; it writes no inventory reports.
 */
import { AwsError } from '../aws-error';
import { flattened } from '../xml';
import type { BucketCall } from './s3-operation';
import { asXml, emptyResponse, malformedXml, parseXmlBody, xmlResponse } from './s3-xml';

/** The elements a configuration must have (S3's schema: Destination, IsEnabled, Id, IncludedObjectVersions, Schedule). */
const requiredElements = ['Id', 'IsEnabled', 'Destination', 'IncludedObjectVersions', 'Schedule'];

/** The configuration's elements in the order S3's schema gives them. */
const inventoryElements = [
  'Destination',
  'IsEnabled',
  'Filter',
  'Id',
  'IncludedObjectVersions',
  'OptionalFields',
  'Schedule',
];

/** S3's answer for an id the bucket has no configuration for. */
function noSuchConfiguration(): AwsError {
  return new AwsError('NoSuchConfiguration', 'The specified configuration does not exist.', 404);
}

/** A configuration as it is answered, its elements in S3's order. */
function renderConfiguration(configuration: Record<string, unknown>) {
  return asXml(
    Object.fromEntries(
      inventoryElements.flatMap((name) => (name in configuration ? [[name, configuration[name]]] : [])),
    ),
  );
}

/** PutBucketInventoryConfiguration: keeps the configuration under its Id, replacing one with the same Id. */
export function putBucketInventoryConfiguration({ input, ctx, bucket }: BucketCall): Response {
  const configuration = parseXmlBody(input.body).InventoryConfiguration;
  if (!configuration || typeof configuration !== 'object') throw malformedXml();
  const fields = configuration as Record<string, unknown>;
  const destination = (fields.Destination as { S3BucketDestination?: { Bucket?: unknown; Format?: unknown } }) ?? {};
  const target = destination.S3BucketDestination;
  if (requiredElements.some((name) => !(name in fields)) || !target?.Bucket || !target.Format) throw malformedXml();
  bucket.inventory = { ...bucket.inventory, [String(fields.Id)]: fields };
  return emptyResponse(ctx, 200);
}

/** GetBucketInventoryConfiguration (`&id=`), or ListBucketInventoryConfigurations without an id, in order of id. */
export function getBucketInventoryConfiguration({ input, ctx, bucket }: BucketCall): Response {
  const id = input.url.searchParams.get('id');
  const configurations = bucket.inventory ?? {};
  if (id === null) {
    const listed = Object.keys(configurations)
      .sort()
      .map((name) => renderConfiguration(configurations[name]!));
    const result = { InventoryConfiguration: flattened(listed), IsTruncated: false };
    return xmlResponse('ListInventoryConfigurationsResult', result, ctx);
  }
  const configuration = Object.hasOwn(configurations, id) ? configurations[id] : undefined;
  if (!configuration) throw noSuchConfiguration();
  return xmlResponse('InventoryConfiguration', renderConfiguration(configuration), ctx);
}

/** DeleteBucketInventoryConfiguration: removes the configuration `&id=` names, or `NoSuchConfiguration`. */
export function deleteBucketInventoryConfiguration({ input, ctx, bucket }: BucketCall): Response {
  const id = input.url.searchParams.get('id') ?? '';
  if (!bucket.inventory || !Object.hasOwn(bucket.inventory, id)) throw noSuchConfiguration();
  delete bucket.inventory[id];
  return emptyResponse(ctx, 204);
}
