/** Escapes text for an XML element or attribute. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
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

function renderScalar(value: string | number | boolean | Date): string {
  if (value instanceof Date) return value.toISOString();
  return escapeXml(String(value));
}

/**
 * Renders `value` as the children of an element. Object keys become element names in their order; a plain list
 * becomes `<listItem>` children (`item` for EC2, `member` for IAM, STS and CloudFormation).
 */
export function renderXmlChildren(value: XmlValue, listItem: string): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    return value.map((item: XmlValue) => `<${listItem}>${renderXmlChildren(item, listItem)}</${listItem}>`).join('');
  }
  if (typeof value === 'object' && !(value instanceof Date) && !(value instanceof Flattened)) {
    let out = '';
    for (const [key, child] of Object.entries(value as Record<string, XmlValue>)) {
      if (child === undefined) continue;
      if (child instanceof Flattened) {
        for (const item of child.items as XmlValue[]) out += `<${key}>${renderXmlChildren(item, listItem)}</${key}>`;
      } else {
        out += `<${key}>${renderXmlChildren(child, listItem)}</${key}>`;
      }
    }
    return out;
  }
  if (value instanceof Flattened) return '';
  return renderScalar(value as string | number | boolean | Date);
}

/** A whole document: declaration, root element with its namespace, and the rendered body. */
export function renderXmlDocument(root: string, namespace: string | null, body: XmlValue, listItem: string): string {
  const xmlns = namespace ? ` xmlns="${namespace}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${xmlns}>${renderXmlChildren(body, listItem)}</${root}>`;
}
