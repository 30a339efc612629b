/**
 * Every S3 operation a CLI user can send, in one table: by what the request names (the account, a bucket to create,
 * a bucket, an object), then by subresource (`?acl`, `?tagging`, …; '' for none), then by HTTP method. Each entry
 * gives the S3 API name, the IAM action that authorizes it, whether it only reads, and its handler; one without a
 * handler answers `NotImplemented`. The subresources a request can name are this table's keys and nothing else.
 */
import { getBucketAccelerateConfiguration, putBucketAccelerateConfiguration } from './s3-accelerate';
import { getBucketAcl, getObjectAcl, putBucketAcl, putObjectAcl } from './s3-acl';
import { deleteBucketPolicy, getBucketPolicy, getBucketPolicyStatus, putBucketPolicy } from './s3-bucket-policy';
import {
  createBucket,
  deleteBucket,
  getBucketLocation,
  getBucketOwnershipControls,
  headBucket,
  listBuckets,
} from './s3-buckets';
import { deleteBucketCors, getBucketCors, putBucketCors } from './s3-cors';
import { deleteBucketEncryption, getBucketEncryption, putBucketEncryption } from './s3-encryption';
import {
  deleteBucketInventoryConfiguration,
  getBucketInventoryConfiguration,
  putBucketInventoryConfiguration,
} from './s3-inventory';
import { listBucketKeys, listObjects } from './s3-list';
import { listObjectVersions } from './s3-list-versions';
import {
  abortMultipartUpload,
  completeMultipartUpload,
  createMultipartUpload,
  listMultipartUploads,
  listParts,
  uploadPart,
} from './s3-multipart';
import { getBucketNotificationConfiguration, putBucketNotificationConfiguration } from './s3-notification';
import { deleteObject, deleteObjects, getObject, putObject } from './s3-objects';
import type { AccountCall, BucketCall, NewBucketCall, ObjectCall, S3Methods, S3Operation } from './s3-operation';
import { reads, writes } from './s3-operation';
import { deletePublicAccessBlock, getPublicAccessBlock, putPublicAccessBlock } from './s3-public-access-block';
import {
  deleteBucketTagging,
  deleteObjectTagging,
  getBucketTagging,
  getObjectTagging,
  putBucketTagging,
  putObjectTagging,
} from './s3-tagging';
import { postObject } from './s3-post';
import { restoreObject } from './s3-restore';
import { getBucketVersioning, putBucketVersioning } from './s3-versions';
import { deleteBucketWebsite, getBucketWebsite, putBucketWebsite } from './s3-website';

/** A bucket configuration the sandbox does not keep: its Get, Put and (when S3 has one) Delete operation. */
function configuration(
  name: string,
  actions: { get: string; put: string; delete?: string },
  deletes = true,
): S3Methods<BucketCall> {
  return {
    GET: reads(`GetBucket${name}`, actions.get),
    PUT: writes(`PutBucket${name}`, actions.put),
    ...(deletes ? { DELETE: writes(`DeleteBucket${name}`, actions.delete ?? actions.put) } : {}),
  };
}

/** ListBuckets, the one operation on the account. */
const accountOperations: S3Methods<AccountCall> = { GET: reads('ListBuckets', 's3:ListAllMyBuckets', listBuckets) };

/** CreateBucket, the one operation on a bucket that need not exist (a bucket request without a subresource). */
const newBucketOperations: S3Methods<NewBucketCall> = { PUT: writes('CreateBucket', 's3:CreateBucket', createBucket) };

