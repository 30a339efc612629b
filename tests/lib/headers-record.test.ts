import { describe, expect, it } from 'vitest';
import { headersRecord } from '../../src/lib/headers-record';

describe('headersRecord', () => {
  it('gives lower-case names and joins repeated headers', () => {
    const headers = new Headers({ 'Content-Type': 'text/xml' });
    headers.append('X-Amz-Meta-Tag', 'a');
    headers.append('X-Amz-Meta-Tag', 'b');
    expect(headersRecord(headers)).toEqual({ 'content-type': 'text/xml', 'x-amz-meta-tag': 'a, b' });
  });

  it('gives an empty record for no headers', () => {
    expect(headersRecord(new Headers())).toEqual({});
  });

  it('keeps a header named __proto__ as a header', () => {
    const record = headersRecord(new Headers([['__proto__', 'x']]));
    expect(Object.hasOwn(record, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(record, '__proto__')?.value).toBe('x');
  });
});
