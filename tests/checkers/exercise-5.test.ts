import { readFileSync } from 'node:fs';
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import {
  CreateBucketCommand,
  DeletePublicAccessBlockCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import { beforeEach, describe, expect, it } from 'vitest';
import exercise5, { isImageKey, presignProblem } from '../../checkers/exercise-5';
import { decodeEntities, galleryImages, objectKeyOfUrl } from '../../checkers/gallery-page';
import { checkerPolicyDocument } from '../../checkers/policy';
import { runChecker } from '../../checkers/run';
import { sandboxRootKey } from '../../src/emulator/state';
import { clientsFor, useSandbox } from '../emulator/sandbox-clients';
import { closedPortUrl, galleryPage, presign, useGallery, type GalleryPhoto } from './gallery-server';
import { check, statusOf } from './results';
import { sandboxAws } from './sandbox-aws';

const start = new Date('2026-11-25T10:00:00Z');
let clock = start;
useSandbox(() => ({ now: () => clock }));
const gallery = useGallery();
beforeEach(() => {
  clock = start;
});

const bucket = 'photos-bucket';
const photo = (name: string) => readFileSync(new URL(`../../public/sample-photos/${name}`, import.meta.url));

/** Creates the bucket in `region` and uploads each photo a second after the last, as a learner does through the app. */
async function doExercise5(keys: string[] = ['chelsea.jpg', 'coffee.jpg'], region = 'us-west-2') {
  const { s3 } = clientsFor(sandboxRootKey, region);
  await s3.send(
    new CreateBucketCommand({
      Bucket: bucket,
      CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint },
    }),
  );
  for (const key of keys) {
    const file = isImageKey(key)
      ? `${['chelsea', 'coffee', 'rocket'].find((name) => key.includes(name)) ?? 'chelsea'}.jpg`
      : undefined;
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: file ? photo(file) : 'notes',
        ContentType: file ? 'image/jpeg' : 'text/plain',
      }),
    );
    clock = new Date(clock.getTime() + 1000);
  }
  return s3;
}

/** Serves the gallery page with a presigned URL for each key, in the order given. */
async function showPhotos(
  s3: S3Client,
  keys: string[],
  urlOf: (key: string) => Promise<string> = (key) => presign(s3, bucket, key),
) {
  const photos: GalleryPhoto[] = await Promise.all(keys.map(async (key) => ({ key, url: await urlOf(key) })));
  gallery.serve(galleryPage(photos));
}

const verify = (params: Record<string, unknown> = {}, aws = sandboxAws()) =>
  runChecker(exercise5, { aws, mode: 'offline', surface: 'cli', params: { bucket, appUrl: gallery.url, ...params } });

