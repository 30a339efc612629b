import { XMLParser } from 'fast-xml-parser';
import { evaluate } from '../../iam-policy/evaluate';
import { parsePolicy, type NormalisedPolicy } from '../../iam-policy/parse';
import { AwsError } from '../aws-error';
import type { RequestContext } from '../../iam-policy/request-context';
import { policiesOfCaller } from '../authorize';
import { base64ToBytes, bytesToBase64 } from '../base64';
import type { Caller, ServiceContext } from '../context';
import type { AuthDialect, ServiceEndpoint, ServiceRequest } from '../endpoint';
import { s3HostId } from '../ids';
import { rootArn } from '../principals';
import { checksumAlgorithms, computeChecksum, wellFormedChecksum } from '../checksums';
import { md5Hex } from '../md5';
import { isSandboxRegion } from '../regions';
import type { Bucket, PublicAccessBlock, S3Object } from '../state';
import { escapeXml, flattened, renderXmlDocument, type XmlValue } from '../xml';
import { nameRecord } from '../../lib/name-record';

const namespace = 'http://s3.amazonaws.com/doc/2006-03-01/';
const xmlParser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'Object',
});

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

/** The subresource a bucket or object request names (`?policy`, `?location`, `?list-type=2`, ...). */
function subresource(url: URL): string | undefined {
  const known = [
    'policy',
    'policyStatus',
    'publicAccessBlock',
    'location',
    'delete',
    'tagging',
    'acl',
    'versioning',
    'uploads',
    'uploadId',
    'cors',
    'website',
    'encryption',
    'ownershipControls',
    'lifecycle',
    'versions',
  ];
  return known.find((name) => url.searchParams.has(name));
}

function bucketArn(name: string, key?: string): string {
  return key === undefined ? `arn:aws:s3:::${name}` : `arn:aws:s3:::${name}/${key}`;
}

function validBucketName(name: string): boolean {
  return (
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) &&
    !/\.\./.test(name) &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(name) &&
    !name.startsWith('xn--') &&
    !name.endsWith('-s3alias')
  );
}

function isPublicPrincipal(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal && typeof principal === 'object' && 'AWS' in principal) {
    const aws = (principal as { AWS: unknown }).AWS;
    return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
  }
  return false;
}

function principalNames(principal: unknown): string[] {
  if (principal === '*') return ['*'];
  if (principal && typeof principal === 'object' && 'AWS' in principal) {
    const aws = (principal as { AWS: unknown }).AWS;
    return (Array.isArray(aws) ? aws : [aws]).filter((v): v is string => typeof v === 'string');
  }
  return [];
}

function principalMatches(principal: unknown, caller: Caller | null): boolean {
  const names = principalNames(principal);
  if (names.includes('*')) return true;
  if (!caller) return false;
  return names.some((name) => name === caller.arn || name === caller.accountId || name === rootArn(caller.accountId));
}

function bucketPolicyFor(bucket: Bucket, caller: Caller | null): NormalisedPolicy | null {
  if (!bucket.policy) return null;
  const parsed = parsePolicy(bucket.policy, 'resource');
  if (!('policy' in parsed)) return null;
  const restrict = bucket.publicAccessBlock?.RestrictPublicBuckets ?? false;
  const statements = parsed.policy.statements.filter(
    (s) =>
      principalMatches(s.principal, caller) &&
      !(restrict && s.effect === 'Allow' && isPublicPrincipal(s.principal) && caller?.accountId !== bucket.accountId),
  );
  return { ...parsed.policy, statements };
}

/** True when the bucket policy grants anyone on the internet something. */
export function bucketPolicyIsPublic(policyText: string | null): boolean {
  if (!policyText) return false;
  const parsed = parsePolicy(policyText, 'resource');
  return (
    'policy' in parsed &&
    parsed.policy.statements.some(
      (s) => s.effect === 'Allow' && isPublicPrincipal(s.principal) && Object.keys(s.condition).length === 0,
    )
  );
}

/**
 * S3's decision for a request: the caller's identity policies and the bucket policy together, as AWS combines
 * them (an explicit Deny anywhere wins; the bucket owner's principals need either to allow; anyone else needs the
 * bucket policy, and an anonymous caller only a public one). `serviceKeys` are the action's own condition keys.
 */
