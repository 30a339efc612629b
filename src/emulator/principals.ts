import type { IamUser } from './state';

/**
 * The ARN of an IAM user, with its path, as IAM, STS and every policy see it.
 *
 * @example
 * iamUserArn('123456789012', { path: '/admins/', userName: 'boss' }) // 'arn:aws:iam::123456789012:user/admins/boss'
 */
export function iamUserArn(accountId: string, user: Pick<IamUser, 'path' | 'userName'>): string {
  return `arn:aws:iam::${accountId}:user${user.path}${user.userName}`;
}

/** The ARN of an account's root user, `arn:aws:iam::123456789012:root`. */
export function rootArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:root`;
}
