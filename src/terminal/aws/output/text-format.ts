import { type CliValue, isContainer, pythonString } from './cli-value';

type CliObject = { [key: string]: CliValue };

function isObject(value: CliValue | undefined): value is CliObject {
  return isContainer(value) && !Array.isArray(value);
}

/** The scalar keys of any of the objects, sorted: the columns every row of a list of objects prints. */
function allScalarKeys(items: CliValue[]): string[] {
  const keys = new Set<string>();
  for (const item of items)
    if (isObject(item)) for (const [key, value] of Object.entries(item)) if (!isContainer(value)) keys.add(key);
  return [...keys].sort();
}

function formatScalarList(items: CliValue[], identifier: string | undefined, out: string[]): void {
  if (identifier !== undefined)
    for (const item of items) out.push(`${identifier.toUpperCase()}\t${pythonString(item)}\n`);
  else out.push(`${items.map(pythonString).join('\t')}\n`);
}

function formatObject(
  item: CliObject,
  identifier: string | undefined,
  scalarKeys: string[] | undefined,
  out: string[],
) {
  const scalars: string[] = [];
  const nested: [string, CliValue][] = [];
  if (scalarKeys === undefined) {
    for (const key of Object.keys(item).sort()) {
      if (isContainer(item[key])) nested.push([key, item[key]!]);
      else scalars.push(pythonString(item[key]));
    }
  } else {
    for (const key of scalarKeys) scalars.push(Object.hasOwn(item, key) ? pythonString(item[key]) : '');
    for (const key of Object.keys(item).sort()) if (!scalarKeys.includes(key)) nested.push([key, item[key]!]);
  }
  if (scalars.length > 0)
    out.push(`${[...(identifier === undefined ? [] : [identifier.toUpperCase()]), ...scalars].join('\t')}\n`);
  for (const [key, value] of nested) formatValue(value, key, undefined, out);
}

function formatList(items: CliValue[], identifier: string | undefined, out: string[]): void {
  if (items.length === 0) return;
  if (items.some(isObject)) {
    const keys = allScalarKeys(items);
    for (const item of items) formatValue(item, identifier, keys, out);
  } else if (items.some(Array.isArray)) {
    const scalars = items.filter((item) => !isContainer(item));
    if (scalars.length > 0) formatScalarList(scalars, identifier, out);
    for (const item of items) if (isContainer(item)) formatValue(item, identifier, undefined, out);
  } else formatScalarList(items, identifier, out);
}

function formatValue(item: CliValue, identifier: string | undefined, scalarKeys: string[] | undefined, out: string[]) {
  if (isObject(item)) formatObject(item, identifier, scalarKeys, out);
  else if (Array.isArray(item)) formatList(item, identifier, out);
  else out.push(`${pythonString(item)}\n`);
}

/**
 * The CLI's `--output text`: an object's scalars on one tab-separated line (keys sorted), each nested value after
 * it under its key in capitals; a list of objects shares the sorted union of their scalar keys.
 */
export function formatText(value: CliValue): string {
  const out: string[] = [];
  formatValue(value, undefined, undefined, out);
  return out.join('');
}