function authorizeS3(
  ctx: ServiceContext,
  action: string,
  resource: string,
  bucket: Bucket | undefined,
  serviceKeys: RequestContext = {},
): void {
  const caller = ctx.caller;
  const request = { action, resource, context: { ...ctx.conditionKeys, ...serviceKeys } };
  const policies = caller === null ? [] : policiesOfCaller(ctx.state.accounts[caller.accountId]!, caller);
  const identity =
    caller === null ? 'implicit-deny' : policies === null ? 'allow' : evaluate(policies, request).decision;
  const policy = bucket ? bucketPolicyFor(bucket, caller) : null;
  const resourceDecision = policy ? evaluate([policy], request).decision : 'implicit-deny';
  const sameAccount = caller !== null && (bucket === undefined || bucket.accountId === caller.accountId);
  const allowed =
    identity !== 'explicit-deny' &&
    resourceDecision !== 'explicit-deny' &&
    (sameAccount
      ? identity === 'allow' || resourceDecision === 'allow'
      : resourceDecision === 'allow' && (caller === null || identity === 'allow'));
  if (allowed) return;
  if (caller === null) throw new AwsError('AccessDenied', 'Access Denied', 403);
  const explicit = identity === 'explicit-deny' || resourceDecision === 'explicit-deny';
  const because = explicit
    ? `with an explicit deny in ${identity === 'explicit-deny' ? 'an identity-based' : 'a resource-based'} policy`
    : `because no ${sameAccount ? 'identity-based' : 'resource-based'} policy allows the ${action} action`;
  throw new AwsError(
    'AccessDenied',
    `User: ${caller.arn} is not authorized to perform: ${action} on resource: "${resource}" ${because}`,
    403,
  );
}

/** ListObjects' condition keys: `s3:prefix`, `s3:delimiter` and `s3:max-keys`, each when the request sends it. */
function listBucketKeys(url: URL): RequestContext {
  const parameters = { 's3:prefix': 'prefix', 's3:delimiter': 'delimiter', 's3:max-keys': 'max-keys' };
  return Object.fromEntries(
    Object.entries(parameters).flatMap(([key, name]) => {
      const value = url.searchParams.get(name);
      return value === null ? [] : [[key, value]];
    }),
  );
}

function requireBucket(ctx: ServiceContext, name: string): Bucket {
  const bucket = Object.hasOwn(ctx.state.buckets, name) ? ctx.state.buckets[name] : undefined;
  if (!bucket) throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: name });
  return bucket;
}

