/**
 * A time as AWS's XML APIs print it: ISO 8601 in UTC to the second. IAM, STS and S3's error fields write
 * `2026-12-02T22:27:50Z`; EC2 keeps a zeroed fraction, `2026-12-02T22:27:50.000Z` (`{ fraction: true }`).
 *
 * @example
 * awsTimestamp(new Date('2026-12-02T22:27:50.123Z')); // '2026-12-02T22:27:50Z'
 */
export function awsTimestamp(date: Date, options: { fraction?: boolean } = {}): string {
  return date.toISOString().replace(/\.\d{3}Z$/, options.fraction ? '.000Z' : 'Z');
}
