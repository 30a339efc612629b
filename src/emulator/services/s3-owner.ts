import { md5Hex } from '../md5';

/** A stable canonical user id for an account, as S3 reports owners (ListBuckets, ListObjects, ACLs). */
export function ownerId(accountId: string): string {
  return md5Hex(new TextEncoder().encode(`sandbox-owner-${accountId}`)).repeat(2);
}

/** An account as S3 names an owner: its canonical id and display name. */
export function s3Owner(accountId: string): { ID: string; DisplayName: string } {
  return { ID: ownerId(accountId), DisplayName: 'sandbox' };
}
