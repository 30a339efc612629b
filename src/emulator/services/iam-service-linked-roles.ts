/**
 * Service-linked roles: roles a service defines for itself, named and placed as each service documents it
 * (`AWSServiceRoleFor…` under `/aws-service-role/SERVICE/`), trusted by that service alone, and deleted through a
 * deletion task (DeleteServiceLinkedRole, then GetServiceLinkedRoleDeletionStatus). The sandbox runs no service that
 * still uses such a role, so a deletion task succeeds at once.
 */
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { iamUniqueId, requestId } from '../ids';
import type { QueryOperation, QueryParams } from '../protocols/query';
import { rolesOf, type IamRole } from '../state';
import { awsTimestamp } from '../../lib/aws-timestamp';
import { nameRecord, ownEntry } from '../../lib/name-record';
import { isServiceLinked, renderRole, requireRole, roleSessionSeconds, servicePathPrefix } from './iam-roles';

/** A service that makes a service-linked role: the role's name, and whether it takes a CustomSuffix. */
interface LinkedService {
  roleName: string;
  customSuffix: boolean;
}

/** The services a learner may meet, by service principal, with the role names their guides give. */
const linkedServices: Record<string, LinkedService> = {
  'autoscaling.amazonaws.com': { roleName: 'AWSServiceRoleForAutoScaling', customSuffix: true },
  'custom-resource.application-autoscaling.amazonaws.com': {
    roleName: 'AWSServiceRoleForApplicationAutoScaling_CustomResource',
    customSuffix: false,
  },
  'ecs.amazonaws.com': { roleName: 'AWSServiceRoleForECS', customSuffix: false },
  'elasticbeanstalk.amazonaws.com': { roleName: 'AWSServiceRoleForElasticBeanstalk', customSuffix: true },
  'elasticloadbalancing.amazonaws.com': { roleName: 'AWSServiceRoleForElasticLoadBalancing', customSuffix: false },
  'rds.amazonaws.com': { roleName: 'AWSServiceRoleForRDS', customSuffix: false },
  'spot.amazonaws.com': { roleName: 'AWSServiceRoleForEC2Spot', customSuffix: false },
  'support.amazonaws.com': { roleName: 'AWSServiceRoleForSupport', customSuffix: false },
  'trustedadvisor.amazonaws.com': { roleName: 'AWSServiceRoleForTrustedAdvisor', customSuffix: false },
};

/** The role's name: the service's own, with `_SUFFIX` where the service takes a custom suffix. */
function linkedRoleName(principal: string, service: LinkedService, suffix: string | undefined): string {
  if (suffix === undefined) return service.roleName;
  if (!service.customSuffix)
    throw new AwsError('InvalidInput', `Custom suffix is not allowed for AWSServiceName ${principal}`);
  return `${service.roleName}_${suffix}`;
}

function trustPolicyFor(principal: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: [principal] } }],
  });
}

function deletionTaskIds(ctx: ServiceContext): string[] {
  ctx.account.iam.roleDeletionTaskIds ??= [];
  return ctx.account.iam.roleDeletionTaskIds;
}

const roleArnOf = (ctx: ServiceContext, params: QueryParams) =>
  `arn:aws:iam::${ctx.account.accountId}:role${servicePathPrefix}${params.get('AWSServiceName') ?? ''}/*`;

/** The service-linked role operations. */
export const serviceLinkedRoleOperations: Record<string, QueryOperation> = {
  CreateServiceLinkedRole: {
    resource: (params, ctx) => roleArnOf(ctx, params),
    run(params, ctx) {
      const principal = params.require('AWSServiceName');
      const service = ownEntry(linkedServices, principal);
      if (!service) throw new AwsError('InvalidInput', `Invalid ServiceName: ${principal}`);
      const roleName = linkedRoleName(principal, service, params.get('CustomSuffix'));
      const roles = rolesOf(ctx.account);
      if (ownEntry(roles, roleName))
        throw new AwsError(
          'InvalidInput',
          `Service role name ${roleName} has been taken in this account, please try a different suffix.`,
        );
      const role: IamRole = {
        roleName,
        roleId: iamUniqueId('AROA'),
        path: `${servicePathPrefix}${principal}/`,
        createDate: awsTimestamp(ctx.now),
        assumeRolePolicyDocument: trustPolicyFor(principal),
        description: params.get('Description'),
        maxSessionDuration: roleSessionSeconds.fallback,
        tags: [],
        attachedPolicyArns: [],
        inlinePolicies: nameRecord(),
      };
      roles[roleName] = role;
      return { Role: renderRole(ctx, role) };
    },
  },

  DeleteServiceLinkedRole: {
    resource: (params, ctx) => {
      const role = ownEntry(rolesOf(ctx.account), params.get('RoleName') ?? '');
      return `arn:aws:iam::${ctx.account.accountId}:role${role?.path ?? '/'}${params.get('RoleName') ?? ''}`;
    },
    run(params, ctx) {
      const role = requireRole(ctx, params.require('RoleName'));
      if (!isServiceLinked(role))
        throw new AwsError('InvalidInput', `Role ${role.roleName} is not a service-linked role.`);
      const taskId = `task${role.path}${role.roleName}/${requestId()}`;
      delete rolesOf(ctx.account)[role.roleName];
      deletionTaskIds(ctx).push(taskId);
      return { DeletionTaskId: taskId };
    },
  },

  GetServiceLinkedRoleDeletionStatus: {
    run(params, ctx) {
      const taskId = params.require('DeletionTaskId');
      if (!deletionTaskIds(ctx).includes(taskId))
        throw new AwsError('NoSuchEntity', `Deletion task ${taskId} cannot be found.`, 404);
      return { Status: 'SUCCEEDED' };
    },
  },
};
