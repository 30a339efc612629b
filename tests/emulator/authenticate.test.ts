import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/emulator/sandbox';
import { sandboxRootKey } from '../../src/emulator/state';
import { signedRequest } from './signed-request';

const clock = new Date('2026-11-25T10:00:00Z');
const minutes = (n: number) => new Date(clock.getTime() + n * 60_000);
const bucketUrl = 'https://photos-bucket.s3.us-west-2.amazonaws.com';
const form = { 'content-type': 'application/x-www-form-urlencoded' };

function sandboxAt(): Sandbox {
  return createSandbox({ now: () => clock });
}

async function withBucket(): Promise<Sandbox> {
  const sandbox = sandboxAt();
  const body =
    '<CreateBucketConfiguration><LocationConstraint>us-west-2</LocationConstraint></CreateBucketConfiguration>';
  const created = await sandbox.handle(await signedRequest({ method: 'PUT', url: `${bucketUrl}/`, body, date: clock }));
  expect(created.status).toBe(200);
  return sandbox;
}

async function answer(sandbox: Sandbox, request: Request): Promise<{ status: number; text: string }> {
  const response = await sandbox.handle(request);
  return { status: response.status, text: await response.text() };
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** An aws-chunked body whose chunks are signed in a chain from `seed`, as STREAMING-AWS4-HMAC-SHA256-PAYLOAD says. */
function signedChunks(seed: string, chunks: string[], date = clock): string {
  const day = date.toISOString().slice(0, 10).replace(/-/g, '');
  const amzDate = `${day}T${date.toISOString().slice(11, 19).replace(/:/g, '')}Z`;
  const scope = `${day}/us-west-2/s3/aws4_request`;
  let key = hmac(`AWS4${sandboxRootKey.secretAccessKey}`, day);
  for (const part of ['us-west-2', 's3', 'aws4_request']) key = hmac(key, part);
  let previous = seed;
  return [...chunks, '']
    .map((data) => {
      const toSign = ['AWS4-HMAC-SHA256-PAYLOAD', amzDate, scope, previous, sha256(''), sha256(data)].join('\n');
      previous = createHmac('sha256', key).update(toSign).digest('hex');
      return `${Buffer.byteLength(data).toString(16)};chunk-signature=${previous}\r\n${data}\r\n`;
    })
    .join('');
}

async function streamedPut(chunks: string[], send?: (body: string) => string): Promise<Request> {
  const headers = {
    'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
    'content-encoding': 'aws-chunked',
    'x-amz-decoded-content-length': String(chunks.join('').length),
  };
  const signed = await signedRequest({ method: 'PUT', url: `${bucketUrl}/notes.txt`, headers, date: clock });
  const seed = /Signature=([0-9a-f]+)/.exec(signed.headers.get('authorization')!)![1]!;
  const body = signedChunks(seed, chunks);
  return new Request(signed.url, { method: 'PUT', headers: signed.headers, body: send ? send(body) : body });
}

describe('the body a signature covers', () => {
  it('refuses a signed IAM request replayed with a new body and the old body’s hash in a header', async () => {
    const sandbox = sandboxAt();
    const original = 'Action=ListUsers&Version=2010-05-08';
    const replay = await signedRequest({
      method: 'POST',
      url: 'https://iam.amazonaws.com/',
      headers: form,
      body: original,
      date: clock,
      addAfterSigning: { 'x-amz-content-sha256': sha256(original) },
      sendBody: 'Action=CreateUser&UserName=intruder&Version=2010-05-08',
    });
    const { status, text } = await answer(sandbox, replay);
    expect(status).toBe(403);
    expect(text).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(Object.keys(sandbox.state.accounts['123456789012']!.iam.users)).toEqual([]);
  });

  it('answers XAmzContentSHA256Mismatch with both hashes when an S3 upload’s body is not the one signed', async () => {
    const sandbox = await withBucket();
    const swapped = await signedRequest({
      method: 'PUT',
      url: `${bucketUrl}/cat.jpg`,
      body: 'the photo',
      date: clock,
      sendBody: 'something else',
    });
    const { status, text } = await answer(sandbox, swapped);
    expect(status).toBe(400);
    expect(text).toContain('<Code>XAmzContentSHA256Mismatch</Code>');
    expect(text).toContain(`<ClientComputedContentSHA256>${sha256('the photo')}</ClientComputedContentSHA256>`);
    expect(text).toContain(`<S3ComputedContentSHA256>${sha256('something else')}</S3ComputedContentSHA256>`);
    expect(sandbox.state.buckets['photos-bucket']!.objects).toEqual({});
  });

  it('refuses an S3 request with an x-amz-* header the signature does not cover, naming it', async () => {
    const sandbox = await withBucket();
    const request = await signedRequest({
      method: 'PUT',
      url: `${bucketUrl}/cat.jpg`,
      body: 'the photo',
      date: clock,
      addAfterSigning: { 'x-amz-meta-owner': 'mallory' },
    });
    const { status, text } = await answer(sandbox, request);
    expect(status).toBe(403);
    expect(text).toContain('<Message>There were headers present in the request which were not signed</Message>');
    expect(text).toContain('<HeadersNotSigned>x-amz-meta-owner</HeadersNotSigned>');
  });

  it('refuses an S3 request signed without x-amz-content-sha256, as S3 does', async () => {
    const sandbox = await withBucket();
    const request = await signedRequest({ url: `${bucketUrl}/cat.jpg`, date: clock, contentSha256: false });
    const { status, text } = await answer(sandbox, request);
    expect(status).toBe(400);
    expect(text).toContain('Missing required header for this request: x-amz-content-sha256');
  });

  it('stores the decoded bytes of an upload whose aws-chunked chunks are each signed', async () => {
    const sandbox = await withBucket();
    const { status } = await answer(sandbox, await streamedPut(['hello ', 'world']));
    expect(status).toBe(200);
    expect(atob(sandbox.state.buckets['photos-bucket']!.objects['notes.txt']!.body)).toBe('hello world');
  });

  it('refuses a signed aws-chunked upload whose chunk was changed after signing', async () => {
    const sandbox = await withBucket();
    const tampered = await streamedPut(['hello ', 'world'], (body) => body.replace('world', 'WORLD'));
    const { status, text } = await answer(sandbox, tampered);
    expect(status).toBe(403);
    expect(text).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(sandbox.state.buckets['photos-bucket']!.objects).toEqual({});
  });

  it('stores an unsigned aws-chunked upload with its trailing checksum, as the SDK sends it', async () => {
    const sandbox = await withBucket();
    const body = '5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n';
    const request = await signedRequest({
      method: 'PUT',
      url: `${bucketUrl}/hello.txt`,
      headers: {
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'content-encoding': 'aws-chunked',
        'x-amz-trailer': 'x-amz-checksum-crc32',
        'x-amz-decoded-content-length': '5',
      },
      body,
      date: clock,
    });
    const response = await sandbox.handle(request);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-amz-checksum-crc32')).toBe('NhCmhg==');
    expect(atob(sandbox.state.buckets['photos-bucket']!.objects['hello.txt']!.body)).toBe('hello');
  });
});

describe('the clock a signature is checked against', () => {
  it('answers S3’s RequestTimeTooSkewed, with both times and the allowed skew, to a request 30 days old', async () => {
    const sandbox = await withBucket();
    const { status, text } = await answer(
      sandbox,
      await signedRequest({ url: `${bucketUrl}/`, date: minutes(-30 * 24 * 60) }),
    );
    expect(status).toBe(403);
    expect(text).toContain('<Code>RequestTimeTooSkewed</Code>');
    expect(text).toContain('<RequestTime>20261026T100000Z</RequestTime>');
    expect(text).toContain('<ServerTime>2026-11-25T10:00:00Z</ServerTime>');
    expect(text).toContain('<MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds>');
  });

  it('says an IAM signature dated 16 minutes ago has expired', async () => {
    const request = await signedRequest({
      method: 'POST',
      url: 'https://iam.amazonaws.com/',
      headers: form,
      body: 'Action=ListUsers&Version=2010-05-08',
      date: minutes(-16),
    });
    const { status, text } = await answer(sandboxAt(), request);
    expect(status).toBe(403);
    expect(text).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(text).toContain(
      'Signature expired: 20261125T094400Z is now earlier than 20261125T094500Z (20261125T100000Z - 15 min.)',
    );
  });

  it('says an STS signature dated 2099 is not yet current', async () => {
    const request = await signedRequest({
      method: 'POST',
      url: 'https://sts.amazonaws.com/',
      region: 'us-east-1',
      headers: form,
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
      date: new Date('2099-01-01T00:00:00Z'),
    });
    const { status, text } = await answer(sandboxAt(), request);
    expect(status).toBe(403);
    expect(text).toContain(
      'Signature not yet current: 20990101T000000Z is still later than 20261125T101500Z (20261125T100000Z + 15 min.)',
    );
  });

  it('answers EC2’s RequestExpired to a request dated an hour ahead', async () => {
    const request = await signedRequest({
      method: 'POST',
      url: 'https://ec2.us-west-2.amazonaws.com/',
      headers: form,
      body: 'Action=DescribeVpcs&Version=2016-11-15',
      date: minutes(60),
    });
    const { status, text } = await answer(sandboxAt(), request);
    expect(status).toBe(400);
    expect(text).toContain('<Code>RequestExpired</Code>');
  });

  it('answers Rekognition’s InvalidSignatureException to a request dated 20 minutes ago', async () => {
    const request = await signedRequest({
      method: 'POST',
      url: 'https://rekognition.us-west-2.amazonaws.com/',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'RekognitionService.DetectLabels' },
      body: '{}',
      date: minutes(-20),
    });
    const { status, text } = await answer(sandboxAt(), request);
    expect(status).toBe(400);
    expect((JSON.parse(text) as { __type: string }).__type).toBe('InvalidSignatureException');
  });

  it('accepts a request dated 14 minutes either side of the clock', async () => {
    const sandbox = await withBucket();
    for (const offset of [-14, 14]) {
      expect((await sandbox.handle(await signedRequest({ url: `${bucketUrl}/`, date: minutes(offset) }))).status).toBe(
        200,
      );
    }
  });

  it('says a presigned URL dated in 2099 is not yet valid', async () => {
    const sandbox = await withBucket();
    const request = await signedRequest({
      url: `${bucketUrl}/cat.jpg`,
      date: new Date('2099-01-01T00:00:00Z'),
      presignSeconds: 604800,
    });
    const { status, text } = await answer(sandbox, request);
    expect(status).toBe(403);
    expect(text).toContain('<Message>Request is not yet valid</Message>');
  });

  it('refuses a credential scope dated another day than X-Amz-Date', async () => {
    const request = await signedRequest({ url: `${bucketUrl}/`, date: clock });
    const headers = new Headers(request.headers);
    headers.set('authorization', headers.get('authorization')!.replace('/20261125/', '/20261124/'));
    const { status, text } = await answer(await withBucket(), new Request(request.url, { headers }));
    expect(status).toBe(400);
    expect(text).toContain('<Code>AuthorizationHeaderMalformed</Code>');
    expect(text).toContain('Date in Credential scope does not match');
  });
});