/** A bucket lives in one region; a request signed for another is redirected there, as S3 does. */
function checkBucketRegion(ctx: ServiceContext, bucket: Bucket, input: ServiceRequest): void {
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

function parseXmlBody(body: Uint8Array): Record<string, unknown> {
  const text = new TextDecoder().decode(body).trim();
  if (text === '') return {};
  try {
    const parsed = xmlParser.parse(text, true);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    throw new AwsError(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
      400,
    );
  }
}

/** The flexible checksum an upload carries, in a header or an aws-chunked trailer, checked against the bytes. */
async function readChecksum(
  request: Request,
  trailers: Record<string, string>,
  bytes: Uint8Array,
): Promise<S3Object['checksum']> {
  for (const algorithm of checksumAlgorithms) {
    const name = `x-amz-checksum-${algorithm}`;
    const value = request.headers.get(name) ?? trailers[name];
    if (value === undefined) continue;
    const upper = algorithm.toUpperCase();
    if (!wellFormedChecksum(algorithm, value))
      throw new AwsError('InvalidRequest', `Value for ${name} header is invalid.`, 400);
    const computed = await computeChecksum(algorithm, bytes);
    if (computed !== null && computed !== value)
      throw new AwsError('BadDigest', `The ${upper} you specified did not match the calculated checksum.`, 400);
    return { algorithm: upper, value };
  }
  return undefined;
}

function xmlResponse(
  root: string,
  body: XmlValue,
  ctx: ServiceContext,
  status = 200,
  extraHeaders: Record<string, string> = {},
): Response {
  return new Response(renderXmlDocument(root, namespace, body, 'member'), {
    status,
    headers: {
      'content-type': 'application/xml',
      'x-amz-request-id': ctx.requestId,
      'x-amz-id-2': s3HostId(),
      ...extraHeaders,
    },
  });
}

function emptyResponse(ctx: ServiceContext, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(null, {
    status,
    headers: { 'x-amz-request-id': ctx.requestId, 'x-amz-id-2': s3HostId(), ...headers },
  });
}

const httpDate = (text: string) => new Date(text).toUTCString();

function readPublicAccessBlock(body: Uint8Array): PublicAccessBlock {
  const parsed = parseXmlBody(body).PublicAccessBlockConfiguration as Record<string, string> | undefined;
  if (!parsed || typeof parsed !== 'object')
    throw new AwsError(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
      400,
    );
  const flag = (name: keyof PublicAccessBlock) => String(parsed[name] ?? 'false').toLowerCase() === 'true';
  return {
    BlockPublicAcls: flag('BlockPublicAcls'),
    IgnorePublicAcls: flag('IgnorePublicAcls'),
    BlockPublicPolicy: flag('BlockPublicPolicy'),
    RestrictPublicBuckets: flag('RestrictPublicBuckets'),
  };
}

function listObjects(bucket: Bucket, url: URL, ctx: ServiceContext): Response {
  const q = url.searchParams;
  const v2 = q.get('list-type') === '2';
  const prefix = q.get('prefix') ?? '';
  const delimiter = q.get('delimiter') ?? '';
  const maxKeysText = q.get('max-keys');
  const maxKeys = maxKeysText === null ? 1000 : Number(maxKeysText);
  if (!Number.isInteger(maxKeys) || maxKeys < 0)
    throw new AwsError('InvalidArgument', 'Provided max-keys not an integer or within integer range', 400, {
      ArgumentName: 'max-keys',
      ArgumentValue: maxKeysText ?? '',
    });
  const urlEncoded = q.get('encoding-type') === 'url';
  if (q.has('encoding-type') && !urlEncoded)
    throw new AwsError('InvalidArgument', 'Invalid Encoding Method specified in Request', 400, {
      ArgumentName: 'encoding-type',
    });
  const encode = (text: string) => (urlEncoded ? encodeURIComponent(text).replace(/%2F/g, '/') : text);
  let after = '';
  const continuation = q.get('continuation-token');
  if (v2 && continuation !== null) {
    try {
      after = decodeURIComponent(escape(atob(continuation)));
    } catch {
      throw new AwsError('InvalidArgument', 'The continuation token provided is incorrect', 400, {
        ArgumentName: 'continuation-token',
      });
    }
  } else if (v2) after = q.get('start-after') ?? '';
  else after = q.get('marker') ?? '';

  const keys = Object.keys(bucket.objects)
    .filter((k) => k.startsWith(prefix) && k > after)
    .sort();
  const contents: S3Object[] = [];
  const prefixes: string[] = [];
  let truncated = false;
  let lastReturned = '';
  for (const key of keys) {
    let commonPrefix: string | undefined;
    if (delimiter) {
      const at = key.indexOf(delimiter, prefix.length);
      if (at !== -1) commonPrefix = key.slice(0, at + delimiter.length);
    }
    if (commonPrefix !== undefined && prefixes.includes(commonPrefix)) continue;
    if (commonPrefix !== undefined && commonPrefix <= after) continue;
    if (contents.length + prefixes.length >= maxKeys) {
      truncated = true;
      break;
    }
    if (commonPrefix !== undefined) {
      prefixes.push(commonPrefix);
      lastReturned = commonPrefix;
    } else {
      contents.push(bucket.objects[key]!);
      lastReturned = key;
    }
  }
  // A common prefix stands for every key under it: continue after the last of them.
  const resumeAfter = prefixes.includes(lastReturned) ? `${lastReturned}\u{10FFFF}` : lastReturned;
  // One owner for every object of the bucket: hash it once, not per listed key.
  const owner = v2 ? undefined : { ID: ownerId(bucket.accountId), DisplayName: 'sandbox' };
  const renderedContents = contents.map((o) => ({
    Key: encode(o.key),
    LastModified: o.lastModified,
    ETag: `"${o.etag}"`,
    Owner: owner,
    Size: o.size,
    StorageClass: 'STANDARD',
    ChecksumAlgorithm: o.checksum ? o.checksum.algorithm : undefined,
    ChecksumType: o.checksum ? 'FULL_OBJECT' : undefined,
  }));
  const body: Record<string, XmlValue> = v2
    ? {
        Name: bucket.name,
        Prefix: encode(prefix),
        KeyCount: contents.length + prefixes.length,
        MaxKeys: maxKeys,
        Delimiter: delimiter ? encode(delimiter) : undefined,
        IsTruncated: truncated,
        ContinuationToken: continuation ?? undefined,
        NextContinuationToken: truncated ? btoa(unescape(encodeURIComponent(resumeAfter))) : undefined,
        StartAfter: q.get('start-after') !== null ? encode(q.get('start-after')!) : undefined,
        EncodingType: urlEncoded ? 'url' : undefined,
        Contents: flattened(renderedContents),
        CommonPrefixes: flattened(prefixes.map((p) => ({ Prefix: encode(p) }))),
      }
    : {
        Name: bucket.name,
        Prefix: encode(prefix),
        Marker: encode(q.get('marker') ?? ''),
        NextMarker: truncated && delimiter ? encode(lastReturned) : undefined,
        MaxKeys: maxKeys,
        Delimiter: delimiter ? encode(delimiter) : undefined,
        IsTruncated: truncated,
        EncodingType: urlEncoded ? 'url' : undefined,
        Contents: flattened(renderedContents),
        CommonPrefixes: flattened(prefixes.map((p) => ({ Prefix: encode(p) }))),
      };
  return xmlResponse('ListBucketResult', body, ctx);
}

/** A stable canonical user id for an account, as S3 reports owners. */
function ownerId(accountId: string): string {
  return md5Hex(new TextEncoder().encode(`sandbox-owner-${accountId}`)).repeat(2);
}

function objectHeaders(object: S3Object): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': object.contentType,
    etag: `"${object.etag}"`,
    'last-modified': httpDate(object.lastModified),
    'accept-ranges': 'bytes',
  };
  for (const [name, value] of Object.entries(object.metadata)) headers[`x-amz-meta-${name}`] = value;
  return headers;
}

