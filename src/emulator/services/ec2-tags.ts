/**
 * EC2 tags: reading them from requests (`Tag.N`, `TagSpecification.N`), rendering them, and the tag operations that
 * work across every taggable resource type.
 */
import type { ActionResources } from '../authorize';
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import type { QueryOperation, QueryParams } from '../protocols/query';
import type { RegionState, Tag } from '../state';
import type { XmlValue } from '../xml';
import { requestTagKeys, resourceKinds, taggedResource } from './ec2-arns';
import { regionOf } from './ec2-default-vpc';
import { describe } from './ec2-describe';

/** A tag list as EC2 answers it: `<tagSet><item><key>…</key><value>…</value></item></tagSet>`. */
export function renderTags(tags: Tag[]): XmlValue {
  return tags.map((t) => ({ key: t.Key, value: t.Value }));
}

/**
 * A new or described resource's `tagSet`, left out when it has no tags: EC2 gives an untagged instance or volume no
 * `Tags` at all (so scripts read `instance.get('Tags', [])`), and CreateKeyPair answers an untagged key without them.
 */
export function renderTagSet(tags: Tag[]): XmlValue | undefined {
  return tags.length > 0 ? renderTags(tags) : undefined;
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

/**
 * Refuses a `TagSpecification` EC2 refuses: one without a resource type, one naming a type the operation cannot tag
 * (`taggable`), or one without tags. The codes are those EC2 answers, as reported from AWS in issue threads.
 */
function checkTagSpecification(spec: QueryParams, taggable: readonly string[]): void {
  const type = spec.get('ResourceType');
  if (!type) throw new AwsError('InvalidParameterValue', 'Tag specification resource type must have a value');
  if (!taggable.includes(type))
    throw new AwsError('InvalidParameter', `'${type}' is not a valid taggable resource type for this operation.`);
  if (spec.structs('Tag').length === 0)
    throw new AwsError('InvalidTagKey.Malformed', 'Tag specification must have at least one tag');
}

/**
 * Tags requested for a new resource of `resourceType` through `TagSpecification.N`, once every specification is
 * checked against the types the operation can tag: `resourceType` alone unless `taggable` names more.
 */
export function tagsFor(
  params: QueryParams,
  resourceType: string,
  taggable: readonly string[] = [resourceType],
): Tag[] {
  const specs = params.structs('TagSpecification');
  for (const spec of specs) checkTagSpecification(spec, taggable);
  return specs.filter((spec) => spec.get('ResourceType') === resourceType).flatMap((spec) => readTagList(spec, 'Tag'));
}

/** A resource's tags with `tags` set on them (new keys added, existing ones given the new value); at most 50. */
function withTags(current: readonly Tag[], tags: readonly Tag[]): Tag[] {
  const merged = current.map((t) => ({ ...t }));
  for (const tag of tags) {
    const existing = merged.find((t) => t.Key === tag.Key);
    if (existing) existing.Value = tag.Value;
    else merged.push({ ...tag });
  }
  if (merged.length > 50)
    throw new AwsError('TagLimitExceeded', 'The maximum number of Tags for a resource has been reached (50).');
  return merged;
}

/** A taggable resource: its type (as DescribeTags and ARNs name it), the name its ARN uses, and its tags. */
interface Taggable {
  type: string;
  /** The id, except for a key pair, whose ARN names it by its name. */
  arnName: string;
  tags: Tag[];
}

/** Every taggable resource in a region, by id. */
function taggable(region: RegionState): Map<string, Taggable> {
  const all = new Map<string, Taggable>();
  for (const { type, table } of Object.values(resourceKinds))
    for (const [id, item] of Object.entries(table(region))) all.set(id, { type, arnName: id, tags: item.tags });
  for (const key of Object.values(region.keyPairs))
    all.set(key.keyPairId, { type: 'key-pair', arnName: key.keyName, tags: key.tags });
  return all;
}

/** The resources named, each of which must be taggable; EC2's `InvalidID` otherwise. */
function requireTaggable(resources: Map<string, Taggable>, ids: string[]): Taggable[] {
  const unknown = ids.find((id) => !resources.has(id));
  if (unknown !== undefined) throw new AwsError('InvalidID', `The ID '${unknown}' is not valid`);
  return ids.map((id) => resources.get(id)!);
}

/** The resources CreateTags and DeleteTags name, or EC2's MissingParameter (in its wire name) when they name none. */
function resourceIds(params: QueryParams): string[] {
  const ids = params.list('ResourceId');
  if (ids.length === 0) throw new AwsError('MissingParameter', 'The request must contain the parameter resourceIdSet');
  return ids;
}

/** What CreateTags and DeleteTags touch, for IAM: each resource named; CreateTags' tags as `aws:RequestTag/…`. */
function taggingResources(withRequestTags: boolean) {
  return (params: QueryParams, ctx: ServiceContext): ActionResources => {
    const requested = withRequestTags ? requestTagKeys(readTagList(params, 'Tag')) : {};
    return requireTaggable(taggable(regionOf(ctx)), resourceIds(params)).map((resource) => {
      const target = taggedResource(ctx, resource.type, resource.arnName, resource.tags);
      return { ...target, context: { ...target.context, ...requested } };
    });
  };
}

/** CreateTags, DeleteTags and DescribeTags, over every taggable resource of the region. */
export const tagOperations: Record<string, QueryOperation> = {
  CreateTags: {
    resource: taggingResources(true),
    run(params, ctx) {
      const region = regionOf(ctx);
      const resources = taggable(region);
      const tags = readTagList(params, 'Tag');
      // Every resource's new tags are worked out before any changes, so a refused request changes nothing.
      const updates = requireTaggable(resources, resourceIds(params)).map((r) => ({
        target: r.tags,
        merged: withTags(r.tags, tags),
      }));
      for (const { target, merged } of updates) target.splice(0, target.length, ...merged);
      return { return: true };
    },
  },

  DeleteTags: {
    resource: taggingResources(false),
    run(params, ctx) {
      const lists = requireTaggable(taggable(regionOf(ctx)), resourceIds(params)).map((r) => r.tags);
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
