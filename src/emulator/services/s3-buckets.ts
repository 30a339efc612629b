/** Buckets: creating, finding, heading and deleting them, their region, and the settings the sandbox fixes. */
import { AwsError } from '../aws-error';
import { madeResponse } from '../made-response';
import type { ServiceContext } from '../context';
import type { ServiceRequest } from '../endpoint';
import { isSandboxRegion } from '../regions';
import type { Bucket } from '../state';
import { escapeXml, flattened } from '../xml';
import { awsRegions } from '../../lib/aws-regions';
import { nameRecord } from '../../lib/name-record';
import type { AccountCall, BucketCall, NewBucketCall } from './s3-operation';
import { s3Owner } from './s3-owner';
import { bucketIsEmpty } from './s3-versions';
import { emptyResponse, parseXmlBody, s3Namespace, xmlResponse } from './s3-xml';
import { s3Time } from './s3-time';

function validBucketName(name: string): boolean {
  return (
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) &&
    !/\.\./.test(name) &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(name) &&
    !name.startsWith('xn--') &&
    !name.endsWith('-s3alias')
  );
}

/**
 * Checks a bucket asked for in the account regional namespace (`x-amz-bucket-namespace: account-regional`, 2026) is
 * named `prefix-accountId-region-an` for the caller's account and the bucket's region (S3 User Guide, 'Namespaces for
 * general purpose buckets'); answers whether it was asked for there.
 */
function checkNamespace(namespace: string | null, name: string, accountId: string, region: string): boolean {
  if (namespace === null || namespace === 'global') return false;
  const suffix = `-${accountId}-${region}-an`;
  if (namespace !== 'account-regional' || !name.endsWith(suffix) || name.length === suffix.length) {
    throw new AwsError(
      'InvalidNamespaceHeader',
      `A bucket in your account regional namespace must be named bucket-name-prefix${suffix}.`,
      400,
    );
  }
  return true;
}

/** The bucket of that name, or S3's NoSuchBucket. */
export function requireBucket(ctx: ServiceContext, name: string): Bucket {
  const bucket = Object.hasOwn(ctx.state.buckets, name) ? ctx.state.buckets[name] : undefined;
  if (!bucket) throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: name });
  return bucket;
}

/** A bucket lives in one region; a request signed for another is redirected there, as S3 does. */
export function checkBucketRegion(ctx: ServiceContext, bucket: Bucket, input: ServiceRequest): void {
  // An unsigned request to the sandbox's own endpoint names no region: it reaches the bucket wherever it is.
  if (bucket.region === ctx.region || !input.regionKnown) return;
  throw new AwsError(
    'PermanentRedirect',
    'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future ' +
      'requests to this endpoint.',
    301,
    {
      Endpoint: `${bucket.name}.s3.${bucket.region}.amazonaws.com`,
      Bucket: bucket.name,
      'x-amz-bucket-region': bucket.region,
    },
  );
}

/** The bucket name a ListBuckets continuation token continues after. */
function bucketAfter(token: string | null): string {
  if (token === null) return '';
  try {
    return atob(token);
  } catch {
    throw new AwsError('InvalidArgument', 'The continuation token provided is incorrect', 400, {
      ArgumentName: 'continuation-token',
    });
  }
}

/** ListBuckets: the caller's own buckets by name, under `prefix`, in `bucket-region`, `max-buckets` (10000) a page. */
export function listBuckets({ input, ctx }: AccountCall): Response {
  const q = input.url.searchParams;
  const prefix = q.get('prefix') ?? '';
  const after = bucketAfter(q.get('continuation-token'));
  const maxText = q.get('max-buckets');
  const maxBuckets = maxText === null ? 10000 : Number(maxText);
  if (!Number.isInteger(maxBuckets) || maxBuckets < 1 || maxBuckets > 10000)
    throw new AwsError('InvalidArgument', 'Invalid maximum number of buckets: must be between 1 and 10000', 400, {
      ArgumentName: 'max-buckets',
      ArgumentValue: maxText ?? '',
    });
  const region = q.get('bucket-region');
  const own = Object.values(ctx.state.buckets)
    .filter((b) => b.accountId === ctx.account.accountId && b.name.startsWith(prefix) && b.name > after)
    .filter((b) => region === null || b.region === region)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const page = own.slice(0, maxBuckets);
  const truncated = own.length > page.length;
  return xmlResponse(
    'ListAllMyBucketsResult',
    {
      Owner: s3Owner(ctx.account.accountId),
      Buckets: flattened([
        {
          Bucket: flattened(page.map((b) => ({ Name: b.name, CreationDate: b.creationDate, BucketRegion: b.region }))),
        },
      ]),
      ContinuationToken: truncated ? btoa(page.at(-1)!.name) : undefined,
      Prefix: q.has('prefix') ? prefix : undefined,
    },
    ctx,
  );
}

