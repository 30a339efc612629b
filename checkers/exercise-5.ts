import {
  GetBucketPolicyStatusCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
} from '@aws-sdk/client-s3';
import { hasCode, orNull } from './aws-errors';
import { defineChecker, fail, pass, skip, warn, type CheckOutcome, type CheckerAws } from './contract';
import {
  appAnswers,
  fetchAppPage,
  fetchFailure,
  fetchTimeoutMs,
  galleryHtml,
  galleryImages,
  objectKeyOfUrl,
  type AppPage,
  type GalleryImage,
} from './gallery-page';
import { galleryParams, type GalleryParams } from './gallery-params';

const params = galleryParams;
type Params = GalleryParams;

/** Where HeadBucket says the bucket is: found (in some region), absent, or there but not readable with these keys. */
type BucketLocation = { state: 'found'; region: string } | { state: 'missing' } | { state: 'forbidden' };

/** An object as the checks need it. */
interface StoredObject {
  key: string;
  /** ISO time, so the snapshot stays plain JSON. */
  lastModified: string;
}

/** What the bucket's own settings and listing say. */
interface BucketContents {
  /** The four Block Public Access settings, or null when the bucket has no configuration. */
  publicAccessBlock: {
    BlockPublicAcls: boolean;
    IgnorePublicAcls: boolean;
    BlockPublicPolicy: boolean;
    RestrictPublicBuckets: boolean;
  } | null;
  policy: 'none' | 'private' | 'public';
  objects: StoredObject[];
}

/** An unsigned GET of one photo: the HTTP status, or why no answer came. */
type UnsignedProbe = { key: string; url: string; status: number } | { key: string; url: string; reason: string };

interface Snapshot {
  checkedRegion: string;
  location: BucketLocation;
  /** Null unless the bucket was found; read in the bucket's own region. */
  contents: BucketContents | null;
  unsigned: UnsignedProbe | null;
  app: AppPage;
}

const blockSettings = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

/** Photos as the gallery app accepts them (JPEG, PNG, GIF, WebP), told by the key's extension. */
export function isImageKey(key: string): boolean {
  return /\.(?:jpe?g|png|gif|webp)$/i.test(key);
}

/** S3 names the bucket's region in a header even when it refuses the request (301 or 400 from the wrong region). */
function bucketRegionHeader(error: unknown): string | undefined {
  return (error as { $response?: { headers?: Record<string, string | undefined> } }).$response?.headers?.[
    'x-amz-bucket-region'
  ];
}

async function locateBucket(aws: CheckerAws, bucket: string): Promise<BucketLocation> {
  try {
    const head = await aws.s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return { state: 'found', region: head.BucketRegion ?? aws.region };
  } catch (error) {
    const region = bucketRegionHeader(error);
    if (region && region !== aws.region) return { state: 'found', region };
    if (hasCode(error, 'NotFound', 'NoSuchBucket')) return { state: 'missing' };
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 403)
      return { state: 'forbidden' };
    throw error;
  }
}

async function listObjects(aws: CheckerAws, bucket: string): Promise<StoredObject[]> {
  const objects: StoredObject[] = [];
  let token: string | undefined;
  do {
    const page = await aws.s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const object of page.Contents ?? [])
      objects.push({ key: object.Key!, lastModified: (object.LastModified ?? new Date(0)).toISOString() });
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

async function readBucket(aws: CheckerAws, bucket: string): Promise<BucketContents> {
  const [block, isPublic, objects] = await Promise.all([
    orNull(aws.s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket })), 'NoSuchPublicAccessBlockConfiguration'),
    orNull(aws.s3.send(new GetBucketPolicyStatusCommand({ Bucket: bucket })), 'NoSuchBucketPolicy'),
    listObjects(aws, bucket),
  ]);
  const settings = block?.PublicAccessBlockConfiguration;
  return {
    publicAccessBlock: settings
      ? (Object.fromEntries(
          blockSettings.map((name) => [name, settings[name] === true]),
        ) as BucketContents['publicAccessBlock'])
      : null,
    policy: isPublic === null ? 'none' : isPublic.PolicyStatus?.IsPublic ? 'public' : 'private',
    objects,
  };
}

/**
 * A promise's outcome as a value, so a call started in the wrong region can be dropped without an unhandled rejection.
 */
function settle<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

async function probeUnsigned(fetchFn: typeof fetch, url: string, key: string): Promise<UnsignedProbe> {
  try {
    const response = await fetchFn(url, { signal: AbortSignal.timeout(fetchTimeoutMs) });
    // Only the status matters: a public photo's bytes need not be downloaded.
    await response.body?.cancel();
    return { key, url, status: response.status };
  } catch (error) {
    return { key, url, reason: fetchFailure(error) };
  }
}