describe('signatures that cannot be read', () => {
  it('answers a presigned URL with an empty X-Amz-SignedHeaders in S3’s shape, not a 500', async () => {
    const request = await signedRequest({ url: `${bucketUrl}/cat.jpg`, date: clock, presignSeconds: 60 });
    const url = request.url.replace('X-Amz-SignedHeaders=host', 'X-Amz-SignedHeaders=');
    const { status, text } = await answer(await withBucket(), new Request(url));
    expect(status).toBe(400);
    expect(text).toMatch(/<Code>AuthorizationHeaderMalformed<\/Code>/);
  });

  for (const service of ['constructor', '__proto__', 'toString']) {
    it(`answers a credential scope naming the service ${service} in AWS's shape`, async () => {
      const request = await signedRequest({
        method: 'POST',
        url: 'https://ec2.us-west-2.amazonaws.com/',
        service,
        headers: form,
        body: 'Action=DescribeVpcs',
        date: clock,
      });
      const { status, text } = await answer(sandboxAt(), request);
      expect(status).toBe(400);
      expect((JSON.parse(text) as { __type: string }).__type).toBe('UnknownOperationException');
    });
  }
});

describe('a body cut short', () => {
  it('is refused with IncompleteBody and stores nothing, rather than storing an empty object', async () => {
    const sandbox = await withBucket();
    const signed = await signedRequest({
      method: 'PUT',
      url: `${bucketUrl}/cat.jpg`,
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      date: clock,
    });
    const broken = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('half a photo'));
        controller.error(new Error('connection reset'));
      },
    });
    const init = { method: 'PUT', headers: signed.headers, body: broken, duplex: 'half' };
    const request = new Request(signed.url, init as RequestInit);
    const { status, text } = await answer(sandbox, request);
    expect(status).toBe(400);
    expect(text).toContain('<Code>IncompleteBody</Code>');
    expect(sandbox.state.buckets['photos-bucket']!.objects).toEqual({});
  });
});

