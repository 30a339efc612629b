import { type CliValue, isContainer, pythonString } from './cli-value';
import { renderTable, type TableSection } from './table-layout';

type CliObject = { [key: string]: CliValue };

/** Builds the sections as the CLI's table formatter walks a response. */
class TableBuilder {
  readonly sections: TableSection[] = [];
  private current: TableSection | undefined;

  private section(): TableSection {
    this.current ??= this.newSection('', 0);
    return this.current;
  }

  newSection(title: string, indent: number): TableSection {
    this.current = { title, headers: [], rows: [], indent };
    this.sections.push(this.current);
    return this.current;
  }

  header(headers: string[]): void {
    this.section().headers = headers;
  }

  row(cells: CliValue[]): void {
    this.section().rows.push(cells.map(pythonString));
  }

  build(title: string | undefined, value: CliValue, indent: number): boolean {
    if (!value || (isContainer(value) && Object.keys(value).length === 0)) return false;
    if (title !== undefined) this.newSection(title, indent);
    if (Array.isArray(value)) {
      if (isContainer(value[0]) && !Array.isArray(value[0])) this.fromList(value as CliObject[], indent, title ?? '');
      else
        for (const item of value) {
          if (!isContainer(item)) this.row([item]);
          else if (Array.isArray(item) && item.every((cell) => !isContainer(cell))) this.row(item);
          else this.build(undefined, item, 0);
        }
    } else if (isContainer(value)) this.fromObject(value, indent);
    return true;
  }

  private fromObject(value: CliObject, indent: number): void {
    const [headers, more] = scalarKeys([value]);
    if (headers.length === 1) this.row([headers[0]!, value[headers[0]!]!]);
    else if (headers.length > 0) {
      this.header(headers);
      this.row(headers.map((key) => value[key]!));
    }
    for (const key of more) this.build(key, value[key]!, indent + 1);
  }

  private fromList(items: CliObject[], indent: number, title: string): void {
    const [headers, more] = scalarKeys(items);
    this.header(headers);
    items.forEach((item, i) => {
      if (i > 0 && more.length > 0) {
        this.newSection(title, indent);
        this.header(headers);
      }
      this.row(headers.map((key) => (Object.hasOwn(item, key) ? item[key]! : '')));
      for (const key of more) if (Object.hasOwn(item, key)) this.build(key, item[key]!, indent + 1);
    });
  }
}

/** The sorted scalar keys and the sorted nested keys over all the objects. */
function scalarKeys(items: CliObject[]): [string[], string[]] {
  const headers = new Set<string>();
  const more = new Set<string>();
  for (const item of items)
    if (isContainer(item) && !Array.isArray(item))
      for (const [key, value] of Object.entries(item)) (isContainer(value) ? more : headers).add(key);
  return [[...headers].sort(), [...more].sort()];
}

/**
 * The CLI's `--output table`: a box titled with the operation's name, scalars as rows (or columns for lists of
 * objects), nested values in boxes of their own one level in; nothing at all for an empty answer.
 */
export function formatTable(operation: string, value: CliValue, terminalWidth = 80): string {
  const builder = new TableBuilder();
  if (!builder.build(operation, value, 0)) return '';
  return renderTable(builder.sections, terminalWidth);
}
