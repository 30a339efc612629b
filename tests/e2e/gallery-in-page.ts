/** The gallery app of exercises 5 and 6 run, edited and previewed in a lesson page, as a learner does it. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { lessonCommand, screenText, showVerifyPanel, typeLine } from './lab-page';

/** The preview's frame once it shows the app's page at its default address. */
export const galleryFrame = (page: Page) => page.frameLocator('iframe[title="Preview of http://localhost:5000/"]');

/** Each image of the preview's page: loaded and with a width. */
export const imagesShown = (page: Page) =>
  galleryFrame(page)
    .locator('img')
    .evaluateAll((images: HTMLImageElement[]) => images.map((image) => image.complete && image.naturalWidth > 0));

/** How many times the app has said it is serving, on the terminal's screen. */
const serving = async (page: Page) => (await screenText(page)).match(/^Press CTRL\+C to quit$/gm)?.length ?? 0;

/** Runs the app with the lesson's own command and waits until it serves. */
export async function runGallery(page: Page): Promise<void> {
  const before = await serving(page);
  await typeLine(page, await lessonCommand(page, 'python3 app.py'));
  await expect.poll(() => serving(page), { timeout: 120_000 }).toBe(before + 1);
}

/** Stops the app with Ctrl-C and waits for the shell's prompt in the app's folder. */
export async function stopGallery(page: Page): Promise<void> {
  await page.locator('.lab-terminal-screen textarea').focus();
  await page.keyboard.press('Control+c');
  await expect.poll(() => screenText(page), { timeout: 20_000 }).toMatch(/learner:~\/gallery\$ $/);
}

/** Loads the app's address in the Web preview panel (opening the panel the first time). */
export async function previewGallery(page: Page): Promise<void> {
  const load = page.getByRole('button', { name: 'Load', exact: true });
  if (!(await load.isVisible())) await page.getByRole('button', { name: 'Web preview' }).click();
  await page.getByLabel('Address', { exact: true }).fill('http://localhost:5000/');
  await load.click();
}

/**
 * Opens `file` in the page's editor with nano, finds `text` with Ctrl-F, types `replacement` over it, saves with
 * Ctrl-S and closes with Ctrl-X: the keys a learner uses. With `screenshot`, the page is pictured there before saving.
 */
export async function editInNano(
  page: Page,
  file: string,
  text: string,
  replacement: string,
  screenshot?: string,
): Promise<void> {
  await typeLine(page, `nano ${file}`);
  // The shell expands `~`, so the editor's label names the file as nano got it: `Editing /home/learner/gallery/app.py`.
  const name = file.split('/').at(-1)!;
  const editor = page.getByRole('textbox', { name: new RegExp(`^Editing (.*/)?${name.replaceAll('.', '\\.')}$`) });
  await expect
    .poll(() => editor.evaluate((element) => element === document.activeElement), { timeout: 20_000 })
    .toBe(true);
  await page.keyboard.press('Control+f');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.type(replacement);
  if (screenshot) await page.screenshot({ path: screenshot });
  await page.keyboard.press('Control+s');
  await expect.poll(() => page.locator('.lab-editor-status').textContent()).toMatch(/^Saved \d+ lines to /);
  await page.keyboard.press('Control+x');
  await expect.poll(() => editor.count()).toBe(0);
}

/**
 * The exercise's change, as a learner makes it: stop the app, replace `text` in `~/gallery/app.py` with nano (see
 * {@link editInNano}), run the app again and load it in the preview.
 */
export async function changeGallery(page: Page, text: string, replacement: string, screenshot?: string): Promise<void> {
  await stopGallery(page);
  await editInNano(page, '~/gallery/app.py', text, replacement, screenshot);
  await runGallery(page);
  await previewGallery(page);
}

/** Fills the Verify panel's bucket, presses Verify and resolves with the result's heading once it matches `done`. */
export async function verifyGallery(page: Page, bucket: string, done: RegExp): Promise<string> {
  await showVerifyPanel(page);
  await page.getByLabel('Photo bucket').fill(bucket);
  await page.getByRole('button', { name: 'Verify' }).click();
  const heading = page.locator('.verify-result h3');
  await expect.poll(() => heading.textContent(), { timeout: 60_000 }).toMatch(done);
  return (await heading.textContent()) ?? '';
}

/** The text of the result's failed checks. */
export const failedChecks = (page: Page) => page.locator('.verify-check-fail').allTextContents();

/**
 * The page's errors but Chrome's note that the preview panel's submit listener ran for a frame without allow-scripts
 * (it does run: the frame's own page runs no code); anything else is a real error.
 */
export const realErrors = (errors: string[]) =>
  errors.filter((error) => !error.startsWith("Blocked script execution in 'about:srcdoc'"));
