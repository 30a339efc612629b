/** How EC2's Describe calls answer: the resources asked for, filtered, one page of them, each rendered. */
import type { QueryParams } from '../protocols/query';
import type { Tag } from '../state';
import type { XmlValue } from '../xml';
import { applyFilters, paginate, type FilterValues } from './ec2-filters';

/** A Describe answer: `items` filtered by the request's `Filter.N`, paginated, rendered under `listName`. */
export function describe<T extends { tags: Tag[] }>(
  listName: string,
  items: T[],
  params: QueryParams,
  filters: FilterValues<T>,
  render: (item: T) => XmlValue,
): XmlValue {
  const { page, nextToken } = paginate(applyFilters(items, params, filters), params);
  return { [listName]: page.map(render), nextToken };
}
