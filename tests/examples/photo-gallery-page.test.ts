import { readFileSync } from 'node:fs';
import {
  CreateBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCheckerAws } from '../../checkers/aws-clients';
import exercise5 from '../../checkers/exercise-5';
import exercise6 from '../../checkers/exercise-6';
import { galleryImages } from '../../checkers/gallery-page';
import { runChecker } from '../../checkers/run';
import { refuseLoopback } from '../../src/emulator/page-servers';
import { createSandbox, type Sandbox } from '../../src/emulator/sandbox';
import { sandboxFetch, sandboxRequestHandler } from '../../src/emulator/sdk-handler';
import { sandboxRootKey } from '../../src/emulator/state';
import { check, statusOf } from '../checkers/results';
import { type Running, startInShell } from '../terminal/python/served-app';

/** Real CPython (Pyodide) starts once per file, in the first test that runs python3: a few seconds. */
const slow = { timeout: 120_000 };

const bucket = 'photos-gallery-page';
const appUrl = 'http://localhost:5000';
const appSource = readFileSync(new URL('../../examples/photo-gallery-page/app.py', import.meta.url), 'utf8');
const samplePhoto = (name: string) => readFileSync(new URL(`../../public/sample-photos/${name}`, import.meta.url));
// The smallest GIF: Rekognition refuses its format.
const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
// The smallest PNG: one transparent pixel.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** The learner's change of exercise 5: the listing sorted by LastModified, oldest first. */
const sorted = (source: string) =>
  source.replace('    return photos\n', '    return sorted(photos, key=lambda photo: photo["LastModified"])\n');
/** The learner's change of exercise 6: each label shown with its confidence, one decimal. */
const withConfidence = (source: string) =>
  source.replace('f"<li>{escape(name)}</li>"', 'f"<li>{escape(name)} ({confidence:.1f})</li>"');

let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const s3Of = (sandbox: Sandbox) =>
  new S3Client({ region: 'us-west-2', credentials: sandboxRootKey, requestHandler: sandboxRequestHandler(sandbox) });

/**
 * A sandbox whose bucket holds `photos` (key, bytes, type), each stored two seconds after the last (so the page can
 * show key order and upload order apart).
 */
async function sandboxWithPhotos(photos: [key: string, body: Buffer, type: string][]): Promise<Sandbox> {
  let offset = 0;
  const sandbox = createSandbox({ now: () => new Date(Date.now() + offset) });
  const s3 = s3Of(sandbox);
  await s3.send(
    new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } }),
  );
  for (const [key, body, contentType] of photos) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
    offset += 2000;
  }
  return sandbox;
}

/** Runs the page's gallery app (changed by `edit`) as the lesson does: `PHOTOS_BUCKET=… python3 app.py` in ~/gallery. */
async function runGallery(sandbox: Sandbox, edit: (source: string) => string = (source) => source) {
  running = await startInShell(`cd gallery && PHOTOS_BUCKET=${bucket} python3 app.py`, {
    sandbox,
    setup: ['mkdir -p gallery'],
    files: { '/home/learner/gallery/app.py': edit(appSource) },
  });
  return running;
}

/** Offline Verify as the page runs it: the checker's AWS calls and fetches answered by the sandbox and the page. */
function verify(checker: typeof exercise5 | typeof exercise6, sandbox: Sandbox) {
  const aws = createCheckerAws({
    region: 'us-west-2',
    credentials: sandboxRootKey,
    requestHandler: sandboxRequestHandler(sandbox),
    maxAttempts: 1,
  });
  return runChecker(checker as typeof exercise5, {
    aws,
    mode: 'offline',
    surface: 'panel',
    params: { bucket, appUrl },
    accessKeyId: sandboxRootKey.accessKeyId,
    fetch: sandboxFetch(sandbox, refuseLoopback(fetch)),
  });
}

// Key order (b before c) is not upload order (c first): only a sorted listing shows the chelsea photo first.
const twoPhotos: [string, Buffer, string][] = [
  ['photos/c-chelsea.jpg', samplePhoto('chelsea.jpg'), 'image/jpeg'],
  ['photos/b-coffee.jpg', samplePhoto('coffee.jpg'), 'image/jpeg'],
];

