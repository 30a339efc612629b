import type { Page } from 'playwright-core';
import { expect, inject } from 'vitest';

/** The text the terminal shows, from xterm's screen-reader rows (its DOM mirror of the screen and scrollback). */
export function screenText(page: Page): Promise<string> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.lab-terminal-screen .xterm-accessibility-tree > div')]
      .map((row) => row.textContent ?? '')
      .join('\n'),
  );
}

/** Types one line at the prompt and presses Enter. */
export async function typeLine(page: Page, line: string): Promise<void> {
  await page.locator('.lab-terminal-screen textarea').focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

let marks = 0;

/** Types a command and waits (up to `timeout` ms) until the shell has run it: an echo typed after it has printed. */
export async function typeCommand(page: Page, command: string, timeout = 30_000): Promise<void> {
  const mark = `typed-${++marks}`;
  for (const line of [...command.split('\n'), `echo ${mark}`]) await typeLine(page, line);
  await expect.poll(() => screenText(page), { timeout }).toMatch(new RegExp(`^${mark}$`, 'm'));
}

/** What the screen shows after the last line `marker` printed alone: what the commands since then printed. */
export async function outputSince(page: Page, marker: string): Promise<string> {
  // The screen reader's rows are the screen's only: a marker scrolled off it is a test that printed too much.
  const text = `\n${await screenText(page)}`;
  const at = text.lastIndexOf(`\n${marker}\n`);
  if (at === -1) throw new Error(`${marker} is not on the terminal's screen (scrolled off?)`);
  return text.slice(at + marker.length + 2);
}

/** The lesson's shell code blocks, as Expressive Code's copy buttons hold them. */
export function lessonCommands(page: Page): Promise<string[]> {
  return page
    .locator('.expressive-code [data-code]')
    .evaluateAll((buttons) => buttons.map((b) => (b.getAttribute('data-code') ?? '').replaceAll('\u007f', '\n')));
}

/** The lesson's code block that contains `word`; fails the test when none does. */
export async function lessonCommand(page: Page, word: string): Promise<string> {
  const found = (await lessonCommands(page)).find((code) => code.includes(word));
  if (!found) throw new Error(`the lesson has no code block with ${word}`);
  return found;
}

/** Opens a lesson's page and its terminal, and waits for the learner's prompt. */
export async function openLabTerminal(page: Page, path: string): Promise<void> {
  await page.goto(`${inject('siteUrl')}${path}`);
  await page.waitForSelector('astro-island:not([ssr]) .lab-terminal');
  await page.getByRole('button', { name: 'Open the lab terminal' }).click();
  await expect.poll(() => screenText(page), { timeout: 20_000 }).toMatch(/learner:~\$ $/m);
}

/** Scrolls to the lesson's Verify panel and waits until it has hydrated (it does when it becomes visible). */
export async function showVerifyPanel(page: Page): Promise<void> {
  await page.locator('.verify').scrollIntoViewIfNeeded();
  await page.waitForSelector('.verify astro-island:not([ssr])');
}

/** Presses the lesson's Verify (offline, once on the page) and resolves with the heading of its result. */
export async function verifyOffline(page: Page): Promise<string> {
  await showVerifyPanel(page);
  await page.getByRole('button', { name: 'Verify' }).click();
  const heading = page.locator('.verify-result h3');
  await expect.poll(() => heading.textContent(), { timeout: 30_000 }).toMatch(/\d+ of \d+ checks/);
  return (await heading.textContent()) ?? '';
}
