import { wildcardMatch } from '../../iam-policy/wildcard';
import { AwsError } from '../aws-error';
import type { QueryParams } from '../protocols/query';
import type { Tag } from '../state';

/** The values a resource has for each filter name EC2 accepts on it; `tag:` filters are handled for every type. */
export type FilterValues<T> = Record<string, (resource: T) => readonly (string | number | boolean | undefined)[]>;

/**
 * A filter table with the other names EC2 accepts for some filters (`defaultForAz` for `default-for-az`), as the API
 * reference lists them: each alias answers with the values of the filter it names.
 */
export function withAliases<T>(filters: FilterValues<T>, aliases: Record<string, string>): FilterValues<T> {
  const aliased = Object.entries(aliases).map(([alias, name]) => [alias, filters[name]!] as const);
  return { ...filters, ...Object.fromEntries(aliased) };
}

/** The filters of a Describe request: `Filter.N.Name` with its `Filter.N.Value.M` values. */
export function readFilters(params: QueryParams): { name: string; values: string[] }[] {
  return params.structs('Filter').map((filter) => ({ name: filter.require('Name'), values: filter.list('Value') }));
}

function tagValues(tags: readonly Tag[], filterName: string): string[] | null {
  if (filterName.startsWith('tag:')) return tags.filter((t) => t.Key === filterName.slice(4)).map((t) => t.Value);
  if (filterName === 'tag-key') return tags.map((t) => t.Key);
  if (filterName === 'tag-value') return tags.map((t) => t.Value);
  return null;
}

/**
 * Keeps the resources that match every filter, as EC2 does: values within one filter are ORed, filters are ANDed,
 * `*` and `?` are wildcards. An unknown filter name is EC2's `InvalidParameterValue`.
 */
export function applyFilters<T extends { tags: Tag[] }>(
  resources: T[],
  params: QueryParams,
  known: FilterValues<T>,
): T[] {
  const filters = readFilters(params);
  for (const filter of filters) {
    if (!filter.name.startsWith('tag') && !Object.hasOwn(known, filter.name)) {
      throw new AwsError('InvalidParameterValue', `The filter '${filter.name}' is invalid`);
    }
  }
  return resources.filter((resource) =>
    filters.every((filter) => {
      const actual =
        tagValues(resource.tags, filter.name) ??
        (known[filter.name]?.(resource) ?? []).filter((v) => v !== undefined).map(String);
      return filter.values.some((wanted) => actual.some((value) => wildcardMatch(wanted, value, false)));
    }),
  );
}

/**
 * One page of a Describe answer. EC2 tokens are opaque; the sandbox's encode the offset. Without `MaxResults`
 * everything comes back at once, as EC2 does for most Describe calls.
 */
export function paginate<T>(items: T[], params: QueryParams): { page: T[]; nextToken?: string } {
  const maxResults = params.get('MaxResults') === undefined ? undefined : params.int('MaxResults', 1000, 5, 1000);
  const token = params.get('NextToken');
  let start = 0;
  if (token !== undefined) {
    const decoded = /^sandbox-(\d+)$/.exec(safeAtob(token));
    if (!decoded) throw new AwsError('InvalidNextToken', 'The token provided is invalid');
    start = Number(decoded[1]);
  }
  if (maxResults === undefined) return { page: items.slice(start) };
  const end = start + maxResults;
  return { page: items.slice(start, end), nextToken: end < items.length ? btoa(`sandbox-${end}`) : undefined };
}

function safeAtob(text: string): string {
  try {
    return atob(text);
  } catch {
    return '';
  }
}
