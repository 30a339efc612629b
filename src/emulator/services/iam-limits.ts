/** IAM's documented quotas the sandbox enforces. */
export const iamLimits = {
  accessKeysPerUser: 2,
  policyVersions: 5,
  attachedPoliciesPerUser: 10,
  attachedPoliciesPerRole: 10,
  attachedPoliciesPerGroup: 10,
  /** Groups a user may be in. */
  groupsPerUser: 10,
  /** Characters (without whitespace) an inline policy may have, for a user and for a role. */
  inlinePolicyCharactersPerUser: 2048,
  inlinePolicyCharactersPerRole: 10240,
  inlinePolicyCharactersPerGroup: 5120,
  /** Roles an instance profile may hold. */
  rolesPerInstanceProfile: 1,
};
