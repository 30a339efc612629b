/** A bucket and key (or prefix) named by an `s3://bucket/key` argument. */
export interface S3Location {
  bucket: string;
  key: string;
}

/** Reads `s3://bucket/key`; `undefined` for anything that is not an S3 URL (a local path). */
export function parseS3Url(text: string): S3Location | undefined {
  if (!text.startsWith('s3://')) return undefined;
  const rest = text.slice('s3://'.length);
  const slash = rest.indexOf('/');
  return slash < 0 ? { bucket: rest, key: '' } : { bucket: rest.slice(0, slash), key: rest.slice(slash + 1) };
}

/** The location as the CLI prints it. */
export function s3Url(location: S3Location): string {
  return `s3://${location.bucket}/${location.key}`;
}
