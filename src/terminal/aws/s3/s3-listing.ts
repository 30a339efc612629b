import type { S3Session } from './s3-session';

/** One object of a listing. */
export interface ListedObject {
  Key: string;
  Size?: number;
  LastModified?: Date;
}

/** Every object under a prefix (and, with a delimiter, the common prefixes), following continuation tokens. */
export async function listAll(
  session: S3Session,
  bucket: string,
  prefix: string,
  delimiter?: string,
): Promise<{ objects: ListedObject[]; prefixes: string[] }> {
  const objects: ListedObject[] = [];
  const prefixes: string[] = [];
  let token: string | undefined;
  do {
    const page = await session.send('ListObjectsV2', {
      Bucket: bucket,
      Prefix: prefix,
      ...(delimiter ? { Delimiter: delimiter } : {}),
      ...(token ? { ContinuationToken: token } : {}),
    });
    for (const common of (page.CommonPrefixes as { Prefix: string }[] | undefined) ?? []) prefixes.push(common.Prefix);
    objects.push(...((page.Contents as ListedObject[] | undefined) ?? []));
    token = page.IsTruncated ? (page.NextContinuationToken as string) : undefined;
  } while (token);
  return { objects, prefixes };
}
