import { z } from 'zod';
import { paramMeta } from './params';

/** The parameters of exercises 5 and 6, which check the same bucket and the same running gallery app. */
export const galleryParams = z.strictObject({
  /** The learner's photo bucket; the CLI fills it from PHOTOS_BUCKET, the variable the app itself reads. */
  bucket: z.string().min(1, 'missing').register(paramMeta, {
    label: 'Photo bucket',
    hint: 'The bucket the app shows: the PHOTOS_BUCKET it runs with.',
    placeholder: 'photos-…',
    env: 'PHOTOS_BUCKET',
    primary: true,
  }),
  /** Where the gallery app runs, as the lesson starts it. */
  appUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) address, like http://localhost:5000' })
    .default('http://localhost:5000')
    .register(paramMeta, {
      label: 'Gallery app address',
      hint: 'Where the app runs; in live mode the course server opens it, so use an address that machine reaches.',
      placeholder: 'http://localhost:5000',
      primary: true,
    }),
});

/** The gallery parameters, with defaults filled in. */
export type GalleryParams = z.infer<typeof galleryParams>;