/** Why a URL is not a SigV4 presigned GET URL, or null when it is one. */
export function presignProblem(src: string): string | null {
  let query: URLSearchParams;
  try {
    query = new URL(src).searchParams;
  } catch {
    return 'is not a URL';
  }
  if (query.has('AWSAccessKeyId') || (query.has('Signature') && query.has('Expires')))
    return 'is a legacy Signature Version 2 URL (AWSAccessKeyId, Signature, Expires)';
  if (!query.has('X-Amz-Signature')) return 'is not signed (it has no X-Amz-Signature)';
  const algorithm = query.get('X-Amz-Algorithm');
  if (algorithm !== 'AWS4-HMAC-SHA256')
    return `is signed with X-Amz-Algorithm=${algorithm ?? '(none)'}, not AWS4-HMAC-SHA256`;
  for (const name of ['X-Amz-Credential', 'X-Amz-Date']) if (!query.get(name)) return `has no ${name}`;
  const expires = query.get('X-Amz-Expires');
  const seconds = Number(expires);
  if (expires === null || !Number.isInteger(seconds) || seconds < 1 || seconds > 604800)
    return `has X-Amz-Expires=${expires ?? '(none)'}; a presigned URL expires after 1 to 604800 seconds (7 days)`;
  return null;
}

/** How messages name an image: its key as the template wrote it, else its alt text, else its place on the page. */
function imageName(image: GalleryImage, index: number): string {
  return image.dataKey || image.alt || `image ${index + 1}`;
}

/** A list of keys for a message, shortened after ten. */
function keyList(keys: string[]): string {
  return keys.length > 10 ? `${keys.slice(0, 10).join(', ')}, … (${keys.length} in all)` : keys.join(', ');
}

function createBucketCommand(bucket: string, region: string): string {
  // us-east-1 is the one region that refuses a LocationConstraint naming it.
  return region === 'us-east-1'
    ? `aws s3api create-bucket --bucket ${bucket}`
    : `aws s3api create-bucket --bucket ${bucket} --create-bucket-configuration LocationConstraint=${region}`;
}

/** Runs a check on the bucket's contents, or skips it when the bucket could not be read at all. */
function withContents(
  snapshot: Snapshot,
  params: Params,
  run: (contents: BucketContents) => CheckOutcome,
): CheckOutcome {
  return snapshot.contents ? run(snapshot.contents) : skip(`Not checked: bucket ${params.bucket} could not be read.`);
}

/** The page's images mapped to the bucket's objects, or the first one that is not an object of the bucket. */
function pageObjects(
  images: GalleryImage[],
  contents: BucketContents,
  bucket: string,
): { objects: StoredObject[] } | { problem: CheckOutcome } {
  const byKey = new Map(contents.objects.map((o) => [o.key, o]));
  const objects: StoredObject[] = [];
  for (const [index, image] of images.entries()) {
    const key = objectKeyOfUrl(image.src, bucket);
    if (key === null) {
      return {
        problem: fail(
          `The image ${imageName(image, index)} does not point at an object of ${bucket}: ${image.src}`,
          `Show photos from PHOTOS_BUCKET (${bucket}) with presigned URLs of its objects.`,
        ),
      };
    }
    const object = byKey.get(key);
    if (!object)
      return {
        problem: fail(
          `The page shows ${key}, which is not in ${bucket}.`,
          'Reload the page; if the photo was deleted, the app still links to it from a stale listing. List the bucket ' +
            'on every request, as the app does.',
          { key },
        ),
      };
    objects.push(object);
  }
  return { objects };
}

const time = (object: StoredObject) => Date.parse(object.lastModified);

/**
 * Exercise 5: the photo bucket is private, holds photos, and the running gallery shows them oldest first through
 * presigned URLs.
 */
