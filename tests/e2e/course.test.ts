import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { learnerChoiceOrder } from '../../src/lessons/choice-order';
import type { Progress } from '../../src/progress/schema';
import { launchChromium, openRecordingErrors } from './browser';

const site = inject('siteUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The quiz lesson the quiz tests answer. */
const quizLesson = 'week-1/exercise-3';

/** Opens the quiz lesson and returns its first question once the choices stand in the learner's order. */
async function openFirstQuestion(page: Page): Promise<Locator> {
  await page.goto(`${site}/${quizLesson}/`);
  await page.locator('.quiz').scrollIntoViewIfNeeded();
  await page.locator('.quiz[data-choice-order="learner"]').waitFor();
  return page.locator('.quiz-question').first();
}

/** The choice id saved in this browser as the answer to a question of the quiz lesson, if any. */
const storedAnswer = (page: Page, index: number) =>
  page.evaluate(
    ([lesson, index]) => {
      const progress = JSON.parse(localStorage.getItem('awscourse.progress') ?? 'null') as Progress | null;
      return progress?.quizzes[lesson]?.answers[String(index)];
    },
    [quizLesson, index] as const,
  );

describe('the course in a browser', () => {
  it('shows the outline of both weeks on the home page without console errors', async () => {
    const { page, errors } = await openRecordingErrors(browser);
    await page.goto(`${site}/`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Building applications on AWS');
    const weeks = await page.locator('.outline-week h2').allTextContents();
    expect(weeks).toEqual(['Week 1: AWS foundations, EC2 and VPCs', 'Week 2: IAM, the SDKs, S3 and Rekognition']);
    expect(await page.locator('.outline-lesson').count()).toBe(20);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('walks from the outline to a lesson that marks itself as the current page', async () => {
    const { page, errors } = await openRecordingErrors(browser);
    await page.goto(`${site}/`);
    await page
      .getByRole('link', { name: /Exercise 3/ })
      .first()
      .click();
    await page.waitForURL(`${site}/week-1/exercise-3/`);
    expect(await page.locator('.lesson-nav [aria-current="page"]').textContent()).toContain('Exercise 3');
    expect(await page.getByRole('heading', { name: /^Verify exercise 3$/ }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets the learner use the CIDR explorer, including a clear message for a bad block', async () => {
    const { page, errors } = await openRecordingErrors(browser);
    await page.goto(`${site}/week-1/cidr/`);
    const input = page.getByLabel('CIDR block').first();
    await input.scrollIntoViewIfNeeded();
    // Astro removes the island's `ssr` attribute once the widget has hydrated and reacts to input.
    await page.locator('astro-island:not([ssr]) .cidr-explorer').waitFor();
    await input.fill('10.1.0.0/16');
    await expect.poll(() => page.locator('.cidr-explorer').first().textContent()).toContain('65,536');
    await input.fill('10.0.0.256/24');
    await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
    const describedBy = await input.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    expect(await page.locator(`[id="${describedBy!.split(' ')[0]}"]`).textContent()).toMatch(/256/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('validates and lints a policy in the editor and decides a test request', async () => {
    const { page, errors } = await openRecordingErrors(browser);
    await page.goto(`${site}/week-2/iam-users-and-policies/`);
    const editor = page.locator('.policy-editor');
    await editor.scrollIntoViewIfNeeded();
    await page.locator('astro-island:not([ssr]) .policy-editor').waitFor();
    const textarea = page.getByLabel('Policy document (JSON)');
    await textarea.fill(
      '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "*", "Resource": "*" }, ] }',
    );
    await page.getByRole('button', { name: 'Check policy' }).click();
    await expect
      .poll(() => editor.locator('.policy-results').textContent())
      .toMatch(/IAM would refuse this policy.*line 1, column/);
    await textarea.fill(
      '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "*", "Resource": "*" } ] }',
    );
    await page.getByRole('button', { name: 'Check policy' }).click();
    await expect.poll(() => editor.locator('.policy-results').textContent()).toContain('Full administrator access');
    await page.getByLabel('Action', { exact: true }).fill('iam:CreateUser');
    await expect.poll(() => editor.locator('.policy-decision').textContent()).toBe('Allowed, by Statement[0].');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toMatch(/resource$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the whole policy in the editor, numbers its lines and says where an error is once', async () => {
    const { page, errors } = await openRecordingErrors(browser);
    await page.goto(`${site}/week-2/iam-users-and-policies/`);
    await page.locator('.policy-editor').scrollIntoViewIfNeeded();
    await page.locator('astro-island:not([ssr]) .policy-editor').waitFor();
    const textarea = page.getByLabel('Policy document (JSON)');
    const gutter = page.locator('.policy-gutter');
    const fitsItsText = () => textarea.evaluate((area) => area.scrollHeight <= area.clientHeight);
    const sampleLines = (await textarea.inputValue()).split('\n').length;
    expect(sampleLines).toBeGreaterThan(14);
    expect(await fitsItsText()).toBe(true);
    expect(await gutter.getAttribute('aria-hidden')).toBe('true');
    expect((await gutter.textContent())?.split('\n')).toEqual(
      Array.from({ length: sampleLines }, (_, index) => String(index + 1)),
    );
    const broken = ['{', '  "Version": "2012-10-17",', '  "Statement": [', '    { "Effect": "Allow", },', '  ]', '}'];
    await textarea.fill([...broken, ...Array.from({ length: 30 }, () => '')].join('\n'));
    expect(await fitsItsText()).toBe(true);
    expect((await gutter.textContent())?.split('\n')).toHaveLength(36);
    await page.getByRole('button', { name: 'Check policy' }).click();
    const explanation = (await page.locator('.finding-error p').first().textContent()) ?? '';
    expect(explanation).toMatch(/^The document is not valid JSON at line 4, column 26: /);
    expect(explanation.match(/line \d+/g)).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('gives quiz feedback on Check, keeps the answers after a reload and marks the quiz done in the outline', async () => {
    const { page, errors } = await openRecordingErrors(browser);
    await page.goto(`${site}/week-1/exercise-3/`);
    const quiz = page.locator('.quiz');
    await quiz.scrollIntoViewIfNeeded();
    await page.locator('astro-island:not([ssr]) .quiz').waitFor();
    const questions = quiz.locator('.quiz-question');
    const answer = async (index: number, choice: RegExp) => {
      await questions.nth(index).getByRole('radio', { name: choice }).check();
      await questions.nth(index).getByRole('button', { name: 'Check answer' }).click();
    };
    const feedback = (index: number) => questions.nth(index).locator('.quiz-feedback').textContent();
    await answer(0, /requires IMDSv2/);
    await expect.poll(() => feedback(0)).toMatch(/^✓ Right\./);
    await answer(1, /CloudFormation Events tab/);
    await expect.poll(() => feedback(1)).toMatch(/^✗ Not quite\./);
    await answer(2, /route table sends 0\.0\.0\.0\/0/);
    await answer(3, /interfaces\/macs/);
    await expect.poll(() => quiz.locator('.quiz-score').textContent()).toMatch(/^Done: 3 of 4 right/);
    const shownOrder = await quiz.locator('.quiz-choice').allTextContents();
    await page.reload();
    await quiz.scrollIntoViewIfNeeded();
    await page.locator('astro-island:not([ssr]) .quiz').waitFor();
    await expect
      .poll(() =>
        questions
          .nth(1)
          .getByRole('radio', { name: /CloudFormation Events tab/ })
          .isChecked(),
      )
      .toBe(true);
    expect(await quiz.locator('.quiz-choice').allTextContents()).toEqual(shownOrder);
    await page.goto(`${site}/`);
    await expect
      .poll(() => page.locator('[data-marks-for="week-1/exercise-3"]').first().textContent())
      .toMatch(/visited.*quiz done/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets a keyboard user go through the choices with the arrow keys, then answer with Check', async () => {
    const { page, errors } = await openRecordingErrors(browser);
    const question = await openFirstQuestion(page);
    const radios = question.getByRole('radio');
    await radios.first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => radios.nth(2).isChecked()).toBe(true);
    expect(await question.locator('.quiz-feedback').textContent()).toBe('');
    expect(await storedAnswer(page, 0)).toBeUndefined();
    await page.keyboard.press('Tab');
    const check = question.getByRole('button', { name: 'Check answer' });
    expect(await check.evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press('Space');
    await expect.poll(() => question.locator('.quiz-feedback').textContent()).toMatch(/^(✓ Right|✗ Not quite)\./);
    expect(await storedAnswer(page, 0)).toBe(Number(await radios.nth(2).getAttribute('value')));
    // The feedback takes the focus, which reads it out; were it a live region too, it would be read twice.
    const focused = await page.evaluate(() => {
      const active = document.activeElement;
      return { inFeedback: !!active?.closest('.quiz-feedback'), live: !!active?.closest('[aria-live]') };
    });
    expect(focused).toEqual({ inFeedback: true, live: false });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('answers a quiz question with Enter in its radio group', async () => {
    const { page, errors } = await openRecordingErrors(browser);
    const question = await openFirstQuestion(page);
    const choice = question.getByRole('radio').nth(1);
    await choice.check();
    expect(await storedAnswer(page, 0)).toBeUndefined();
    await choice.press('Enter');
    await expect.poll(() => question.locator('.quiz-feedback').textContent()).toMatch(/^(✓ Right|✗ Not quite)\./);
    expect(await storedAnswer(page, 0)).toBe(Number(await choice.getAttribute('value')));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps Check answer focusable but unavailable, answering nothing, until a choice is picked', async () => {
    const { page, errors } = await openRecordingErrors(browser);
    const question = await openFirstQuestion(page);
    const check = question.getByRole('button', { name: 'Check answer' });
    expect(await check.getAttribute('aria-disabled')).toBe('true');
    await check.focus();
    await page.keyboard.press('Enter');
    expect(await question.locator('.quiz-feedback').textContent()).toBe('');
    expect(await storedAnswer(page, 0)).toBeUndefined();
    await question.getByRole('radio').first().check();
    expect(await check.getAttribute('aria-disabled')).toBe('false');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows each learner the quiz's choices in their own order, and a reader without JavaScript the authored one", async () => {
    const reader = await browser.newContext({ javaScriptEnabled: false });
    const staticPage = await reader.newPage();
    await staticPage.goto(`${site}/week-1/exercise-3/`);
    const staticChoices = staticPage.locator('.quiz-question').first().locator('.quiz-choice');
    await expect.poll(() => staticChoices.first().isVisible()).toBe(true);
    const authored = await staticChoices.allTextContents();
    expect(authored).toHaveLength(4);
    // Without the script, Check could do nothing, so it is not shown.
    expect(await staticPage.locator('.quiz-check').first().isVisible()).toBe(false);
    await reader.close();

    const { page, errors } = await openRecordingErrors(browser);
    await page.goto(`${site}/week-1/exercise-3/`);
    await page.locator('.quiz').scrollIntoViewIfNeeded();
    await page.locator('.quiz[data-choice-order="learner"]').waitFor();
    const stored = await page.evaluate(() => localStorage.getItem('awscourse.progress'));
    const learnerId = (JSON.parse(stored!) as Progress).learner.id;
    const shown = await page.locator('.quiz-question').first().locator('.quiz-choice').allTextContents();
    const expected = learnerChoiceOrder(learnerId, 'week-1/exercise-3', 0, authored.length).map((at) => authored[at]);
    expect(shown).toEqual(expected);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows code in quiz questions as code and numbers each question once', async () => {
    const { page } = await openRecordingErrors(browser);
    await page.goto(`${site}/week-1/exercise-3/`);
    const legend = page.locator('.quiz-question legend').first();
    await legend.scrollIntoViewIfNeeded();
    await page.locator('astro-island:not([ssr]) .quiz').waitFor();
    expect(await legend.locator('code').textContent()).toBe('curl http://169.254.169.254/latest/meta-data/');
    expect(await legend.textContent()).toMatch(/^On an .+, curl http:\S+ answers 401\. Why\?$/);
    const number = await legend.evaluate((element) => getComputedStyle(element, '::before').content);
    expect(number).toBe('counter(quiz-question) ". "');
    await page.close();
  });

  it('finds lessons with site search', async () => {
    const { page, errors } = await openRecordingErrors(browser);
    await page.goto(`${site}/search/?q=IMDSv2`);
    await expect.poll(() => page.locator('.pagefind-ui__result-link').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const links = await page
      .locator('.pagefind-ui__result-link')
      .evaluateAll((anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).pathname));
    expect(links).toContain('/week-1/exercise-3/');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reaches the skip link first with the keyboard; the theme button says what it will do, and the choice stays', async () => {
    const { page, errors } = await openRecordingErrors(browser);
    await page.goto(`${site}/week-1/exercise-3/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    // What the button shows, and the name screen readers hear: the same words, offering the other theme.
    const shown = () => page.locator('[data-theme-toggle] > span').filter({ visible: true }).allTextContents();
    const named = (name: string) => page.getByRole('button', { name, exact: true });
    // Chromium starts in the light theme here.
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(await shown()).toEqual(['Use dark theme']);
    await named('Use dark theme').click();
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await shown()).toEqual(['Use light theme']);
    expect(await named('Use dark theme').count()).toBe(0);
    await named('Use light theme').click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(await shown()).toEqual(['Use dark theme']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a phone screen without sideways scrolling, widgets included', async () => {
    const { page, errors } = await openRecordingErrors(browser, { width: 360, height: 740 });
    for (const path of [
      '/',
      '/week-1/cidr/',
      '/week-2/iam-users-and-policies/',
      '/week-1/exercise-3/',
      '/search/?q=cidr',
    ]) {
      await page.goto(`${site}${path}`);
      // Results quote commands with long unbroken arguments; they must wrap once they are there.
      if (path.startsWith('/search/')) await page.locator('.pagefind-ui__result-link').first().waitFor();
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForTimeout(300);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it("answers an unknown address with the course's 404 page, in its frame, with the ways back", async () => {
    const { page, errors } = await openRecordingErrors(browser);
    const response = await page.goto(`${site}/week-1/no-such-lesson/`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This page is not in the course');
    expect(await page.locator('[data-missing-path]').textContent()).toBe('/week-1/no-such-lesson/');
    expect(await page.getByRole('navigation', { name: 'Site' }).getByRole('link').allTextContents()).toEqual([
      'Course outline',
      'Search',
      'Your progress',
      'My account',
    ]);
    await page.getByRole('searchbox', { name: 'Or search the lessons:' }).fill('IMDSv2');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(`${site}/search/?q=IMDSv2`);
    await expect.poll(() => page.locator('.pagefind-ui__result-link').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.goBack();
    await page.getByRole('link', { name: 'Go to the course outline' }).click();
    await page.waitForURL(`${site}/`);
    // The browser logs the 404 itself; nothing else may fail.
    expect(errors.filter((error) => !/status of 404/.test(error))).toEqual([]);
    await page.close();
  });

  it('keeps unreadable saved progress under a backup key and says so', async () => {
    const { page } = await openRecordingErrors(browser);
    await page.goto(`${site}/`);
    await page.evaluate(() => localStorage.setItem('awscourse.progress', '{"format": broken'));
    await page.reload();
    expect(await page.getByRole('alert').textContent()).toContain('not valid JSON');
    const backups = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((key) => key.startsWith('awscourse.progress.unreadable.'))
        .map((key) => localStorage.getItem(key)),
    );
    expect(backups).toEqual(['{"format": broken']);
    await page.close();
  });
});
