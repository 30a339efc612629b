import type { CliError } from '../cli-error';
import { serviceError } from '../service-error';
import { listAll } from './s3-listing';
import type { S3Session } from './s3-session';
import { parseS3Url } from './s3-url';

const pad = (n: number) => String(n).padStart(2, '0');

/** A time as `aws s3 ls` prints it, in local time: `2026-12-03 07:03:28`. */
export function listingTime(date: Date | undefined): string {
  if (!date) return ''.padEnd(19);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/**
 * `aws s3 ls [s3://bucket[/prefix]] [--recursive]`: the buckets, or a prefix's sub-prefixes (`PRE photos/`) and
 * objects with time and size, named relative to the prefix as the CLI names them. A prefix with nothing under it
 * exits 1, as the CLI does.
 */
export async function s3Ls(session: S3Session, paths: string[], flags: Set<string>): Promise<string | CliError> {
  const target = paths[0] === undefined ? undefined : parseS3Url(paths[0]);
  if (!target) {
    try {
      const answer = await session.send('ListBuckets', {});
      const buckets = (answer.Buckets as { Name: string; CreationDate?: Date }[] | undefined) ?? [];
      return buckets.map((bucket) => `${listingTime(bucket.CreationDate)} ${bucket.Name}\n`).join('');
    } catch (error) {
      return serviceError(error, 'ListBuckets');
    }
  }
  const recursive = flags.has('recursive');
  try {
    const { objects, prefixes } = await listAll(session, target.bucket, target.key, recursive ? undefined : '/');
    const shownFrom = recursive ? 0 : target.key.lastIndexOf('/') + 1;
    const lines = prefixes.map((prefix) => `${'PRE'.padStart(30)} ${prefix.slice(shownFrom)}\n`);
    for (const object of objects)
      lines.push(
        `${listingTime(object.LastModified)} ${String(object.Size ?? 0).padStart(10)} ${object.Key.slice(shownFrom)}\n`,
      );
    // A prefix with nothing under it is an error without a message (exit 1); an empty bucket is not.
    if (lines.length === 0 && target.key !== '') return { message: '', exitCode: 1, silent: true };
    return lines.join('');
  } catch (error) {
    return serviceError(error, 'ListObjectsV2');
  }
}
