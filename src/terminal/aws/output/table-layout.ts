/** One titled box of the CLI's table output: optional column headers and rows of text, nested `indent` deep. */
export interface TableSection {
  title: string;
  headers: string[];
  rows: string[][];
  indent: number;
}

/** Python 3's `round()`: halves go to the even neighbour. */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (Math.abs(fraction - 0.5) > 1e-9) return Math.round(value);
  return floor % 2 === 0 ? floor : floor + 1;
}

function naturalWidths(section: TableSection): number[] {
  const widths: number[] = [];
  for (const row of [section.headers, ...section.rows].filter((row) => row.length > 0))
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  return widths;
}

/** Column widths with padding, scaled to fill `maxWidth` exactly as the CLI spreads the rounding error. */
function columnWidths(section: TableSection, maxWidth: number): number[] {
  const unscaled = naturalWidths(section).map((width) => width + 4);
  if (unscaled.length === 0) return unscaled;
  const factor = maxWidth / unscaled.reduce((a, b) => a + b, 0);
  const scaled = unscaled.map((width) => roundHalfEven(factor * width));
  let off = scaled.reduce((a, b) => a + b, 0) - maxWidth;
  while (off !== 0) {
    const order = [...scaled.keys()];
    if (off < 0) order.reverse();
    for (const i of order) {
      scaled[i]! += off > 0 ? -1 : 1;
      off += off > 0 ? -1 : 1;
      if (off === 0) break;
    }
  }
  return scaled;
}

function totalWidth(section: TableSection): number {
  const columns = naturalWidths(section).reduce((sum, width) => sum + width + 4, 0) + 2 + section.indent * 2;
  return Math.max(section.title.length + 2 + section.indent * 2, columns);
}

function centered(text: string, length: number, leftEdge: string): string {
  const start = Math.floor(length / 2) - Math.floor(text.length / 2) - 1;
  const soFar = leftEdge.length + start + text.length;
  return `${leftEdge}${' '.repeat(Math.max(start, 0))}${text}${' '.repeat(Math.max(length - 1 - soFar, 0))}|`;
}

function leftAligned(text: string, length: number, leftEdge: string): string {
  const padding = length - (text.length + 2 + leftEdge.length + 1) >= 0 ? 2 : 0;
  const soFar = leftEdge.length + padding + text.length;
  return `${leftEdge}${' '.repeat(padding)}${text}${' '.repeat(Math.max(length - soFar - 1, 0))}|`;
}

function lineBreak(widths: number[]): string {
  return widths.map((width, i) => (i === 0 ? `+${'-'.repeat(width - 2)}+` : `${'-'.repeat(width - 1)}+`)).join('');
}

/** A section with a single row shown as name/value pairs, which the CLI switches to when a table is too wide. */
function vertical(section: TableSection): TableSection {
  if (section.rows.length !== 1 || section.headers.length === 0) return section;
  const row = section.rows[0]!;
  return { ...section, headers: [], rows: section.headers.map((header, i) => [header, row[i] ?? '']) };
}

function renderSection(section: TableSection, width: number, out: string[]): void {
  const bars = '|'.repeat(section.indent);
  const line = (text: string) => out.push(`${bars}${text}${bars}\n`);
  const inner = width - section.indent * 2;
  if (section.title) {
    line(centered(section.title, inner, '|'));
    if (section.headers.length === 0 && section.rows.length === 0) line(`+${'-'.repeat(inner - 2)}+`);
  }
  const widths = columnWidths(section, inner);
  if (section.headers.length > 0) {
    line(lineBreak(widths));
    line(section.headers.map((header, i) => centered(header, widths[i]!, i === 0 ? '|' : '')).join(''));
  }
  if (section.rows.length === 0 || widths.length === 0) return;
  line(lineBreak(widths));
  for (const row of section.rows)
    line(row.map((cell, i) => leftAligned(cell, widths[i]!, i === 0 ? '|' : '')).join(''));
  line(lineBreak(widths));
}

/** Draws the sections as the CLI's table output, switching single-row sections to pairs past `terminalWidth`. */
export function renderTable(sections: TableSection[], terminalWidth: number): string {
  let laidOut = sections;
  let width = Math.max(...laidOut.map(totalWidth));
  if (width > terminalWidth) {
    laidOut = sections.map(vertical);
    width = Math.max(...laidOut.map(totalWidth));
  }
  const out = [`${'-'.repeat(width)}\n`];
  for (const section of laidOut) renderSection(section, width, out);
  return out.join('');
}
