import { describe, expect, it } from 'vitest';
import { createLocalRequestGate, isLoopbackHost } from '../../src/lib/local-request-gate';

const gate = createLocalRequestGate({
  listenHost: '127.0.0.1',
  port: 4566,
  allowedOrigins: ['http://localhost:4321', 'http://127.0.0.1:4321/'],
});
const kind = (refusal: { kind: string } | null) => refusal?.kind ?? 'allowed';

describe('isLoopbackHost', () => {
  it('knows the names and addresses only this machine reaches', () => {
    for (const host of ['localhost', 'LOCALHOST', 'photos.s3.localhost', '127.0.0.1', '127.8.9.10', '::1', '[::1]'])
      expect(isLoopbackHost(host), host).toBe(true);
  });

  it('refuses other names and addresses', () => {
    for (const host of ['evil.test', 'localhost.evil.test', '10.0.0.1', '0.0.0.0', '::', '', '127.0.0.1.nip.io'])
      expect(isLoopbackHost(host), host).toBe(false);
  });
});

describe('the local request gate', () => {
  it('lets in a command-line tool naming the server by a loopback name on its port', () => {
    for (const host of ['127.0.0.1:4566', 'localhost:4566', '[::1]:4566', 'LocalHost:4566'])
      expect(kind(gate.check({ host })), host).toBe('allowed');
  });

  it("lets in S3's virtual-hosted bucket names under localhost", () => {
    expect(kind(gate.check({ host: 'photos.s3.localhost:4566' }))).toBe('allowed');
    expect(kind(gate.check({ host: 'photos.localhost:4566' }))).toBe('allowed');
  });

  it('refuses a name that merely resolves to this machine, as DNS rebinding gives', () => {
    expect(gate.check({ host: 'evil.test:4566' })).toEqual({
      kind: 'foreign-host',
      status: 403,
      message: 'This server answers requests for 127.0.0.1:4566 and localhost:4566, not evil.test:4566.',
    });
  });

  it('refuses a loopback name on another port', () => {
    expect(kind(gate.check({ host: '127.0.0.1:80' }))).toBe('foreign-host');
    expect(kind(gate.check({ host: 'localhost' }))).toBe('foreign-host');
  });

  it('calls a missing, empty or malformed Host a bad request', () => {
    for (const host of [undefined, '', 'a b', '127.0.0.1:4566/x', 'user@127.0.0.1:4566', '127.0.0.1:99999'])
      expect(gate.check({ host }), String(host)).toMatchObject({ kind: 'bad-host', status: 400 });
  });

  it('answers for the address it was told to listen on', () => {
    const lan = createLocalRequestGate({ listenHost: '192.168.1.20', port: 4566 });
    expect(kind(lan.check({ host: '192.168.1.20:4566' }))).toBe('allowed');
    expect(kind(lan.check({ host: '192.168.1.21:4566' }))).toBe('foreign-host');
    const named = createLocalRequestGate({ listenHost: 'course.lan', port: 4321 });
    expect(kind(named.check({ host: 'course.lan:4321' }))).toBe('allowed');
  });

  it('answers any IP address, never another name, when listening on every interface', () => {
    const everywhere = createLocalRequestGate({ listenHost: '0.0.0.0', port: 4566 });
    expect(kind(everywhere.check({ host: '192.168.1.20:4566' }))).toBe('allowed');
    expect(kind(everywhere.check({ host: '[fe80::1]:4566' }))).toBe('allowed');
    expect(kind(everywhere.check({ host: 'evil.test:4566' }))).toBe('foreign-host');
  });

  it('lets in pages of its own origin and of the allowed origins, whatever Sec-Fetch-Site says', () => {
    expect(kind(gate.check({ host: '127.0.0.1:4566', origin: 'http://127.0.0.1:4566' }))).toBe('allowed');
    expect(
      kind(gate.check({ host: '127.0.0.1:4566', origin: 'http://127.0.0.1:4321', secFetchSite: 'same-site' })),
    ).toBe('allowed');
    expect(
      kind(gate.check({ host: '127.0.0.1:4566', referer: 'http://localhost:4321/week-2/', secFetchSite: 'same-site' })),
    ).toBe('allowed');
  });

  it('refuses a page of another origin, on another port of this machine too', () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.1:8080', 'http://evil.test:4566', 'null'])
      expect(gate.check({ host: '127.0.0.1:4566', origin }), origin).toMatchObject({
        kind: 'foreign-origin',
        status: 403,
      });
  });

  it('refuses a request whose Referer is a foreign page when it has no Origin', () => {
    expect(kind(gate.check({ host: '127.0.0.1:4566', referer: 'http://127.0.0.1:8080/attack.html' }))).toBe(
      'foreign-origin',
    );
  });

  it('refuses a cross-site or same-site request that names no page, as an <img> without a Referer', () => {
    expect(kind(gate.check({ host: '127.0.0.1:4566', secFetchSite: 'same-site' }))).toBe('cross-site');
    expect(kind(gate.check({ host: '127.0.0.1:4566', secFetchSite: 'cross-site' }))).toBe('cross-site');
    expect(kind(gate.check({ host: '127.0.0.1:4566', secFetchSite: 'none' }))).toBe('allowed');
  });
});
