/**
 * EC2 tags: reading them from requests (`Tag.N`, `TagSpecification.N`), rendering them, and the tag operations that
 * work across every taggable resource type.
 */
import { AwsError } from '../aws-error';
import type { QueryOperation, QueryParams } from '../protocols/query';
import type { RegionState, Tag } from '../state';
import type { XmlValue } from '../xml';
import { regionOf } from './ec2-default-vpc';
import { describe } from './ec2-describe';

/** A tag list as EC2 answers it: `<tagSet><item><key>…</key><value>…</value></item></tagSet>`. */
export function renderTags(tags: Tag[]): XmlValue {
  return tags.map((t) => ({ key: t.Key, value: t.Value }));
}

function readTagList(params: QueryParams, name: string): Tag[] {
  return params.structs(name).map((tag) => {
    const key = tag.require('Key');
    if (key.length > 128 || key.startsWith('aws:'))
      throw new AwsError(
        'InvalidParameterValue',
        `Tag key '${key}' is invalid: keys are 1 to 128 characters and may not start with 'aws:'.`,
      );
    const value = tag.get('Value') ?? '';
    if (value.length > 256)
      throw new AwsError('InvalidParameterValue', `The value of tag '${key}' is longer than 256 characters.`);
    return { Key: key, Value: value };
  });
}

/** Tags requested for a new resource of `resourceType` through `TagSpecification.N`. */
export function tagsFor(params: QueryParams, resourceType: string): Tag[] {
  return params
    .structs('TagSpecification')
    .filter((spec) => spec.get('ResourceType') === resourceType)
    .flatMap((spec) => readTagList(spec, 'Tag'));
}

function setTags(target: Tag[], tags: Tag[]): void {
  for (const tag of tags) {
    const existing = target.find((t) => t.Key === tag.Key);
    if (existing) existing.Value = tag.Value;
    else target.push({ ...tag });
  }
  if (target.length > 50)
    throw new AwsError('TagLimitExceeded', 'The maximum number of Tags for a resource has been reached (50).');
}

/** Every taggable resource in a region, by id, with its type name as DescribeTags reports it. */
function taggable(region: RegionState): Map<string, { type: string; tags: Tag[] }> {
  const all = new Map<string, { type: string; tags: Tag[] }>();
  const add = (type: string, items: Record<string, { tags: Tag[] }>) => {
    for (const [id, item] of Object.entries(items)) all.set(id, { type, tags: item.tags });
  };
  add('vpc', region.vpcs);
  add('subnet', region.subnets);
  add('internet-gateway', region.internetGateways);
  add('route-table', region.routeTables);
  add('security-group', region.securityGroups);
  add('instance', region.instances);
  for (const key of Object.values(region.keyPairs)) all.set(key.keyPairId, { type: 'key-pair', tags: key.tags });
  return all;
}

/** The tag lists of the resources named, each of which must be taggable; EC2's `InvalidID` otherwise. */
function tagListsOf(resources: Map<string, { type: string; tags: Tag[] }>, ids: string[]): Tag[][] {
  const unknown = ids.find((id) => !resources.has(id));
  if (unknown) throw new AwsError('InvalidID', `The ID '${unknown}' is not valid`);
  return ids.map((id) => resources.get(id)!.tags);
}

/** CreateTags, DeleteTags and DescribeTags, over every taggable resource of the region. */
export const tagOperations: Record<string, QueryOperation> = {
  CreateTags: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const resources = taggable(region);
      const ids = params.list('ResourceId');
      if (ids.length === 0) throw new AwsError('MissingParameter', 'The request must contain the parameter ResourceId');
      const tags = readTagList(params, 'Tag');
      for (const list of tagListsOf(resources, ids)) setTags(list, tags);
      return { return: true };
    },
  },

  DeleteTags: {
    run(params, ctx) {
      const lists = tagListsOf(taggable(regionOf(ctx)), params.list('ResourceId'));
      const doomed = params.structs('Tag').map((tag) => ({ key: tag.require('Key'), value: tag.get('Value') }));
      for (const tags of lists) {
        const keep = tags.filter(
          (t) =>
            doomed.length > 0 && !doomed.some((d) => d.key === t.Key && (d.value === undefined || d.value === t.Value)),
        );
        tags.splice(0, tags.length, ...keep);
      }
      return { return: true };
    },
  },

  DescribeTags: {
    run(params, ctx) {
      const entries = [...taggable(regionOf(ctx)).entries()].flatMap(([id, resource]) =>
        resource.tags.map((tag) => ({ id, type: resource.type, key: tag.Key, value: tag.Value, tags: [] as Tag[] })),
      );
      return describe(
        'tagSet',
        entries,
        params,
        {
          'resource-id': (e) => [e.id],
          'resource-type': (e) => [e.type],
          key: (e) => [e.key],
          value: (e) => [e.value],
        },
        (e) => ({ resourceId: e.id, resourceType: e.type, key: e.key, value: e.value }),
      );
    },
  },
};
