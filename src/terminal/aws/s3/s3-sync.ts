import { type CliError, exitCodes } from '../cli-error';
import { serviceError } from '../service-error';
import { joinPath } from './local-path';
import { isIncluded, type PathFilter } from './path-filter';
import { listAll } from './s3-listing';
import type { S3Session } from './s3-session';
import {
  direction,
  failedOperation,
  localPath,
  named,
  pathsRequired,
  removeFileOrObject,
  type Transfer,
  type TransferOptions,
  transferOne,
} from './s3-transfer';
import { parseS3Url, type S3Location } from './s3-url';

/** What `aws s3 sync` was asked to do besides copying what changed. */
export interface SyncOptions extends TransferOptions {
  /** Delete what the destination has and the source does not (`--delete`). */
  delete: boolean;
  /** Print what would be done, prefixed `(dryrun)`, and do nothing (`--dryrun`). */
  dryrun: boolean;
  /** Compare sizes only (`--size-only`). */
  sizeOnly: boolean;
  /** On a download, same-sized files are equal only when their times match exactly (`--exact-timestamps`). */
  exactTimestamps: boolean;
  /** `--exclude` and `--include`, in the order given. */
  filters: PathFilter[];
}

/** A file or object as sync compares it. */
interface SyncEntry {
  size: number;
  modified: Date;
}

/** One side of a sync: a local directory or an S3 prefix (always ending in `/` unless empty). */
type SyncSide = { directory: string } | { bucket: string; prefix: string };

function sideOf(path: string): SyncSide {
  const location = parseS3Url(path);
  if (!location) return { directory: path };
  const key = location.key;
  return { bucket: location.bucket, prefix: key === '' || key.endsWith('/') ? key : `${key}/` };
}

/** The side's files or objects, by their path relative to it. */
async function entriesOf(session: S3Session, side: SyncSide): Promise<Map<string, SyncEntry> | undefined> {
  const entries = new Map<string, SyncEntry>();
  if ('directory' in side) {
    const { files, env } = session.context;
    const paths = await files.list(localPath(side.directory, env));
    if (paths === undefined) return undefined;
    for (const path of paths) {
      const stat = await files.stat(localPath(joinPath(side.directory, path), env));
      if (stat) entries.set(path, stat);
    }
    return entries;
  }
  const { objects } = await listAll(session, side.bucket, side.prefix);
  for (const object of objects) {
    const path = object.Key.slice(side.prefix.length);
    if (path !== '') entries.set(path, { size: object.Size ?? 0, modified: new Date(object.LastModified ?? 0) });
  }
  return entries;
}

function endAt(side: SyncSide, path: string): string | S3Location {
  return 'directory' in side ? joinPath(side.directory, path) : { bucket: side.bucket, key: side.prefix + path };
}

/**
 * Whether a source file must be copied over its destination, by the CLI's rule: a different size, or a newer
 * source; on a download, a local file newer than the object (`--exact-timestamps`: any other time).
 */
function needsCopy(source: SyncEntry, destination: SyncEntry | undefined, download: boolean, options: SyncOptions) {
  if (!destination || source.size !== destination.size) return true;
  if (options.sizeOnly) return false;
  const destinationNewerBy = destination.modified.getTime() - source.modified.getTime();
  if (!download) return destinationNewerBy < 0;
  return options.exactTimestamps ? destinationNewerBy !== 0 : destinationNewerBy > 0;
}

const syncUsage = 'usage: aws s3 sync <LocalPath> <S3Uri> or <S3Uri> <LocalPath> or <S3Uri> <S3Uri>';

/**
 * `aws s3 sync SOURCE DESTINATION`: copies each file or object that the destination lacks or holds in another size
 * or an older version, in path order, printing `upload: …`, `download: …` or `copy: …` for each, and with `--delete`
 * removes what the source lacks (`delete: …`); `--exclude`/`--include` choose paths on both sides.
 */
export async function s3Sync(
  session: S3Session,
  [source, destination]: string[],
  options: SyncOptions,
): Promise<string | CliError> {
  if (source === undefined || destination === undefined) return pathsRequired;
  if (!parseS3Url(source) && !parseS3Url(destination))
    return { message: `${syncUsage}\nError: Invalid argument type`, exitCode: exitCodes.paramValidation, plain: true };
  const from = sideOf(source);
  const to = sideOf(destination);
  const download = 'directory' in to;
  let sources: Map<string, SyncEntry> | undefined;
  let destinations: Map<string, SyncEntry>;
  try {
    sources = await entriesOf(session, from);
    if (!sources) return { message: `The user-provided path ${source} does not exist.`, exitCode: exitCodes.general };
    destinations = (await entriesOf(session, to)) ?? new Map();
  } catch (error) {
    return { message: `fatal error: ${serviceError(error, 'ListObjectsV2').message}`, exitCode: 1, plain: true };
  }
  const paths = [...new Set([...sources.keys(), ...destinations.keys()])]
    .filter((path) => isIncluded(path, options.filters))
    .sort();
  const dry = options.dryrun ? '(dryrun) ' : '';
  let stdout = '';
  const failures: string[] = [];
  for (const path of paths) {
    const sourceEntry = sources.get(path);
    if (!sourceEntry) {
      if (!options.delete) continue;
      const gone = endAt(to, path);
      const line = `delete: ${named(session, gone)}`;
      try {
        if (!options.dryrun) await removeFileOrObject(session, gone);
        stdout += `${dry}${line}\n`;
      } catch (error) {
        failures.push(`delete failed: ${named(session, gone)} ${serviceError(error, 'DeleteObject').message}`);
      }
      continue;
    }
    if (!needsCopy(sourceEntry, destinations.get(path), download, options)) continue;
    const transfer: Transfer = { from: endAt(from, path), to: endAt(to, path) };
    const verb = direction(transfer);
    const ends = `${named(session, transfer.from)} to ${named(session, transfer.to)}`;
    try {
      if (!options.dryrun) await transferOne(session, transfer, options);
      if (!options.dryrun && typeof transfer.to === 'string')
        await session.context.files.setModified(localPath(transfer.to, session.context.env), sourceEntry.modified);
      stdout += `${dry}${verb}: ${ends}\n`;
    } catch (error) {
      failures.push(`${verb} failed: ${ends} ${serviceError(error, failedOperation(transfer)).message}`);
    }
  }
  return failures.length === 0 ? stdout : { message: failures.join('\n'), exitCode: 1, plain: true, stdout };
}
