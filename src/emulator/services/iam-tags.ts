import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import type { QueryOperation, QueryParams } from '../protocols/query';
import type { Tag } from '../state';
import type { XmlValue } from '../xml';
import { pageOf } from './iam-paging';

/** IAM's limits on tags, as its API reference states them for every taggable entity. */
export const iamTagLimits = { perEntity: 50, keyLength: 128, valueLength: 256 };

/** The characters IAM allows in a tag's key and value: letters, spaces, digits and `_.:/=+-@`. */
const tagCharacters = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const tagPattern = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]';

/** IAM's ValidationError listing every constraint a request's members break, as `'value' at 'member': constraint`. */
function constraintError(problems: { value: string; member: string; constraint: string }[]): AwsError {
  const count = problems.length === 1 ? '1 validation error' : `${problems.length} validation errors`;
  const each = problems.map(
    (p) => `Value '${p.value.slice(0, 80)}' at '${p.member}' failed to satisfy constraint: Member must ${p.constraint}`,
  );
  return new AwsError('ValidationError', `${count} detected: ${each.join('; ')}`);
}

/** Why a tag's key or value breaks IAM's rules, if it does. */
function tagProblems(tag: Tag, index: number) {
  const at = `tags.${index + 1}.member`;
  const problems: { value: string; member: string; constraint: string }[] = [];
  for (const [field, value, min, max] of [
    ['key', tag.Key, 1, iamTagLimits.keyLength],
    ['value', tag.Value, 0, iamTagLimits.valueLength],
  ] as const) {
    if (value.length > max)
      problems.push({ value, member: `${at}.${field}`, constraint: `have length less than or equal to ${max}` });
    if (value.length < min || !tagCharacters.test(value))
      problems.push({
        value,
        member: `${at}.${field}`,
        constraint: `satisfy regular expression pattern: ${tagPattern}${min ? '+' : '*'}`,
      });
  }
  return problems;
}

/** Whether two tag keys are the same to IAM, which compares them without regard to case. */
export function sameTagKey(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * The `Tags.member.N` of a request, a missing Value read as empty, as IAM stores it; IAM's ValidationError for more
 * than 50 tags or a key or value too long or with a character IAM refuses, and InvalidInput for a key given twice.
 */
export function readTags(params: QueryParams): Tag[] {
  const tags = params.structs('Tags.member').map((tag) => ({ Key: tag.require('Key'), Value: tag.get('Value') ?? '' }));
  const problems = tags.flatMap(tagProblems);
  if (tags.length > iamTagLimits.perEntity)
    problems.unshift({
      value: `[${tags.map((tag) => tag.Key).join(', ')}]`,
      member: 'tags',
      constraint: `have length less than or equal to ${iamTagLimits.perEntity}`,
    });
  if (problems.length) throw constraintError(problems);
  if (tags.some((tag, i) => tags.findIndex((other) => sameTagKey(other.Key, tag.Key)) !== i))
    throw new AwsError('InvalidInput', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
  return tags;
}

/** The `TagKeys.member.N` of an Untag request, or IAM's ValidationError for more than 50 or a key IAM refuses. */
function readTagKeys(params: QueryParams): string[] {
  const keys = params.list('TagKeys.member');
  const problems = keys.flatMap((key, i) =>
    tagProblems({ Key: key, Value: '' }, i).map((p) => ({ ...p, member: `tagKeys.${i + 1}.member` })),
  );
  if (keys.length > iamTagLimits.perEntity)
    problems.unshift({
      value: `[${keys.join(', ')}]`,
      member: 'tagKeys',
      constraint: `have length less than or equal to ${iamTagLimits.perEntity}`,
    });
  if (problems.length) throw constraintError(problems);
  return keys;
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
 * new value (keys compare case-insensitively, as IAM's do); untagging a key the entity lacks is not an error. An
 * entity keeps at most 50 tags: a TagX that would take it past them changes nothing (LimitExceeded).
 */
export function taggingOperations(entity: TaggedEntity): Record<string, QueryOperation> {
  return {
    [`Tag${entity.noun}`]: {
      resource: entity.resource,
      run(params, ctx) {
        const tags = readTags(params);
        const record = entity.find(params, ctx);
        const added = tags.filter((tag) => !record.tags.some((t) => sameTagKey(t.Key, tag.Key)));
        if (record.tags.length + added.length > iamTagLimits.perEntity)
          throw new AwsError('LimitExceeded', 'The number of tags has reached the maximum limit.', 409);
        for (const tag of tags) {
          const existing = record.tags.find((t) => sameTagKey(t.Key, tag.Key));
          if (existing) existing.Value = tag.Value;
          else record.tags.push(tag);
        }
        return undefined;
      },
    },
    [`Untag${entity.noun}`]: {
      resource: entity.resource,
      run(params, ctx) {
        const keys = readTagKeys(params);
        const record = entity.find(params, ctx);
        record.tags = record.tags.filter((t) => !keys.some((key) => sameTagKey(key, t.Key)));
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
