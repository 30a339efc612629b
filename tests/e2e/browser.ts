import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium unless `CHROMIUM_PATH` names another; Playwright's own browser download is not used. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Starts headless Chromium with the flags this machine needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * Opens a page that records every console error and uncaught exception, so a test can assert there were none. It
 * has a browser context of its own, closed with it, in which axe may open the helper page it needs.
 */
export async function openRecordingErrors(browser: Browser, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page: Page = await context.newPage();
  // When the whole browser closes first (a suite's afterAll), the context is already gone: nothing to reject.
  page.once('close', () => void context.close().catch(() => {}));
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}