describe('the gallery app of exercises 5 and 6, run in the page', () => {
  it('shows every photo of the bucket through a presigned URL the sandbox answers', slow, async () => {
    const sandbox = await sandboxWithPhotos(twoPhotos);
    const app = await runGallery(sandbox);
    const html = await (await app.fetch(`${appUrl}/`)).text();
    const images = galleryImages(html, appUrl);
    expect(images.map((image) => image.dataKey)).toEqual(['photos/b-coffee.jpg', 'photos/c-chelsea.jpg']);
    const photo = await app.fetch(images[0]!.src);
    expect(photo.status).toBe(200);
    expect(new Uint8Array(await photo.arrayBuffer())).toEqual(new Uint8Array(samplePhoto('coffee.jpg')));
  });

  it('lists each photo’s labels by name, without their confidence', slow, async () => {
    const app = await runGallery(await sandboxWithPhotos(twoPhotos));
    const [first] = galleryImages(await (await app.fetch(`${appUrl}/`)).text(), appUrl);
    expect(first!.text).toMatch(/^photos\/b-coffee\.jpg\n\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?\+00:00\n[A-Z]/);
    expect(first!.text).not.toMatch(/\d\.\d\)/);
  });

  it('gives a photo Rekognition cannot label a message of its own, and still shows the others', slow, async () => {
    const app = await runGallery(await sandboxWithPhotos([...twoPhotos, ['photos/a-dot.gif', gif, 'image/gif']]));
    const response = await app.fetch(`${appUrl}/`);
    expect(response.status).toBe(200);
    const images = galleryImages(await response.text(), appUrl);
    expect(images).toHaveLength(3);
    expect(images[0]!.text).toContain('Rekognition cannot label this photo: it reads JPEG and PNG images only.');
  });

  it('stores an uploaded JPEG in the bucket and says so on the page it redirects to', slow, async () => {
    const sandbox = await sandboxWithPhotos([]);
    const app = await runGallery(sandbox);
    const form = new FormData();
    form.append('photo', new Blob([samplePhoto('rocket.jpg')], { type: 'image/jpeg' }), 'rocket.jpg');
    const upload = await app.fetch(`${appUrl}/upload`, { method: 'POST', body: form, redirect: 'manual' });
    expect(upload.status).toBe(302);
    const cookie = upload.headers.get('set-cookie')!.split(';')[0]!;
    const page = await (await app.fetch(`${appUrl}/`, { headers: { cookie } })).text();
    expect(page).toContain('<p role="status">Uploaded rocket.jpg.</p>');
    const listed = await s3Of(sandbox).send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(listed.Contents?.map((object) => object.Key)).toEqual([
      expect.stringMatching(/^photos\/[0-9a-f]{32}-rocket\.jpg$/),
    ]);
  });

  /** Uploads one file through the app's form; resolves with the page it redirects to. */
  async function upload(app: Running, bytes: Buffer<ArrayBuffer>, type: string, name: string): Promise<string> {
    const form = new FormData();
    form.append('photo', new Blob([bytes], { type }), name);
    const sent = await app.fetch(`${appUrl}/upload`, { method: 'POST', body: form, redirect: 'manual' });
    const cookie = sent.headers.get('set-cookie')!.split(';')[0]!;
    return (await app.fetch(`${appUrl}/`, { headers: { cookie } })).text();
  }

  const refusal = (name: string) =>
    `<p role="status">${name} is not a JPEG or PNG image: the gallery takes those two kinds only.</p>`;

  it('refuses an upload that is not a JPEG or PNG, and says which kinds it takes', slow, async () => {
    const sandbox = await sandboxWithPhotos([]);
    const page = await upload(await runGallery(sandbox), gif, 'image/gif', 'dot.gif');
    expect(page).toContain(refusal('dot.gif'));
    expect((await s3Of(sandbox).send(new ListObjectsV2Command({ Bucket: bucket }))).Contents).toBeUndefined();
  });

  it('refuses a GIF the browser calls a JPEG, by what its bytes are', slow, async () => {
    const page = await upload(await runGallery(await sandboxWithPhotos([])), gif, 'image/jpeg', 'dot.jpg');
    expect(page).toContain(refusal('dot.jpg'));
  });

  it('stores a PNG sent under another type as image/png, the type its bytes say', slow, async () => {
    const sandbox = await sandboxWithPhotos([]);
    await upload(await runGallery(sandbox), png, 'application/octet-stream', 'dot.bin');
    const [stored] = (await s3Of(sandbox).send(new ListObjectsV2Command({ Bucket: bucket }))).Contents!;
    const head = await s3Of(sandbox).send(new HeadObjectCommand({ Bucket: bucket, Key: stored!.Key! }));
    expect(head.ContentType).toBe('image/png');
  });

  it('offers only JPEG and PNG files in its upload field', slow, async () => {
    const page = await (await (await runGallery(await sandboxWithPhotos([]))).fetch(`${appUrl}/`)).text();
    expect(page).toContain('<input id="photo" name="photo" type="file" accept="image/jpeg,image/png">');
  });
});

describe('offline Verify reading the gallery app in the page', () => {
  it('passes exercise 5 for the app sorted oldest first', slow, async () => {
    const sandbox = await sandboxWithPhotos(twoPhotos);
    await runGallery(sandbox, sorted);
    const run = await verify(exercise5, sandbox);
    expect(check(run, 'app-answers').status).toBe('pass');
    expect(check(run, 'sorted')).toMatchObject({ status: 'pass' });
  });

  it('fails exercise 5 for the unchanged app, which lists photos in key order', slow, async () => {
    const sandbox = await sandboxWithPhotos(twoPhotos);
    await runGallery(sandbox);
    expect(check(await verify(exercise5, sandbox), 'sorted')).toMatchObject({
      status: 'fail',
      message:
        'The page shows photos/b-coffee.jpg, photos/c-chelsea.jpg, but by upload time (LastModified) they are ' +
        'photos/c-chelsea.jpg, photos/b-coffee.jpg.',
    });
  });

  it('passes exercise 6 for the app that shows each label with its confidence', slow, async () => {
    const sandbox = await sandboxWithPhotos(twoPhotos);
    await runGallery(sandbox, withConfidence);
    const run = await verify(exercise6, sandbox);
    expect(statusOf(run)).toEqual({ 'app-answers': 'pass', 'labels-shown': 'pass', 'labels-agree': 'pass' });
  });

  it('fails exercise 6 for the unchanged app, which shows no confidences', slow, async () => {
    const sandbox = await sandboxWithPhotos(twoPhotos);
    await runGallery(sandbox);
    expect(check(await verify(exercise6, sandbox), 'labels-shown')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/^The page shows no label with a confidence after photos\/b-coffee\.jpg/),
    });
  });

  it('says the app did not answer when it is not running', slow, async () => {
    const sandbox = await sandboxWithPhotos(twoPhotos);
    expect(check(await verify(exercise5, sandbox), 'app-answers')).toMatchObject({
      status: 'fail',
      message: `Nothing answers at ${appUrl} (ECONNREFUSED).`,
    });
  });
});
