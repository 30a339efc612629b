import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIContext } from 'astro';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { POST } from '../../src/pages/api/verify';

/** A same-origin JSON request from the course page, as the Verify panel sends it. */
function verifyRequest(body: unknown): APIContext {
  const url = new URL('http://127.0.0.1:4321/api/verify/');
  const request = new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url.origin, 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify(body),
  });
  return { request, url, clientAddress: '127.0.0.1' } as unknown as APIContext;
}

/** No credentials anywhere the SDK's chain looks. */
function withoutCredentials() {
  const empty = mkdtempSync(join(tmpdir(), 'no-aws-'));
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'])
    vi.stubEnv(name, undefined);
  vi.stubEnv('AWS_CONFIG_FILE', join(empty, 'config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(empty, 'credentials'));
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
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
});
