/**
 * POST Object: a browser form upload (what `generate_presigned_post` and `createPresignedPost` prepare). The form
 * carries the key, a base64 policy document (expiration and conditions) and its SigV4 signature; S3 checks the
 * signature, the expiration, that every condition holds and every field is covered by one, then stores the file as
 * PutObject would and answers as `success_action_status` asks (204 by default).
 */
import { authenticatePolicy } from '../authenticate';
import { AwsError } from '../aws-error';
import { base64ToBytes, bytesToBase64 } from '../base64';
import type { Caller } from '../context';
import { md5Hex } from '../md5';
import { nameRecord } from '../../lib/name-record';
import { refuseAcls } from './s3-acl';
import { authorizeS3, bucketArn } from './s3-authorize';
import type { BucketCall } from './s3-operation';
import { s3Endpoint } from './s3';
import { requestedStorageClass } from './s3-storage-class';
import { requestedEncryption } from './s3-encryption';
import { storeObject } from './s3-versions';
import { emptyResponse, xmlResponse } from './s3-xml';
import { s3Time } from './s3-time';

/** The form's fields by lower-case name, and its file. */
interface PostForm {
  fields: Map<string, string>;
  file: { bytes: Uint8Array; name: string } | undefined;
}

/** Fields no policy condition need cover. */
const uncoveredFields = new Set(['policy', 'x-amz-signature', 'file', 'awsaccesskeyid', 'signature']);

function invalidPolicy(why: string): AwsError {
  return new AwsError('AccessDenied', `Invalid according to Policy: ${why}`, 403);
}

async function readForm({ input }: BucketCall): Promise<PostForm> {
  let form: FormData;
  try {
    const type = input.request.headers.get('content-type') ?? '';
    form = await new Response(input.body as BodyInit, { headers: { 'content-type': type } }).formData();
  } catch {
    throw new AwsError(
      'MalformedPOSTRequest',
      'The body of your POST request is not well-formed multipart/form-data.',
      400,
    );
  }
  const fields = new Map<string, string>();
  let file: PostForm['file'];
  for (const [name, value] of form) {
    if (typeof value === 'string') fields.set(name.toLowerCase(), value);
    else if (name.toLowerCase() === 'file')
      file = { bytes: new Uint8Array(await value.arrayBuffer()), name: value.name };
  }
  return { fields, file };
}

/** The caller the form's signature proves, or null for a form without a policy (anonymous, as S3 allows). */
async function formCaller({ ctx }: BucketCall, fields: Map<string, string>): Promise<Caller | null> {
  const policy = fields.get('policy');
  if (policy === undefined) return null;
  const missing = ['x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-signature'].find((f) => !fields.has(f));
  if (missing !== undefined) {
    throw new AwsError(
      'InvalidArgument',
      `Bucket POST must contain a field named '${missing}'.  If it is specified, please check the order of the fields.`,
      400,
      {
        ArgumentName: missing,
      },
    );
  }
  if (fields.get('x-amz-algorithm') !== 'AWS4-HMAC-SHA256')
    throw new AwsError('InvalidArgument', 'Unsupported algorithm in x-amz-algorithm', 400, {
      ArgumentName: 'x-amz-algorithm',
    });
  const [accessKeyId = '', scopeDate = '', region = '', service = ''] = fields.get('x-amz-credential')!.split('/');
  const signature = {
    accessKeyId,
    scopeDate,
    region,
    service,
    amzDate: fields.get('x-amz-date')!,
    signedHeaders: [],
    signature: fields.get('x-amz-signature')!,
    presigned: false,
    sessionToken: fields.get('x-amz-security-token'),
  };
  return authenticatePolicy(ctx.state, signature, policy, s3Endpoint, ctx.now);
}

/** The policy document's expiration and conditions, each condition as S3 writes it in its messages. */
function readPolicy(policy: string): { expiration: string; conditions: unknown[] } {
  try {
    const document = JSON.parse(new TextDecoder().decode(base64ToBytes(policy))) as Record<string, unknown>;
    if (typeof document.expiration !== 'string' || !Array.isArray(document.conditions)) throw new Error();
    return { expiration: document.expiration, conditions: document.conditions };
  } catch {
    throw invalidPolicy('Policy could not be parsed as a valid JSON string.');
  }
}

