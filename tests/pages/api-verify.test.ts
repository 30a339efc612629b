import type { APIContext } from 'astro';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startEmulatorServer } from '../../src/emulator/node-server';
import { createSandbox } from '../../src/emulator/sandbox';
import { sandboxRootKey } from '../../src/emulator/state';
import { POST } from '../../src/pages/api/verify';
import { withoutCredentials } from '../live/without-credentials';

/** A same-origin JSON request from the course page, as the Verify panel sends it; `headers` change it. */
function verifyRequest(body: unknown, headers: Record<string, string> = {}): APIContext {
  const url = new URL('http://127.0.0.1:4321/api/verify/');
  const request = new Request(url, {
    method: 'POST',
    headers: {
      host: url.host,
      'content-type': 'application/json',
      origin: url.origin,
      'sec-fetch-site': 'same-origin',
      ...headers,
    },
    body: typeof body === 'string' || body instanceof ReadableStream ? body : JSON.stringify(body),
    duplex: 'half',
  } as RequestInit);
  return { request, url, clientAddress: '127.0.0.1' } as unknown as APIContext;
}

/** A body that streams `bytes` of JSON-looking text without announcing its length, as a chunked upload does. */
function endlessJson(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      sent += 16 * 1024;
      if (sent > bytes) controller.close();
      else controller.enqueue(new TextEncoder().encode(' '.repeat(16 * 1024)));
    },
  });
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the live Verify endpoint', () => {
  it('tells a learner without credentials how to start the course with them, not which flag to pass', async () => {
    withoutCredentials();
    const response = await POST(verifyRequest({ exercise: 'exercise-3', region: 'us-west-2' }));
    expect(response.status).toBe(401);
    const { error } = (await response.json()) as { error: { message: string; hint: string } };
    expect(error.message).toBe('No AWS credentials were found for the check.');
    expect(error.hint).toContain('AWS_PROFILE=<profile> npm start');
    expect(error.hint).not.toContain('--profile');
  });

  it('names an unknown region before touching credentials', async () => {
    const response = await POST(verifyRequest({ exercise: 'exercise-3', region: 'mars-1' }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        message: '"mars-1" is not an AWS region: region names look like us-west-2 or eu-central-1.',
        hint: 'Type a region such as us-west-2 in the Region box.',
      },
    });
  });

  it("refuses a page whose name resolves here but is not the server's (DNS rebinding) before touching credentials", async () => {
    withoutCredentials();
    const response = await POST(
      verifyRequest({ exercise: 'exercise-3' }, { host: 'evil.test:4321', origin: 'http://evil.test:4321' }),
    );
    expect(response.status).toBe(403);
    const { error } = (await response.json()) as { error: { message: string } };
    expect(error.message).toContain('not evil.test:4321');
  });

  it('refuses a page served on another port of this machine', async () => {
    const response = await POST(
      verifyRequest({ exercise: 'exercise-3' }, { origin: 'http://127.0.0.1:8080', 'sec-fetch-site': 'same-site' }),
    );
    expect(response.status).toBe(403);
  });

  it('refuses a body past 64 KiB with 413, reading no further, and closes the connection', async () => {
    const response = await POST(verifyRequest(endlessJson(1024 * 1024 * 1024)));
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
  });

  it('refuses a Content-Length past 64 KiB before reading the body', async () => {
    const response = await POST(verifyRequest('{}', { 'content-length': String(65 * 1024) }));
    expect(response.status).toBe(413);
  });

  it('never opens a metadata address the request names as the app, and says why', async () => {
    const emulator = await startEmulatorServer({ sandbox: createSandbox(), port: 0, host: '127.0.0.1' });
    vi.stubEnv('AWS_ENDPOINT_URL', emulator.url);
    vi.stubEnv('AWS_ACCESS_KEY_ID', sandboxRootKey.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', sandboxRootKey.secretAccessKey);
    try {
      const response = await POST(
        verifyRequest({
          exercise: 'exercise-5',
          region: 'us-west-2',
          params: { bucket: 'photos-bucket', appUrl: 'http://169.254.169.254/latest/meta-data/' },
        }),
      );
      const run = (await response.json()) as { checks: { id: string; message: string }[] };
      expect(run.checks.find((check) => check.id === 'app-answers')?.message).toBe(
        'Nothing answers at http://169.254.169.254/latest/meta-data/ (169.254.169.254 is a cloud metadata service, ' +
          'which checks never open).',
      );
    } finally {
      emulator.server.close();
    }
  });
});