describe('the exercise-5 checker against the sandbox and a local gallery', () => {
  it('passes a private bucket with two photos shown oldest first through presigned URLs', async () => {
    const s3 = await doExercise5();
    await showPhotos(s3, ['chelsea.jpg', 'coffee.jpg']);
    const run = await verify();
    expect(run).toMatchObject({
      exercise: 'exercise-5',
      status: 'passed',
      region: 'us-west-2',
      checkerVersion: '1.0.0',
    });
    expect(statusOf(run)).toEqual({
      bucket: 'pass',
      'block-public-access': 'pass',
      'no-public-policy': 'pass',
      'unsigned-get-refused': 'pass',
      'two-images': 'pass',
      'app-answers': 'pass',
      'presigned-urls': 'pass',
      sorted: 'pass',
    });
    expect(check(run, 'unsigned-get-refused').message).toBe(
      'An unsigned GET of chelsea.jpg is refused (HTTP 403): only presigned URLs show it.',
    );
    expect(check(run, 'presigned-urls').message).toBe(
      'All 2 images are SigV4 presigned URLs, expiring after 3600 seconds.',
    );
    expect(check(run, 'sorted').message).toBe('The 2 photos appear oldest first: chelsea.jpg, coffee.jpg.');
    expect(JSON.parse(JSON.stringify(run))).toEqual(run);
  });

  it('maps path-style URLs and keys that need encoding back to their objects', async () => {
    const keys = ['photos/my cat chelsea.jpg', 'photos/coffee & cake+1.jpg'];
    await doExercise5(keys);
    const pathStyle = new S3Client({ region: 'us-west-2', credentials: sandboxRootKey, forcePathStyle: true });
    await showPhotos(pathStyle, keys, (key) => presign(pathStyle, bucket, key));
    const run = await verify();
    expect(check(run, 'sorted')).toMatchObject({
      status: 'pass',
      message: `The 2 photos appear oldest first: ${keys.join(', ')}.`,
    });
  });

  it('fails the order when the page lists photos by key rather than by upload time, showing both orders', async () => {
    const s3 = await doExercise5(['coffee.jpg', 'chelsea.jpg', 'rocket.jpg']);
    await showPhotos(s3, ['chelsea.jpg', 'coffee.jpg', 'rocket.jpg']);
    const run = await verify();
    expect(run.status).toBe('failed');
    expect(check(run, 'sorted')).toMatchObject({
      status: 'fail',
      message:
        'The page shows chelsea.jpg, coffee.jpg, rocket.jpg, but by upload time (LastModified) they are coffee.jpg, ' +
        'chelsea.jpg, rocket.jpg.',
      evidence: {
        found: ['chelsea.jpg', 'coffee.jpg', 'rocket.jpg'],
        expected: ['coffee.jpg', 'chelsea.jpg', 'rocket.jpg'],
      },
    });
    expect(check(run, 'sorted').hint).toContain('sorted(photos, key=lambda photo: photo["LastModified"])');
  });

  it('says the photos are newest first when the page sorts three or more in reverse', async () => {
    const s3 = await doExercise5(['chelsea.jpg', 'coffee.jpg', 'rocket.jpg']);
    await showPhotos(s3, ['rocket.jpg', 'coffee.jpg', 'chelsea.jpg']);
    const run = await verify();
    expect(check(run, 'sorted').hint).toContain('sort without reverse=True');
  });

  it('asks for the sort, not its reverse, when two photos are the wrong way round (key order looks the same)', async () => {
    const s3 = await doExercise5();
    await showPhotos(s3, ['coffee.jpg', 'chelsea.jpg']);
    const run = await verify();
    expect(check(run, 'sorted').hint).toContain('sorted(photos, key=lambda photo: photo["LastModified"])');
    expect(check(run, 'sorted').hint).not.toContain('reverse=True');
  });

  it('accepts photos uploaded within the same second in either order', async () => {
    const s3 = await doExercise5(['chelsea.jpg']);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'coffee.jpg', Body: photo('coffee.jpg') }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'rocket.jpg', Body: photo('rocket.jpg') }));
    await showPhotos(s3, ['chelsea.jpg', 'rocket.jpg', 'coffee.jpg']);
    expect(check(await verify(), 'sorted').status).toBe('pass');
  });

  it('names the first image with an unsigned URL', async () => {
    const s3 = await doExercise5();
    await showPhotos(s3, ['chelsea.jpg', 'coffee.jpg'], async (key) =>
      key === 'coffee.jpg' ? `https://${bucket}.s3.us-west-2.amazonaws.com/${key}` : presign(s3, bucket, key),
    );
    const run = await verify();
    expect(check(run, 'presigned-urls')).toMatchObject({
      status: 'fail',
      message:
        `The image coffee.jpg is not signed (it has no X-Amz-Signature): ` +
        `https://${bucket}.s3.us-west-2.amazonaws.com/coffee.jpg`,
    });
    expect(check(run, 'sorted')).toMatchObject({
      status: 'skip',
      message: 'Not checked until "Every image on the page is a presigned URL" passes.',
    });
  });

  it('refuses legacy Signature Version 2 URLs and points at signature_version="s3v4"', async () => {
    const s3 = await doExercise5();
    const sigV2 = `https://${bucket}.s3.amazonaws.com/chelsea.jpg?AWSAccessKeyId=AKIASANDBOXROOT00001&Signature=K8xE%2BzJ3%3D&Expires=1795600000`;
    await showPhotos(s3, ['chelsea.jpg', 'coffee.jpg'], async (key) =>
      key === 'chelsea.jpg' ? sigV2 : presign(s3, bucket, key),
    );
    const run = await verify();
    expect(check(run, 'presigned-urls').message).toBe(
      `The image chelsea.jpg is a legacy Signature Version 2 URL (AWSAccessKeyId, Signature, Expires): ${sigV2}`,
    );
    expect(check(run, 'presigned-urls').hint).toContain('Config(signature_version="s3v4")');
  });

  it('refuses a presigned URL that claims to live longer than seven days', async () => {
    const s3 = await doExercise5();
    await showPhotos(s3, ['chelsea.jpg', 'coffee.jpg'], async (key) =>
      (await presign(s3, bucket, key)).replace('X-Amz-Expires=3600', 'X-Amz-Expires=604801'),
    );
    expect(check(await verify(), 'presigned-urls').message).toMatch(
      /^The image chelsea\.jpg has X-Amz-Expires=604801; a presigned URL expires after 1 to 604800 seconds \(7 days\): https:/,
    );
  });

  it('fails the order when the page shows an object the bucket does not hold, or another bucket’s', async () => {
    const s3 = await doExercise5();
    await showPhotos(s3, ['chelsea.jpg', 'photos/gone.jpg']);
    expect(check(await verify(), 'sorted')).toMatchObject({
      status: 'fail',
      message: `The page shows photos/gone.jpg, which is not in ${bucket}.`,
    });
    await showPhotos(s3, ['chelsea.jpg', 'coffee.jpg'], async (key) =>
      presign(s3, key === 'coffee.jpg' ? 'someone-elses-bucket' : bucket, key),
    );
    expect(check(await verify(), 'sorted').message).toMatch(
      /^The image coffee\.jpg does not point at an object of photos-bucket: https:\/\/someone-elses-bucket\.s3\.us-west-2\.amazonaws\.com\/coffee\.jpg\?/,
    );
  });

  it('fails when the page shows no images at all', async () => {
    await doExercise5();
    const run = await verify();
    expect(check(run, 'presigned-urls')).toMatchObject({
      status: 'fail',
      message: `The gallery at ${gallery.url} shows no images.`,
    });
  });

  it('fails a bucket with fewer than two images, counting only image keys', async () => {
    const s3 = await doExercise5(['chelsea.jpg', 'notes.txt']);
    await showPhotos(s3, ['chelsea.jpg']);
    const run = await verify();
    expect(check(run, 'two-images')).toMatchObject({
      status: 'fail',
      message: `${bucket} holds one image (chelsea.jpg); the exercise needs at least two.`,
    });
    expect(check(run, 'sorted').status).toBe('skip');
    expect(check(run, 'unsigned-get-refused').status).toBe('pass');
  });

  it('skips the unsigned GET while the bucket holds no photo', async () => {
    await doExercise5([]);
    expect(check(await verify(), 'unsigned-get-refused')).toMatchObject({
      status: 'skip',
      message: 'No photo in the bucket to try yet; upload one through the app first.',
    });
  });

  it('fails a bucket made public: Block Public Access off, a public policy, and photos readable without a signature', async () => {
    const s3 = await doExercise5();
    await showPhotos(s3, ['chelsea.jpg', 'coffee.jpg']);
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: bucket,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: false,
          RestrictPublicBuckets: false,
        },
      }),
    );
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }],
    };
    await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(policy) }));
    const run = await verify();
    expect(check(run, 'block-public-access')).toMatchObject({
      status: 'fail',
      message: `Block Public Access is off for BlockPublicPolicy, RestrictPublicBuckets on ${bucket}.`,
    });
    expect(check(run, 'block-public-access').hint).toBe(
      `aws s3api put-public-access-block --bucket ${bucket} --public-access-block-configuration ` +
        `BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`,
    );
    expect(check(run, 'no-public-policy')).toMatchObject({
      status: 'fail',
      message: `The bucket policy of ${bucket} makes it public: it allows anyone ("Principal": "*") in.`,
    });
    expect(check(run, 'unsigned-get-refused')).toMatchObject({
      status: 'fail',
      message: 'An unsigned GET of chelsea.jpg returned the photo (HTTP 200): anyone with the link can see it.',
    });
    expect(check(run, 'sorted').status).toBe('pass');
  });

  it('fails a bucket without a Block Public Access configuration', async () => {
    const s3 = await doExercise5();
    await s3.send(new DeletePublicAccessBlockCommand({ Bucket: bucket }));
    const run = await verify();
    expect(check(run, 'block-public-access')).toMatchObject({
      status: 'fail',
      message: `Bucket ${bucket} has no Block Public Access configuration.`,
    });
    expect(check(run, 'no-public-policy')).toMatchObject({
      status: 'pass',
      message: `${bucket} has no bucket policy.`,
    });
  });

  it('names the region of a bucket created elsewhere, and still reads it there', async () => {
    const s3 = await doExercise5(['chelsea.jpg', 'coffee.jpg'], 'eu-west-1');
    await showPhotos(s3, ['chelsea.jpg', 'coffee.jpg']);
    const run = await verify();
    expect(check(run, 'bucket')).toMatchObject({
      status: 'fail',
      message: `Bucket ${bucket} is in eu-west-1, not in us-west-2.`,
    });
    expect(check(run, 'bucket').hint).toContain('--region eu-west-1');
    expect(statusOf(run)).toMatchObject({
      'block-public-access': 'pass',
      'unsigned-get-refused': 'pass',
      'two-images': 'pass',
      sorted: 'pass',
    });
    const there = await verify({}, sandboxAws(sandboxRootKey, 'eu-west-1'));
    expect(there.status).toBe('passed');
  });

  it('fails when the bucket does not exist, and checks nothing inside it', async () => {
    const run = await verify();
    expect(check(run, 'bucket')).toMatchObject({ status: 'fail', message: `There is no bucket named ${bucket}.` });
    expect(check(run, 'bucket').hint).toContain(
      `aws s3api create-bucket --bucket ${bucket} --create-bucket-configuration LocationConstraint=us-west-2`,
    );
    expect(check(run, 'block-public-access')).toMatchObject({
      status: 'skip',
      message: `Not checked: bucket ${bucket} could not be read.`,
    });
    expect(check(run, 'sorted').status).toBe('skip');
  });

  it('says the bucket cannot be read when HeadBucket is refused', async () => {
    await doExercise5();
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: 'no-list' }));
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['sts:GetCallerIdentity', 's3:GetBucketPublicAccessBlock', 's3:GetBucketPolicyStatus'],
          Resource: '*',
        },
      ],
    };
    await iam.send(
      new PutUserPolicyCommand({ UserName: 'no-list', PolicyName: 'no-list', PolicyDocument: JSON.stringify(policy) }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'no-list' }))).AccessKey!;
    const run = await verify({}, sandboxAws({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }));
    expect(check(run, 'bucket')).toMatchObject({
      status: 'fail',
      message: `Bucket ${bucket} exists, but these credentials may not read it (HTTP 403).`,
    });
    expect(check(run, 'bucket').hint).toContain('s3:ListBucket');
  });

  it('passes with nothing but its declared permissions', async () => {
    const s3 = await doExercise5();
    await showPhotos(s3, ['chelsea.jpg', 'coffee.jpg']);
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: 'checker' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'checker',
        PolicyName: 'checker',
        PolicyDocument: checkerPolicyDocument([exercise5 as never]),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'checker' }))).AccessKey!;
    expect(
      (await verify({}, sandboxAws({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }))).status,
    ).toBe('passed');
  });

  it('tells the learner to start the app when nothing answers, and skips the page checks', async () => {
    const s3 = await doExercise5();
    await showPhotos(s3, ['chelsea.jpg', 'coffee.jpg']);
    const down = await closedPortUrl();
    const run = await verify({ appUrl: down });
    expect(check(run, 'app-answers')).toMatchObject({
      status: 'fail',
      message: `Nothing answers at ${down} (ECONNREFUSED).`,
    });
    expect(check(run, 'app-answers').hint).toContain('flask --app app run --host 127.0.0.1 --port 5000');
    expect(statusOf(run)).toMatchObject({
      bucket: 'pass',
      'two-images': 'pass',
      'presigned-urls': 'skip',
      sorted: 'skip',
    });
  });

  it('quotes the app’s own error when it answers with one, and refuses a page that is not HTML', async () => {
    await doExercise5();
    gallery.serve(
      '<!doctype html><html><body><p class="error" role="alert">Could not list the bucket: An error occurred ' +
        '(NoSuchBucket) when calling the ListObjectsV2 operation</p></body></html>',
      502,
    );
    expect(check(await verify(), 'app-answers').message).toBe(
      `The app at ${gallery.url} answered HTTP 502: Could not list the bucket: An error occurred (NoSuchBucket) when ` +
        `calling the ListObjectsV2 operation.`,
    );
    gallery.serve('{"photos": []}', 200, 'application/json');
    expect(check(await verify(), 'app-answers').message).toBe(
      `The app at ${gallery.url} answered, but not with an HTML page (content-type application/json).`,
    );
  });

  it('refuses to run without a bucket name, saying how to give one in the terminal', async () => {
    const refused = runChecker(exercise5, {
      aws: sandboxAws(),
      mode: 'offline',
      surface: 'cli',
      params: { appUrl: gallery.url },
    });
    await expect(refused).rejects.toMatchObject({
      message: 'exercise-5 cannot run: Photo bucket (bucket) missing.',
      hint: 'Pass --param bucket=<value> (or set PHOTOS_BUCKET).',
    });
  });

  it('says which field to fill when the Verify panel gave no bucket', async () => {
    const refused = runChecker(exercise5, { aws: sandboxAws(), mode: 'offline', surface: 'panel', params: {} });
    await expect(refused).rejects.toMatchObject({ hint: 'Enter it in the "Photo bucket" field.' });
  });

  it('lists every parameter that is wrong, not only the first', async () => {
    const refused = runChecker(exercise5, {
      aws: sandboxAws(),
      mode: 'offline',
      surface: 'cli',
      params: { appUrl: 'ftp://example.com/', colour: 'blue' },
    });
    await expect(refused).rejects.toMatchObject({
      message:
        'exercise-5 cannot run: Photo bucket (bucket) missing; Gallery app address (appUrl) must be an http(s) ' +
        'address, like http://localhost:5000; "colour" not a parameter of this check (it takes bucket, appUrl).',
      hint: 'Pass --param bucket=<value> (or set PHOTOS_BUCKET); pass --param appUrl=<value>.',
    });
  });
});

