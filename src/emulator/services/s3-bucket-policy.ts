/** A bucket's policy: reading, setting (unless Block Public Access refuses it), deleting, and whether it is public. */
import { parsePolicy } from '../../iam-policy/parse';
import { AwsError } from '../aws-error';
import { madeResponse } from '../made-response';
import type { Bucket } from '../state';
import { bucketArn, bucketPolicyIsPublic } from './s3-authorize';
import type { BucketCall } from './s3-operation';
import { emptyResponse, xmlResponse } from './s3-xml';

function requirePolicy(bucket: Bucket): string {
  if (!bucket.policy)
    throw new AwsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404, { BucketName: bucket.name });
  return bucket.policy;
}

/** GetBucketPolicy: the policy's own JSON text. */
export function getBucketPolicy({ ctx, bucket }: BucketCall): Response {
  return madeResponse(requirePolicy(bucket), {
    headers: { 'content-type': 'application/json', 'x-amz-request-id': ctx.requestId },
  });
}

/** PutBucketPolicy: a valid resource policy, and a public one only while BlockPublicPolicy is off. */
export function putBucketPolicy({ input, ctx, bucket }: BucketCall): Response {
  const text = new TextDecoder().decode(input.body);
  const parsed = parsePolicy(text, 'resource');
  if ('errors' in parsed) throw new AwsError('MalformedPolicy', parsed.errors[0]!.message, 400);
  if (bucketPolicyIsPublic(text) && bucket.publicAccessBlock?.BlockPublicPolicy) {
    throw new AwsError(
      'AccessDenied',
      `User: ${ctx.caller?.arn ?? 'anonymous'} is not authorized to perform: s3:PutBucketPolicy on resource: ` +
        `"${bucketArn(bucket.name)}" because public policies are blocked by the BlockPublicPolicy block ` +
        `public access setting.`,
      403,
    );
  }
  bucket.policy = text;
  return emptyResponse(ctx, 204);
}

/** DeleteBucketPolicy. */
export function deleteBucketPolicy({ ctx, bucket }: BucketCall): Response {
  bucket.policy = null;
  return emptyResponse(ctx, 204);
}

/** GetBucketPolicyStatus: whether the policy grants anyone on the internet something. */
export function getBucketPolicyStatus({ ctx, bucket }: BucketCall): Response {
  return xmlResponse('PolicyStatus', { IsPublic: bucketPolicyIsPublic(requirePolicy(bucket)) }, ctx);
}
