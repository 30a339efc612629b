/**
 * ACLs under S3 Object Ownership's default, bucket owner enforced (every new bucket since April 2023): reading an ACL
 * answers the owner's FULL_CONTROL grant; setting one is accepted only when it grants the bucket owner full control
 * and no one else anything, and otherwise answers `AccessControlListNotSupported`, as S3 does.
 */
import { AwsError } from '../aws-error';
import type { ServiceRequest } from '../endpoint';
import type { Bucket } from '../state';
import { renderXmlChildren } from '../xml';
import type { BucketCall, ObjectCall } from './s3-operation';
import { requireObject } from './s3-require-object';
import { ownerId, s3Owner } from './s3-owner';
import { emptyResponse, parseXmlBody, s3Namespace, xmlDocumentResponse } from './s3-xml';

/** The one canned ACL a bucket owner enforced bucket accepts. */
const ownerFullControl = 'bucket-owner-full-control';
const grantHeaders = ['read', 'write', 'read-acp', 'write-acp', 'full-control'].map((name) => `x-amz-grant-${name}`);

function aclsNotSupported(): AwsError {
  return new AwsError('AccessControlListNotSupported', 'The bucket does not allow ACLs', 400);
}

function malformedAcl(): AwsError {
  return new AwsError(
    'MalformedACLError',
    'The ACL that you provided was not well formed or did not validate against our published schema',
    400,
  );
}

/** The grantees a grant header lists (`id="…", uri="…"`), as `type=value` pairs without quotes. */
function granteesOf(header: string): string[] {
  return header
    .split(',')
    .map((grantee) => grantee.trim().replace(/"/g, ''))
    .filter((grantee) => grantee !== '');
}

/** True when an ACL document grants the owner FULL_CONTROL and no one else anything. */
function grantsOnlyOwner(body: Uint8Array, owner: string): boolean {
  const policy = parseXmlBody(body).AccessControlPolicy as { AccessControlList?: { Grant?: unknown[] } } | undefined;
  if (!policy || typeof policy !== 'object') throw malformedAcl();
  const grants = (policy.AccessControlList?.Grant ?? []) as { Grantee?: { ID?: string }; Permission?: string }[];
  return grants.every((grant) => grant.Grantee?.ID === owner && grant.Permission === 'FULL_CONTROL');
}

/**
 * Refuses an ACL a request sets (the `x-amz-acl` header, `x-amz-grant-*` headers, or, for PutObjectAcl and
 * PutBucketAcl, an ACL document) unless it is the bucket owner's full control, which changes nothing.
 */
export function refuseAcls(input: ServiceRequest, bucket: Bucket, acceptsBody = false): void {
  const headers = input.request.headers;
  const canned = headers.get('x-amz-acl');
  const grants = grantHeaders.filter((name) => headers.has(name));
  if (canned !== null && grants.length > 0)
    throw new AwsError('InvalidRequest', 'Specifying both Canned ACLs and Header Grants is not allowed', 400);
  if (canned !== null && canned !== ownerFullControl) throw aclsNotSupported();
  const owner = ownerId(bucket.accountId);
  const ownerOnly = (name: string) =>
    name === 'x-amz-grant-full-control' && granteesOf(headers.get(name)!).every((g) => g === `id=${owner}`);
  if (!grants.every(ownerOnly)) throw aclsNotSupported();
  if (acceptsBody && input.body.length > 0 && !grantsOnlyOwner(input.body, owner)) throw aclsNotSupported();
}

/** How S3 types a grantee that is an account: an attribute, the one attribute in any S3 document. */
const canonicalUserType = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"';

/** The ACL S3 answers for anything in a bucket owner enforced bucket: the bucket owner's FULL_CONTROL. */
function ownerAclResponse(call: BucketCall): Response {
  const owner = renderXmlChildren(s3Owner(call.bucket.accountId), 'member');
  const grantee = `<Grantee ${canonicalUserType}>${owner}</Grantee>`;
  return xmlDocumentResponse(
    `<?xml version="1.0" encoding="UTF-8"?>\n<AccessControlPolicy xmlns="${s3Namespace}"><Owner>${owner}</Owner>` +
      `<AccessControlList><Grant>${grantee}<Permission>FULL_CONTROL</Permission></Grant></AccessControlList>` +
      '</AccessControlPolicy>',
    call.ctx,
  );
}

/** GetBucketAcl. */
export function getBucketAcl(call: BucketCall): Response {
  return ownerAclResponse(call);
}

/** PutBucketAcl: accepted only as the owner's full control, which changes nothing. */
export function putBucketAcl({ input, ctx, bucket }: BucketCall): Response {
  refuseAcls(input, bucket, true);
  return emptyResponse(ctx, 200);
}

/** GetObjectAcl, for an object that exists. */
export function getObjectAcl(call: ObjectCall): Response {
  requireObject(call);
  return ownerAclResponse(call);
}

/** PutObjectAcl, for an object that exists: accepted only as the owner's full control, which changes nothing. */
export function putObjectAcl(call: ObjectCall): Response {
  requireObject(call);
  refuseAcls(call.input, call.bucket, true);
  return emptyResponse(call.ctx, 200);
}
