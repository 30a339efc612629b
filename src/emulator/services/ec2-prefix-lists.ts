/**
 * Prefix lists: named sets of CIDR blocks that routes and security group rules refer to by their `pl-…` id. AWS
 * keeps one per region for S3 and one for DynamoDB (the ranges a gateway endpoint routes); a learner makes others
 * (CreateManagedPrefixList). The sandbox's AWS-managed lists hold documentation ranges (RFC 5737), as its public
 * addresses do, so nothing in the sandbox names a real host.
 */
import { isCidrError, parseCidr } from '../../cidr/cidr';
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { ec2Id, fnv32 } from '../ids';
import type { QueryOperation, QueryParams } from '../protocols/query';
import { type ManagedPrefixList, managedPrefixListsOf } from '../state';
import type { XmlValue } from '../xml';
import { existingResources, newResource, resourcesNamedBy } from './ec2-arns';
import { regionOf } from './ec2-default-vpc';
import { describe } from './ec2-describe';
import type { FilterValues } from './ec2-filters';
import { lookup, notFound, selectByIds } from './ec2-ids';
import { renderTags, tagsFor } from './ec2-tags';

/** The services AWS keeps a prefix list for in every region, with the (documentation) ranges the sandbox gives them. */
const awsManagedServices: Record<string, string[]> = {
  s3: ['198.51.100.0/25'],
  dynamodb: ['198.51.100.128/25'],
};

/** A prefix list as the sandbox keeps both kinds: AWS's are the same for every account, with owner `AWS`. */
interface PrefixList extends ManagedPrefixList {
  ownerId: string;
}

/** AWS's prefix list for a service in a region, `com.amazonaws.REGION.SERVICE`, with an id that never changes. */
function awsManagedList(regionName: string, service: string): PrefixList {
  const name = `com.amazonaws.${regionName}.${service}`;
  return {
    prefixListId: `pl-${fnv32(name, 2166136261)}`,
    prefixListName: name,
    addressFamily: 'IPv4',
    maxEntries: awsManagedServices[service]!.length,
    version: 1,
    entries: awsManagedServices[service]!.map((cidr) => ({ cidr })),
    ownerId: 'AWS',
    tags: [],
  };
}

/** The id of AWS's prefix list for a gateway endpoint's service (`s3`, `dynamodb`) in a region. */
export function awsPrefixListId(regionName: string, service: string): string {
  return awsManagedList(regionName, service).prefixListId;
}

/** AWS's lists and the account's, by id. */
function prefixListsOf(ctx: ServiceContext): Record<string, PrefixList> {
  const aws = Object.keys(awsManagedServices).map((service) => awsManagedList(ctx.region, service));
  const own = Object.values(managedPrefixListsOf(regionOf(ctx))).map((list) => ({
    ...list,
    ownerId: ctx.account.accountId,
  }));
  return Object.fromEntries([...aws, ...own].map((list) => [list.prefixListId, list]));
}

/** A prefix list a security group rule or route names: AWS's or the account's; EC2's not-found error otherwise. */
export function requirePrefixList(ctx: ServiceContext, id: string): ManagedPrefixList {
  return lookup(prefixListsOf(ctx), 'pl', id);
}

function renderManagedList(list: PrefixList, ctx: ServiceContext): XmlValue {
  return {
    prefixListId: list.prefixListId,
    addressFamily: list.addressFamily,
    state: list.state ?? 'create-complete',
    prefixListArn: `arn:aws:ec2:${ctx.region}:${list.ownerId === 'AWS' ? 'aws' : list.ownerId}:prefix-list/${list.prefixListId}`,
    prefixListName: list.prefixListName,
    maxEntries: list.maxEntries,
    version: list.version,
    tagSet: renderTags(list.tags),
    ownerId: list.ownerId,
  };
}

const managedListFilters: FilterValues<PrefixList> = {
  'owner-id': (l) => [l.ownerId],
  'prefix-list-id': (l) => [l.prefixListId],
  'prefix-list-name': (l) => [l.prefixListName],
};

/** Entries as CreateManagedPrefixList and ModifyManagedPrefixList send them, each a CIDR block of the list's family. */
function readEntries(params: QueryParams, name: string, family: string): ManagedPrefixList['entries'] {
  return params.structs(name).map((entry) => {
    const cidr = entry.require('Cidr');
    const block = parseCidr(cidr);
    const ipv6 = cidr.includes(':');
    if ((!ipv6 && isCidrError(block)) || ipv6 !== (family === 'IPv6'))
      throw new AwsError('InvalidParameterValue', `The CIDR '${cidr}' is invalid for a prefix list of ${family}.`);
    return { cidr, description: entry.get('Description') };
  });
}

function checkSize(list: ManagedPrefixList): void {
  if (list.entries.length > list.maxEntries)
    throw new AwsError(
      'PrefixListMaxEntriesExceeded',
      `The prefix list ${list.prefixListId} has reached its maximum number of entries (${list.maxEntries}).`,
    );
}

