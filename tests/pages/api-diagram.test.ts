import type { APIContext } from 'astro';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountSnapshot } from '../../src/diagram/snapshot';
import { startEmulatorServer } from '../../src/emulator/node-server';
import { createSandbox } from '../../src/emulator/sandbox';
import { sandboxRequestHandler } from '../../src/emulator/sdk-handler';
import { sandboxRootKey } from '../../src/emulator/state';
import { GET } from '../../src/pages/api/diagram';
import { GET as verifyGET } from '../../src/pages/api/verify';
import { doExercise3 } from '../checkers/course-steps';
import { clientsFor } from '../emulator/sandbox-clients';
import { withoutCredentials } from '../live/without-credentials';

/** A same-origin request from the course page for `search`, as the diagram panel sends it; `headers` change it. */
function diagramRequest(
  search = '?region=us-west-2',
  headers: Record<string, string> = {},
  clientAddress = '127.0.0.1',
): APIContext {
  const url = new URL(`http://127.0.0.1:4321/api/diagram/${search}`);
  const request = new Request(url, {
    headers: { host: url.host, origin: url.origin, 'sec-fetch-site': 'same-origin', ...headers },
  });
  return { request, url, clientAddress } as unknown as APIContext;
}

/** The same request sent to the Verify endpoint, to compare refusals. */
function verifyRequest(context: APIContext): APIContext {
  const url = new URL('/api/verify/', context.url);
  return { ...context, url, request: new Request(url, { headers: context.request.headers }) } as APIContext;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the live account diagram endpoint', () => {
  it('answers the account AWS_ENDPOINT_URL serves as a snapshot, never cached', async () => {
    const sandbox = createSandbox();
    const done = await doExercise3(
      clientsFor(sandboxRootKey, 'us-west-2', { requestHandler: sandboxRequestHandler(sandbox) }),
    );
    const emulator = await startEmulatorServer({ sandbox, port: 0, host: '127.0.0.1' });
    vi.stubEnv('AWS_ENDPOINT_URL', emulator.url);
    vi.stubEnv('AWS_ACCESS_KEY_ID', sandboxRootKey.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', sandboxRootKey.secretAccessKey);
    try {
      const response = await GET(diagramRequest('?region=us-west-2&region=us-east-1'));
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const snapshot = (await response.json()) as AccountSnapshot;
      expect(snapshot).toMatchObject({ mode: 'live', account: '123456789012', problems: [] });
      expect(snapshot.regions.map((r) => r.region)).toEqual(['us-west-2', 'us-east-1']);
      const vpc = snapshot.regions[0]!.vpcs.find((v) => v.VpcId === done.vpcId);
      expect(vpc?.Tags).toContainEqual({ Key: 'Name', Value: 'edx-build-aws-vpc' });
      expect(snapshot.regions[0]!.instances.map((i) => i.name)).toEqual(['Ex3WebServer']);
    } finally {
      emulator.server.close();
    }
  });

  it('tells a learner without credentials how to start the course with them, as kind credentials', async () => {
    withoutCredentials();
    const response = await GET(diagramRequest());
    expect(response.status).toBe(401);
    const { error } = (await response.json()) as { error: { kind: string; message: string; hint: string } };
    expect(error.kind).toBe('credentials');
    expect(error.message).toBe('No AWS credentials were found for the check.');
    expect(error.hint).toContain('AWS_PROFILE=<profile> npm start');
  });

  it('answers 401 when AWS refuses the key, without naming it', async () => {
    const emulator = await startEmulatorServer({ sandbox: createSandbox(), port: 0, host: '127.0.0.1' });
    vi.stubEnv('AWS_ENDPOINT_URL', emulator.url);
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wrong');
    try {
      const response = await GET(diagramRequest());
      expect(response.status).toBe(401);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ error: { kind: 'credentials' } });
      expect(text).not.toContain('AKIAIOSFODNN7EXAMPLE');
    } finally {
      emulator.server.close();
    }
  });

  it('answers 502 with the problem when AWS cannot be reached', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://127.0.0.1:9');
    vi.stubEnv('AWS_ACCESS_KEY_ID', sandboxRootKey.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', sandboxRootKey.secretAccessKey);
    const response = await GET(diagramRequest());
    expect(response.status).toBe(502);
    const { error } = (await response.json()) as { error: { kind?: string; message: string; hint: string } };
    expect(error.kind).toBeUndefined();
    expect(error.message).not.toBe('');
    expect(error.hint).not.toBe('');
  });

  it('names an unknown region before touching credentials', async () => {
    withoutCredentials();
    const response = await GET(diagramRequest('?region=us-west-2&region=mars-1'));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        message: '"mars-1" is not an AWS region: region names look like us-west-2 or eu-central-1.',
        hint: 'Type a region such as us-west-2 in the Region box.',
      },
    });
  });

  it('reads at most five regions at once', async () => {
    withoutCredentials();
    const regions = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1', 'eu-west-2'];
    const response = await GET(diagramRequest(`?${regions.map((r) => `region=${r}`).join('&')}`));
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { message: string } };
    expect(error.message).toBe('At most 5 regions at once, not 6.');
  });
});

describe('the live account diagram endpoint, asked by anyone but the course page on this machine', () => {
  const refusals: [string, APIContext][] = [
    [
      "a page whose name resolves here but is not the server's (DNS rebinding)",
      diagramRequest(undefined, { host: 'evil.test:4321', origin: 'http://evil.test:4321' }),
    ],
    [
      'a page served on another port of this machine',
      diagramRequest(undefined, { origin: 'http://127.0.0.1:8080', 'sec-fetch-site': 'same-site' }),
    ],
    ['another site', diagramRequest(undefined, { origin: 'https://evil.test', 'sec-fetch-site': 'cross-site' })],
    ['another machine', diagramRequest(undefined, {}, '192.168.1.20')],
  ];

  for (const [who, context] of refusals)
    it(`refuses ${who} with 403 before touching credentials, as the Verify endpoint does`, async () => {
      withoutCredentials();
      const response = await GET(context);
      const verifyResponse = await verifyGET(verifyRequest(context));
      expect(response.status).toBe(403);
      expect(verifyResponse.status).toBe(403);
      const { error } = (await response.json()) as { error: { message: string; hint?: string } };
      const verifyError = ((await verifyResponse.json()) as { error: { message: string; hint?: string } }).error;
      expect(error.message).toBe(verifyError.message.replace('Live checks answer', 'The account diagram answers'));
      expect(error.message).toMatch(/^The account diagram answers only /);
      expect(Boolean(error.hint)).toBe(Boolean(verifyError.hint));
    });
});