describe('reading the gallery page', () => {
  it('finds each image in page order with its decoded URL, key and the text after it', () => {
    const html = `<body><p>Uploaded x.</p><img alt="a" src="https://b.s3.amazonaws.com/a.jpg?X-Amz-Date=1&amp;X-Amz-Expires=60" data-key="a.jpg"><p>a.jpg<br><small>2026-11-25</small></p>
      <IMG SRC='/static/b.png' data-key="b &amp; c.png"><ul><li>Cat (99.6)</li><li><b>Pet</b> 98%</li></ul><footer>ignored</footer></body><p>after body</p>`;
    expect(galleryImages(html, 'http://localhost:5000/')).toEqual([
      {
        src: 'https://b.s3.amazonaws.com/a.jpg?X-Amz-Date=1&X-Amz-Expires=60',
        dataKey: 'a.jpg',
        alt: 'a',
        text: 'a.jpg\n2026-11-25',
      },
      {
        src: 'http://localhost:5000/static/b.png',
        dataKey: 'b & c.png',
        alt: undefined,
        text: 'Cat (99.6)\nPet 98%\nignored',
      },
    ]);
  });

  it('decodes named and numeric entities and leaves unknown ones', () => {
    expect(decodeEntities('&lt;a&gt; &quot;b&quot; &#39;c&#x27; &amp;amp; &copy;')).toBe(`<a> "b" 'c' &amp; &copy;`);
  });

  it('maps virtual-hosted and path-style URLs to keys, URL-decoded, and nothing else', () => {
    expect(
      objectKeyOfUrl('https://photos.s3.us-west-2.amazonaws.com/photos/my%20cat.jpg?X-Amz-Signature=1', 'photos'),
    ).toBe('photos/my cat.jpg');
    expect(objectKeyOfUrl('https://photos.s3.amazonaws.com/a%2Bb%26c.jpg', 'photos')).toBe('a+b&c.jpg');
    expect(objectKeyOfUrl('https://s3.us-west-2.amazonaws.com/photos/photos/my%20cat.jpg', 'photos')).toBe(
      'photos/my cat.jpg',
    );
    expect(objectKeyOfUrl('http://127.0.0.1:4566/photos/cat.jpg', 'photos')).toBe('cat.jpg');
    expect(objectKeyOfUrl('https://other.s3.amazonaws.com/cat.jpg', 'photos')).toBeNull();
    expect(objectKeyOfUrl('https://s3.amazonaws.com/photos-2/cat.jpg', 'photos')).toBeNull();
    expect(objectKeyOfUrl('https://photos.s3.amazonaws.com/bad%E0.jpg', 'photos')).toBeNull();
    expect(objectKeyOfUrl('/static/cat.jpg', 'photos')).toBeNull();
  });

  it('tells SigV4 presigned URLs from unsigned, SigV2 and malformed ones', () => {
    const sigV4 =
      'https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20261125%2Fus-west-2%2Fs3%2Faws4_request&X-Amz-Date=20261125T100000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=ab12';
    expect(presignProblem(sigV4)).toBeNull();
    expect(presignProblem(sigV4.replace('AWS4-HMAC-SHA256', 'AWS4-ECDSA-P256-SHA256'))).toBe(
      'is signed with X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256, not AWS4-HMAC-SHA256',
    );
    expect(presignProblem(sigV4.replace('X-Amz-Credential', 'X-Cred'))).toBe('has no X-Amz-Credential');
    expect(presignProblem(sigV4.replace('X-Amz-Expires=3600', 'X-Amz-Expires=0'))).toMatch(/^has X-Amz-Expires=0;/);
    expect(presignProblem('https://b.s3.amazonaws.com/k?AWSAccessKeyId=AKIA&Expires=1&Signature=x')).toMatch(
      /Signature Version 2/,
    );
    expect(presignProblem('not a url')).toBe('is not a URL');
  });
});
