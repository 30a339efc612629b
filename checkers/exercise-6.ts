import { DetectLabelsCommand } from '@aws-sdk/client-rekognition';
import { hasCode } from './aws-errors';
import { defineChecker, fail, pass, type CheckerAws } from './contract';
import {
  appAnswers,
  fetchAppPage,
  galleryHtml,
  galleryImages,
  objectKeyOfUrl,
  shownLabels,
  type AppPage,
  type GalleryImage,
  type ShownLabel,
} from './gallery-page';
import { galleryParams, type GalleryParams } from './gallery-params';

const params = galleryParams;
type Params = GalleryParams;

/** DetectLabels is billed per image: the check labels at most this many photos of the page. */
const maxPhotos = 12;

/** A label as Rekognition returns it. */
interface DetectedLabel {
  name: string;
  confidence: number;
}

/** One photo of the page: how it is named, what it shows, and what Rekognition says about its object. */
interface Photo {
  name: string;
  key: string | null;
  text: string;
  /** Rekognition's labels, or why it could not label the object (not in the bucket, not a JPEG or PNG, ...). */
  detected: { labels: DetectedLabel[] } | { problem: string };
}

interface Snapshot {
  app: AppPage;
  photos: Photo[];
  /** Images on the page, counting those beyond {@link maxPhotos}. */
  imageCount: number;
}

/**
 * The region a presigned URL was signed for (its credential scope), else the one its host names: the bucket's
 * region, where Rekognition must be asked, learned without an S3 call.
 */
export function regionOfUrl(src: string): string | null {
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return null;
  }
  const scope = url.searchParams.get('X-Amz-Credential')?.split('/')[2];
  if (scope) return scope;
  return /(?:^|\.)s3[.-](?!amazonaws\b)(?:dualstack\.)?([a-z0-9-]+)\.amazonaws\.com$/.exec(url.hostname)?.[1] ?? null;
}

// What Rekognition answers for an object it cannot label; any other error (denied, throttled) is the runner's.
const unlabellable = [
  'InvalidS3ObjectException',
  'InvalidImageFormatException',
  'ImageTooLargeException',
  'InvalidParameterException',
];