function parseRange(header: string, size: number): { start: number; end: number } | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Math.min(Number(match[2]), size);
    return { start: size - suffix, end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start <= end ? { start, end } : null;
}

async function putObject(input: ServiceRequest, ctx: ServiceContext, bucket: Bucket, key: string): Promise<Response> {
  if (key.length > 1024) throw new AwsError('KeyTooLongError', 'Your key is too long', 400);
  if (input.request.headers.has('x-amz-copy-source')) {
    throw new AwsError(
      'NotImplemented',
      'The sandbox does not copy objects between keys; upload the file again instead.',
      501,
    );
  }
  const bytes = input.body;
  const checksum = await readChecksum(input.request, input.trailers ?? {}, bytes);
  const contentMd5 = input.request.headers.get('content-md5');
  const etag = md5Hex(bytes);
  if (contentMd5 !== null) {
    let sent: string;
    try {
      sent = [...base64ToBytes(contentMd5)].map((b) => b.toString(16).padStart(2, '0')).join('');
    } catch {
      throw new AwsError('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400);
    }
    if (sent !== etag)
      throw new AwsError('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400);
  }
  const metadata = nameRecord<string>();
  input.request.headers.forEach((value, name) => {
    if (name.startsWith('x-amz-meta-')) metadata[name.slice('x-amz-meta-'.length)] = value;
  });
  bucket.objects[key] = {
    key,
    body: bytesToBase64(bytes),
    contentType: input.request.headers.get('content-type') ?? 'binary/octet-stream',
    etag,
    lastModified: ctx.now.toISOString(),
    size: bytes.length,
    metadata,
    checksum,
  };
  const echoed: Record<string, string> = checksum
    ? { [`x-amz-checksum-${checksum.algorithm.toLowerCase()}`]: checksum.value }
    : {};
  return emptyResponse(ctx, 200, { etag: `"${etag}"`, ...echoed });
}

function createBucket(input: ServiceRequest, ctx: ServiceContext, name: string): Response {
  if (!validBucketName(name))
    throw new AwsError('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: name });
  const config = parseXmlBody(input.body).CreateBucketConfiguration as Record<string, unknown> | undefined;
  const constraint = typeof config?.LocationConstraint === 'string' ? config.LocationConstraint : undefined;
  if (constraint === 'us-east-1')
    throw new AwsError('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, {
      LocationConstraint: constraint,
    });
  if (constraint !== undefined && !isSandboxRegion(constraint))
    throw new AwsError('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, {
      LocationConstraint: constraint,
    });
  if ((constraint ?? 'us-east-1') !== ctx.region) {
    throw new AwsError(
      'IllegalLocationConstraintException',
      `The ${constraint ?? 'unspecified'} location constraint is incompatible for the region specific endpoint this ` +
        `request was sent to.`,
      400,
    );
  }
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
    region: ctx.region,
    creationDate: ctx.now.toISOString(),
    // New buckets have Block Public Access on, as on AWS since April 2023.
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
  return emptyResponse(ctx, 200, { location: `/${name}` });
}

function deleteObjects(input: ServiceRequest, ctx: ServiceContext, bucket: Bucket): Response {
  const parsed = parseXmlBody(input.body).Delete as { Object?: { Key?: string }[]; Quiet?: string } | undefined;
  const objects = parsed?.Object ?? [];
  if (!parsed || objects.length === 0 || objects.length > 1000) {
    throw new AwsError(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
      400,
    );
  }
  const deleted: XmlValue[] = [];
  const errors: XmlValue[] = [];
  for (const object of objects) {
    const key = String(object.Key ?? '');
    try {
      authorizeS3(ctx, 's3:DeleteObject', bucketArn(bucket.name, key), bucket);
      delete bucket.objects[key];
      deleted.push({ Key: key });
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      errors.push({ Key: key, Code: error.code, Message: error.message });
    }
  }
  const quiet = String(parsed.Quiet ?? 'false') === 'true';
  return xmlResponse('DeleteResult', { Deleted: flattened(quiet ? [] : deleted), Error: flattened(errors) }, ctx);
}

/** Serves one S3 REST request. */
async function serveS3(input: ServiceRequest, ctx: ServiceContext): Promise<Response> {
  const { request, url } = input;
  const method = request.method.toUpperCase();
  const { bucket: bucketName, key } = locate(input);
  const sub = subresource(url);
  if (sub === 'uploads' || sub === 'uploadId') {
    throw new AwsError(
      'NotImplemented',
      'The sandbox does not support multipart uploads; upload files under 8 MB, or set multipart_threshold higher.',
      501,
    );
  }

  if (bucketName === undefined) {
    if (method !== 'GET')
      throw new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405);
    authorizeS3(ctx, 's3:ListAllMyBuckets', '*', undefined);
    const own = Object.values(ctx.state.buckets)
      .filter((b) => b.accountId === ctx.account.accountId)
      .sort((a, b) => a.name.localeCompare(b.name));
    return renderBucketList(own, ctx);
  }

  if (key === undefined && method === 'PUT' && sub === undefined) {
    authorizeS3(ctx, 's3:CreateBucket', bucketArn(bucketName), undefined);
    return createBucket(input, ctx, bucketName);
  }

  const bucket = requireBucket(ctx, bucketName);
  checkBucketRegion(ctx, bucket, input);

  if (key === undefined) {
    switch (`${method} ${sub ?? ''}`) {
      case 'HEAD ':
        authorizeS3(ctx, 's3:ListBucket', bucketArn(bucket.name), bucket);
        return emptyResponse(ctx, 200, { 'x-amz-bucket-region': bucket.region });
      case 'GET ':
        authorizeS3(ctx, 's3:ListBucket', bucketArn(bucket.name), bucket, listBucketKeys(url));
        return listObjects(bucket, url, ctx);
      case 'DELETE ':
        authorizeS3(ctx, 's3:DeleteBucket', bucketArn(bucket.name), bucket);
        if (Object.keys(bucket.objects).length > 0)
          throw new AwsError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, {
            BucketName: bucket.name,
          });
        delete ctx.state.buckets[bucket.name];
        return emptyResponse(ctx, 204);
      case 'GET location':
        authorizeS3(ctx, 's3:GetBucketLocation', bucketArn(bucket.name), bucket);
        return new Response(
          `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint ` +
            `xmlns="${namespace}">${bucket.region === 'us-east-1' ? '' : escapeXml(bucket.region)}</LocationConstraint>`,
          { headers: { 'content-type': 'application/xml', 'x-amz-request-id': ctx.requestId } },
        );
      case 'GET policy':
        authorizeS3(ctx, 's3:GetBucketPolicy', bucketArn(bucket.name), bucket);
        if (!bucket.policy)
          throw new AwsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404, {
            BucketName: bucket.name,
          });
        return new Response(bucket.policy, {
          headers: { 'content-type': 'application/json', 'x-amz-request-id': ctx.requestId },
        });
      case 'PUT policy': {
        authorizeS3(ctx, 's3:PutBucketPolicy', bucketArn(bucket.name), bucket);
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
      case 'DELETE policy':
        authorizeS3(ctx, 's3:DeleteBucketPolicy', bucketArn(bucket.name), bucket);
        bucket.policy = null;
        return emptyResponse(ctx, 204);
      case 'GET policyStatus':
        authorizeS3(ctx, 's3:GetBucketPolicyStatus', bucketArn(bucket.name), bucket);
        if (!bucket.policy)
          throw new AwsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404, {
            BucketName: bucket.name,
          });
        return xmlResponse('PolicyStatus', { IsPublic: bucketPolicyIsPublic(bucket.policy) }, ctx);
      case 'GET publicAccessBlock':
        authorizeS3(ctx, 's3:GetBucketPublicAccessBlock', bucketArn(bucket.name), bucket);
        if (!bucket.publicAccessBlock) {
          throw new AwsError(
            'NoSuchPublicAccessBlockConfiguration',
            'The public access block configuration was not found',
            404,
            { BucketName: bucket.name },
          );
        }
        return xmlResponse('PublicAccessBlockConfiguration', { ...bucket.publicAccessBlock }, ctx);
      case 'PUT publicAccessBlock':
        authorizeS3(ctx, 's3:PutBucketPublicAccessBlock', bucketArn(bucket.name), bucket);
        bucket.publicAccessBlock = readPublicAccessBlock(input.body);
        return emptyResponse(ctx, 200);
      case 'DELETE publicAccessBlock':
        authorizeS3(ctx, 's3:PutBucketPublicAccessBlock', bucketArn(bucket.name), bucket);
        bucket.publicAccessBlock = null;
        return emptyResponse(ctx, 204);
      case 'POST delete':
        return deleteObjects(input, ctx, bucket);
      case 'GET versioning':
        authorizeS3(ctx, 's3:GetBucketVersioning', bucketArn(bucket.name), bucket);
        return xmlResponse('VersioningConfiguration', {}, ctx);
      case 'GET acl':
        authorizeS3(ctx, 's3:GetBucketAcl', bucketArn(bucket.name), bucket);
        return xmlResponse(
          'AccessControlPolicy',
          {
            Owner: { ID: ownerId(bucket.accountId) },
            AccessControlList: flattened([]),
          },
          ctx,
        );
      default:
        throw new AwsError(
          'NotImplemented',
          `The sandbox does not implement ${method} on a bucket${sub ? ` with ?${sub}` : ''}.`,
          501,
        );
    }
  }

  const objectArn = bucketArn(bucket.name, key);
  switch (method) {
    case 'PUT':
      authorizeS3(ctx, 's3:PutObject', objectArn, bucket);
      return putObject(input, ctx, bucket, key);
    case 'GET':
    case 'HEAD': {
      authorizeS3(ctx, 's3:GetObject', objectArn, bucket);
      const object = Object.hasOwn(bucket.objects, key) ? bucket.objects[key] : undefined;
      if (!object) {
        // Without s3:ListBucket, S3 will not say whether the key exists.
        try {
          authorizeS3(ctx, 's3:ListBucket', bucketArn(bucket.name), bucket);
        } catch {
          throw new AwsError('AccessDenied', 'Access Denied', 403);
        }
        throw new AwsError('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
      }
      const bytes = base64ToBytes(object.body);
      const headers: Record<string, string> = {
        ...objectHeaders(object),
        'x-amz-request-id': ctx.requestId,
        'x-amz-id-2': s3HostId(),
      };
      // A checksum covers the whole object, so S3 leaves it off ranged answers.
      if (
        object.checksum &&
        !request.headers.has('range') &&
        request.headers.get('x-amz-checksum-mode')?.toUpperCase() === 'ENABLED'
      ) {
        headers[`x-amz-checksum-${object.checksum.algorithm.toLowerCase()}`] = object.checksum.value;
      }
      const override = (name: string, header: string) => {
        const value = url.searchParams.get(name);
        if (value !== null) headers[header] = value;
      };
      override('response-content-type', 'content-type');
      override('response-content-disposition', 'content-disposition');
      override('response-cache-control', 'cache-control');
      const rangeHeader = request.headers.get('range');
      const range = rangeHeader ? parseRange(rangeHeader, bytes.length) : null;
      if (rangeHeader && !range && bytes.length > 0) {
        throw new AwsError('InvalidRange', 'The requested range is not satisfiable', 416, {
          RangeRequested: rangeHeader,
          ActualObjectSize: String(bytes.length),
        });
      }
      if (range) {
        const slice = bytes.slice(range.start, range.end + 1);
        return new Response(method === 'HEAD' ? null : slice, {
          status: 206,
          headers: {
            ...headers,
            'content-length': String(slice.length),
            'content-range': `bytes ${range.start}-${range.end}/${bytes.length}`,
          },
        });
      }
      return new Response(method === 'HEAD' ? null : bytes, {
        status: 200,
        headers: { ...headers, 'content-length': String(bytes.length) },
      });
    }
    case 'DELETE':
      authorizeS3(ctx, 's3:DeleteObject', objectArn, bucket);
      delete bucket.objects[key];
      return emptyResponse(ctx, 204);
    default:
      throw new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405);
  }
}

