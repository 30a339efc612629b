/**
 * S3 in the sandbox: where a request points (bucket and key, from the host or the path), the operation the table of
 * {@link ./s3-operations} has for it, and that operation's authorization, done once here for every operation.
 */
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import type { AuthDialect, ServiceEndpoint, ServiceRequest } from '../endpoint';
import type { Bucket } from '../state';
import { authorizeS3, bucketArn } from './s3-authorize';
import { answerPreflight, corsHeaders, matchingCorsRule } from './s3-cors';
import { checkBucketRegion, requireBucket } from './s3-buckets';
import type { AccountCall, BucketCall, NewBucketCall, ObjectCall, S3Operation } from './s3-operation';
import { findS3Operation, operationFor, s3Operations } from './s3-operations';
import { renderS3Error } from './s3-xml';

export { readObjectBytes } from './s3-objects';

const s3AuthDialect: AuthDialect = {
  missing: { code: 'AccessDenied', status: 403, message: 'Access Denied' },
  unknownKey: {
    code: 'InvalidAccessKeyId',
    status: 403,
    message: 'The AWS Access Key Id you provided does not exist in our records.',
  },
  badSignature: {
    code: 'SignatureDoesNotMatch',
    status: 403,
    message:
      'The request signature we calculated does not match the signature you provided. Check your key and signing ' +
      'method.',
  },
  malformed: { code: 'AuthorizationHeaderMalformed', status: 400 },
};

/** Where a request points: the bucket and key (decoded), from the host or the path. */
function locate(input: ServiceRequest): { bucket?: string; key?: string } {
  const segments = input.url.pathname.split('/').slice(1);
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      throw new AwsError('InvalidURI', "Couldn't parse the specified URI.");
    }
  };
  if (input.hostBucket) {
    const key = segments.join('/');
    return { bucket: input.hostBucket, key: key === '' ? undefined : decode(key) };
  }
  const [bucket = '', ...rest] = segments;
  const key = rest.join('/');
  return {
    bucket: bucket === '' ? undefined : decode(bucket),
    key: rest.length === 0 || key === '' ? undefined : decode(key),
  };
}

/** The operation a request asks for, and what it acts on. */
type S3Route =
  | { level: 'account'; operation?: S3Operation<AccountCall> }
  | { level: 'newBucket'; bucketName: string; operation: S3Operation<NewBucketCall> }
  | { level: 'bucket'; bucketName: string; operation?: S3Operation<BucketCall> }
  | { level: 'object'; bucketName: string; key: string; operation?: S3Operation<ObjectCall> };

function routeS3(input: ServiceRequest): S3Route {
  const method = input.request.method.toUpperCase();
  const { bucket: bucketName, key } = locate(input);
  if (bucketName === undefined) return { level: 'account', operation: operationFor(s3Operations.account, method) };
  if (key !== undefined) {
    return {
      level: 'object',
      bucketName,
      key,
      operation: findS3Operation(s3Operations.object, input.url, method).operation,
    };
  }
  const onBucket = findS3Operation(s3Operations.bucket, input.url, method);
  const creation = onBucket.subresource === '' ? operationFor(s3Operations.newBucket, method) : undefined;
  if (creation) return { level: 'newBucket', bucketName, operation: creation };
  return { level: 'bucket', bucketName, operation: onBucket.operation };
}

/** What an operation acts on: S3's name for its kind, its ARN for IAM, and its bucket, whose policy also decides. */
interface S3Target {
  type: 'SERVICE' | 'BUCKET' | 'OBJECT';
  resource: string;
  bucket?: Bucket;
}

/**
 * Runs an operation: refuses a method S3 has no operation for (`MethodNotAllowed`) and an operation the sandbox does
 * not implement (`NotImplemented`, before anything is read or changed), authorizes the operation's IAM action (its
 * version action for a request naming a version) on the target, and serves it with the call `makeCall` builds.
 */
function perform<Call>(
  operation: S3Operation<Call> | undefined,
  { input, ctx }: AccountCall,
  target: S3Target,
  makeCall: (authorize: (resource: string) => void) => Call,
): Response | Promise<Response> {
  if (!operation) {
    throw new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, {
      Method: input.request.method.toUpperCase(),
      ResourceType: target.type,
    });
  }
  if (!operation.run)
    throw new AwsError('NotImplemented', 'A header you provided implies functionality that is not implemented', 501);
  const versioned = operation.versionAction !== undefined && input.url.searchParams.has('versionId');
  const action = versioned ? operation.versionAction! : operation.action;
  const authorize = (resource: string, otherAction = action) =>
    authorizeS3(ctx, otherAction, resource, target.bucket, operation.conditionKeys?.(input.url));
  if (!operation.authorizesEachKey) authorize(target.resource);
  return operation.run(makeCall(authorize));
}

/** Serves one S3 REST request through the operations table. */
async function serveS3(input: ServiceRequest, ctx: ServiceContext): Promise<Response> {
  const route = routeS3(input);
  const call = { input, ctx };
  if (route.level === 'account') return perform(route.operation, call, { type: 'SERVICE', resource: '*' }, () => call);
  const { bucketName } = route;
  if (route.level === 'newBucket') {
    const target: S3Target = { type: 'BUCKET', resource: bucketArn(bucketName) };
    return perform(route.operation, call, target, () => ({ ...call, bucketName }));
  }
  const bucket = requireBucket(ctx, bucketName);
  checkBucketRegion(ctx, bucket, input);
  // A browser's preflight is not signed: S3 answers it from the bucket's CORS rules alone.
  if (input.request.method.toUpperCase() === 'OPTIONS') return answerPreflight(bucket, input.request, ctx.requestId);
  if (route.level === 'bucket') {
    const target: S3Target = { type: 'BUCKET', resource: bucketArn(bucket.name), bucket };
    const response = perform(route.operation, call, target, (authorize) => ({ ...call, bucket, authorize }));
    return withCorsHeaders(await response, bucket, input.request);
  }
  const { key } = route;
  const target: S3Target = { type: 'OBJECT', resource: bucketArn(bucket.name, key), bucket };
  const response = perform(route.operation, call, target, (authorize) => ({ ...call, bucket, authorize, key }));
  return withCorsHeaders(await response, bucket, input.request);
}

/** An answer with the `Access-Control-*` headers of the bucket's CORS rule for the request's origin, if one allows it. */
function withCorsHeaders(response: Response, bucket: Bucket, request: Request): Response {
  const origin = request.headers.get('origin');
  const rule = origin === null ? undefined : matchingCorsRule(bucket, origin, request.method.toUpperCase());
  if (!rule || origin === null) return response;
  for (const [name, value] of Object.entries(corsHeaders(rule, origin))) response.headers.set(name, value);
  return response;
}

/** S3 as the sandbox core serves it. */
export const s3Endpoint: ServiceEndpoint = {
  signingName: 's3',
  auth: s3AuthDialect,
  serve: serveS3,
  renderError: renderS3Error,
  isReadOnly(input) {
    try {
      return routeS3(input).operation?.readOnly ?? true;
    } catch {
      // A request whose path cannot be read changes nothing: it is refused.
      return true;
    }
  },
};
