/**
 * GetAccountSummary: how many IAM entities the account has and IAM's quotas on them, by the SummaryMap keys IAM's
 * API reference lists. Entities the sandbox does not have (server and signing certificates, OpenID Connect providers)
 * count as none.
 */
import type { ServiceContext } from '../context';
import type { QueryOperation } from '../protocols/query';
import { groupsOf, instanceProfilesOf, mfaDevicesOf, rolesOf, samlProvidersOf } from '../state';
import { flattened } from '../xml';
import { iamLimits } from './iam-limits';
import { keysOf } from './iam-users';

/** IAM's default quotas, as GetAccountSummary reports them. */
const quotas = {
  AccessKeysPerUserQuota: iamLimits.accessKeysPerUser,
  AssumeRolePolicySizeQuota: 2048,
  AttachedPoliciesPerGroupQuota: iamLimits.attachedPoliciesPerGroup,
  AttachedPoliciesPerRoleQuota: iamLimits.attachedPoliciesPerRole,
  AttachedPoliciesPerUserQuota: iamLimits.attachedPoliciesPerUser,
  GroupPolicySizeQuota: iamLimits.inlinePolicyCharactersPerGroup,
  GroupsPerUserQuota: iamLimits.groupsPerUser,
  GroupsQuota: 300,
  InstanceProfilesQuota: 1000,
  PoliciesQuota: 1500,
  PolicySizeQuota: 6144,
  PolicyVersionsInUseQuota: 10000,
  RolePolicySizeQuota: iamLimits.inlinePolicyCharactersPerRole,
  RolesQuota: 1000,
  ServerCertificatesQuota: 20,
  SigningCertificatesPerUserQuota: 2,
  UserPolicySizeQuota: iamLimits.inlinePolicyCharactersPerUser,
  UsersQuota: 5000,
  VersionsPerPolicyQuota: iamLimits.policyVersions,
};

/** How many of each entity the account has. */
function usage(ctx: ServiceContext): Record<string, number> {
  const { iam } = ctx.account;
  const holders = [
    ...Object.values(iam.users),
    ...Object.values(groupsOf(ctx.account)),
    ...Object.values(rolesOf(ctx.account)),
  ];
  const devices = Object.values(mfaDevicesOf(ctx.account));
  return {
    AccountAccessKeysPresent: keysOf(ctx, null).length ? 1 : 0,
    AccountMFAEnabled: 0,
    AccountSigningCertificatesPresent: 0,
    GlobalEndpointTokenVersion: 1,
    Groups: Object.keys(groupsOf(ctx.account)).length,
    InstanceProfiles: Object.keys(instanceProfilesOf(ctx.account)).length,
    MFADevices: devices.length,
    MFADevicesInUse: devices.filter((device) => device.userName !== undefined).length,
    Policies: Object.keys(iam.policies).length,
    PolicyVersionsInUse: holders.reduce((sum, holder) => sum + holder.attachedPolicyArns.length, 0),
    Providers: Object.keys(samlProvidersOf(ctx.account)).length,
    Roles: Object.keys(rolesOf(ctx.account)).length,
    ServerCertificates: 0,
    Users: Object.keys(iam.users).length,
  };
}

/** The account summary operation. */
export const accountSummaryOperations: Record<string, QueryOperation> = {
  GetAccountSummary: {
    run(_params, ctx) {
      const summary = { ...usage(ctx), ...quotas };
      return { SummaryMap: { entry: flattened(Object.entries(summary).map(([key, value]) => ({ key, value }))) } };
    },
  },
};
