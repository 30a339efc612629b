import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openRecordingErrors } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The text the terminal shows, from xterm's screen-reader rows (its DOM mirror of the screen and scrollback). */
function screenText(page: Page): Promise<string> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.lab-terminal-screen .xterm-accessibility-tree > div')]
      .map((row) => row.textContent ?? '')
      .join('\n'),
  );
}

async function openTerminal(path = '/week-1/exercise-3/') {
  const opened = await openRecordingErrors(browser);
  await opened.page.goto(`${inject('siteUrl')}${path}`);
  await opened.page.waitForSelector('.lab-terminal astro-island:not([ssr]), astro-island:not([ssr]) .lab-terminal');
  await opened.page.getByRole('button', { name: 'Open the lab terminal' }).click();
  await expect.poll(() => screenText(opened.page), { timeout: 20_000 }).toMatch(/learner:~\$ $/m);
  return opened;
}

let marks = 0;

/** Types a command line by line, pressing Enter after each, and waits until the shell has run it. */
async function typeCommand(page: Page, command: string): Promise<void> {
  await page.locator('.lab-terminal-screen textarea').focus();
  const mark = `typed-${++marks}`;
  for (const line of [...command.split('\n'), `echo ${mark}`]) {
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  }
  await expect.poll(() => screenText(page), { timeout: 20_000 }).toMatch(new RegExp(`^${mark}$`, 'm'));
}

/** The lesson's shell code blocks, as Expressive Code's copy buttons hold them. */
async function lessonCommands(page: Page): Promise<string[]> {
  const codes = await page
    .locator('.expressive-code [data-code]')
    .evaluateAll((buttons) =>
      buttons.map((button) => (button.getAttribute('data-code') ?? '').replaceAll('\u007f', '\n')),
    );
  return codes;
}

describe('the lab terminal', () => {
  it("builds exercise 3 from the lesson's own commands, and Verify passes offline without loading a file", async () => {
    const { page, errors } = await openTerminal();
    const commands = await lessonCommands(page);
    const wanted = ['create-stack', 'create-security-group', 'create-key-pair', 'run-instances'];
    for (const word of wanted) await typeCommand(page, commands.find((code) => code.includes(word))!);
    expect(await screenText(page)).not.toMatch(/An error occurred|aws: error/);
    await page.locator('.verify').scrollIntoViewIfNeeded();
    await page.waitForSelector('.verify astro-island:not([ssr])');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect
      .poll(() => page.locator('.verify-result h3').textContent(), { timeout: 20_000 })
      .toMatch(/^Passed: 6 of 7 checks \(sandbox, us-west-2/);
    expect(errors).toEqual([]);
  });
});
