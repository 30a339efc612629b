const xmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const xmlSpecial = /[&<>"']/;
const xmlSpecials = /[&<>"']/g;

/** Escapes text for an XML element or attribute. Most text has nothing to escape, and is returned as it is. */
export function escapeXml(text: string): string {
  return xmlSpecial.test(text) ? text.replace(xmlSpecials, (c) => xmlEntities[c]!) : text;
}

/** A list rendered as repeated elements of its key (`<Contents>…</Contents><Contents>…</Contents>`), as S3 does. */
export class Flattened<T = unknown> {
  constructor(readonly items: readonly T[]) {}
}

/** Marks a list to render flattened; see {@link Flattened}. */
export function flattened<T>(items: readonly T[]): Flattened<T> {
  return new Flattened(items);
}

/** A value the XML renderer understands: scalars, dates, nested objects and lists. `undefined` is left out. */
export type XmlValue =
  | string
  | number
  | boolean
  | Date
  | null
  | undefined
  | Flattened
  | readonly XmlValue[]
  | { readonly [key: string]: XmlValue };

/**
 * Renders `value` as the children of an element. Object keys become element names in their order; a plain list
 * becomes `<listItem>` children (`item` for EC2, `member` for IAM, STS and CloudFormation). Every answer is rendered
 * through here, so it builds one string with plain loops.
 */
export function renderXmlChildren(value: XmlValue, listItem: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return escapeXml(value);
  if (typeof value !== 'object') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Flattened) return '';
  let out = '';
  if (Array.isArray(value)) {
    for (const item of value as readonly XmlValue[])
      out += `<${listItem}>${renderXmlChildren(item, listItem)}</${listItem}>`;
    return out;
  }
  const record = value as { readonly [key: string]: XmlValue };
  for (const key of Object.keys(record)) {
    const child = record[key];
    if (child === undefined) continue;
    if (child instanceof Flattened) {
      for (const item of child.items as XmlValue[]) out += `<${key}>${renderXmlChildren(item, listItem)}</${key}>`;
    } else {
      out += `<${key}>${renderXmlChildren(child, listItem)}</${key}>`;
    }
  }
  return out;
}

/** A whole document: declaration, root element with its namespace, and the rendered body. */
export function renderXmlDocument(root: string, namespace: string | null, body: XmlValue, listItem: string): string {
  const xmlns = namespace ? ` xmlns="${namespace}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${xmlns}>${renderXmlChildren(body, listItem)}</${root}>`;
}
