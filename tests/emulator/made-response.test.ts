import { describe, expect, it } from 'vitest';
import { heldBody, madeResponse } from '../../src/emulator/made-response';

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
});
