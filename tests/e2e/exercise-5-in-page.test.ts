import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openRecordingErrors } from './browser';
import {
  changeGallery,
  failedChecks,
  galleryFrame,
  imagesShown,
  previewGallery,
  realErrors,
  runGallery,
  verifyGallery,
} from './gallery-in-page';
import { openLabTerminal, typeCommand } from './lab-page';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const bucket = 'photos-exercise-5-e2e';
const rocket = fileURLToPath(new URL('../../public/sample-photos/rocket.jpg', import.meta.url));

describe('exercise 5 done in the page', () => {
  it('fails "oldest first" while the app lists in key order, and passes every check once list_photos sorts', {
    timeout: 400_000,
  }, async () => {
    const { page, errors } = await openRecordingErrors(browser);
    await openLabTerminal(page, '/week-2/exercise-5/');
    // Step 1 offline: the bucket from the terminal, and three photos a second apart whose keys sort in another order.
    await typeCommand(page, `export PHOTOS_BUCKET=${bucket} && aws s3 mb s3://$PHOTOS_BUCKET`);
    for (const name of ['coffee', 'astronaut', 'chelsea'])
      await typeCommand(page, `aws s3 cp ~/photos/${name}.jpg s3://$PHOTOS_BUCKET/photos/${name}.jpg && sleep 1.1`);

    // Step 2: the app, in the preview.
    await runGallery(page);
    await previewGallery(page);
    await expect.poll(() => imagesShown(page), { timeout: 30_000 }).toEqual([true, true, true]);
    await page.screenshot({ path: '/tmp/exercise-5-mid-way.png' });

    // Verify before step 4: the page lists the photos in key order.
    expect(await verifyGallery(page, bucket, /^Not yet: \d+ of \d+ checks/)).toMatch(/^Not yet: 7 of 8 checks/);
    const [unsorted] = await failedChecks(page);
    expect(unsorted).toContain(
      'The page shows photos/astronaut.jpg, photos/chelsea.jpg, photos/coffee.jpg, but by upload time ' +
        '(LastModified) they are photos/coffee.jpg, photos/astronaut.jpg, photos/chelsea.jpg.',
    );
    expect(unsorted).toContain('return sorted(photos, key=lambda photo: photo["LastModified"])');

    // Step 4: stop the app, sort in list_photos with nano, run it again, and upload one more photo from its page.
    await changeGallery(page, 'return photos', 'return sorted(photos, key=lambda photo: photo["LastModified"])');
    await expect.poll(() => imagesShown(page), { timeout: 30_000 }).toEqual([true, true, true]);
    await galleryFrame(page).getByLabel('Photo').setInputFiles(rocket);
    await galleryFrame(page).getByRole('button', { name: 'Upload' }).click();
    await expect
      .poll(
        () =>
          galleryFrame(page)
            .locator('img')
            .evaluateAll((images) => images.map((i) => i.dataset.key)),
        {
          timeout: 30_000,
        },
      )
      .toEqual([
        'photos/coffee.jpg',
        'photos/astronaut.jpg',
        'photos/chelsea.jpg',
        expect.stringMatching(/^photos\/[0-9a-f]{32}-rocket\.jpg$/),
      ]);

    expect(await verifyGallery(page, bucket, /^Passed/)).toMatch(/^Passed: 8 of 8 checks/);
    expect(await failedChecks(page)).toEqual([]);
    expect(realErrors(errors)).toEqual([]);
  });
});