export default defineChecker<Params, Snapshot>({
  id: 'exercise-5',
  title: 'Exercise 5: a private photo bucket and a gallery of presigned URLs',
  lesson: 'week-2/exercise-5',
  version: '1.0.0',
  permissions: ['s3:ListBucket', 's3:GetBucketPublicAccessBlock', 's3:GetBucketPolicyStatus'],
  params,

  async collect({ aws, params, fetch }) {
    // One round trip in the usual case: the bucket's settings are read while HeadBucket finds its region, and the
    // unsigned GET tries the first photo the page shows as soon as the (local) page arrives. Only when the bucket is
    // elsewhere, or the page names no photo of the bucket, does a second round follow.
    const appAndProbe = fetchAppPage(fetch, params.appUrl).then(async (app) => {
      const html = galleryHtml(app);
      const key = html
        ? galleryImages(html, app.url)
            .map((image) => objectKeyOfUrl(image.src, params.bucket))
            .find((k): k is string => k !== null && isImageKey(k))
        : undefined;
      const probe = key ? await probeUnsigned(fetch, aws.objectUrl(params.bucket, aws.region, key), key) : null;
      return { app, probe };
    });
    const [location, here, { app, probe }] = await Promise.all([
      locateBucket(aws, params.bucket),
      settle(readBucket(aws, params.bucket)),
      appAndProbe,
    ]);
    let contents: BucketContents | null = null;
    if (location.state === 'found') {
      if (location.region !== aws.region) contents = await readBucket(aws.inRegion(location.region), params.bucket);
      else if ('value' in here) contents = here.value;
      else throw here.error;
    }
    const earlyProbeCounts =
      probe !== null &&
      location.state === 'found' &&
      location.region === aws.region &&
      (contents?.objects.some((o) => o.key === probe.key) ?? false);
    const image = contents?.objects.find((o) => isImageKey(o.key));
    const unsigned = earlyProbeCounts
      ? probe
      : image && location.state === 'found'
        ? await probeUnsigned(fetch, aws.objectUrl(params.bucket, location.region, image.key), image.key)
        : null;
    return { checkedRegion: aws.region, location, contents, unsigned, app };
  },

  checks: [
    {
      id: 'bucket',
      title: 'The photo bucket exists in the region',
      run({ location, checkedRegion }, { bucket }, { ask }) {
        if (location.state === 'missing')
          return fail(
            `There is no bucket named ${bucket}.`,
            `Create it (${createBucketCommand(bucket, checkedRegion)}), and check that PHOTOS_BUCKET names it.`,
          );
        if (location.state === 'forbidden') {
          return fail(
            `Bucket ${bucket} exists, but these credentials may not read it (HTTP 403).`,
            'Bucket names are shared by every AWS account: if this one is not yours, choose another name (the ' +
              "lesson's photos-<account id>-us-west-2 is unique). If it is yours, the credentials running the " +
              'check need s3:ListBucket ("awscourse policy" prints the policy).',
          );
        }
        if (location.region !== checkedRegion) {
          return fail(
            `Bucket ${bucket} is in ${location.region}, not in ${checkedRegion}.`,
            `To check it in its own region, ${ask.region(location.region)}; or create the bucket in ${checkedRegion} ` +
              `as the lesson does.`,
            { region: location.region },
          );
        }
        return pass(`Bucket ${bucket} exists in ${location.region}.`, { bucket, region: location.region });
      },
    },
    {
      id: 'block-public-access',
      title: 'Block Public Access is on for the bucket',
      run(snapshot, params) {
        return withContents(snapshot, params, ({ publicAccessBlock }) => {
          const hint =
            `aws s3api put-public-access-block --bucket ${params.bucket} ` +
            `--public-access-block-configuration ` +
            `BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`;
          if (!publicAccessBlock)
            return fail(`Bucket ${params.bucket} has no Block Public Access configuration.`, hint);
          const off = blockSettings.filter((name) => !publicAccessBlock[name]);
          if (off.length)
            return fail(`Block Public Access is off for ${off.join(', ')} on ${params.bucket}.`, hint, { off });
          return pass(`All four Block Public Access settings are on for ${params.bucket}.`);
        });
      },
    },
    {
      id: 'no-public-policy',
      title: 'No bucket policy makes the bucket public',
      run(snapshot, params) {
        return withContents(snapshot, params, ({ policy }) => {
          if (policy === 'public')
            return fail(
              `The bucket policy of ${params.bucket} makes it public: it allows anyone ("Principal": "*") in.`,
              `Delete it (aws s3api delete-bucket-policy --bucket ${params.bucket}), or remove its statements for ` +
                `"*"; the gallery needs no public access.`,
            );
          return pass(
            policy === 'none'
              ? `${params.bucket} has no bucket policy.`
              : `The bucket policy of ${params.bucket} does not make it public.`,
          );
        });
      },
    },
    {
      id: 'unsigned-get-refused',
      title: 'An unsigned GET of a photo is refused',
      run(snapshot, params) {
        return withContents(snapshot, params, () => {
          const probe = snapshot.unsigned;
          if (!probe) return skip('No photo in the bucket to try yet; upload one through the app first.');
          const evidence = { key: probe.key, url: probe.url };
          if ('reason' in probe)
            return warn(
              `Could not try an unsigned GET of ${probe.key} (${probe.reason}).`,
              'Check your network connection and verify again.',
              evidence,
            );
          if (probe.status === 403)
            return pass(
              `An unsigned GET of ${probe.key} is refused (HTTP 403): only presigned URLs show it.`,
              evidence,
            );
          if (probe.status >= 200 && probe.status < 300) {
            return fail(
              `An unsigned GET of ${probe.key} returned the photo (HTTP ${probe.status}): anyone with the link can ` +
                `see it.`,
              `Turn Block Public Access back on for ${params.bucket}, and remove what made the photo public: a bucket ` +
                `policy for "*" (aws s3api delete-bucket-policy --bucket ${params.bucket}) or a public-read ACL.`,
              evidence,
            );
          }
          return warn(
            `An unsigned GET of ${probe.key} answered HTTP ${probe.status}, not the 403 of a private object.`,
            `Open ${probe.url} yourself to see what S3 says.`,
            evidence,
          );
        });
      },
    },
    {
      id: 'two-images',
      title: 'The bucket holds at least two images',
      run(snapshot, params) {
        return withContents(snapshot, params, ({ objects }) => {
          const images = objects.filter((o) => isImageKey(o.key)).map((o) => o.key);
          if (images.length < 2) {
            return fail(
              `${params.bucket} holds ${images.length === 0 ? 'no images' : `one image (${images[0]})`}; the exercise needs at least two.`,
              `Upload two or three photos through the app at ${params.appUrl}, a few seconds apart (JPEG, PNG, GIF or ` +
                `WebP: keys ending .jpg, .jpeg, .png, .gif or .webp).`,
              { images },
            );
          }
          return pass(`${params.bucket} holds ${images.length} images.`, { images });
        });
      },
    },
    {
      id: 'app-answers',
      title: 'The gallery app answers',
      run: ({ app }, _params, { ask }) => appAnswers(app, ask),
    },
    {
      id: 'presigned-urls',
      title: 'Every image on the page is a presigned URL',
      requires: ['app-answers'],
      run({ app }) {
        const images = galleryImages(galleryHtml(app)!, app.url);
        if (images.length === 0)
          return fail(
            `The gallery at ${app.url} shows no images.`,
            'Upload photos through the app; if the bucket has some, check that the app runs with PHOTOS_BUCKET naming ' +
              'it.',
          );
        for (const [index, image] of images.entries()) {
          const problem = presignProblem(image.src);
          if (problem) {
            const sigV2 = problem.includes('Signature Version 2');
            return fail(
              `The image ${imageName(image, index)} ${problem}: ${image.src}`,
              `Show each photo through s3.generate_presigned_url("get_object", Params={"Bucket": BUCKET, "Key": key}, ` +
                `ExpiresIn=3600), with the client created with Config(signature_version="s3v4") as the lesson ` +
                `shows${sigV2 ? ': without it, boto3 may still sign with the legacy Signature Version 2' : ''}. The ` +
                `bucket stays private.`,
              { src: image.src },
            );
          }
        }
        const lifetimes = [...new Set(images.map((image) => new URL(image.src).searchParams.get('X-Amz-Expires')))];
        return pass(
          `All ${images.length} images are SigV4 presigned URLs, expiring after ${lifetimes.join(' or ')} seconds.`,
          { images: images.length },
        );
      },
    },
    {
      id: 'sorted',
      title: 'The page shows the photos oldest first',
      requires: ['presigned-urls', 'two-images'],
      run(snapshot, params) {
        const images = galleryImages(galleryHtml(snapshot.app)!, snapshot.app.url);
        const mapped = pageObjects(images, snapshot.contents!, params.bucket);
        if ('problem' in mapped) return mapped.problem;
        const found = mapped.objects;
        const shown = found.map((o) => o.key);
        if (found.length < 2)
          return fail(
            `The page shows only ${shown[0]}, so its order cannot be checked.`,
            'The app should show every photo of the bucket; check list_photos returns them all.',
            { found: shown },
          );
        // Ties (uploads within the same second) may appear in either order.
        if (found.every((object, i) => i === 0 || time(found[i - 1]!) <= time(object)))
          return pass(`The ${found.length} photos appear oldest first: ${keyList(shown)}.`, { found: shown });
        const expected = [...found].sort((a, b) => time(a) - time(b)).map((o) => o.key);
        // Two photos the wrong way round may as well be in key order; from three on, newest first is a reversed sort.
        const newestFirst =
          found.length > 2 && found.every((object, i) => i === 0 || time(found[i - 1]!) >= time(object));
        return fail(
          `The page shows ${keyList(shown)}, but by upload time (LastModified) they are ${keyList(expected)}.`,
          newestFirst
            ? 'The photos are newest first; Verify expects oldest first, as the exercise asks: sort without ' +
                'reverse=True.'
            : 'Sort the listing in list_photos: return sorted(photos, key=lambda photo: photo["LastModified"]), after ' +
                'collecting every page.',
          { found: shown, expected },
        );
      },
    },
  ],
});
