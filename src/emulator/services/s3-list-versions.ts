/**
 * ListObjectVersions: every version and delete marker, by key and then newest first, with `prefix`, `delimiter`
 * (common prefixes), `max-keys` and paging by `key-marker` and `version-id-marker`, as S3 lists them.
 */
import { AwsError } from '../aws-error';
import type { S3Version } from '../state';
import { flattened, type XmlValue } from '../xml';
import { countParameter } from './s3-count-parameter';
import type { BucketCall } from './s3-operation';
import { s3Owner } from './s3-owner';
import { isDeleteMarker, versionIdOf, versionsOf } from './s3-versions';
import { xmlResponse } from './s3-xml';

/** One listed entry: a version or delete marker, or a common prefix standing for every key under it. */
type Entry = { version: S3Version; isLatest: boolean } | { commonPrefix: string };

/** The keys of the bucket that have any version, in order. */
function versionedKeys({ bucket }: BucketCall): string[] {
  return [...new Set([...Object.keys(bucket.objects), ...Object.keys(bucket.versions ?? {})])].sort();
}

/** The entries after the markers, in S3's order, with common prefixes folded when a delimiter is given. */
function entriesAfter(call: BucketCall, prefix: string, delimiter: string, keyMarker: string, versionMarker: string) {
  const entries: Entry[] = [];
  const prefixes = new Set<string>();
  for (const key of versionedKeys(call)) {
    if (!key.startsWith(prefix) || key < keyMarker) continue;
    const at = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    if (at !== -1) {
      const commonPrefix = key.slice(0, at + delimiter.length);
      if (!prefixes.has(commonPrefix) && commonPrefix > keyMarker) entries.push({ commonPrefix });
      prefixes.add(commonPrefix);
      continue;
    }
    const versions = versionsOf(call.bucket, key).map((version, index) => ({ version, isLatest: index === 0 }));
    if (key > keyMarker) entries.push(...versions);
    else if (versionMarker !== '') {
      // Within the marker's own key, the versions older than the marker version.
      const index = versions.findIndex(({ version }) => versionIdOf(version) === versionMarker);
      if (index !== -1) entries.push(...versions.slice(index + 1));
    }
  }
  return entries;
}

/** ListObjectVersions, in S3's `ListVersionsResult`. */
export function listObjectVersions(call: BucketCall): Response {
  const { input, ctx, bucket } = call;
  const q = input.url.searchParams;
  const prefix = q.get('prefix') ?? '';
  const delimiter = q.get('delimiter') ?? '';
  const keyMarker = q.get('key-marker') ?? '';
  const versionMarker = q.get('version-id-marker') ?? '';
  const maxKeys = countParameter(input.url, 'max-keys', 1000);
  if (versionMarker !== '' && keyMarker === '')
    throw new AwsError('InvalidArgument', 'A version-id marker cannot be specified without a key marker.', 400, {
      ArgumentName: 'version-id-marker',
      ArgumentValue: versionMarker,
    });
  const entries = entriesAfter(call, prefix, delimiter, keyMarker, versionMarker);
  const page = entries.slice(0, Math.min(maxKeys, 1000));
  const truncated = entries.length > page.length;
  const last = page.at(-1);
  const owner = s3Owner(bucket.accountId);
  const versions: XmlValue[] = [];
  const markers: XmlValue[] = [];
  for (const entry of page) {
    if ('commonPrefix' in entry) continue;
    const { version, isLatest } = entry;
    const common = {
      Key: version.key,
      VersionId: versionIdOf(version),
      IsLatest: isLatest,
      LastModified: version.lastModified,
    };
    if (isDeleteMarker(version)) markers.push({ Owner: owner, ...common });
    else
      versions.push({
        ...common,
        ETag: `"${version.etag}"`,
        Size: version.size,
        Owner: owner,
        StorageClass: version.storageClass ?? 'STANDARD',
      });
  }
  const body: Record<string, XmlValue> = {
    Name: bucket.name,
    Prefix: prefix,
    KeyMarker: keyMarker,
    VersionIdMarker: versionMarker,
    NextKeyMarker: truncated && last ? ('commonPrefix' in last ? last.commonPrefix : last.version.key) : undefined,
    NextVersionIdMarker: truncated && last && !('commonPrefix' in last) ? versionIdOf(last.version) : undefined,
    MaxKeys: maxKeys,
    Delimiter: delimiter || undefined,
    IsTruncated: truncated,
    Version: flattened(versions),
    DeleteMarker: flattened(markers),
    CommonPrefixes: flattened(
      page.flatMap((entry) => ('commonPrefix' in entry ? [{ Prefix: entry.commonPrefix }] : [])),
    ),
  };
  return xmlResponse('ListVersionsResult', body, ctx);
}
