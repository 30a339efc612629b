import { describe, expect, it } from 'vitest';
import { receivedHeaders } from '../../src/emulator/received-headers';

const parsed = () => ({
  host: '127.0.0.1:4566',
  'content-type': 'application/x-www-form-urlencoded',
  'x-amz-meta-note': '  padded\t',
  'set-cookie': ['a=1', 'b=2'],
  ':authority': '127.0.0.1:4566',
});

describe('the headers the Node endpoint has read', () => {
  it('are a Headers', () => {
    expect(receivedHeaders(parsed())).toBeInstanceOf(Headers);
  });

  it('read a header by its lower-case name', () => {
    expect(receivedHeaders(parsed()).get('content-type')).toBe('application/x-www-form-urlencoded');
  });

  it('read a header by any spelling of its name, as Headers does', () => {
    expect(receivedHeaders(parsed()).get('Content-Type')).toBe('application/x-www-form-urlencoded');
  });

  it('answer null for a header that was not sent', () => {
    expect(receivedHeaders(parsed()).get('x-amz-security-token')).toBeNull();
  });

  it('say whether a header was sent', () => {
    const headers = receivedHeaders(parsed());
    expect([headers.has('host'), headers.has('origin')]).toEqual([true, false]);
  });

  it('strip whitespace from the ends of a value, as Headers does', () => {
    expect(receivedHeaders(parsed()).get('x-amz-meta-note')).toBe('padded');
  });

  it('join a repeated header with commas, as Headers does', () => {
    expect(receivedHeaders(parsed()).get('set-cookie')).toBe('a=1, b=2');
  });

  it('leave out HTTP/2 pseudo-headers', () => {
    expect([...receivedHeaders(parsed()).keys()]).not.toContain(':authority');
  });

  it('iterate as a Headers made from the same values', () => {
    const expected = new Headers([
      ['host', '127.0.0.1:4566'],
      ['content-type', 'application/x-www-form-urlencoded'],
      ['x-amz-meta-note', 'padded'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ]);
    expect([...receivedHeaders(parsed())]).toEqual([...expected]);
  });

  it('give each cookie apart from getSetCookie', () => {
    expect(receivedHeaders(parsed()).getSetCookie()).toEqual(['a=1', 'b=2']);
  });

  it('read a header as it was changed', () => {
    const headers = receivedHeaders(parsed());
    headers.set('content-type', 'text/plain');
    headers.delete('host');
    expect([headers.get('content-type'), headers.has('host')]).toEqual(['text/plain', false]);
  });

  it('refuse an invalid name as Headers does', () => {
    expect(() => receivedHeaders(parsed()).get('bad name')).toThrow(TypeError);
  });
});