describe('the hashes behind a signature', () => {
  const listUsers = (keys: { accessKeyId: string; secretAccessKey: string } = sandboxRootKey) =>
    signedRequest({
      method: 'POST',
      url: 'https://iam.amazonaws.com/',
      headers: form,
      body: 'Action=ListUsers&Version=2010-05-08',
      date: clock,
      keys,
    });

  it('are computed without WebCrypto in Node, whose every digest is a round trip through a thread pool', async () => {
    const digest = vi.spyOn(crypto.subtle, 'digest');
    const sign = vi.spyOn(crypto.subtle, 'sign');
    try {
      const { status } = await answer(sandboxAt(), await listUsers());
      expect(status).toBe(200);
      expect([digest.mock.calls.length, sign.mock.calls.length]).toEqual([0, 0]);
    } finally {
      digest.mockRestore();
      sign.mockRestore();
    }
  });

  it('refuse a request signed with a key’s old secret once the key has another, though its signing key was cached', async () => {
    const sandbox = sandboxAt();
    expect((await answer(sandbox, await listUsers())).status).toBe(200);
    const state = structuredClone(sandbox.state);
    const rotated = { ...sandboxRootKey, secretAccessKey: 'another/secret/for/the/same/key/id/0000' };
    state.accessKeys[sandboxRootKey.accessKeyId]!.secretAccessKey = rotated.secretAccessKey;
    await sandbox.replaceState(state);
    const stale = await answer(sandbox, await listUsers());
    expect([stale.status, stale.text.includes('<Code>SignatureDoesNotMatch</Code>')]).toEqual([403, true]);
    expect((await answer(sandbox, await listUsers(rotated))).status).toBe(200);
  });
});