async function detect(aws: CheckerAws, bucket: string, key: string, region: string): Promise<Photo['detected']> {
  try {
    // MinConfidence 0: the app may show labels below Rekognition's default cut-off of 55.
    const response = await aws
      .inRegion(region)
      .rekognition.send(
        new DetectLabelsCommand({ Image: { S3Object: { Bucket: bucket, Name: key } }, MinConfidence: 0 }),
      );
    return {
      labels: (response.Labels ?? []).map((label) => ({ name: label.Name ?? '', confidence: label.Confidence ?? 0 })),
    };
  } catch (error) {
    if (!hasCode(error, ...unlabellable)) throw error;
    return { problem: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

async function photoOf(aws: CheckerAws, bucket: string, image: GalleryImage, index: number): Promise<Photo> {
  // The URL says which object the browser shows; data-key only stands in for a URL that is not the bucket's.
  const key = objectKeyOfUrl(image.src, bucket) ?? image.dataKey ?? null;
  const name = key ?? image.alt ?? `image ${index + 1}`;
  const detected =
    key === null
      ? { problem: `its URL is not an object of ${bucket}: ${image.src}` }
      : await detect(aws, bucket, key, regionOfUrl(image.src) ?? aws.region);
  return { name, key, text: image.text, detected };
}

/** A confidence as a message shows it, with the page's precision (at least one decimal). */
const shownAs = (confidence: number, decimals: number) => confidence.toFixed(Math.max(decimals, 1));

/** The Rekognition label a shown one names: the longest end of its words that is a label (`Labels: Dog` is Dog). */
function matchingLabel(shown: ShownLabel, labels: DetectedLabel[]): DetectedLabel | undefined {
  const words = shown.name.split(' ');
  for (let start = 0; start < words.length; start++) {
    const name = words.slice(start).join(' ').toLowerCase();
    const label = labels.find((l) => l.name.toLowerCase() === name);
    if (label) return label;
  }
  return undefined;
}

/** True when the shown value is Rekognition's rounded to the shown precision, with 0.05 to spare. */
function confidenceAgrees(shown: ShownLabel, label: DetectedLabel): boolean {
  return Math.abs(shown.confidence - label.confidence) <= 0.5 * 10 ** -shown.decimals + 0.05;
}

/** Exercise 6: the running gallery shows each photo's Rekognition labels with the confidences DetectLabels gives. */
export default defineChecker<Params, Snapshot>({
  id: 'exercise-6',
  title: 'Exercise 6: Rekognition labels in the gallery',
  lesson: 'week-2/exercise-6',
  version: '1.0.0',
  // Rekognition reads the object with the caller's own permissions, hence s3:GetObject.
  permissions: ['rekognition:DetectLabels', 's3:GetObject'],
  params,

  async collect({ aws, params, fetch }) {
    const app = await fetchAppPage(fetch, params.appUrl);
    const html = galleryHtml(app);
    const images = html === null ? [] : galleryImages(html, app.url);
    const photos = await Promise.all(
      images.slice(0, maxPhotos).map((image, index) => photoOf(aws, params.bucket, image, index)),
    );
    return { app, photos, imageCount: images.length };
  },

  checks: [
    {
      id: 'app-answers',
      title: 'The gallery app answers',
      run: ({ app }, _params, { ask }) => appAnswers(app, ask),
    },
    {
      id: 'labels-shown',
      title: 'Each photo shows labels with their confidence',
      requires: ['app-answers'],
      run({ app, photos, imageCount }) {
        if (photos.length === 0)
          return fail(
            `The gallery at ${app.url} shows no photos.`,
            'Upload a photo or two through the app (exercise 5), then verify again.',
          );
        const bare = photos.find((photo) => shownLabels(photo.text).length === 0);
        if (bare) {
          return fail(
            `The page shows no label with a confidence after ${bare.name}${bare.text ? ` (it shows: ${bare.text.replace(/\n/g, ' / ').slice(0, 200)})` : ''}.`,
            'Under each image, list its labels as "Name (confidence)", e.g. {% for name, confidence in photo.labels ' +
              '%}<li>{{ name }} ({{ "%.1f"|format(confidence) }})</li>{% endfor %}.',
            { photo: bare.name },
          );
        }
        const more = imageCount > photos.length ? ` (the first ${photos.length} of ${imageCount} checked)` : '';
        return pass(`All ${photos.length} photos show labels with confidences${more}.`);
      },
    },
    {
      id: 'labels-agree',
      title: 'The labels agree with DetectLabels',
      requires: ['labels-shown'],
      run({ photos }, params) {
        for (const photo of photos) {
          if ('problem' in photo.detected) {
            return fail(
              `Rekognition could not label ${photo.name}: ${photo.detected.problem}`,
              `Rekognition reads the photo from ${params.bucket}, in the bucket's region and with the checking ` +
                `credentials (which need s3:GetObject), and takes only JPEG and PNG images: show photos of that ` +
                `bucket, as uploaded through the app.`,
              { photo: photo.name },
            );
          }
          const labels = [...photo.detected.labels].sort((a, b) => b.confidence - a.confidence);
          for (const shown of shownLabels(photo.text)) {
            const label = matchingLabel(shown, labels);
            if (!label) {
              const says = labels.length
                ? labels
                    .slice(0, 3)
                    .map((l) => `${l.name} ${shownAs(l.confidence, shown.decimals)}`)
                    .join(', ')
                : 'nothing';
              return fail(
                `${photo.name} shows "${shown.text}" but Rekognition says ${says}.`,
                "Label each photo with DetectLabels on its own key (Image={'S3Object': {'Bucket': BUCKET, 'Name': key}}) and show label['Name'] as it comes back.",
                { photo: photo.name },
              );
            }
            if (!confidenceAgrees(shown, label)) {
              return fail(
                `${photo.name} shows "${shown.text}" but Rekognition says ${label.name} ` +
                  `${shownAs(label.confidence, shown.decimals)}.`,
                'Show label[\'Confidence\'] itself, rounded for display ("%.1f"|format(confidence)), not scaled or ' +
                  'rounded away.',
                { photo: photo.name },
              );
            }
          }
        }
        return pass(`Every label shown for the ${photos.length} photos agrees with DetectLabels.`);
      },
    },
  ],
});
