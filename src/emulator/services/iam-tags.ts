import type { ServiceContext } from '../context';
import type { QueryOperation, QueryParams } from '../protocols/query';
import type { Tag } from '../state';
import type { XmlValue } from '../xml';
import { pageOf } from './iam-paging';

/** The `Tags.member.N` of a request, a missing Value read as empty, as IAM stores it. */
export function readTags(params: QueryParams): Tag[] {
  return params.structs('Tags.member').map((tag) => ({ Key: tag.require('Key'), Value: tag.get('Value') ?? '' }));
}

/** Tags as IAM answers them: left out when there are none. */
export function renderTags(tags: Tag[]): XmlValue {
  return tags.length ? tags.map((t) => ({ Key: t.Key, Value: t.Value })) : undefined;
}

/** How to find the tagged entity a request names, for {@link taggingOperations}. */
export interface TaggedEntity {
  /** The word in the operations' names: `Role` gives TagRole, UntagRole and ListRoleTags. */
  noun: string;
  /** The entity the request names, or IAM's NoSuchEntity. */
  find(params: QueryParams, ctx: ServiceContext): { tags: Tag[] };
  /** Its ARN, for IAM's authorization. */
  resource(params: QueryParams, ctx: ServiceContext): string;
}

/**
 * Tag{noun}, Untag{noun} and List{noun}Tags for one kind of IAM entity. A tag whose key is already there takes the
 * new value (keys compare case-insensitively, as IAM's do); untagging a key the entity lacks is not an error.
 */
export function taggingOperations(entity: TaggedEntity): Record<string, QueryOperation> {
  const sameKey = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  return {
    [`Tag${entity.noun}`]: {
      resource: entity.resource,
      run(params, ctx) {
        const record = entity.find(params, ctx);
        for (const tag of readTags(params)) {
          const existing = record.tags.find((t) => sameKey(t.Key, tag.Key));
          if (existing) existing.Value = tag.Value;
          else record.tags.push(tag);
        }
        return undefined;
      },
    },
    [`Untag${entity.noun}`]: {
      resource: entity.resource,
      run(params, ctx) {
        const record = entity.find(params, ctx);
        const keys = params.list('TagKeys.member');
        record.tags = record.tags.filter((t) => !keys.some((key) => sameKey(key, t.Key)));
        return undefined;
      },
    },
    [`List${entity.noun}Tags`]: {
      resource: entity.resource,
      run(params, ctx) {
        const page = pageOf(entity.find(params, ctx).tags, params);
        return {
          Tags: page.items.map((t) => ({ Key: t.Key, Value: t.Value })),
          IsTruncated: page.IsTruncated,
          Marker: page.Marker,
        };
      },
    },
  };
}