const bucketOperations: Record<string, S3Methods<BucketCall>> = {
  '': {
    GET: reads('ListObjects', 's3:ListBucket', listObjects, { conditionKeys: listBucketKeys }),
    HEAD: reads('HeadBucket', 's3:ListBucket', headBucket),
    DELETE: writes('DeleteBucket', 's3:DeleteBucket', deleteBucket),
    // A form upload's caller is the one its policy's signature proves: the handler authorizes the key it stores.
    POST: writes('PostObject', 's3:PutObject', postObject, { authorizesEachKey: true }),
  },
  acl: {
    GET: reads('GetBucketAcl', 's3:GetBucketAcl', getBucketAcl),
    PUT: writes('PutBucketAcl', 's3:PutBucketAcl', putBucketAcl),
  },
  tagging: {
    GET: reads('GetBucketTagging', 's3:GetBucketTagging', getBucketTagging),
    PUT: writes('PutBucketTagging', 's3:PutBucketTagging', putBucketTagging),
    DELETE: writes('DeleteBucketTagging', 's3:PutBucketTagging', deleteBucketTagging),
  },
  versioning: {
    GET: reads('GetBucketVersioning', 's3:GetBucketVersioning', getBucketVersioning),
    PUT: writes('PutBucketVersioning', 's3:PutBucketVersioning', putBucketVersioning),
  },
  versions: {
    GET: reads('ListObjectVersions', 's3:ListBucketVersions', listObjectVersions, { conditionKeys: listBucketKeys }),
  },
  cors: {
    GET: reads('GetBucketCors', 's3:GetBucketCORS', getBucketCors),
    PUT: writes('PutBucketCors', 's3:PutBucketCORS', putBucketCors),
    DELETE: writes('DeleteBucketCors', 's3:PutBucketCORS', deleteBucketCors),
  },
  website: {
    GET: reads('GetBucketWebsite', 's3:GetBucketWebsite', getBucketWebsite),
    PUT: writes('PutBucketWebsite', 's3:PutBucketWebsite', putBucketWebsite),
    DELETE: writes('DeleteBucketWebsite', 's3:DeleteBucketWebsite', deleteBucketWebsite),
  },
  lifecycle: {
    GET: reads('GetBucketLifecycleConfiguration', 's3:GetLifecycleConfiguration'),
    PUT: writes('PutBucketLifecycleConfiguration', 's3:PutLifecycleConfiguration'),
    DELETE: writes('DeleteBucketLifecycle', 's3:PutLifecycleConfiguration'),
  },
  uploads: { GET: reads('ListMultipartUploads', 's3:ListBucketMultipartUploads', listMultipartUploads) },
  policy: {
    GET: reads('GetBucketPolicy', 's3:GetBucketPolicy', getBucketPolicy),
    PUT: writes('PutBucketPolicy', 's3:PutBucketPolicy', putBucketPolicy),
    DELETE: writes('DeleteBucketPolicy', 's3:DeleteBucketPolicy', deleteBucketPolicy),
  },
  policyStatus: { GET: reads('GetBucketPolicyStatus', 's3:GetBucketPolicyStatus', getBucketPolicyStatus) },
  publicAccessBlock: {
    GET: reads('GetPublicAccessBlock', 's3:GetBucketPublicAccessBlock', getPublicAccessBlock),
    PUT: writes('PutPublicAccessBlock', 's3:PutBucketPublicAccessBlock', putPublicAccessBlock),
    DELETE: writes('DeletePublicAccessBlock', 's3:PutBucketPublicAccessBlock', deletePublicAccessBlock),
  },
  ownershipControls: {
    GET: reads('GetBucketOwnershipControls', 's3:GetBucketOwnershipControls', getBucketOwnershipControls),
    PUT: writes('PutBucketOwnershipControls', 's3:PutBucketOwnershipControls'),
    DELETE: writes('DeleteBucketOwnershipControls', 's3:PutBucketOwnershipControls'),
  },
  location: { GET: reads('GetBucketLocation', 's3:GetBucketLocation', getBucketLocation) },
  encryption: {
    GET: reads('GetBucketEncryption', 's3:GetEncryptionConfiguration', getBucketEncryption),
    PUT: writes('PutBucketEncryption', 's3:PutEncryptionConfiguration', putBucketEncryption),
    DELETE: writes('DeleteBucketEncryption', 's3:PutEncryptionConfiguration', deleteBucketEncryption),
  },
  logging: configuration('Logging', { get: 's3:GetBucketLogging', put: 's3:PutBucketLogging' }, false),
  notification: {
    GET: reads('GetBucketNotificationConfiguration', 's3:GetBucketNotification', getBucketNotificationConfiguration),
    PUT: writes('PutBucketNotificationConfiguration', 's3:PutBucketNotification', putBucketNotificationConfiguration),
  },
  replication: configuration('Replication', {
    get: 's3:GetReplicationConfiguration',
    put: 's3:PutReplicationConfiguration',
  }),
  requestPayment: configuration(
    'RequestPayment',
    { get: 's3:GetBucketRequestPayment', put: 's3:PutBucketRequestPayment' },
    false,
  ),
  accelerate: {
    GET: reads('GetBucketAccelerateConfiguration', 's3:GetAccelerateConfiguration', getBucketAccelerateConfiguration),
    PUT: writes('PutBucketAccelerateConfiguration', 's3:PutAccelerateConfiguration', putBucketAccelerateConfiguration),
  },
  'object-lock': {
    GET: reads('GetObjectLockConfiguration', 's3:GetBucketObjectLockConfiguration'),
    PUT: writes('PutObjectLockConfiguration', 's3:PutBucketObjectLockConfiguration'),
  },
  'intelligent-tiering': configuration('IntelligentTieringConfiguration', {
    get: 's3:GetIntelligentTieringConfiguration',
    put: 's3:PutIntelligentTieringConfiguration',
  }),
  analytics: configuration('AnalyticsConfiguration', {
    get: 's3:GetAnalyticsConfiguration',
    put: 's3:PutAnalyticsConfiguration',
  }),
  metrics: configuration('MetricsConfiguration', {
    get: 's3:GetMetricsConfiguration',
    put: 's3:PutMetricsConfiguration',
  }),
  // A GET without `&id=` is ListBucketInventoryConfigurations, authorized by the same action.
  inventory: {
    GET: reads('GetBucketInventoryConfiguration', 's3:GetInventoryConfiguration', getBucketInventoryConfiguration),
    PUT: writes('PutBucketInventoryConfiguration', 's3:PutInventoryConfiguration', putBucketInventoryConfiguration),
    DELETE: writes(
      'DeleteBucketInventoryConfiguration',
      's3:PutInventoryConfiguration',
      deleteBucketInventoryConfiguration,
    ),
  },
  delete: { POST: writes('DeleteObjects', 's3:DeleteObject', deleteObjects, { authorizesEachKey: true }) },
};

