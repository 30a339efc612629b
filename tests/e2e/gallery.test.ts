import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openRecordingErrors } from './browser';
import { galleryFrame, imagesShown, realErrors } from './gallery-in-page';
import { openLabTerminal, screenText, typeCommand, typeLine } from './lab-page';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('the gallery app of exercise 5 in the page', () => {
  it('runs from the terminal, shows its photos in the preview, takes an upload from it, and is what Verify reads', {
    timeout: 300_000,
  }, async () => {
    const { page, errors } = await openRecordingErrors(browser);
    await openLabTerminal(page, '/week-2/exercise-5/');
    await typeCommand(page, 'export PHOTOS_BUCKET=photos-gallery-e2e && aws s3 mb s3://$PHOTOS_BUCKET');
    await typeCommand(page, 'aws s3 cp photos/chelsea.jpg s3://$PHOTOS_BUCKET/photos/chelsea.jpg');
    await typeCommand(page, 'aws s3 cp photos/coffee.jpg s3://$PHOTOS_BUCKET/photos/coffee.jpg');
    await typeLine(page, 'cd gallery && python3 app.py');
    await expect.poll(() => screenText(page), { timeout: 120_000 }).toMatch(/^Press CTRL\+C to quit$/m);

    await page.getByRole('button', { name: 'Web preview' }).click();
    await page.getByLabel('Address', { exact: true }).fill('http://localhost:5000/');
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    await expect.poll(() => imagesShown(page), { timeout: 30_000 }).toEqual([true, true]);
    await page.screenshot({ path: '/tmp/gallery-preview.png' });

    const frame = galleryFrame(page);
    const rocket = fileURLToPath(new URL('../../public/sample-photos/rocket.jpg', import.meta.url));
    await frame.getByLabel('Photo').setInputFiles(rocket);
    // From the keyboard, as a learner without a mouse submits it.
    await frame.getByRole('button', { name: 'Upload' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => imagesShown(page), { timeout: 30_000 }).toEqual([true, true, true]);
    expect(await frame.getByRole('status').textContent()).toBe('Uploaded rocket.jpg.');
    await expect.poll(() => screenText(page), { timeout: 10_000 }).toMatch(/"POST \/upload HTTP\/1\.1" 302 -$/m);

    // Offline Verify reads the same app at its default address, through the page's servers.
    await page.locator('.verify').scrollIntoViewIfNeeded();
    await page.getByLabel('Photo bucket').fill('photos-gallery-e2e');
    await page.getByRole('button', { name: 'Verify' }).click();
    const passed = page.locator('.verify-check-pass');
    await expect
      .poll(() => passed.filter({ hasText: 'The app answers at http://localhost:5000.' }).count(), { timeout: 60_000 })
      .toBe(1);
    expect(await passed.filter({ hasText: 'All 3 images are SigV4 presigned URLs' }).count()).toBe(1);
    expect(realErrors(errors)).toEqual([]);
  });
});
