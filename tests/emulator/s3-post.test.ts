import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sandboxRootKey } from '../../src/emulator/state';
import { bucketWithPhoto, jpeg, readObject } from './s3-fixtures';
import { clientsFor, useSandbox } from './sandbox-clients';

const sandbox = useSandbox();

const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text).digest();

/** What a presigned POST is made of: the policy's conditions and when it expires, and the form's own fields. */
interface PostSpec {
  bucket: string;
  key: string;
  conditions?: unknown[];
  /** Conditions added to the default ones. */
  extraConditions?: unknown[];
  expiration?: Date;
  fields?: Record<string, string>;
  secret?: string;
  file?: Uint8Array;
}

/** The form a browser would send, signed as createPresignedPost and generate_presigned_post sign it (SigV4). */
function presignedPost(spec: PostSpec): Request {
  const now = new Date();
  const amzDate = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const credential = `${sandboxRootKey.accessKeyId}/${amzDate.slice(0, 8)}/us-west-2/s3/aws4_request`;
  const signed = { 'x-amz-algorithm': 'AWS4-HMAC-SHA256', 'x-amz-credential': credential, 'x-amz-date': amzDate };
  const conditions = spec.conditions ?? [
    { bucket: spec.bucket },
    ['starts-with', '$key', 'uploads/'],
    ...Object.entries(signed).map(([name, value]) => ({ [name]: value })),
    ...(spec.extraConditions ?? []),
  ];
  const expiration = spec.expiration ?? new Date(now.getTime() + 60_000);
  const policy = Buffer.from(JSON.stringify({ expiration: expiration.toISOString(), conditions })).toString('base64');
  const secret = spec.secret ?? sandboxRootKey.secretAccessKey;
  const key = ['us-west-2', 's3', 'aws4_request'].reduce<Buffer>(
    (k, part) => hmac(k, part),
    hmac(`AWS4${secret}`, amzDate.slice(0, 8)),
  );
  const form = new FormData();
  const fields = { key: spec.key, ...signed, policy, 'x-amz-signature': hmac(key, policy).toString('hex') };
  for (const [name, value] of Object.entries({ ...fields, ...spec.fields })) form.append(name, value);
  form.append('file', new Blob([(spec.file ?? jpeg) as Uint8Array<ArrayBuffer>]), 'photo.jpg');
  return new Request(`https://${spec.bucket}.s3.us-west-2.amazonaws.com/`, { method: 'POST', body: form });
}

async function errorCode(response: Response): Promise<{ status: number; code?: string; message?: string }> {
  const text = await response.text();
  return {
    status: response.status,
    code: /<Code>(.*?)<\/Code>/.exec(text)?.[1],
    message: /<Message>(.*?)<\/Message>/.exec(text)?.[1]?.replaceAll('&quot;', '"'),
  };
}

describe('S3 presigned POST in the sandbox', () => {
  it('stores the file of a form whose policy and signature hold, and answers 204', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: S3's own placeholder for the file's name.
    const answer = await sandbox().handle(presignedPost({ bucket, key: 'uploads/${filename}' }));
    expect(answer.status).toBe(204);
    expect((await readObject(s3, bucket, 'uploads/photo.jpg')).bytes).toEqual(jpeg);
  });

  it('answers 201 with a PostResponse when success_action_status asks for it', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const request = presignedPost({
      bucket,
      key: 'uploads/a.jpg',
      fields: { success_action_status: '201' },
      extraConditions: [['eq', '$success_action_status', '201']],
    });
    const answer = await sandbox().handle(request);
    expect(answer.status).toBe(201);
    expect(await answer.text()).toContain('<Key>uploads/a.jpg</Key>');
  });

  it('refuses a key the policy does not allow, naming the failed condition', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const answer = await sandbox().handle(presignedPost({ bucket, key: 'elsewhere/a.jpg' }));
    expect(await errorCode(answer)).toEqual({
      status: 403,
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "uploads/"]',
    });
    expect(Object.keys(sandbox().state.buckets[bucket]!.objects)).toEqual(['cat.jpg']);
  });

  it('refuses a form whose policy has expired', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const expiration = new Date(Date.now() - 1000);
    const answer = await sandbox().handle(presignedPost({ bucket, key: 'uploads/a.jpg', expiration }));
    expect(await errorCode(answer)).toEqual({
      status: 403,
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy expired.',
    });
  });

  it('refuses a form field no condition covers', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const answer = await sandbox().handle(
      presignedPost({ bucket, key: 'uploads/a.jpg', fields: { 'x-amz-meta-by': 'ana' } }),
    );
    expect(await errorCode(answer)).toMatchObject({
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Extra input fields: x-amz-meta-by',
    });
  });

  it('refuses a file larger than content-length-range allows with EntityTooLarge', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const request = presignedPost({
      bucket,
      key: 'uploads/a.jpg',
      conditions: [
        { bucket },
        ['starts-with', '$key', 'uploads/'],
        ['content-length-range', 0, 4],
        ['starts-with', '$x-amz-algorithm', ''],
        ['starts-with', '$x-amz-credential', ''],
        ['starts-with', '$x-amz-date', ''],
      ],
    });
    expect(await errorCode(await sandbox().handle(request))).toMatchObject({ status: 400, code: 'EntityTooLarge' });
  });

  it('refuses a form signed with another secret with SignatureDoesNotMatch', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const answer = await sandbox().handle(presignedPost({ bucket, key: 'uploads/a.jpg', secret: 'not-the-secret' }));
    expect(await errorCode(answer)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });

  it('refuses an unsigned form to a private bucket with AccessDenied', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const form = new FormData();
    form.append('key', 'a.jpg');
    form.append('file', new Blob([jpeg]), 'a.jpg');
    const answer = await sandbox().handle(
      new Request(`https://${bucket}.s3.us-west-2.amazonaws.com/`, { method: 'POST', body: form }),
    );
    expect(await errorCode(answer)).toMatchObject({ status: 403, code: 'AccessDenied' });
  });
});
