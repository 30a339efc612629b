/**
 * A bucket's static website configuration: PutBucketWebsite (an index document or a redirect of every request, as
 * S3 requires), GetBucketWebsite and DeleteBucketWebsite. The sandbox keeps the configuration; it serves no website.
 */
import { AwsError } from '../aws-error';
import type { BucketCall } from './s3-operation';
import { asXml, emptyResponse, malformedXml, parseXmlBody, xmlResponse } from './s3-xml';

/** The configuration's elements in the order S3's schema gives them. */
const websiteElements = ['ErrorDocument', 'IndexDocument', 'RedirectAllRequestsTo', 'RoutingRules'];

/** PutBucketWebsite: an index document with a suffix, or a redirect of all requests to a host name. */
export function putBucketWebsite({ input, ctx, bucket }: BucketCall): Response {
  const configuration = parseXmlBody(input.body).WebsiteConfiguration;
  if (!configuration || typeof configuration !== 'object') throw malformedXml();
  const fields = configuration as Record<string, unknown>;
  const index = fields.IndexDocument as { Suffix?: unknown } | undefined;
  const redirect = fields.RedirectAllRequestsTo as { HostName?: unknown } | undefined;
  if (redirect !== undefined) {
    if (typeof redirect !== 'object' || !redirect.HostName) throw malformedXml();
  } else if (!index || typeof index !== 'object' || !index.Suffix) {
    throw new AwsError(
      'InvalidArgument',
      'A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty',
      400,
      { ArgumentName: 'IndexDocument', ArgumentValue: 'null' },
    );
  } else if (String(index.Suffix).includes('/')) {
    throw new AwsError('InvalidArgument', 'The IndexDocument Suffix is not well formed', 400, {
      ArgumentName: 'IndexDocument',
      ArgumentValue: String(index.Suffix),
    });
  }
  bucket.website = Object.fromEntries(
    websiteElements.flatMap((name) => (name in fields ? [[name, fields[name]]] : [])),
  );
  return emptyResponse(ctx, 200);
}

/** GetBucketWebsite: the configuration, or `NoSuchWebsiteConfiguration`. */
export function getBucketWebsite({ ctx, bucket }: BucketCall): Response {
  if (!bucket.website) {
    throw new AwsError(
      'NoSuchWebsiteConfiguration',
      'The specified bucket does not have a website configuration',
      404,
      {
        BucketName: bucket.name,
      },
    );
  }
  return xmlResponse('WebsiteConfiguration', asXml(bucket.website), ctx);
}

/** DeleteBucketWebsite: removes the configuration; S3 answers 204 whether or not there was one. */
export function deleteBucketWebsite({ ctx, bucket }: BucketCall): Response {
  delete bucket.website;
  return emptyResponse(ctx, 204);
}
