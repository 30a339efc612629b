/**
 * The policies of the identities that hold them, users and roles alike: attaching and detaching managed policies,
 * and putting, reading, listing and deleting inline ones. One set of operations per kind of holder, from one table.
 */
import { AwsError } from '../aws-error';
import type { ActionResources } from '../authorize';
import type { ServiceContext } from '../context';
import type { QueryOperation, QueryParams } from '../protocols/query';
import { validateName } from './iam-names';
import { pageOf } from './iam-paging';
import { findPolicy, requirePolicy, validateDocument } from './iam-policy-records';

/** What holds policies: the lists a user and a role both have. */
export interface PolicyHolder {
  attachedPolicyArns: string[];
  /** Name → document. */
  inlinePolicies: Record<string, string>;
}

/** A kind of policy holder, and how its operations find it, name it and limit it. */
export interface PolicyHolderKind<T extends PolicyHolder> {
  /** As in the operations' names: `User` gives AttachUserPolicy, PutUserPolicy, ... */
  noun: 'User' | 'Role' | 'Group';
  /** The holder the request names, or IAM's NoSuchEntity. */
  find(params: QueryParams, ctx: ServiceContext): T;
  /** Its name, as GetUserPolicy's UserName or GetRolePolicy's RoleName answer it. */
  nameOf(holder: T): string;
  /** Its ARN, as IAM authorizes the operations. */
  resource(params: QueryParams, ctx: ServiceContext): string;
  /** How many managed policies it may have attached. */
  attachedLimit: number;
  /** How many characters (without whitespace) an inline policy may have. */
  inlineCharacters: number;
}

/** A holder's attached managed policies, as AttachedPolicy entries. */
export function attachedPoliciesOf(ctx: ServiceContext, holder: PolicyHolder) {
  return holder.attachedPolicyArns.map((arn) => ({
    PolicyName: findPolicy(ctx, arn)?.policyName ?? arn.split('/').pop(),
    PolicyArn: arn,
  }));
}

/** A holder's inline policies as GetAccountAuthorizationDetails lists them. */
export function inlinePoliciesOf(holder: PolicyHolder) {
  return Object.entries(holder.inlinePolicies).map(([name, document]) => ({
    PolicyName: name,
    PolicyDocument: encodeURIComponent(document),
  }));
}

/** The operations on one kind of holder's policies: Attach, Detach, ListAttached, Put, Get, List and Delete. */
export function policyHolderOperations<T extends PolicyHolder>(
  kind: PolicyHolderKind<T>,
): Record<string, QueryOperation> {
  const { noun } = kind;
  const lower = noun.toLowerCase();
  /** The holder a policy is attached to or detached from, with the policy as `iam:PolicyARN` for conditions. */
  const attachment = (params: QueryParams, ctx: ServiceContext): ActionResources => [
    { arn: kind.resource(params, ctx), context: { 'iam:PolicyARN': params.require('PolicyArn') } },
  ];
  const noInlinePolicy = (name: string) =>
    new AwsError('NoSuchEntity', `The ${lower} policy with name ${name} cannot be found.`, 404);
  return {
    [`Attach${noun}Policy`]: {
      resource: attachment,
      run(params, ctx) {
        const holder = kind.find(params, ctx);
        const policy = requirePolicy(ctx, params.require('PolicyArn'));
        if (holder.attachedPolicyArns.includes(policy.arn)) return undefined;
        if (holder.attachedPolicyArns.length >= kind.attachedLimit)
          throw new AwsError('LimitExceeded', `Cannot exceed quota for PoliciesPer${noun}: ${kind.attachedLimit}`, 409);
        holder.attachedPolicyArns.push(policy.arn);
        return undefined;
      },
    },
    [`Detach${noun}Policy`]: {
      resource: attachment,
      run(params, ctx) {
        const holder = kind.find(params, ctx);
        const arn = params.require('PolicyArn');
        if (!holder.attachedPolicyArns.includes(arn))
          throw new AwsError('NoSuchEntity', `Policy ${arn} was not found.`, 404);
        holder.attachedPolicyArns = holder.attachedPolicyArns.filter((a) => a !== arn);
        return undefined;
      },
    },
    [`ListAttached${noun}Policies`]: {
      resource: kind.resource,
      run(params, ctx) {
        const page = pageOf(attachedPoliciesOf(ctx, kind.find(params, ctx)), params);
        return { AttachedPolicies: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
      },
    },
    [`Put${noun}Policy`]: {
      resource: kind.resource,
      run(params, ctx) {
        const holder = kind.find(params, ctx);
        const name = validateName(params.require('PolicyName'), 'policyName', 128);
        holder.inlinePolicies[name] = validateDocument(params.require('PolicyDocument'), {
          maxCharacters: kind.inlineCharacters,
          holder: `${lower} ${kind.nameOf(holder)}`,
        });
        return undefined;
      },
    },
    [`Get${noun}Policy`]: {
      resource: kind.resource,
      run(params, ctx) {
        const holder = kind.find(params, ctx);
        const name = params.require('PolicyName');
        if (!Object.hasOwn(holder.inlinePolicies, name)) throw noInlinePolicy(name);
        return {
          [`${noun}Name`]: kind.nameOf(holder),
          PolicyName: name,
          PolicyDocument: encodeURIComponent(holder.inlinePolicies[name]!),
        };
      },
    },
    [`List${noun}Policies`]: {
      resource: kind.resource,
      run(params, ctx) {
        const page = pageOf(Object.keys(kind.find(params, ctx).inlinePolicies).sort(), params);
        return { PolicyNames: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
      },
    },
    [`Delete${noun}Policy`]: {
      resource: kind.resource,
      run(params, ctx) {
        const holder = kind.find(params, ctx);
        const name = params.require('PolicyName');
        if (!Object.hasOwn(holder.inlinePolicies, name)) throw noInlinePolicy(name);
        delete holder.inlinePolicies[name];
        return undefined;
      },
    },
  };
}
