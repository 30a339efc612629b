import { describe, expect, it } from 'vitest';
import { receivedRequest } from '../../src/emulator/received-request';

const parts = (body: Uint8Array | null = new TextEncoder().encode('Action=DescribeVpcs')) => ({
  url: 'http://127.0.0.1:4566/?list-type=2',
  method: 'POST',
  headers: new Headers({ 'content-type': 'application/x-www-form-urlencoded' }),
  body,
});

describe('a request the Node endpoint has read', () => {
  it('is a Request', () => {
    expect(receivedRequest(parts())).toBeInstanceOf(Request);
  });

  it('answers its URL, method and headers as read', () => {
    const request = receivedRequest(parts());
    expect([request.url, request.method, request.headers.get('content-type')]).toEqual([
      'http://127.0.0.1:4566/?list-type=2',
      'POST',
      'application/x-www-form-urlencoded',
    ]);
  });

  it('gives its body’s bytes once, and refuses a second read as Request does', async () => {
    const request = receivedRequest(parts());
    expect(new TextDecoder().decode(await request.arrayBuffer())).toBe('Action=DescribeVpcs');
    expect(request.bodyUsed).toBe(true);
    await expect(request.text()).rejects.toThrow(TypeError);
  });

  it('gives only the body’s own bytes when they sit in a larger buffer', async () => {
    const shared = new TextEncoder().encode('xxAction=Ayy');
    const request = receivedRequest(parts(shared.subarray(2, 10)));
    expect(new TextDecoder().decode(await request.arrayBuffer())).toBe('Action=A');
  });

  it('has a null body when none was sent', async () => {
    const request = receivedRequest({ ...parts(null), method: 'GET' });
    expect(request.body).toBeNull();
    expect((await request.arrayBuffer()).byteLength).toBe(0);
  });

  it('offers its body as a stream too', async () => {
    const request = receivedRequest(parts());
    expect(await new Response(request.body).text()).toBe('Action=DescribeVpcs');
  });

  it('answers the members it does not keep itself through a real Request', async () => {
    const request = receivedRequest(parts());
    expect(request.signal).toBeInstanceOf(AbortSignal);
    expect(request.redirect).toBe('follow');
    expect(await request.clone().text()).toBe('Action=DescribeVpcs');
  });
});
