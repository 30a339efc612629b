import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openRecordingErrors } from './browser';
import { exercise3Network, policyAndUser } from './course-in-page';
import { lessonCommand, openLabTerminal, typeCommand, verifyOffline } from './lab-page';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Exercise 4's user with its access key, then the key clean-up lesson's page and terminal. */
async function userWithKey(page: Page): Promise<string> {
  await exercise3Network(page);
  const { id } = await policyAndUser(page);
  await openLabTerminal(page, '/week-2/key-cleanup/');
  return id;
}

describe('the key clean-up done in the page', () => {
  it("deactivates and deletes the user's key with the lesson's commands, and Verify passes", {
    timeout: 300_000,
  }, async () => {
    const { page, errors } = await openRecordingErrors(browser);
    const keyId = await userWithKey(page);
    await typeCommand(page, (await lessonCommand(page, 'delete-access-key')).replaceAll('AKIA...EXAMPLE', keyId));
    expect(await verifyOffline(page)).toMatch(/^Passed: (\d+) of \1 checks/);
    expect(errors).toEqual([]);
  });

  it('fails the check while the key is still there, naming it masked', { timeout: 300_000 }, async () => {
    const { page, errors } = await openRecordingErrors(browser);
    const keyId = await userWithKey(page);
    expect(await verifyOffline(page)).toMatch(/^Not yet: 2 of 3 checks/);
    // The key's id is shown masked, as everywhere Verify reports a key.
    const masked = `${keyId.slice(0, 4)}…${keyId.slice(-4)}`;
    await expect
      .poll(() => page.locator('.verify-result').textContent())
      .toContain(`edXProjectUser still has an access key: ${masked} (Active)`);
    expect(await page.locator('.verify-result').textContent()).not.toContain(keyId);
    expect(errors).toEqual([]);
  });
});
