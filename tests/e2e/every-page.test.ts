import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
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

/**
 * Waits until every widget on the page has hydrated: each hydrates when scrolled into view, or when the browser is
 * idle (the lab terminal), so the next one still waiting is looked up afresh each time.
 */
async function hydrateWidgets(page: Page): Promise<void> {
  const waiting = page.locator('astro-island[ssr]');
  while ((await waiting.count()) > 0)
    await waiting
      .first()
      .scrollIntoViewIfNeeded({ timeout: 5_000 })
      .catch(() => {});
  await page.waitForFunction(() => document.querySelector('astro-island[ssr]') === null);
}

/**
 * Waits until Expressive Code has marked each code block that scrolls sideways as a focusable region, and only those,
 * which it does a moment after the layout changes.
 */
async function settleCodeBlocks(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.expressive-code pre')].every(
      (block) => block.scrollWidth > block.clientWidth === (block.getAttribute('role') === 'region'),
    ),
  );
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

describe('every page of the site', () => {
  // Not only serious and critical ones: the moderate ones it had (code regions without names, a skipped heading
  // level) are fixed, and the test keeps them so.
  it('has no axe violations of any impact, in both themes, at 390 px and 1280 px', { timeout: 300_000 }, async () => {
    const pages = [
      '/',
      '/search/?q=cidr',
      '/progress/',
      '/account/',
      '/instructor/',
      '/week-1/no-such-lesson/',
      ...lessons,
    ];
    const found: string[] = [];
    for (const path of pages) {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${site}${path}`);
      if (path.startsWith('/search/')) await page.locator('.pagefind-ui__result-link').first().waitFor();
      await hydrateWidgets(page);
      // Light and dark at 390 px, then dark and light at 1280 px: one resize per page, since code blocks settle
      // after each resize.
      for (const [width, theme] of [
        [390, 'light'],
        [390, 'dark'],
        [1280, 'dark'],
        [1280, 'light'],
      ] as const) {
        if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) {
          await page.locator('[data-theme-toggle]').click();
        }
        await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
        await settleCodeBlocks(page);
        // Legacy mode runs axe in the page itself; the default opens a second page per run to merge the results of
        // cross-origin frames, which the site has none of, at twice the time.
        const { violations } = await new AxeBuilder({ page }).setLegacyMode().analyze();
        for (const violation of violations) {
          for (const node of violation.nodes) {
            found.push(
              `${violation.impact}: ${path} (${theme}, ${width} px): ${violation.id} at ${node.target.join(' ')}`,
            );
          }
        }
      }
    }
    expect(found).toEqual([]);
    expect(errors.filter((error) => !/status of 404/.test(error))).toEqual([]);
  });
});