/** The account's own list an id names; AWS's lists are not the account's to change. */
function requireOwnList(ctx: ServiceContext, id: string): ManagedPrefixList {
  const list = requirePrefixList(ctx, id);
  const own = managedPrefixListsOf(regionOf(ctx))[list.prefixListId];
  if (!own) throw notFound('pl', [id]);
  return own;
}

/** The prefix list operations. */
export const prefixListOperations: Record<string, QueryOperation> = {
  DescribePrefixLists: {
    run(params, ctx) {
      const aws = Object.fromEntries(
        Object.keys(awsManagedServices).map((service) => {
          const list = awsManagedList(ctx.region, service);
          return [list.prefixListId, list];
        }),
      );
      const lists = selectByIds(aws, 'pl', params.list('PrefixListId'));
      return describe('prefixListSet', lists, params, managedListFilters, (list) => ({
        prefixListId: list.prefixListId,
        prefixListName: list.prefixListName,
        cidrSet: list.entries.map((entry) => entry.cidr),
      }));
    },
  },

  DescribeManagedPrefixLists: {
    run(params, ctx) {
      const lists = selectByIds(prefixListsOf(ctx), 'pl', params.list('PrefixListId'));
      return describe('prefixListSet', lists, params, managedListFilters, (list) => renderManagedList(list, ctx));
    },
  },

  GetManagedPrefixListEntries: {
    run(params, ctx) {
      const list = requirePrefixList(ctx, params.require('PrefixListId'));
      return describe(
        'entrySet',
        list.entries.map((entry) => ({ ...entry, tags: [] })),
        params,
        {},
        (entry) => ({
          cidr: entry.cidr,
          description: entry.description,
        }),
      );
    },
  },

  CreateManagedPrefixList: {
    resource: (params, ctx) => [newResource(ctx, 'prefix-list', tagsFor(params, 'prefix-list'))],
    run(params, ctx) {
      const addressFamily = params.require('AddressFamily');
      if (params.get('MaxEntries') === undefined)
        throw new AwsError('MissingParameter', 'The request must contain the parameter maxEntries');
      if (addressFamily !== 'IPv4' && addressFamily !== 'IPv6')
        throw new AwsError(
          'InvalidParameterValue',
          `Value (${addressFamily}) for parameter addressFamily is invalid. Valid values: IPv4, IPv6.`,
        );
      const list: ManagedPrefixList = {
        prefixListId: ec2Id('pl'),
        prefixListName: params.require('PrefixListName'),
        addressFamily,
        maxEntries: params.int('MaxEntries', 0, 1, 1000),
        version: 1,
        entries: readEntries(params, 'Entry', addressFamily),
        tags: tagsFor(params, 'prefix-list'),
      };
      checkSize(list);
      managedPrefixListsOf(regionOf(ctx))[list.prefixListId] = list;
      const rendered = renderManagedList({ ...list, ownerId: ctx.account.accountId }, ctx) as Record<string, XmlValue>;
      return { prefixList: { ...rendered, state: 'create-in-progress' } };
    },
  },

  ModifyManagedPrefixList: {
    resource: resourcesNamedBy({ pl: 'PrefixListId' }),
    run(params, ctx) {
      const list = requireOwnList(ctx, params.require('PrefixListId'));
      const current = params.get('CurrentVersion');
      if (current !== undefined && Number(current) !== list.version)
        throw new AwsError(
          'PrefixListVersionMismatch',
          `The prefix list ${list.prefixListId} has version ${list.version}, not ${current}.`,
        );
      const removed = params.structs('RemoveEntry').map((entry) => entry.require('Cidr'));
      const added = readEntries(params, 'AddEntry', list.addressFamily);
      const name = params.get('PrefixListName');
      if (name !== undefined) list.prefixListName = name;
      if (removed.length > 0 || added.length > 0) {
        const kept = list.entries.filter((entry) => !removed.includes(entry.cidr));
        list.entries = [...kept.filter((entry) => !added.some((a) => a.cidr === entry.cidr)), ...added];
        list.version += 1;
        checkSize(list);
      }
      const rendered = renderManagedList({ ...list, ownerId: ctx.account.accountId }, ctx) as Record<string, XmlValue>;
      return { prefixList: { ...rendered, state: 'modify-in-progress' } };
    },
  },

  DeleteManagedPrefixList: {
    resource: (params, ctx) => existingResources(ctx, 'pl', [params.require('PrefixListId')]),
    run(params, ctx) {
      const list = requireOwnList(ctx, params.require('PrefixListId'));
      const region = regionOf(ctx);
      const rules = Object.values(region.securityGroups).flatMap((g) => [...g.ingress, ...g.egress]);
      const routes = Object.values(region.routeTables).flatMap((t) => t.routes);
      const id = list.prefixListId;
      // EC2 deletes a list in the background: one a rule or route still uses stays, in state delete-failed.
      if (rules.some((r) => r.prefixListId === id) || routes.some((r) => r.destinationPrefixListId === id))
        list.state = 'delete-failed';
      else delete managedPrefixListsOf(region)[list.prefixListId];
      const rendered = renderManagedList({ ...list, ownerId: ctx.account.accountId }, ctx) as Record<string, XmlValue>;
      return { prefixList: { ...rendered, state: 'delete-in-progress' } };
    },
  },
};
