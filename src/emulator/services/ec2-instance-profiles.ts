/**
 * Instance profiles as EC2 sees them: named at launch (`RunInstances IamInstanceProfile`), associated with and
 * disassociated from a running instance later, and described. The profile passes its role to the instance, so the
 * caller must be allowed `iam:PassRole` on that role, as on AWS.
 */
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { ec2Id } from '../ids';
import { iamRoleArn, instanceProfileArn } from '../principals';
import type { QueryOperation, QueryParams } from '../protocols/query';
import { instanceProfilesOf, rolesOf, type Instance } from '../state';
import type { XmlValue } from '../xml';
import { ec2Arn } from './ec2-arns';
import { regionOf } from './ec2-default-vpc';
import { applyFilters, paginate, type FilterValues } from './ec2-filters';
import { lookup } from './ec2-ids';

/** An instance's profile as EC2 records it. */
export type InstanceProfileLink = NonNullable<Instance['iamInstanceProfile']>;

function invalidProfile(member: 'arn' | 'name', value: string): AwsError {
  const what = member === 'arn' ? 'ARN' : 'name';
  return new AwsError(
    'InvalidParameterValue',
    `Value (${value}) for parameter iamInstanceProfile.${member} is invalid. Invalid IAM Instance Profile ${what}`,
  );
}

/**
 * The instance profile a request's `IamInstanceProfile.Arn` or `.Name` names, with a new association id; none when
 * the request names none. EC2's InvalidParameterValue for a profile the account does not have. The caller must be
 * allowed to pass the profile's role.
 */
export function readInstanceProfile(params: QueryParams, ctx: ServiceContext): InstanceProfileLink | undefined {
  const arn = params.get('IamInstanceProfile.Arn');
  const name = params.get('IamInstanceProfile.Name');
  if (arn === undefined && name === undefined) return undefined;
  const accountId = ctx.account.accountId;
  const profiles = Object.values(instanceProfilesOf(ctx.account));
  const profile =
    arn !== undefined
      ? profiles.find((p) => instanceProfileArn(accountId, p) === arn)
      : profiles.find((p) => p.instanceProfileName === name);
  if (!profile) throw arn !== undefined ? invalidProfile('arn', arn) : invalidProfile('name', name!);
  for (const roleName of profile.roleNames) {
    const role = rolesOf(ctx.account)[roleName];
    if (role) ctx.authorize('iam:PassRole', iamRoleArn(accountId, role));
  }
  return {
    arn: instanceProfileArn(accountId, profile),
    id: profile.instanceProfileId,
    associationId: ec2Id('iip-assoc'),
  };
}

/** An instance's profile as DescribeInstances shows it. */
export function renderInstanceProfileLink(link: InstanceProfileLink | undefined): XmlValue {
  return link ? { arn: link.arn, id: link.id } : undefined;
}

/** An association as the association operations answer it. */
function renderAssociation(instance: Instance, link: InstanceProfileLink, state: string): XmlValue {
  return {
    associationId: link.associationId,
    instanceId: instance.instanceId,
    iamInstanceProfile: renderInstanceProfileLink(link),
    state,
  };
}

/** Every live instance of the region with a profile, each with its association. */
function associations(ctx: ServiceContext): { instance: Instance; link: InstanceProfileLink; tags: [] }[] {
  return Object.values(regionOf(ctx).instances).flatMap((instance) =>
    instance.iamInstanceProfile && instance.state !== 'terminated'
      ? [{ instance, link: instance.iamInstanceProfile, tags: [] as [] }]
      : [],
  );
}

const associationFilters: FilterValues<{ instance: Instance }> = {
  'instance-id': ({ instance }) => [instance.instanceId],
  state: () => ['associated'],
};

function findAssociation(ctx: ServiceContext, associationId: string) {
  const found = associations(ctx).find(({ link }) => link.associationId === associationId);
  if (!found)
    throw new AwsError('InvalidAssociationID.NotFound', `An invalid association-id of '${associationId}' was given`);
  return found;
}

/** The association operations: associate, describe, disassociate. */
export const instanceProfileAssociationOperations: Record<string, QueryOperation> = {
  AssociateIamInstanceProfile: {
    resource: (params, ctx) => ec2Arn(ctx, 'instance', params.get('InstanceId') ?? '*'),
    run(params, ctx) {
      const instance = lookup(regionOf(ctx).instances, 'instance', params.require('InstanceId'));
      if (!params.has('IamInstanceProfile'))
        throw new AwsError('MissingParameter', 'The request must contain the parameter IamInstanceProfile');
      if (instance.iamInstanceProfile)
        throw new AwsError('IncorrectState', `There is an existing association for instance ${instance.instanceId}`);
      const link = readInstanceProfile(params, ctx)!;
      instance.iamInstanceProfile = link;
      return { iamInstanceProfileAssociation: renderAssociation(instance, link, 'associating') };
    },
  },

  DescribeIamInstanceProfileAssociations: {
    run(params, ctx) {
      const ids = params.list('AssociationId');
      const wanted = ids.map((id) => findAssociation(ctx, id));
      const matching = applyFilters(ids.length ? wanted : associations(ctx), params, associationFilters);
      const { page, nextToken } = paginate(matching, params);
      return {
        iamInstanceProfileAssociationSet: page.map(({ instance, link }) =>
          renderAssociation(instance, link, 'associated'),
        ),
        nextToken,
      };
    },
  },

  DisassociateIamInstanceProfile: {
    resource: (params, ctx) => {
      const found = associations(ctx).find(({ link }) => link.associationId === params.get('AssociationId'));
      return ec2Arn(ctx, 'instance', found?.instance.instanceId ?? '*');
    },
    run(params, ctx) {
      const { instance, link } = findAssociation(ctx, params.require('AssociationId'));
      instance.iamInstanceProfile = undefined;
      return { iamInstanceProfileAssociation: renderAssociation(instance, link, 'disassociating') };
    },
  },
};
