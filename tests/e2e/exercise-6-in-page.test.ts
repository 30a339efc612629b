import type { Browser, Page } from 'playwright-core';
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
  stopGallery,
  verifyGallery,
} from './gallery-in-page';
import { lessonCommand, openLabTerminal, screenText, typeCommand } from './lab-page';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const bucket = 'photos-exercise-6-e2e';

/** The label lists under the preview's photos, one string per photo. */
const labelLists = (page: Page) => galleryFrame(page).locator('ul.labels').allTextContents();

describe('exercise 6 done in the page', () => {
  it('fails "labels with their confidence" while the app lists names only, and passes once photo_item shows them', {
    timeout: 400_000,
  }, async () => {
    const { page, errors } = await openRecordingErrors(browser);
    await openLabTerminal(page, '/week-2/exercise-6/');
    // Exercise 5's bucket and photos, made afresh; then the lesson's own DetectLabels call (of the first photo).
    await typeCommand(page, `export PHOTOS_BUCKET=${bucket} && aws s3 mb s3://$PHOTOS_BUCKET`);
    for (const name of ['chelsea', 'coffee'])
      await typeCommand(page, `aws s3 cp ~/photos/${name}.jpg s3://$PHOTOS_BUCKET/photos/${name}.jpg`);
    await typeCommand(page, await lessonCommand(page, 'detect-labels'));
    expect(await screenText(page)).toMatch(/\|\s+Cat\s+\|\s+\d+\.\d+\s+\|/);

    await runGallery(page);
    await previewGallery(page);
    await expect.poll(() => imagesShown(page), { timeout: 30_000 }).toEqual([true, true]);
    expect((await labelLists(page)).every((labels) => labels.length > 0 && !/\d/.test(labels))).toBe(true);

    expect(await verifyGallery(page, bucket, /^Not yet: \d+ of \d+ checks/)).toMatch(/^Not yet: 1 of 3 checks/);
    const [bare] = await failedChecks(page);
    expect(bare).toMatch(/The page shows no label with a confidence after photos\/chelsea\.jpg \(it shows: .*Cat/);

    // The lesson's change, in nano: each label with its confidence to one decimal.
    await changeGallery(
      page,
      '<li>{escape(name)}</li>',
      '<li>{escape(name)} ({confidence:.1f})</li>',
      '/tmp/exercise-6-mid-way.png',
    );
    await expect
      .poll(() => labelLists(page), { timeout: 30_000 })
      .toEqual([expect.stringMatching(/^Cat \(\d+\.\d\)/), expect.stringMatching(/\(\d+\.\d\)/)]);

    expect(await verifyGallery(page, bucket, /^Passed/)).toMatch(/^Passed: 3 of 3 checks/);
    expect(await failedChecks(page)).toEqual([]);

    // A GIF in the bucket gets its own message from the app; the other photos keep their labels.
    await stopGallery(page);
    await typeCommand(
      page,
      "printf 'GIF89a' > spinner.gif && aws s3 cp spinner.gif s3://$PHOTOS_BUCKET/photos/spinner.gif",
    );
    await runGallery(page);
    await previewGallery(page);
    const problem = galleryFrame(page).locator('li', {
      has: galleryFrame(page).locator('img[data-key="photos/spinner.gif"]'),
    });
    await expect
      .poll(() => problem.locator('.error').textContent(), { timeout: 30_000 })
      .toBe('Rekognition cannot label this photo: it reads JPEG and PNG images only.');
    expect(await labelLists(page)).toHaveLength(2);
    await page.screenshot({ path: '/tmp/exercise-6-gif.png' });
    expect(realErrors(errors)).toEqual([]);
  });
});
