import { AwsError } from '../aws-error';
import type { QueryParams } from '../protocols/query';

/**
 * One page of a list as IAM's List operations answer it: `MaxItems` at a time (100 unless asked), the next page's
 * `Marker` while the list goes on.
 */
export function pageOf<T>(items: T[], params: QueryParams): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const maxItems = params.int('MaxItems', 100, 1, 1000);
  const marker = params.get('Marker');
  let start = 0;
  if (marker !== undefined) {
    const match = /^sandbox-(\d+)$/.exec(marker);
    if (!match) throw new AwsError('ValidationError', 'Invalid Marker.');
    start = Number(match[1]);
  }
  const end = start + maxItems;
  return end < items.length
    ? { items: items.slice(start, end), IsTruncated: true, Marker: `sandbox-${end}` }
    : { items: items.slice(start), IsTruncated: false };
}
