/**
 * What the metadata service tells an instance about its role (`iam/info`, `iam/security-credentials/ROLE`): the
 * profile it was launched or associated with, and temporary credentials of the role's session named after the
 * instance, as EC2 gets them by assuming the role. They are reused until five minutes before they expire, then
 * renewed, so an SDK on the instance always finds valid ones, and they work against the sandbox like any others.
 */
import {
  instanceProfilesOf,
  rolesOf,
  type AccountState,
  type Instance,
  type SandboxState,
  type TemporarySession,
} from '../state';
import { newSessionCredentials, storeSession } from '../temporary-credentials';
import { awsTimestamp } from '../../lib/aws-timestamp';
import { trustPolicyAllows } from './iam-trust-policy';

/** How long EC2's role sessions for instances last (six hours), and when they are renewed (five minutes before). */
export const instanceCredentialSeconds = { lifetime: 6 * 3600, renewBefore: 5 * 60 };

/** The role an instance's profile holds: its name, and whether EC2 may assume it (its trust policy names EC2). */
export interface InstanceRole {
  roleName: string;
  assumable: boolean;
  profileArn: string;
  profileId: string;
}

/** The role the instance's profile passes to it, if it has a profile holding one. */
export function instanceRoleOf(account: AccountState, instance: Instance): InstanceRole | undefined {
  const link = instance.iamInstanceProfile;
  if (!link) return undefined;
  const profile = Object.values(instanceProfilesOf(account)).find((p) => p.instanceProfileId === link.id);
  const role = profile?.roleNames[0] === undefined ? undefined : rolesOf(account)[profile.roleNames[0]];
  if (!role) return undefined;
  const assumable = trustPolicyAllows(account, role, { service: 'ec2.amazonaws.com' });
  return { roleName: role.roleName, assumable, profileArn: link.arn, profileId: link.id };
}

/** The instance's current session of its role, or a new one when there is none with five minutes left. */
export function instanceSession(
  state: SandboxState,
  account: AccountState,
  instance: Instance,
  roleName: string,
  now: Date,
): { session: TemporarySession; issued: boolean } {
  const renewAt = now.getTime() + instanceCredentialSeconds.renewBefore * 1000;
  const current = Object.values(state.sessions ?? {}).find(
    (s) =>
      s.accountId === account.accountId &&
      s.role?.roleName === roleName &&
      s.role.sessionName === instance.instanceId &&
      Date.parse(s.expiration) > renewAt,
  );
  if (current) return { session: current, issued: false };
  const role = rolesOf(account)[roleName]!;
  const session: TemporarySession = {
    ...newSessionCredentials(),
    accountId: account.accountId,
    expiration: awsTimestamp(new Date(now.getTime() + instanceCredentialSeconds.lifetime * 1000)),
    userName: null,
    role: { roleName, roleId: role.roleId, sessionName: instance.instanceId },
  };
  storeSession(state, session, now);
  return { session, issued: true };
}

/** The JSON document of `iam/security-credentials/ROLE`, in the field order EC2 writes it. */
export function credentialsDocument(session: TemporarySession, now: Date): string {
  return JSON.stringify(
    {
      Code: 'Success',
      LastUpdated: awsTimestamp(now),
      Type: 'AWS-HMAC',
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      Token: session.sessionToken,
      Expiration: session.expiration,
    },
    null,
    2,
  );
}

/** The JSON document of `iam/info`: the profile, or why EC2 could not assume its role. */
export function infoDocument(role: InstanceRole, now: Date): string {
  const outcome = role.assumable
    ? { Code: 'Success', LastUpdated: awsTimestamp(now) }
    : {
        Code: 'AssumeRoleUnauthorizedAccess',
        Message:
          `EC2 cannot assume the role ${role.roleName}. Its trust policy must allow the service principal ` +
          'ec2.amazonaws.com to call sts:AssumeRole.',
        LastUpdated: awsTimestamp(now),
      };
  return JSON.stringify(
    { ...outcome, InstanceProfileArn: role.profileArn, InstanceProfileId: role.profileId },
    null,
    2,
  );
}
