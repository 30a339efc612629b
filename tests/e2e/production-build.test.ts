import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openRecordingErrors } from './browser';

const site = inject('siteUrl');
const client = join(inject('buildDir'), 'client');

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The JavaScript files of the build, as paths on the site. */
const builtScripts = () =>
  readdirSync(join(client, '_astro'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => `/_astro/${name}`);

describe('the build the browser tests use', () => {
  it('is the one being served: the home page loads its scripts', async () => {
    const html = await (await fetch(`${site}/`)).text();
    const loaded = [...html.matchAll(/src="(\/_astro\/[^"]+\.js)"/g)].map((match) => match[1]);
    expect(loaded.length).toBeGreaterThan(0);
    expect(builtScripts()).toEqual(expect.arrayContaining(loaded));
  });

  it('ships production JavaScript: no development JSX runtime, no paths of the machine that built it', async () => {
    const scripts = builtScripts();
    expect(scripts.length).toBeGreaterThan(10);
    for (const path of scripts) {
      const code = await (await fetch(`${site}${path}`)).text();
      expect(code, path).not.toContain('jsxDEV');
      expect(code, path).not.toContain(process.cwd());
    }
  });

  it('printed no warnings', () => {
    const log = readFileSync(join(inject('buildDir'), 'build.log'), 'utf8');
    expect(log).toContain('Complete!');
    expect(log).not.toMatch(/\[WARN\]|\(!\)|warning/i);
  });

  it('loads the sandbox account and the AWS SDK, its two largest chunks, only when the learner presses Verify', async () => {
    const { page, errors } = await openRecordingErrors(browser);
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    const isSandboxOrSdk = (path: string) => /\/_astro\/(run-in-browser|aws-sdk)\./.test(path);
    await page.goto(`${site}/week-1/exercise-3/`);
    await page.locator('.verify').scrollIntoViewIfNeeded();
    await page.waitForSelector('.verify astro-island:not([ssr])');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState('networkidle');
    expect(scripts.filter(isSandboxOrSdk)).toEqual([]);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => scripts.filter(isSandboxOrSdk).length).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  });
});
