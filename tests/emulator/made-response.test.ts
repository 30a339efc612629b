import { describe, expect, it } from 'vitest';
import { addHeaderIfAbsent, heldBody, heldHeaders, madeResponse } from '../../src/emulator/made-response';

const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<DescribeVpcsResponse/>';
const made = () => madeResponse(xml, { status: 200, headers: { 'content-type': 'text/xml;charset=UTF-8' } });

describe('a response the sandbox made', () => {
  it('is a Response, with its status and headers', () => {
    const response = made();
    expect(response).toBeInstanceOf(Response);
    expect([response.status, response.ok, response.headers.get('content-type')]).toEqual([
      200,
      true,
      'text/xml;charset=UTF-8',
    ]);
  });

  it('gives its body as text, then refuses a second read as Response does', async () => {
    const response = made();
    expect(await response.text()).toBe(xml);
    expect(response.bodyUsed).toBe(true);
    await expect(response.arrayBuffer()).rejects.toThrow(TypeError);
  });

  it('gives a text body as UTF-8 bytes', async () => {
    const response = madeResponse('é');
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([0xc3, 0xa9]);
  });

  it('streams its body to a reader that asks for the stream', async () => {
    const response = madeResponse(new Uint8Array([1, 2, 3]), { status: 206 });
    const read = await new Response(response.body).arrayBuffer();
    expect([...new Uint8Array(read)]).toEqual([1, 2, 3]);
  });

  it('answers the members it does not keep itself through a real Response', async () => {
    const response = made();
    expect(response.type).toBe('default');
    expect(await response.clone().text()).toBe(xml);
  });

  it('keeps a header set after it was made', () => {
    const response = made();
    response.headers.set('date', 'Thu, 03 Dec 2026 10:00:00 GMT');
    expect(response.headers.get('date')).toBe('Thu, 03 Dec 2026 10:00:00 GMT');
  });

  it('hands its held body to a host that writes it as it is', () => {
    expect(heldBody(made())).toBe(xml);
    expect(heldBody(madeResponse(null, { status: 204 }))).toBeNull();
  });

  it('holds nothing for a host once its body has been read, nor for an ordinary Response', async () => {
    const response = made();
    await response.text();
    expect(heldBody(response)).toBeUndefined();
    expect(heldBody(new Response(xml))).toBeUndefined();
  });

  it('hands its headers to a host as a record, sorted by name as Headers gives them', () => {
    const response = madeResponse('', { headers: { 'x-amzn-requestid': 'r-1', 'content-type': 'text/xml' } });
    expect(Object.entries(heldHeaders(response) ?? {})).toEqual([
      ['content-type', 'text/xml'],
      ['x-amzn-requestid', 'r-1'],
    ]);
  });

  it('holds no header record once its headers were asked for, so a change there is written', () => {
    const response = made();
    response.headers.set('x-amz-id-2', 'id');
    expect(heldHeaders(response)).toBeUndefined();
  });

  it('keeps a header Headers would rewrite as Headers keeps it', () => {
    const response = madeResponse('', { headers: { 'Content-Type': ' text/xml ' } });
    expect([response.headers.get('content-type'), heldHeaders(response)]).toEqual(['text/xml', undefined]);
  });

  it('refuses a header Headers refuses, when it is made', () => {
    expect(() => madeResponse('', { headers: { 'bad name': 'x' } })).toThrow(TypeError);
  });

  it('adds a header it lacks to its record', () => {
    const response = made();
    addHeaderIfAbsent(response, 'date', () => 'Thu, 03 Dec 2026 10:00:00 GMT');
    expect(heldHeaders(response)?.date).toBe('Thu, 03 Dec 2026 10:00:00 GMT');
  });

  it('keeps a header it has when one is added only if absent', () => {
    const response = madeResponse('', { headers: { date: 'Wed, 02 Dec 2026 10:00:00 GMT' } });
    addHeaderIfAbsent(response, 'date', () => 'Thu, 03 Dec 2026 10:00:00 GMT');
    expect(response.headers.get('date')).toBe('Wed, 02 Dec 2026 10:00:00 GMT');
  });

  it('adds a header to an ordinary Response only if absent', () => {
    const response = new Response('');
    addHeaderIfAbsent(response, 'date', () => 'Thu, 03 Dec 2026 10:00:00 GMT');
    expect(response.headers.get('date')).toBe('Thu, 03 Dec 2026 10:00:00 GMT');
  });
});
