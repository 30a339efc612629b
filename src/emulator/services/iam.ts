import { evaluate } from '../../iam-policy/evaluate';
import { AwsError } from '../aws-error';
import { policiesOfRole, policiesOfUser } from '../authorize';
import type { ServiceContext } from '../context';
import type { NormalisedPolicy } from '../../iam-policy/parse';
import { groupsOf, rolesOf } from '../state';
import { queryEndpoint } from '../endpoint';
import type { QueryOperation, QueryService } from '../protocols/query';
import { pageOf } from './iam-paging';
import { policyFields, policyOperations, renderVersion } from './iam-policies';
import { attachedPoliciesOf, inlinePoliciesOf } from './iam-policy-holders';
import { awsManagedPolicyRecords } from './iam-policy-records';
import { renderTags } from './iam-tags';
import { groupOperations, groupsOfUser, renderGroup } from './iam-groups';
import { accountSummaryOperations } from './iam-account-summary';
import { credentialReportOperations } from './iam-credential-report';
import { instanceProfileOperations } from './iam-instance-profiles';
import { mfaDeviceOperations } from './iam-mfa-devices';
import { passwordPolicyOperations } from './iam-password-policy';
import { samlProviderOperations } from './iam-saml-providers';
import { serviceLinkedRoleOperations } from './iam-service-linked-roles';
import { sshPublicKeyOperations } from './iam-ssh-public-keys';
import { renderRole, requireRole, roleOperations } from './iam-roles';
import { requireUser, userArn, userOperations } from './iam-users';

export { iamLimits } from './iam-limits';

/** The identity policies of the user or role a simulation names, or IAM's errors for any other ARN. */
function simulatedPolicies(ctx: ServiceContext, source: string): NormalisedPolicy[] {
  const [, kind, name] = /:(user|role)\/(?:.*\/)?([^/]+)$/.exec(source) ?? [];
  if (kind === 'user') return policiesOfUser(ctx.account, requireUser(ctx, name!).userName);
  if (kind === 'role') return policiesOfRole(ctx.account, requireRole(ctx, name!).roleName);
  throw new AwsError('InvalidInput', `Invalid ARN: ${source}. The sandbox simulates IAM users and roles only.`);
}

/** Every IAM operation: users, policies, and the account-wide ones here. */
const operations: Record<string, QueryOperation> = {
  ...userOperations,
  ...policyOperations,
  ...groupOperations,
  ...roleOperations,
  ...passwordPolicyOperations,
  ...instanceProfileOperations,
  ...mfaDeviceOperations,
  ...sshPublicKeyOperations,
  ...samlProviderOperations,
  ...serviceLinkedRoleOperations,
  ...credentialReportOperations,
  ...accountSummaryOperations,

  GetAccountAuthorizationDetails: {
    resource: () => '*',
    run(params, ctx) {
      const filters = params.list('Filter.member');
      const wanted = (kind: string) => filters.length === 0 || filters.includes(kind);
      const known = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'];
      const unknown = filters.find((f) => !known.includes(f));
      if (unknown)
        throw new AwsError(
          'ValidationError',
          `1 validation error detected: Value '[${unknown}]' at 'filter' failed to satisfy constraint: Member must ` +
            `satisfy enum value set: [${known.join(', ')}]`,
        );
      const users = wanted('User')
        ? Object.values(ctx.account.iam.users).map((user) => ({
            Path: user.path,
            UserName: user.userName,
            UserId: user.userId,
            Arn: userArn(ctx, user),
            CreateDate: user.createDate,
            UserPolicyList: inlinePoliciesOf(user),
            GroupList: groupsOfUser(ctx, user.userName).map((group) => group.groupName),
            AttachedManagedPolicies: attachedPoliciesOf(ctx, user),
            Tags: renderTags(user.tags),
          }))
        : [];
      const groups = wanted('Group')
        ? Object.values(groupsOf(ctx.account)).map((group) => ({
            ...(renderGroup(ctx, group) as object),
            GroupPolicyList: inlinePoliciesOf(group),
            AttachedManagedPolicies: attachedPoliciesOf(ctx, group),
          }))
        : [];
      const roles = wanted('Role')
        ? Object.values(rolesOf(ctx.account)).map((role) => ({
            ...(renderRole(ctx, role) as object),
            RolePolicyList: inlinePoliciesOf(role),
            AttachedManagedPolicies: attachedPoliciesOf(ctx, role),
          }))
        : [];
      const local = wanted('LocalManagedPolicy') ? Object.values(ctx.account.iam.policies) : [];
      const aws = wanted('AWSManagedPolicy') ? awsManagedPolicyRecords(ctx) : [];
      const policies = [...local, ...aws].map((policy) => ({
        ...policyFields(ctx, policy),
        PolicyVersionList: policy.versions.map((v) => renderVersion(policy, v.versionId)),
      }));
      const page = pageOf(
        [
          ...users.map((u) => ({ user: u })),
          ...groups.map((g) => ({ group: g })),
          ...roles.map((r) => ({ role: r })),
          ...policies.map((p) => ({ policy: p })),
        ],
        params,
      );
      return {
        UserDetailList: page.items.flatMap((item) => ('user' in item ? [item.user] : [])),
        GroupDetailList: page.items.flatMap((item) => ('group' in item ? [item.group] : [])),
        RoleDetailList: page.items.flatMap((item) => ('role' in item ? [item.role] : [])),
        Policies: page.items.flatMap((item) => ('policy' in item ? [item.policy] : [])),
        IsTruncated: page.IsTruncated,
        Marker: page.Marker,
      };
    },
  },

  SimulatePrincipalPolicy: {
    resource: (params) => params.get('PolicySourceArn') ?? '*',
    run(params, ctx) {
      const policies = simulatedPolicies(ctx, params.require('PolicySourceArn'));
      const resources = params.list('ResourceArns.member');
      return {
        EvaluationResults: params.list('ActionNames.member').flatMap((action) =>
          (resources.length ? resources : ['*']).map((resource) => {
            const decision = evaluate(policies, { action, resource }).decision;
            return {
              EvalActionName: action,
              EvalResourceName: resource,
              EvalDecision:
                decision === 'allow' ? 'allowed' : decision === 'explicit-deny' ? 'explicitDeny' : 'implicitDeny',
            };
          }),
        ),
        IsTruncated: false,
      };
    },
  },
};

/** IAM's query-protocol service (global: signed for us-east-1). */
export const iamService: QueryService = {
  signingName: 'iam',
  actionPrefix: 'iam',
  dialect: { style: 'aws-query', namespace: 'https://iam.amazonaws.com/doc/2010-05-08/', version: '2010-05-08' },
  operations,
};

export const iamEndpoint = queryEndpoint(iamService, { global: true });
