import { evaluate } from '../../iam-policy/evaluate';
import { AwsError } from '../aws-error';
import { policiesOfUser } from '../authorize';
import { queryEndpoint } from '../endpoint';
import type { QueryOperation, QueryService } from '../protocols/query';
import { pageOf } from './iam-paging';
import { policyFields, policyOperations, renderVersion } from './iam-policies';
import { attachedPoliciesOf, inlinePoliciesOf } from './iam-policy-holders';
import { awsManagedPolicyRecords } from './iam-policy-records';
import { renderTags } from './iam-tags';
import { requireUser, userArn, userOperations } from './iam-users';

export { iamLimits } from './iam-limits';

/** Every IAM operation: users, policies, and the account-wide ones here. */
const operations: Record<string, QueryOperation> = {
  ...userOperations,
  ...policyOperations,

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
            GroupList: [],
            AttachedManagedPolicies: attachedPoliciesOf(ctx, user),
            Tags: renderTags(user.tags),
          }))
        : [];
      const local = wanted('LocalManagedPolicy') ? Object.values(ctx.account.iam.policies) : [];
      const aws = wanted('AWSManagedPolicy') ? awsManagedPolicyRecords(ctx) : [];
      const policies = [...local, ...aws].map((policy) => ({
        ...policyFields(ctx, policy),
        PolicyVersionList: policy.versions.map((v) => renderVersion(policy, v.versionId)),
      }));
      const page = pageOf([...users.map((u) => ({ user: u })), ...policies.map((p) => ({ policy: p }))], params);
      return {
        UserDetailList: page.items.flatMap((item) => ('user' in item ? [item.user] : [])),
        GroupDetailList: [],
        RoleDetailList: [],
        Policies: page.items.flatMap((item) => ('policy' in item ? [item.policy] : [])),
        IsTruncated: page.IsTruncated,
        Marker: page.Marker,
      };
    },
  },

  SimulatePrincipalPolicy: {
    resource: (params) => params.get('PolicySourceArn') ?? '*',
    run(params, ctx) {
      const source = params.require('PolicySourceArn');
      const userName = /:user\/(?:.*\/)?([^/]+)$/.exec(source)?.[1];
      if (!userName)
        throw new AwsError('InvalidInput', `Invalid ARN: ${source}. The sandbox simulates IAM users only.`);
      requireUser(ctx, userName);
      const resources = params.list('ResourceArns.member');
      const policies = policiesOfUser(ctx.account, userName);
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
