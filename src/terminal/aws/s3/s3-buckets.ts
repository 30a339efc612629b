import type { CliError } from '../cli-error';
import { serviceError } from '../service-error';
import { s3Rm } from './s3-transfer';
import type { S3Session } from './s3-session';
import { parseS3Url } from './s3-url';

function bucketOf(path: string | undefined): string | undefined {
  return path === undefined ? undefined : parseS3Url(path)?.bucket;
}

const missingPath: CliError = {
  message: 'aws: error: the following arguments are required: path',
  exitCode: 252,
  withUsage: true,
};

/** `aws s3 mb s3://bucket`: creates the bucket in the session's region (`make_bucket: bucket`). */
export async function s3Mb(session: S3Session, [path]: string[]): Promise<string | CliError> {
  const bucket = bucketOf(path);
  if (!bucket) return missingPath;
  const region = session.config.region;
  try {
    await session.send('CreateBucket', {
      Bucket: bucket,
      ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region } }),
    });
    return `make_bucket: ${bucket}\n`;
  } catch (error) {
    return {
      message: `make_bucket failed: ${path} ${serviceError(error, 'CreateBucket').message}`,
      exitCode: 1,
      plain: true,
    };
  }
}

/** `aws s3 rb s3://bucket [--force]`: deletes the bucket, emptying it first with `--force`. */
export async function s3Rb(session: S3Session, [path]: string[], force: boolean): Promise<string | CliError> {
  const bucket = bucketOf(path);
  if (!bucket) return missingPath;
  let stdout = '';
  if (force) {
    const emptied = await s3Rm(session, [`s3://${bucket}/`], true);
    if (typeof emptied !== 'string') return emptied;
    stdout = emptied;
  }
  try {
    await session.send('DeleteBucket', { Bucket: bucket });
    return `${stdout}remove_bucket: ${bucket}\n`;
  } catch (error) {
    return {
      message: `remove_bucket failed: ${path} ${serviceError(error, 'DeleteBucket').message}`,
      exitCode: 1,
      plain: true,
      stdout,
    };
  }
}
