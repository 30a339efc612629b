import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseSandboxState, serializeSandboxState } from '../../src/emulator/persistence';
import { createSandbox } from '../../src/emulator/sandbox';
import { sandboxRequestHandler } from '../../src/emulator/sdk-handler';
import { sandboxRootKey } from '../../src/emulator/state';
import { doExercise3 } from '../checkers/course-steps';
import { clientsFor } from '../emulator/sandbox-clients';
import { launchChromium, openRecordingErrors } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function exercisePage(path = '/week-1/exercise-3/'): Promise<{ page: Page; errors: string[] }> {
  const opened = await openRecordingErrors(browser);
  await opened.page.goto(`${inject('siteUrl')}${path}`);
  await opened.page.locator('.verify').scrollIntoViewIfNeeded();
  await opened.page.waitForSelector('.verify astro-island:not([ssr])');
  return opened;
}

describe('the Verify panel', () => {
  it('checks offline in the page against a sandbox file the learner loads, and keeps the attempt', async () => {
    const sandbox = createSandbox();
    await doExercise3(clientsFor(sandboxRootKey, 'us-west-2', { requestHandler: sandboxRequestHandler(sandbox) }));
    const file = join(mkdtempSync(join(tmpdir(), 'verify-')), 'sandbox.json');
    writeFileSync(file, serializeSandboxState(sandbox.state));

    const { page, errors } = await exercisePage();
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => page.locator('.verify-result h3').textContent()).toContain('Not yet: 0 of 7 checks');
    await page.locator('.verify-import input[type=file]').setInputFiles(file);
    await expect
      .poll(() => page.locator('.verify-note').textContent())
      .toContain("Loaded sandbox.json as this browser's sandbox.");
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect
      .poll(() => page.locator('.verify-result h3').textContent())
      .toMatch(/^Passed: 6 of 7 checks \(sandbox, us-west-2, account 123456789012\)$/);
    expect(await page.locator('.verify-check-pass').count()).toBe(6);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Passed');
    const attempts = await page.evaluate(
      () =>
        (
          JSON.parse(localStorage.getItem('awscourse.progress') ?? '{}') as {
            attempts: { status: string; mode: string }[];
          }
        ).attempts,
    );
    expect(attempts.map((a) => [a.mode, a.status])).toEqual([
      ['offline', 'failed'],
      ['offline', 'passed'],
    ]);
    expect(errors).toEqual([]);
  });

  it('downloads the sandbox as a file, and resets it after asking, handing over the old one first', async () => {
    const sandbox = createSandbox();
    await doExercise3(clientsFor(sandboxRootKey, 'us-west-2', { requestHandler: sandboxRequestHandler(sandbox) }));
    const file = join(mkdtempSync(join(tmpdir(), 'verify-')), 'sandbox.json');
    writeFileSync(file, serializeSandboxState(sandbox.state));
    const { page, errors } = await exercisePage();
    await page.locator('.verify-import input[type=file]').setInputFiles(file);
    await expect.poll(() => page.locator('.verify-note').textContent()).toContain('Loaded sandbox.json');

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download sandbox file' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^sandbox-\d{4}-\d\d-\d\d\.json$/);
    const saved = parseSandboxState(readFileSync((await download.path())!, 'utf8'));
    expect('state' in saved && Object.keys(saved.state.buckets)).toEqual(Object.keys(sandbox.state.buckets));

    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.getByRole('button', { name: 'Reset sandbox…' }).click();
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => page.locator('.verify-result h3').textContent()).toMatch(/^Passed/);

    page.once('dialog', (dialog) => void dialog.accept());
    const backingUp = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Reset sandbox…' }).click();
    const backup = await backingUp;
    expect(parseSandboxState(readFileSync((await backup.path())!, 'utf8'))).toHaveProperty('state');
    await expect.poll(() => page.locator('.verify-note').textContent()).toContain('The sandbox starts afresh.');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => page.locator('.verify-result h3').textContent()).toContain('Not yet: 0 of 7 checks');
    expect(errors).toEqual([]);
  });

  it('shows the last result it recorded after a reload, with its time', async () => {
    const { page, errors } = await exercisePage();
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => page.locator('.verify-result h3').textContent()).toContain('Not yet: 0 of 7 checks');
    await page.reload();
    await page.locator('.verify').scrollIntoViewIfNeeded();
    await expect
      .poll(() => page.locator('.verify-result h3').textContent())
      .toMatch(/^Last check — Not yet: 0 of 7 checks/);
    expect(await page.locator('.verify-when time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(errors).toEqual([]);
  });

  it('asks for a missing parameter by its field, not by a command-line flag', async () => {
    const { page } = await exercisePage('/week-2/exercise-5/');
    await page.getByRole('button', { name: 'Verify' }).click();
    const failure = page.locator('.verify-failure');
    await expect.poll(() => failure.textContent()).toContain('exercise-5 cannot run: Photo bucket (bucket) missing.');
    expect(await failure.textContent()).toContain('Enter it in the "Photo bucket" field.');
    expect(await failure.textContent()).not.toContain('--param');
    await page.getByLabel('Photo bucket').fill('photos-none');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => page.locator('.verify-result h3').textContent()).toContain('Not yet');
  });

  it('names a region that does not exist, in the Region box’s words', async () => {
    const { page } = await exercisePage();
    await page.getByLabel('Region').fill('mars-1');
    await page.getByRole('button', { name: 'Verify' }).click();
    const failure = page.locator('.verify-failure');
    await expect.poll(() => failure.textContent()).toContain('"mars-1" is not an AWS region');
    expect(await failure.textContent()).toContain('Type a region such as us-west-2 in the Region box.');
  });

  it('refuses a file that is not a sandbox and leaves the sandbox as it was', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'verify-')), 'notes.json');
    writeFileSync(file, '{"hello": "world"}');
    const { page } = await exercisePage();
    await page.locator('.verify-import input[type=file]').setInputFiles(file);
    await expect
      .poll(() => page.locator('.verify-failure').textContent())
      .toContain("This browser's sandbox was not changed.");
  });

  it('checks live through the course server, whose credentials never reach the page', async () => {
    await doExercise3(clientsFor(sandboxRootKey, 'us-west-2', { endpoint: inject('emulatorUrl') }));
    const { page, errors } = await exercisePage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(`${request.url()} ${request.postData() ?? ''}`));
    await page.getByLabel(/my AWS account/).check();
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect
      .poll(() => page.locator('.verify-result h3').textContent(), { timeout: 20_000 })
      .toMatch(/^Passed: 6 of 7 checks \(your account, us-west-2, account 123456789012\)$/);
    expect(requests.join('\n')).not.toContain(sandboxRootKey.secretAccessKey);
    expect(await page.content()).not.toContain(sandboxRootKey.secretAccessKey);
    expect(errors).toEqual([]);
  });

  it('answers live checks only to the site itself', async () => {
    const url = `${inject('siteUrl')}/api/verify/`;
    const body = JSON.stringify({ exercise: 'exercise-3' });
    const foreign = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://example.org' },
      body,
    });
    expect(foreign.status).toBe(403);
    const crossSite = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      body,
    });
    expect(crossSite.status).toBe(403);
    // A text/plain POST is what a cross-site form can send; Astro's origin check or the endpoint refuses it.
    const notJson = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
    expect([403, 415]).toContain(notJson.status);
    const badExercise = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ exercise: 'exercise-99' }),
    });
    expect(badExercise.status).toBe(400);
  });
});
