/** The shape of one S3 operation in the table of {@link ./s3-operations}, and what its handler is given. */
import type { RequestContext } from '../../iam-policy/request-context';
import type { ServiceContext } from '../context';
import type { ServiceRequest } from '../endpoint';
import type { Bucket } from '../state';

/** What every operation is given: the request and the sandbox context. ListBuckets needs nothing more. */
export interface AccountCall {
  input: ServiceRequest;
  ctx: ServiceContext;
}

/** CreateBucket's call: the name of the bucket it is to create. */
export interface NewBucketCall extends AccountCall {
  bucketName: string;
}

/** A call on an existing bucket, in its own region. */
export interface BucketCall extends AccountCall {
  bucket: Bucket;
  /**
   * Checks the caller may perform the operation's IAM action, or `action`, on `resource` (DeleteObjects checks each
   * key, as `s3:DeleteObjectVersion` for a version).
   */
  authorize(resource: string, action?: string): void;
}

/** A call on one object of an existing bucket (the object itself may not exist). */
export interface ObjectCall extends BucketCall {
  key: string;
}

/** One S3 operation: its API name, the IAM action that authorizes it, whether it only reads, and its handler. */
export interface S3Operation<Call> {
  /** The S3 API name, such as `PutObjectAcl`. */
  name: string;
  /** The IAM action a policy must allow, such as `s3:PutObjectAcl`. */
  action: string;
  /** True when the operation never changes the sandbox, so it need not be saved afterwards. */
  readOnly: boolean;
  /** Serves the operation; an operation without one answers `NotImplemented` and never touches data. */
  run?: (call: Call) => Response | Promise<Response>;
  /** The IAM action instead of `action` when the request names a version (`?versionId=`): `s3:GetObjectVersion`, … */
  versionAction?: string;
  /** The action's own condition keys, from the request (ListObjects' `s3:prefix`, ...). */
  conditionKeys?: (url: URL) => RequestContext;
  /** The handler authorizes each object it touches (DeleteObjects, PostObject) instead of the bucket once. */
  authorizesEachKey?: boolean;
}

/** The operations on one resource with one subresource, by HTTP method. */
export type S3Methods<Call> = Partial<Record<'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE', S3Operation<Call>>>;

type Extras<Call> = Pick<S3Operation<Call>, 'conditionKeys' | 'authorizesEachKey' | 'versionAction'>;

/** An operation that only reads. */
export function reads<Call>(
  name: string,
  action: string,
  run?: S3Operation<Call>['run'],
  extras: Extras<Call> = {},
): S3Operation<Call> {
  return { name, action, readOnly: true, run, ...extras };
}

/** An operation that may change the sandbox. */
export function writes<Call>(
  name: string,
  action: string,
  run?: S3Operation<Call>['run'],
  extras: Extras<Call> = {},
): S3Operation<Call> {
  return { name, action, readOnly: false, run, ...extras };
}