const objectOperations: Record<string, S3Methods<ObjectCall>> = {
  '': {
    GET: reads('GetObject', 's3:GetObject', getObject, { versionAction: 's3:GetObjectVersion' }),
    HEAD: reads('HeadObject', 's3:GetObject', getObject, { versionAction: 's3:GetObjectVersion' }),
    PUT: writes('PutObject', 's3:PutObject', putObject),
    DELETE: writes('DeleteObject', 's3:DeleteObject', deleteObject, { versionAction: 's3:DeleteObjectVersion' }),
  },
  acl: {
    GET: reads('GetObjectAcl', 's3:GetObjectAcl', getObjectAcl, { versionAction: 's3:GetObjectVersionAcl' }),
    PUT: writes('PutObjectAcl', 's3:PutObjectAcl', putObjectAcl, { versionAction: 's3:PutObjectVersionAcl' }),
  },
  tagging: {
    GET: reads('GetObjectTagging', 's3:GetObjectTagging', getObjectTagging, {
      versionAction: 's3:GetObjectVersionTagging',
    }),
    PUT: writes('PutObjectTagging', 's3:PutObjectTagging', putObjectTagging, {
      versionAction: 's3:PutObjectVersionTagging',
    }),
    DELETE: writes('DeleteObjectTagging', 's3:DeleteObjectTagging', deleteObjectTagging, {
      versionAction: 's3:DeleteObjectVersionTagging',
    }),
  },
  uploads: { POST: writes('CreateMultipartUpload', 's3:PutObject', createMultipartUpload) },
  uploadId: {
    GET: reads('ListParts', 's3:ListMultipartUploadParts', listParts),
    PUT: writes('UploadPart', 's3:PutObject', uploadPart),
    POST: writes('CompleteMultipartUpload', 's3:PutObject', completeMultipartUpload),
    DELETE: writes('AbortMultipartUpload', 's3:AbortMultipartUpload', abortMultipartUpload),
  },
  retention: {
    GET: reads('GetObjectRetention', 's3:GetObjectRetention'),
    PUT: writes('PutObjectRetention', 's3:PutObjectRetention'),
  },
  'legal-hold': {
    GET: reads('GetObjectLegalHold', 's3:GetObjectLegalHold'),
    PUT: writes('PutObjectLegalHold', 's3:PutObjectLegalHold'),
  },
  torrent: { GET: reads('GetObjectTorrent', 's3:GetObjectTorrent') },
  restore: { POST: writes('RestoreObject', 's3:RestoreObject', restoreObject) },
  attributes: { GET: reads('GetObjectAttributes', 's3:GetObjectAttributes') },
  // SelectObjectContent is a POST that only reads.
  select: { POST: reads('SelectObjectContent', 's3:GetObject') },
};

/** The S3 operations table. */
export const s3Operations = {
  account: accountOperations,
  newBucket: newBucketOperations,
  bucket: bucketOperations,
  object: objectOperations,
};

/**
 * The subresource a request names in one part of the table (`?acl`, `?uploadId=…`; '' for none) and the operation
 * for its method, if S3 has one. Any other query parameter (`?prefix=`, `?list-type=2`, `?x-id=`, `response-*`, a
 * presigned URL's `X-Amz-*`) is an operation's own argument, not a subresource.
 */
export function findS3Operation<Call>(
  operations: Record<string, S3Methods<Call>>,
  url: URL,
  method: string,
): { subresource: string; operation: S3Operation<Call> | undefined } {
  const subresource = Object.keys(operations).find((name) => name !== '' && url.searchParams.has(name)) ?? '';
  return { subresource, operation: operationFor(operations[subresource] ?? {}, method) };
}

/** The operation for an HTTP method, if S3 has one. */
export function operationFor<Call>(methods: S3Methods<Call>, method: string): S3Operation<Call> | undefined {
  return Object.hasOwn(methods, method) ? methods[method as keyof S3Methods<Call>] : undefined;
}
