import { type CliError, exitCodes, isCliError, usageError } from '../cli-error';
import { expandHome } from '../files';
import { serviceError } from '../service-error';
import { guessContentType } from './content-type';
import { displayPath, joinPath } from './local-path';
import { listAll } from './s3-listing';
import type { S3Session } from './s3-session';
import { parseS3Url, type S3Location, s3Url } from './s3-url';

/** A local path as the files interface takes it: `~` expanded, `./` and `..` resolved. */
export function localPath(path: string, env: Record<string, string | undefined>): string {
  return joinPath(expandHome(path, env));
}

/** One file to move: where from, where to, and how it is named in the messages. */
export interface Transfer {
  from: string | S3Location;
  to: string | S3Location;
}

/** What the s3 commands answer when their paths are missing: argparse's error, with the usage lines. */
export const pathsRequired: CliError = usageError('aws: error: the following arguments are required: paths');

/** The values of the options `cp` and `mv` pass on to S3. */
export interface TransferOptions {
  contentType?: string;
  acl?: string;
}

export function named(session: S3Session, end: string | S3Location): string {
  return typeof end === 'string' ? displayPath(end, session.cwd) : s3Url(end);
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Copies one file or object; returns the operation that failed and its error, or nothing. */
export async function transferOne(session: S3Session, transfer: Transfer, options: TransferOptions) {
  const { from, to } = transfer;
  const { files, env } = session.context;
  if (typeof from === 'string' && typeof to !== 'string') {
    const body = await files.readBytes(localPath(from, env));
    const contentType = options.contentType ?? guessContentType(from);
    await session.send('PutObject', {
      Bucket: to.bucket,
      Key: to.key,
      Body: body,
      ...(contentType ? { ContentType: contentType } : {}),
      ...(options.acl ? { ACL: options.acl } : {}),
    });
    return 'PutObject';
  }
  if (typeof from !== 'string' && typeof to === 'string') {
    const object = await session.send('GetObject', { Bucket: from.bucket, Key: from.key });
    const body = object.Body as { transformToByteArray(): Promise<Uint8Array> } | undefined;
    await files.write(localPath(to, env), body ? await body.transformToByteArray() : new Uint8Array());
    return 'GetObject';
  }
  if (typeof from !== 'string' && typeof to !== 'string') {
    await session.send('CopyObject', {
      Bucket: to.bucket,
      Key: to.key,
      CopySource: `${from.bucket}/${from.key.split('/').map(encodeURIComponent).join('/')}`,
      ...(options.acl ? { ACL: options.acl } : {}),
    });
    return 'CopyObject';
  }
  return undefined;
}

/** The single transfer a `cp SOURCE DEST` names: a destination ending in `/` (or a bucket) takes the source's name. */
async function singleTransfer(session: S3Session, source: string, destination: string): Promise<Transfer | CliError> {
  const from = parseS3Url(source) ?? source;
  const target = parseS3Url(destination);
  const name = typeof from === 'string' ? basename(from) : basename(from.key);
  if (typeof from === 'string' && !(await session.context.files.exists(localPath(from, session.context.env))))
    return { message: `The user-provided path ${source} does not exist.`, exitCode: exitCodes.general };
  if (target)
    return { from, to: target.key === '' || target.key.endsWith('/') ? { ...target, key: target.key + name } : target };
  const isDirectory =
    destination.endsWith('/') ||
    (await session.context.files.list(localPath(destination, session.context.env))) !== undefined;
  return { from, to: isDirectory ? joinPath(destination, name) : destination };
}

/** Every transfer a `--recursive` copy names: each file under a directory, or each object under a prefix. */
async function recursiveTransfers(
  session: S3Session,
  source: string,
  destination: string,
): Promise<Transfer[] | CliError> {
  const from = parseS3Url(source);
  const to = parseS3Url(destination);
  const under = (prefix: string, rest: string) =>
    prefix === '' || prefix.endsWith('/') ? prefix + rest : `${prefix}/${rest}`;
  if (!from) {
    const relative = await session.context.files.list(localPath(source, session.context.env));
    if (relative === undefined)
      return { message: `The user-provided path ${source} does not exist.`, exitCode: exitCodes.general };
    return relative.sort().map((path) => ({
      from: joinPath(source, path),
      to: to ? { bucket: to.bucket, key: under(to.key, path) } : joinPath(destination, path),
    }));
  }
  const prefix = from.key === '' || from.key.endsWith('/') ? from.key : `${from.key}/`;
  const { objects } = await listAll(session, from.bucket, prefix);
  return objects.map((object) => {
    const rest = object.Key.slice(prefix.length);
    return {
      from: { bucket: from.bucket, key: object.Key },
      to: to ? { bucket: to.bucket, key: under(to.key, rest) } : joinPath(destination, rest),
    };
  });
}

/** The words `cp`, `mv` and `rm` print for what they did. */
const verbs = {
  cp: { upload: 'upload', download: 'download', copy: 'copy' },
  mv: { upload: 'move', download: 'move', copy: 'move' },
};

/** Which way a transfer goes, as the CLI names it in its messages. */
export function direction(transfer: Transfer): 'upload' | 'download' | 'copy' {
  if (typeof transfer.from === 'string') return 'upload';
  return typeof transfer.to === 'string' ? 'download' : 'copy';
}

/**
 * `aws s3 cp` and `aws s3 mv`: uploads, downloads or copies one file or, with `--recursive`, a tree, printing
 * `upload: ./cat.jpg to s3://bucket/cat.jpg` for each; a failed file is reported and the rest go on (exit 1).
 */
export async function s3Transfer(
  session: S3Session,
  command: 'cp' | 'mv',
  [source, destination]: string[],
  recursive: boolean,
  options: TransferOptions,
): Promise<string | CliError> {
  if (source === undefined || destination === undefined) return pathsRequired;
  if (!parseS3Url(source) && !parseS3Url(destination))
    return { message: 'Error: Invalid argument type', exitCode: exitCodes.paramValidation };
  let transfers: Transfer[];
  try {
    const planned = recursive
      ? await recursiveTransfers(session, source, destination)
      : await singleTransfer(session, source, destination);
    if (isCliError(planned)) return planned;
    transfers = Array.isArray(planned) ? planned : [planned];
  } catch (error) {
    return serviceError(error, 'ListObjectsV2');
  }
  const single = transfers.length === 1 && !recursive ? transfers[0]! : undefined;
  if (single && typeof single.from !== 'string' && typeof single.to === 'string') {
    const missing = await headProblem(session, single.from);
    if (missing) return missing;
  }
  let stdout = '';
  const failures: string[] = [];
  for (const transfer of transfers) {
    const verb = verbs[command][direction(transfer)];
    const line = `${named(session, transfer.from)} to ${named(session, transfer.to)}`;
    try {
      await transferOne(session, transfer, options);
      if (command === 'mv') await removeFileOrObject(session, transfer.from);
      stdout += `${verb}: ${line}\n`;
    } catch (error) {
      const operation = failedOperation(transfer);
      failures.push(`${verb} failed: ${line} ${serviceError(error, operation).message}`);
    }
  }
  return failures.length === 0 ? stdout : { message: failures.join('\n'), exitCode: 1, plain: true, stdout };
}

/** The CLI looks an object up before downloading it; a missing one is a fatal error naming the key. */
async function headProblem(session: S3Session, object: S3Location): Promise<CliError | undefined> {
  try {
    await session.send('HeadObject', { Bucket: object.bucket, Key: object.key });
    return undefined;
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    const message =
      status === 404
        ? `An error occurred (404) when calling the HeadObject operation: Key "${object.key}" does not exist`
        : serviceError(error, 'HeadObject').message;
    return { message: `fatal error: ${message}`, exitCode: 1, plain: true };
  }
}

/** The S3 operation whose error a failed transfer reports. */
export function failedOperation(transfer: Transfer): string {
  return { upload: 'PutObject', download: 'GetObject', copy: 'CopyObject' }[direction(transfer)];
}

/** Deletes a local file or an object: the source of a move, or what `sync --delete` finds only at its destination. */
export async function removeFileOrObject(session: S3Session, from: string | S3Location): Promise<void> {
  if (typeof from === 'string') await session.context.files.remove(localPath(from, session.context.env));
  else await session.send('DeleteObject', { Bucket: from.bucket, Key: from.key });
}

/** `aws s3 rm s3://bucket/key [--recursive]`: deletes the object, or every object under the prefix. */
export async function s3Rm(session: S3Session, [target]: string[], recursive: boolean): Promise<string | CliError> {
  const location = target === undefined ? undefined : parseS3Url(target);
  if (!location) return pathsRequired;
  let keys = [location.key];
  if (recursive) {
    try {
      keys = (await listAll(session, location.bucket, location.key)).objects.map((object) => object.Key);
    } catch (error) {
      return serviceError(error, 'ListObjectsV2');
    }
  }
  let stdout = '';
  const failures: string[] = [];
  for (const key of keys) {
    const url = s3Url({ bucket: location.bucket, key });
    try {
      await session.send('DeleteObject', { Bucket: location.bucket, Key: key });
      stdout += `delete: ${url}\n`;
    } catch (error) {
      failures.push(`delete failed: ${url} ${serviceError(error, 'DeleteObject').message}`);
    }
  }
  return failures.length === 0 ? stdout : { message: failures.join('\n'), exitCode: 1, plain: true, stdout };
}
