/** Customer managed policies and their versions, and the AWS managed policies every account sees. */
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { iamUniqueId } from '../ids';
import type { QueryOperation, QueryParams } from '../protocols/query';
import type { ManagedPolicy, ManagedPolicyVersion } from '../state';
import type { XmlValue } from '../xml';
import { iamLimits } from './iam-limits';
import { validateName, validatePath } from './iam-names';
import { pageOf } from './iam-paging';
import {
  attachmentCount,
  awsManagedPolicyRecords,
  ownPolicy,
  requirePolicy,
  validateDocument,
} from './iam-policy-records';
import { readTags, renderTags, taggingOperations } from './iam-tags';
import { awsTimestamp } from '../../lib/aws-timestamp';

/** A policy's fields as Policy and ManagedPolicyDetail share them. */
export function policyFields(ctx: ServiceContext, policy: ManagedPolicy): Record<string, XmlValue> {
  return {
    PolicyName: policy.policyName,
    DefaultVersionId: policy.defaultVersionId,
    PolicyId: policy.policyId,
    Path: policy.path,
    Arn: policy.arn,
    AttachmentCount: attachmentCount(ctx, policy.arn),
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    Description: policy.description,
    CreateDate: policy.createDate,
    UpdateDate: policy.updateDate,
  };
}

function renderPolicy(ctx: ServiceContext, policy: ManagedPolicy): XmlValue {
  return { ...policyFields(ctx, policy), Tags: renderTags(policy.tags) };
}

/** The policy's version with this id, or IAM's `NoSuchEntity`. */
function requireVersion(policy: ManagedPolicy, versionId: string): ManagedPolicyVersion {
  const version = policy.versions.find((v) => v.versionId === versionId);
  if (!version)
    throw new AwsError(
      'NoSuchEntity',
      `Policy ${policy.arn} version ${versionId} does not exist or is not attachable.`,
      404,
    );
  return version;
}

export function renderVersion(policy: ManagedPolicy, versionId: string): XmlValue {
  const version = requireVersion(policy, versionId);
  return {
    Document: encodeURIComponent(version.document),
    VersionId: version.versionId,
    IsDefaultVersion: version.versionId === policy.defaultVersionId,
    CreateDate: version.createDate,
  };
}

const policyResource = (params: QueryParams) => params.get('PolicyArn') ?? '*';

