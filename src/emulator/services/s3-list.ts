/** ListObjects and ListObjectsV2: prefix, delimiter, markers, continuation tokens and URL encoding. */
import type { RequestContext } from '../../iam-policy/request-context';
import { AwsError } from '../aws-error';
import type { S3Object } from '../state';
import { flattened, type XmlValue } from '../xml';
import { countParameter } from './s3-count-parameter';
import type { BucketCall } from './s3-operation';
import { s3Owner } from './s3-owner';
import { xmlResponse } from './s3-xml';

/** ListObjects' condition keys: `s3:prefix`, `s3:delimiter` and `s3:max-keys`, each when the request sends it. */
export function listBucketKeys(url: URL): RequestContext {
  const parameters = { 's3:prefix': 'prefix', 's3:delimiter': 'delimiter', 's3:max-keys': 'max-keys' };
  return Object.fromEntries(
    Object.entries(parameters).flatMap(([key, name]) => {
      const value = url.searchParams.get(name);
      return value === null ? [] : [[key, value]];
    }),
  );
}

function decodedToken(token: string): string | null {
  try {
    return decodeURIComponent(escape(atob(token)));
  } catch {
    return null;
  }
}

/** The key a ListObjectsV2 continuation token continues after; S3 refuses an empty or unreadable token. */
function continueAfter(token: string): string {
  const after = decodedToken(token);
  if (!after)
    throw new AwsError('InvalidArgument', 'The continuation token provided is incorrect', 400, {
      ArgumentName: 'continuation-token',
    });
  return after;
}

/** ListObjects (v1), or ListObjectsV2 when the request says `list-type=2`. */
export function listObjects({ input, ctx, bucket }: BucketCall): Response {
  const q = input.url.searchParams;
  const v2 = q.get('list-type') === '2';
  const prefix = q.get('prefix') ?? '';
  const delimiter = q.get('delimiter') ?? '';
  const maxKeys = countParameter(input.url, 'max-keys', 1000);
  const urlEncoded = q.get('encoding-type') === 'url';
  if (q.has('encoding-type') && !urlEncoded)
    throw new AwsError('InvalidArgument', 'Invalid Encoding Method specified in Request', 400, {
      ArgumentName: 'encoding-type',
    });
  const encode = (text: string) => (urlEncoded ? encodeURIComponent(text).replace(/%2F/g, '/') : text);
  let after = '';
  const continuation = q.get('continuation-token');
  if (v2 && continuation !== null) {
    after = continueAfter(continuation);
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
  // One owner for every object of the bucket: hash it once, not per listed key. V2 gives it only when asked.
  const owner = !v2 || q.get('fetch-owner') === 'true' ? s3Owner(bucket.accountId) : undefined;
  const renderedContents = contents.map((o) => ({
    Key: encode(o.key),
    LastModified: o.lastModified,
    ETag: `"${o.etag}"`,
    Owner: owner,
    Size: o.size,
    StorageClass: o.storageClass ?? 'STANDARD',
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
        // A continuation token overrides StartAfter, which S3 then leaves out of its answer.
        StartAfter: q.get('start-after') !== null && continuation === null ? encode(q.get('start-after')!) : undefined,
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
