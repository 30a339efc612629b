import {
  DeleteBucketCorsCommand,
  DeleteBucketWebsiteCommand,
  GetBucketCorsCommand,
  GetBucketWebsiteCommand,
  PutBucketCorsCommand,
  PutBucketWebsiteCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { bucketWithPhoto } from './s3-fixtures';
import { clientsFor, useSandbox } from './sandbox-clients';
import { signedRequest } from './signed-request';

const sandbox = useSandbox();

const rules = [
  {
    AllowedMethods: ['GET', 'PUT'],
    AllowedOrigins: ['https://*.example.com'],
    AllowedHeaders: ['content-type'],
    ExposeHeaders: ['ETag'],
    MaxAgeSeconds: 600,
  },
];

/** A browser's preflight for a PUT from `origin`. */
function preflight(bucket: string, origin: string, method = 'PUT') {
  return sandbox().handle(
    new Request(`https://${bucket}.s3.us-west-2.amazonaws.com/cat.jpg`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': method,
        'access-control-request-headers': 'Content-Type',
      },
    }),
  );
}

describe('S3 CORS configuration in the sandbox', () => {
  it('keeps the CORS rules PutBucketCors sets', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    await s3.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: rules } }));
    expect((await s3.send(new GetBucketCorsCommand({ Bucket: bucket }))).CORSRules).toEqual(rules);
  });

  it('answers NoSuchCORSConfiguration for a bucket without rules, and after they are deleted', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const none = { name: 'NoSuchCORSConfiguration', status: 404 };
    expect(await errorOf(s3.send(new GetBucketCorsCommand({ Bucket: bucket })))).toMatchObject(none);
    await s3.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: rules } }));
    await s3.send(new DeleteBucketCorsCommand({ Bucket: bucket }));
    expect(await errorOf(s3.send(new GetBucketCorsCommand({ Bucket: bucket })))).toMatchObject(none);
  });

  it('refuses a method CORS does not allow', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const patch = [{ AllowedMethods: ['PATCH'], AllowedOrigins: ['*'] }];
    const refused = await errorOf(
      s3.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: patch } })),
    );
    expect(refused).toMatchObject({
      name: 'InvalidRequest',
      message: 'Found unsupported HTTP method in CORS config. Unsupported method is PATCH',
    });
  });

  it('refuses more than 100 rules with MalformedXML', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const many = Array.from({ length: 101 }, () => ({ AllowedMethods: ['GET'], AllowedOrigins: ['*'] }));
    const refused = await errorOf(
      s3.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: many } })),
    );
    expect(refused).toMatchObject({ name: 'MalformedXML', status: 400 });
  });

  it("answers a preflight its rules allow with the rule's headers", async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    await s3.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: rules } }));
    const answer = await preflight(bucket, 'https://app.example.com');
    expect(answer.status).toBe(200);
    expect(Object.fromEntries(answer.headers)).toMatchObject({
      'access-control-allow-origin': 'https://app.example.com',
      'access-control-allow-methods': 'GET, PUT',
      'access-control-allow-headers': 'Content-Type',
      'access-control-max-age': '600',
    });
  });

  it('refuses a preflight from an origin no rule allows with AccessForbidden', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    await s3.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: rules } }));
    const answer = await preflight(bucket, 'https://evil.test');
    expect(answer.status).toBe(403);
    expect(await answer.text()).toContain('<Code>AccessForbidden</Code>');
    expect(answer.headers.has('access-control-allow-origin')).toBe(false);
  });

  it('adds the CORS headers to a signed request from an allowed origin', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    await s3.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: rules } }));
    const request = await signedRequest({
      url: `https://${bucket}.s3.us-west-2.amazonaws.com/cat.jpg`,
      headers: { origin: 'https://app.example.com' },
      contentSha256: true,
    });
    const answer = await sandbox().handle(request);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(answer.headers.get('access-control-expose-headers')).toBe('ETag');
  });
});

describe('S3 website configuration in the sandbox', () => {
  it('keeps the index and error documents PutBucketWebsite sets', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const website = { IndexDocument: { Suffix: 'index.html' }, ErrorDocument: { Key: 'error.html' } };
    await s3.send(new PutBucketWebsiteCommand({ Bucket: bucket, WebsiteConfiguration: website }));
    const got = await s3.send(new GetBucketWebsiteCommand({ Bucket: bucket }));
    expect({ IndexDocument: got.IndexDocument, ErrorDocument: got.ErrorDocument }).toEqual(website);
  });

  it('answers NoSuchWebsiteConfiguration once the configuration is deleted', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const website = { RedirectAllRequestsTo: { HostName: 'example.com' } };
    await s3.send(new PutBucketWebsiteCommand({ Bucket: bucket, WebsiteConfiguration: website }));
    await s3.send(new DeleteBucketWebsiteCommand({ Bucket: bucket }));
    expect(await errorOf(s3.send(new GetBucketWebsiteCommand({ Bucket: bucket })))).toMatchObject({
      name: 'NoSuchWebsiteConfiguration',
      status: 404,
    });
  });

  it('refuses a configuration with neither an index document nor a redirect', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const refused = await errorOf(
      s3.send(new PutBucketWebsiteCommand({ Bucket: bucket, WebsiteConfiguration: { ErrorDocument: { Key: 'e' } } })),
    );
    expect(refused).toMatchObject({ name: 'InvalidArgument', status: 400 });
  });
});
