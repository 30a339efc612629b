/**
 * The diagram's layout: boxes inside boxes, each a header of text lines over its children, laid in a row or a
 * column. What an account holds nests (a region holds VPCs, a VPC its zones, a zone its subnets, a subnet its
 * instances) and has no edges to route, so a containment layout is all it needs; it is a pure function, in
 * monospace so that text widths are known without a browser.
 */

/** One line of a box's header. */
export interface Line {
  text: string;
  /** How it is drawn: a heading, plain, muted, or a mark. */
  tone?: 'heading' | 'plain' | 'muted' | 'bad' | 'ok' | 'warn';
  /** Wrapped onto more lines when too long (a sentence), rather than cut (an id). */
  wrap?: boolean;
}

/** A box before layout. */
export interface Box {
  /** What it is, for its look (`vpc`, `subnet public`) and tests. */
  kind: string;
  /** The resource's id, when it is one. */
  id?: string;
  /** The whole text, for the tooltip (lines may be cut short). */
  title: string;
  lines: Line[];
  direction: 'row' | 'column';
  children: Box[];
  /** Badges drawn across the top edge, after the header (an internet gateway on its VPC). */
  edge?: Box[];
  /** Marked by a failed check: drawn with a heavier, dashed outline. */
  marked?: boolean;
  /** Only holds its children: no outline, no padding. */
  bare?: boolean;
  /** Its lines may be twice as long (the account's heading lines, above a side-by-side drawing). */
  wide?: boolean;
}

/** A box after layout: where it is, and its children's places. */
export interface Placed {
  box: Box;
  x: number;
  y: number;
  width: number;
  height: number;
  lines: { text: string; tone: NonNullable<Line['tone']>; x: number; y: number }[];
  children: Placed[];
  edge: Placed[];
}

/** The sizes the layout uses, in px at 12 px monospace. */
export const metrics = {
  fontSize: 12,
  /** DejaVu Sans Mono's and most monospace fonts' advance is 0.6 em; a little more keeps text inside its box. */
  charWidth: 7.3,
  lineHeight: 16,
  padding: 8,
  gap: 10,
  /** Lines longer than this are cut with an ellipsis; the tooltip and the outline have them whole. */
  maxChars: 52,
  /** The same, stacked for a phone's width. */
  stackedMaxChars: 40,
};

/** A line cut to {@link metrics.maxChars}. */
export function clip(text: string, max = metrics.maxChars): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Words wrapped into lines of at most `max` characters (a word longer than that is cut). */
export function wrap(text: string, max = metrics.maxChars): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current && current.length + 1 + word.length > max) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines.map((line) => clip(line, max));
}

/** A box's lines as drawn: sentences wrapped, the rest cut, each at most `maxChars` long. */
const fitLines = (lines: readonly Line[], maxChars: number): Line[] =>
  lines.flatMap((line) =>
    line.wrap
      ? wrap(line.text, maxChars).map((text) => ({ ...line, text }))
      : [{ ...line, text: clip(line.text, maxChars) }],
  );

const textWidth = (lines: readonly Line[]) => Math.max(0, ...lines.map((l) => l.text.length)) * metrics.charWidth;

interface Measured {
  box: Box;
  lines: Line[];
  width: number;
  /** Its height, with {@link Measured.top} included. */
  height: number;
  /** Room kept above the box for the half of its edge badges that sticks out. */
  top: number;
  children: Measured[];
  edge: Measured[];
}

const paddingOf = (box: Box) => (box.bare ? 0 : metrics.padding);

function measure(box: Box, maxChars: number): Measured {
  const { gap, lineHeight } = metrics;
  const padding = paddingOf(box);
  const children = box.children.map((child) => measure(child, maxChars));
  const edge = (box.edge ?? []).map((badge) => measure(badge, maxChars));
  const lines = fitLines(box.lines, box.wide ? maxChars * 2 : maxChars);
  const header = lines.length * lineHeight;
  const row = box.direction === 'row';
  const along = (m: Measured) => (row ? m.width : m.height);
  const across = (m: Measured) => (row ? m.height : m.width);
  const alongSum = children.reduce((sum, c) => sum + along(c), 0) + gap * Math.max(0, children.length - 1);
  const acrossMax = Math.max(0, ...children.map(across));
  const [childWidth, childHeight] = row ? [alongSum, acrossMax] : [acrossMax, alongSum];
  const edgeWidth = edge.reduce((sum, e) => sum + e.width + gap, 0);
  const width = Math.ceil(Math.max(textWidth(lines) + edgeWidth, childWidth) + 2 * padding);
  const top = Math.ceil(Math.max(0, ...edge.map((e) => e.height)) / 2);
  const height = top + Math.ceil(header + (children.length ? gap / 2 + childHeight : 0) + 2 * padding);
  return { box, lines, width, height, top, children, edge };
}

/** Stretches children across their parent (columns share a width, a row's boxes a height), then places them. */
function place(m: Measured, x: number, top: number, width: number, outerHeight: number): Placed {
  const { gap, lineHeight, fontSize } = metrics;
  const padding = paddingOf(m.box);
  const y = top + m.top;
  const height = outerHeight - m.top;
  const lines = m.lines.map((line, i) => ({
    text: line.text,
    tone: line.tone ?? 'plain',
    x: x + padding,
    // The baseline: a line's height holds the text and its descenders.
    y: y + padding + i * lineHeight + fontSize,
  }));
  let cursor = m.lines.length * lineHeight + (m.lines.length ? gap / 2 : 0);
  const innerWidth = width - 2 * padding;
  const row = m.box.direction === 'row';
  const rowHeight = Math.max(0, ...m.children.map((c) => c.height));
  let across = 0;
  const children = m.children.map((child) => {
    if (row) {
      const placed = place(child, x + padding + across, y + padding + cursor, child.width, rowHeight);
      across += child.width + gap;
      return placed;
    }
    const placed = place(child, x + padding, y + padding + cursor, innerWidth, child.height);
    cursor += child.height + gap;
    return placed;
  });
  // Edge badges sit on the top border, just after the header's text, so that they stay in view however wide the box.
  let left = x + padding + textWidth(m.lines) + gap;
  const edge = m.edge.map((badge) => {
    const placed = place(badge, left, y - Math.round(badge.height / 2), badge.width, badge.height);
    left += badge.width + gap;
    return placed;
  });
  return { box: m.box, x, y, width, height, lines, children, edge };
}

/** Lays out a tree of boxes from the top left corner: every box's place, and the whole size. */
export function layout(root: Box, maxChars = metrics.maxChars): Placed {
  const measured = measure(root, maxChars);
  return place(measured, 0, 0, measured.width, measured.height);
}
