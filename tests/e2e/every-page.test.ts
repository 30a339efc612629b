import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openRecordingErrors } from './browser';

const site = inject('siteUrl');
const client = join(inject('buildDir'), 'client');

/** Every lesson page the build holds, as site paths (`/week-1/cidr/`). */
function builtLessons(): string[] {
  return readdirSync(client)
    .filter((folder) => /^week-\d+$/.test(folder))
    .flatMap((week) => readdirSync(join(client, week)).map((lesson) => `/${week}/${lesson}/`))
    .filter((path) => existsSync(join(client, path, 'index.html')))
    .sort();
}

let browser: Browser;
let page: Page;
let errors: string[];
let lessons: string[];

beforeAll(async () => {
  browser = await launchChromium();
  ({ page, errors } = await openRecordingErrors(browser));
  // The outline on the home page is the course's own list of lessons; the build must hold exactly those.
  await page.goto(`${site}/`);
  const outline = await page
    .locator('.outline-lesson a')
    .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).pathname));
  lessons = builtLessons();
  expect(lessons).toEqual([...outline].sort());
});
afterAll(async () => {
  await browser?.close();
});

describe('every lesson', () => {
  it('fits its code blocks in the lesson column at 1280 px, with no sideways scrolling', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    for (const path of lessons) {
      await page.goto(`${site}${path}`);
      const scrolling = await page
        .locator('.expressive-code pre')
        .evaluateAll((blocks) =>
          blocks
            .filter((block) => block.scrollWidth > block.clientWidth)
            .map((block) => block.querySelector('.ec-line')?.textContent),
        );
      expect(scrolling, `${path} has code blocks that scroll sideways`).toEqual([]);
    }
    expect(errors).toEqual([]);
  });
});