/** The operations on managed policies, their versions and tags. */
export const policyOperations: Record<string, QueryOperation> = {
  CreatePolicy: {
    resource: (params, ctx) =>
      `arn:aws:iam::${ctx.account.accountId}:policy${params.get('Path') ?? '/'}${params.get('PolicyName') ?? ''}`,
    run(params, ctx) {
      const policyName = validateName(params.require('PolicyName'), 'policyName', 128);
      const path = validatePath(params.get('Path'));
      const document = validateDocument(params.require('PolicyDocument'), { kind: 'managed' });
      const arn = `arn:aws:iam::${ctx.account.accountId}:policy${path}${policyName}`;
      if (
        Object.values(ctx.account.iam.policies).some((p) => p.policyName.toLowerCase() === policyName.toLowerCase())
      ) {
        throw new AwsError(
          'EntityAlreadyExists',
          `A policy called ${policyName} already exists. Duplicate names are not allowed.`,
          409,
        );
      }
      const created = awsTimestamp(ctx.now);
      const policy: ManagedPolicy = {
        arn,
        policyName,
        policyId: iamUniqueId('ANPA'),
        path,
        description: params.get('Description'),
        createDate: created,
        updateDate: created,
        defaultVersionId: 'v1',
        versions: [{ versionId: 'v1', document, createDate: created }],
        tags: readTags(params),
      };
      ctx.account.iam.policies[arn] = policy;
      return { Policy: renderPolicy(ctx, policy) };
    },
  },

  GetPolicy: {
    resource: policyResource,
    run(params, ctx) {
      return { Policy: renderPolicy(ctx, requirePolicy(ctx, params.require('PolicyArn'))) };
    },
  },

  GetPolicyVersion: {
    resource: policyResource,
    run(params, ctx) {
      const policy = requirePolicy(ctx, params.require('PolicyArn'));
      return { PolicyVersion: renderVersion(policy, params.require('VersionId')) };
    },
  },

  ListPolicyVersions: {
    resource: policyResource,
    run(params, ctx) {
      const policy = requirePolicy(ctx, params.require('PolicyArn'));
      const versions = [...policy.versions].reverse().map((v) => ({
        VersionId: v.versionId,
        IsDefaultVersion: v.versionId === policy.defaultVersionId,
        CreateDate: v.createDate,
      }));
      return { Versions: versions, IsTruncated: false };
    },
  },

  CreatePolicyVersion: {
    resource: policyResource,
    run(params, ctx) {
      const policy = ownPolicy(ctx, params.require('PolicyArn'));
      const document = validateDocument(params.require('PolicyDocument'), { kind: 'managed' });
      if (policy.versions.length >= iamLimits.policyVersions) {
        throw new AwsError(
          'LimitExceeded',
          `A managed policy can have up to ${iamLimits.policyVersions} versions. Before you create a new version, you ` +
            `must delete an existing version.`,
          409,
        );
      }
      const highest = Math.max(...policy.versions.map((v) => Number(v.versionId.slice(1))));
      const version = { versionId: `v${highest + 1}`, document, createDate: awsTimestamp(ctx.now) };
      policy.versions.push(version);
      if (params.bool('SetAsDefault')) policy.defaultVersionId = version.versionId;
      policy.updateDate = version.createDate;
      return {
        PolicyVersion: {
          VersionId: version.versionId,
          IsDefaultVersion: policy.defaultVersionId === version.versionId,
          CreateDate: version.createDate,
        },
      };
    },
  },

  SetDefaultPolicyVersion: {
    resource: policyResource,
    run(params, ctx) {
      const policy = ownPolicy(ctx, params.require('PolicyArn'));
      const versionId = params.require('VersionId');
      requireVersion(policy, versionId);
      policy.defaultVersionId = versionId;
      return undefined;
    },
  },

  DeletePolicyVersion: {
    resource: policyResource,
    run(params, ctx) {
      const policy = ownPolicy(ctx, params.require('PolicyArn'));
      const versionId = params.require('VersionId');
      requireVersion(policy, versionId);
      if (versionId === policy.defaultVersionId)
        throw new AwsError('DeleteConflict', 'Cannot delete the default version of a policy.', 409);
      policy.versions = policy.versions.filter((v) => v.versionId !== versionId);
      return undefined;
    },
  },

  DeletePolicy: {
    resource: policyResource,
    run(params, ctx) {
      const policy = ownPolicy(ctx, params.require('PolicyArn'));
      if (attachmentCount(ctx, policy.arn) > 0)
        throw new AwsError('DeleteConflict', 'Cannot delete a policy attached to entities.', 409);
      if (policy.versions.length > 1)
        throw new AwsError(
          'DeleteConflict',
          'Cannot delete a policy with non-default versions; delete them first.',
          409,
        );
      delete ctx.account.iam.policies[policy.arn];
      return undefined;
    },
  },

  ListPolicies: {
    resource: (_params, ctx) => `arn:aws:iam::${ctx.account.accountId}:policy/`,
    run(params, ctx) {
      const scope = params.get('Scope') ?? 'All';
      if (!['All', 'AWS', 'Local'].includes(scope)) {
        throw new AwsError(
          'ValidationError',
          `1 validation error detected: Value '${scope}' at 'scope' failed to satisfy constraint: Member must satisfy ` +
            `enum value set: [All, AWS, Local]`,
        );
      }
      const local = scope === 'AWS' ? [] : Object.values(ctx.account.iam.policies);
      const aws = scope === 'Local' ? [] : awsManagedPolicyRecords(ctx);
      const onlyAttached = params.bool('OnlyAttached') ?? false;
      const prefix = params.get('PathPrefix') ?? '/';
      const policies = [...local, ...aws].filter(
        (p) => p.path.startsWith(prefix) && (!onlyAttached || attachmentCount(ctx, p.arn) > 0),
      );
      const page = pageOf(policies, params);
      return {
        Policies: page.items.map((p) => renderPolicy(ctx, p)),
        IsTruncated: page.IsTruncated,
        Marker: page.Marker,
      };
    },
  },
  ...taggingOperations({
    noun: 'Policy',
    find: (params, ctx) => ownPolicy(ctx, params.require('PolicyArn')),
    resource: policyResource,
  }),
};
