/**
 * A time as S3 records it: to the whole second. Real S3 lists `2026-12-03T21:04:05.000Z`, never milliseconds, so two
 * uploads within one second share a LastModified, as they do on AWS.
 */
export function s3Time(now: Date): string {
  return new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString();
}