function invalidLocationConstraint(constraint: string): AwsError {
  return new AwsError('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, {
    LocationConstraint: constraint,
  });
}

/**
 * CreateBucket, in the signing region (or, sent to us-east-1, in the region its constraint names), with Block Public
 * Access on as on AWS since April 2023.
 */
export function createBucket({ input, ctx, bucketName: name }: NewBucketCall): Response {
  if (!validBucketName(name))
    throw new AwsError('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: name });
  const config = parseXmlBody(input.body).CreateBucketConfiguration as Record<string, unknown> | undefined;
  const constraint = typeof config?.LocationConstraint === 'string' ? config.LocationConstraint : undefined;
  // us-east-1 is the one region named by leaving the constraint out; and it refuses a region AWS does not have. A
  // regional endpoint refuses both as another region's (S3 answers there as moto's AWS-verified tests record).
  if (ctx.region === 'us-east-1' && constraint !== undefined && !awsRegions.includes(constraint))
    throw invalidLocationConstraint(constraint);
  if (ctx.region === 'us-east-1' && constraint === 'us-east-1') throw invalidLocationConstraint(constraint);
  // The us-east-1 endpoint (s3.amazonaws.com) creates a bucket in whichever enabled region its constraint names; a
  // regional endpoint only in its own. A region the account has not enabled (opt-in) is refused as another endpoint's.
  const region = constraint ?? 'us-east-1';
  if ((region !== ctx.region && ctx.region !== 'us-east-1') || !isSandboxRegion(region)) {
    throw new AwsError(
      'IllegalLocationConstraintException',
      `The ${constraint ?? 'unspecified'} location constraint is incompatible for the region specific endpoint this ` +
        `request was sent to.`,
      400,
    );
  }
  const namespace = input.request.headers.get('x-amz-bucket-namespace');
  const accountRegional = checkNamespace(namespace, name, ctx.account.accountId, region);
  const existing = ctx.state.buckets[name];
  if (existing) {
    if (existing.accountId !== ctx.account.accountId) {
      throw new AwsError(
        'BucketAlreadyExists',
        'The requested bucket name is not available. The bucket namespace is shared by all users of the system. ' +
          'Please select a different name and try again.',
        409,
        { BucketName: name },
      );
    }
    // us-east-1 quietly accepts re-creating a bucket you own; every other region refuses.
    if (existing.region === 'us-east-1' && ctx.region === 'us-east-1')
      return emptyResponse(ctx, 200, { location: `/${name}` });
    throw new AwsError(
      'BucketAlreadyOwnedByYou',
      'Your previous request to create the named bucket succeeded and you already own it.',
      409,
      { BucketName: name },
    );
  }
  ctx.state.buckets[name] = {
    name,
    accountId: ctx.account.accountId,
    region,
    creationDate: s3Time(ctx.now),
    publicAccessBlock: {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    },
    policy: null,
    objects: nameRecord(),
    tags: [],
  };
  // S3 names the bucket's ARN when it is created in the account regional namespace.
  const arn: Record<string, string> = accountRegional ? { 'x-amz-bucket-arn': `arn:aws:s3:::${name}` } : {};
  return emptyResponse(ctx, 200, { location: `/${name}`, ...arn });
}

/** HeadBucket: the bucket exists and the caller may list it; answers its region. */
export function headBucket({ ctx, bucket }: BucketCall): Response {
  return emptyResponse(ctx, 200, { 'x-amz-bucket-region': bucket.region });
}

/** DeleteBucket, only once it holds no object, old version or delete marker. */
export function deleteBucket({ ctx, bucket }: BucketCall): Response {
  if (!bucketIsEmpty(bucket))
    throw new AwsError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, {
      BucketName: bucket.name,
    });
  delete ctx.state.buckets[bucket.name];
  return emptyResponse(ctx, 204);
}

/** GetBucketLocation: empty for us-east-1, as S3 answers. */
export function getBucketLocation({ ctx, bucket }: BucketCall): Response {
  return madeResponse(
    `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint ` +
      `xmlns="${s3Namespace}">${bucket.region === 'us-east-1' ? '' : escapeXml(bucket.region)}</LocationConstraint>`,
    { headers: { 'content-type': 'application/xml', 'x-amz-request-id': ctx.requestId } },
  );
}

/** GetBucketOwnershipControls: every sandbox bucket is bucket owner enforced, the default since April 2023. */
export function getBucketOwnershipControls({ ctx }: BucketCall): Response {
  return xmlResponse('OwnershipControls', { Rule: { ObjectOwnership: 'BucketOwnerEnforced' } }, ctx);
}