function renderBucketList(buckets: Bucket[], ctx: ServiceContext): Response {
  return xmlResponse(
    'ListAllMyBucketsResult',
    {
      Owner: { ID: ownerId(ctx.account.accountId), DisplayName: 'sandbox' },
      Buckets: flattened([
        {
          Bucket: flattened(
            buckets.map((b) => ({ Name: b.name, CreationDate: b.creationDate, BucketRegion: b.region })),
          ),
        },
      ]),
    },
    ctx,
  );
}

function renderS3Error(error: AwsError, requestId: string, input: ServiceRequest): Response {
  const headers: Record<string, string> = { 'x-amz-request-id': requestId, 'x-amz-id-2': s3HostId() };
  const details = { ...error.details };
  if (details['x-amz-bucket-region']) {
    headers['x-amz-bucket-region'] = details['x-amz-bucket-region'];
    delete details['x-amz-bucket-region'];
  }
  if (input.request.method.toUpperCase() === 'HEAD') return new Response(null, { status: error.status, headers });
  const body = renderXmlDocument(
    'Error',
    null,
    { Code: error.code, Message: error.message, ...details, RequestId: requestId, HostId: headers['x-amz-id-2'] },
    'member',
  );
  return new Response(body, { status: error.status, headers: { ...headers, 'content-type': 'application/xml' } });
}

/** The bytes of an object, for services that read S3 (Rekognition). */
export function readObjectBytes(ctx: ServiceContext, bucketName: string, key: string): Uint8Array | null {
  const object = ctx.state.buckets[bucketName]?.objects[key];
  return object ? base64ToBytes(object.body) : null;
}

export const s3Endpoint: ServiceEndpoint = {
  signingName: 's3',
  auth: s3AuthDialect,
  serve: serveS3,
  renderError: renderS3Error,
  isReadOnly: ({ request }) => ['GET', 'HEAD'].includes(request.method.toUpperCase()),
};
