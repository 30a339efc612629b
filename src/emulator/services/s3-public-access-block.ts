/** A bucket's Block Public Access settings: reading, setting and deleting them. */
import { AwsError } from '../aws-error';
import type { PublicAccessBlock } from '../state';
import type { BucketCall } from './s3-operation';
import { emptyResponse, malformedXml, parseXmlBody, xmlResponse } from './s3-xml';

function readPublicAccessBlock(body: Uint8Array): PublicAccessBlock {
  const parsed = parseXmlBody(body).PublicAccessBlockConfiguration as Record<string, string> | undefined;
  if (!parsed || typeof parsed !== 'object') throw malformedXml();
  const flag = (name: keyof PublicAccessBlock) => String(parsed[name] ?? 'false').toLowerCase() === 'true';
  return {
    BlockPublicAcls: flag('BlockPublicAcls'),
    IgnorePublicAcls: flag('IgnorePublicAcls'),
    BlockPublicPolicy: flag('BlockPublicPolicy'),
    RestrictPublicBuckets: flag('RestrictPublicBuckets'),
  };
}

/** GetPublicAccessBlock. */
export function getPublicAccessBlock({ ctx, bucket }: BucketCall): Response {
  if (!bucket.publicAccessBlock) {
    throw new AwsError(
      'NoSuchPublicAccessBlockConfiguration',
      'The public access block configuration was not found',
      404,
      {
        BucketName: bucket.name,
      },
    );
  }
  return xmlResponse('PublicAccessBlockConfiguration', { ...bucket.publicAccessBlock }, ctx);
}

/** PutPublicAccessBlock: the four settings, each off unless the body turns it on. */
export function putPublicAccessBlock({ input, ctx, bucket }: BucketCall): Response {
  bucket.publicAccessBlock = readPublicAccessBlock(input.body);
  return emptyResponse(ctx, 200);
}

/** DeletePublicAccessBlock. */
export function deletePublicAccessBlock({ ctx, bucket }: BucketCall): Response {
  bucket.publicAccessBlock = null;
  return emptyResponse(ctx, 204);
}
