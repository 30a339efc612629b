import { describe, expect, it } from 'vitest';
import { escapeXml, flattened, renderXmlChildren, renderXmlDocument } from '../../src/emulator/xml';

describe('escapeXml', () => {
  it('escapes the five characters XML reserves', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;',
    );
  });

  it('leaves text without them as it is', () => {
    expect(escapeXml('vpc-0123 in us-west-2')).toBe('vpc-0123 in us-west-2');
  });
});

describe('renderXmlChildren', () => {
  it('renders keys as elements in their order, leaving undefined out and null empty', () => {
    expect(renderXmlChildren({ b: 'x', a: undefined, c: null, d: 2, e: false }, 'item')).toBe(
      '<b>x</b><c></c><d>2</d><e>false</e>',
    );
  });

  it('renders a list as list items, nested lists too', () => {
    expect(renderXmlChildren({ set: [{ id: 'a' }, ['b', 'c']] }, 'item')).toBe(
      '<set><item><id>a</id></item><item><item>b</item><item>c</item></item></set>',
    );
  });

  it('renders a flattened list as repeated elements of its key', () => {
    expect(renderXmlChildren({ Contents: flattened([{ Key: 'a' }, { Key: 'b' }]) }, 'member')).toBe(
      '<Contents><Key>a</Key></Contents><Contents><Key>b</Key></Contents>',
    );
  });

  it('renders a date as ISO 8601 and escapes text', () => {
    expect(renderXmlChildren({ at: new Date('2026-12-03T10:00:00Z'), name: 'a<b' }, 'member')).toBe(
      '<at>2026-12-03T10:00:00.000Z</at><name>a&lt;b</name>',
    );
  });
});

describe('renderXmlDocument', () => {
  it('wraps the body in the root element with its namespace, after the declaration', () => {
    expect(renderXmlDocument('R', 'urn:x', { a: '1' }, 'member')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<R xmlns="urn:x"><a>1</a></R>',
    );
  });
});
