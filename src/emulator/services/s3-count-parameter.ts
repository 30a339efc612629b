/** The count parameters of S3's list requests, read the one way S3 reads them. */
import { AwsError } from '../aws-error';

/**
 * A non-negative integer query parameter (`max-keys`, `max-parts`, `max-uploads`, `part-number-marker`), or its
 * default when the request leaves it out; S3's InvalidArgument, naming the parameter, for anything else.
 */
export function countParameter(url: URL, name: string, fallback: number): number {
  const text = url.searchParams.get(name);
  if (text === null) return fallback;
  const count = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(count))
    throw new AwsError('InvalidArgument', `Provided ${name} not an integer or within integer range`, 400, {
      ArgumentName: name,
      ArgumentValue: text,
    });
  return count;
}
