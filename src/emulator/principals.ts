import type { Caller } from './context';
import type { IamGroup, IamRole, IamUser, InstanceProfile, SandboxState } from './state';

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

/**
 * The ARN of an IAM role, with its path.
 *
 * @example
 * iamRoleArn('123456789012', { path: '/', roleName: 'WebServerRole' }) // 'arn:aws:iam::123456789012:role/WebServerRole'
 */
export function iamRoleArn(accountId: string, role: Pick<IamRole, 'path' | 'roleName'>): string {
  return `arn:aws:iam::${accountId}:role${role.path}${role.roleName}`;
}

/**
 * The ARN STS gives a role session: the role's name without its path, then the session's name.
 *
 * @example
 * assumedRoleArn('123456789012', 'WebServerRole', 'i-0abc') // 'arn:aws:sts::123456789012:assumed-role/WebServerRole/i-0abc'
 */
export function assumedRoleArn(accountId: string, roleName: string, sessionName: string): string {
  return `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
}

/**
 * The ARN STS gives a federated user (GetFederationToken).
 *
 * @example
 * federatedUserArn('123456789012', 'Bob') // 'arn:aws:sts::123456789012:federated-user/Bob'
 */
export function federatedUserArn(accountId: string, name: string): string {
  return `arn:aws:sts::${accountId}:federated-user/${name}`;
}

/**
 * The ARN of an instance profile, with its path.
 *
 * @example
 * instanceProfileArn('123456789012', { path: '/', instanceProfileName: 'web' }) // 'arn:aws:iam::123456789012:instance-profile/web'
 */
export function instanceProfileArn(
  accountId: string,
  profile: Pick<InstanceProfile, 'path' | 'instanceProfileName'>,
): string {
  return `arn:aws:iam::${accountId}:instance-profile${profile.path}${profile.instanceProfileName}`;
}

/** The ARN of an IAM group, with its path: `arn:aws:iam::123456789012:group/developers`. */
export function iamGroupArn(accountId: string, group: Pick<IamGroup, 'path' | 'groupName'>): string {
  return `arn:aws:iam::${accountId}:group${group.path}${group.groupName}`;
}
