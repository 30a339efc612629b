/** How EC2's Describe calls answer: the resources asked for, filtered, one page of them, each rendered. */
import type { ServiceContext } from '../context';
import type { QueryOperation, QueryParams } from '../protocols/query';
import type { RegionState, Tag } from '../state';
import type { XmlValue } from '../xml';
import { regionOf } from './ec2-default-vpc';
import { applyFilters, paginate, type FilterValues } from './ec2-filters';
import { type IdKind, selectByIds } from './ec2-ids';

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

/** A Describe operation over one kind of resource in the region: those named by `idParameter`, or all of them. */
export function describeByIds<T extends { tags: Tag[] }>(described: {
  /** The answer's list element, such as `vpcSet`. */
  listName: string;
  /** The request's id list, such as `VpcId` (sent as `VpcId.1`, `VpcId.2`, ...). */
  idParameter: string;
  /** The kind of id, for EC2's malformed and not-found errors. */
  kind: IdKind;
  /** Where the region keeps this kind of resource, by id. */
  table: (region: RegionState) => Record<string, T>;
  /** The filter names the call accepts besides `tag:…`, `tag-key` and `tag-value`. */
  filters: FilterValues<T>;
  /** One resource as the answer shows it. */
  render: (item: T, ctx: ServiceContext, region: RegionState) => XmlValue;
}): QueryOperation {
  return {
    run(params, ctx) {
      const region = regionOf(ctx);
      const items = selectByIds(described.table(region), described.kind, params.list(described.idParameter));
      return describe(described.listName, items, params, described.filters, (item) =>
        described.render(item, ctx, region),
      );
    },
  };
}