/** Checks each condition (`{field: value}`, `eq`, `starts-with`, `content-length-range`) and field coverage. */
function checkConditions(conditions: unknown[], fields: Map<string, string>, bucketName: string, size: number): void {
  const fieldValue = (name: string) => (name === 'bucket' ? bucketName : (fields.get(name) ?? ''));
  const covered = new Set<string>();
  // S3 names a failed condition in its list form, `["starts-with", "$key", "uploads/"]`.
  const failed = (...terms: string[]) =>
    invalidPolicy(`Policy Condition failed: [${terms.map((term) => JSON.stringify(term)).join(', ')}]`);
  for (const condition of conditions) {
    if (Array.isArray(condition) && String(condition[0]).toLowerCase() === 'content-length-range') {
      const [min, max] = [Number(condition[1]), Number(condition[2])];
      if (size > max)
        throw new AwsError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, {
          ProposedSize: String(size),
          MaxSizeAllowed: String(max),
        });
      if (size < min)
        throw new AwsError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', 400, {
          ProposedSize: String(size),
          MinSizeAllowed: String(min),
        });
      continue;
    }
    const tests: [string, string, string][] = Array.isArray(condition)
      ? [
          [
            String(condition[0]).toLowerCase(),
            String(condition[1]).replace(/^\$/, '').toLowerCase(),
            String(condition[2]),
          ],
        ]
      : Object.entries(condition as Record<string, unknown>).map(([name, value]) => [
          'eq',
          name.toLowerCase(),
          String(value),
        ]);
    for (const [operator, name, expected] of tests) {
      covered.add(name);
      const actual = fieldValue(name);
      const holds = operator === 'starts-with' ? actual.startsWith(expected) : operator === 'eq' && actual === expected;
      if (!holds) throw failed(operator, `$${name}`, expected);
    }
  }
  const extra = [...fields.keys()].filter(
    (name) => !covered.has(name) && !uncoveredFields.has(name) && !name.startsWith('x-ignore-'),
  );
  if (extra.length > 0) throw invalidPolicy(`Extra input fields: ${extra.join(', ')}`);
}

/** The metadata a form sets through its `x-amz-meta-*` fields. */
function formMetadata(fields: Map<string, string>): Record<string, string> {
  return nameRecord(
    [...fields].flatMap(([name, value]) =>
      name.startsWith('x-amz-meta-') ? [[name.slice('x-amz-meta-'.length), value] as const] : [],
    ),
  );
}

/** PostObject: the form's file stored under its key, once its policy and signature hold. */
export async function postObject(call: BucketCall): Promise<Response> {
  const { input, ctx, bucket } = call;
  const { fields, file } = await readForm(call);
  if (!fields.has('key'))
    throw new AwsError(
      'InvalidArgument',
      "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.",
      400,
      {
        ArgumentName: 'key',
        ArgumentValue: '',
      },
    );
  if (!file)
    throw new AwsError('InvalidArgument', 'POST requires exactly one file upload per request.', 400, {
      ArgumentName: 'file',
      ArgumentValue: '0',
    });
  const caller = await formCaller(call, fields);
  const policy = fields.get('policy');
  if (policy !== undefined) {
    const { expiration, conditions } = readPolicy(policy);
    if (!(Date.parse(expiration) > ctx.now.getTime())) throw invalidPolicy('Policy expired.');
    checkConditions(conditions, fields, bucket.name, file.bytes.length);
  }
  // biome-ignore lint/suspicious/noTemplateCurlyInString: S3's own placeholder for the file's name, not a template.
  const key = fields.get('key')!.replaceAll('${filename}', file.name);
  authorizeS3({ ...ctx, caller }, 's3:PutObject', bucketArn(bucket.name, key), bucket);
  const headers = new Headers([...fields].filter(([name]) => name.startsWith('x-amz-') || name === 'content-type'));
  refuseAcls({ ...input, request: new Request(input.url, { headers }) }, bucket);
  const etag = md5Hex(file.bytes);
  const versionHeaders = storeObject(bucket, {
    key,
    body: bytesToBase64(file.bytes),
    contentType: fields.get('content-type') ?? 'binary/octet-stream',
    etag,
    lastModified: s3Time(ctx.now),
    size: file.bytes.length,
    metadata: formMetadata(fields),
    storageClass: requestedStorageClass(headers),
    encryption: requestedEncryption(headers, bucket),
  });
  const location = `${input.url.origin}/${bucket.name}/${encodeURIComponent(key).replace(/%2F/g, '/')}`;
  const answerHeaders = { etag: `"${etag}"`, location, ...versionHeaders };
  const status = fields.get('success_action_status');
  if (status === '201') {
    const result = { Location: location, Bucket: bucket.name, Key: key, ETag: `"${etag}"` };
    return xmlResponse('PostResponse', result, ctx, 201, answerHeaders);
  }
  return emptyResponse(ctx, status === '200' ? 200 : 204, answerHeaders);
}
