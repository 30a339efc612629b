import type { Caller } from './context';
import type { IamUser, SandboxState } from './state';

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

/** The IAM user a caller is, if it is one (not the root, not anonymous). */
export function userOf(
  state: SandboxState,
  caller: Pick<Caller, 'accountId' | 'userName'> | null,
): IamUser | undefined {
  if (!caller || caller.userName === null) return undefined;
  const users = state.accounts[caller.accountId]?.iam.users;
  return users && Object.hasOwn(users, caller.userName) ? users[caller.userName] : undefined;
}
