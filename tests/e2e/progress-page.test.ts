import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { emptyProgress, recordVerifyAttempt } from '../../src/progress/record';
import { type Progress, progressSchema } from '../../src/progress/schema';
import { launchChromium, openRecordingErrors } from './browser';

const site = inject('siteUrl');
const quizLesson = '/week-1/regions-and-zones/';
const exerciseLesson = '/week-1/exercise-3/';

let browser: Browser;
let page: Page;
let errors: string[];
/** The file the learner downloaded, which the Instructor page then reads. */
let downloaded = '';

beforeAll(async () => {
  browser = await launchChromium();
  ({ page, errors } = await openRecordingErrors(browser));
});
afterAll(async () => {
  await browser?.close();
});

/** The record the site keeps in this browser. */
const storedProgress = () =>
  page.evaluate(() => JSON.parse(localStorage.getItem('awscourse.progress') ?? 'null') as Progress);

/** Every axe violation on the page in both of the site's themes, as `theme: rule at target` lines. */
async function axeViolations(): Promise<string[]> {
  const found: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme)
      await page.locator('[data-theme-toggle]').click();
    const { violations } = await new AxeBuilder({ page }).setLegacyMode().analyze();
    for (const violation of violations)
      for (const node of violation.nodes) found.push(`${theme}: ${violation.id} at ${node.target.join(' ')}`);
  }
  return found;
}

/** Opens the Progress page and waits until its widgets have read the record. */
async function openProgressPage(): Promise<void> {
  await page.goto(`${site}/progress/`);
  await page.waitForFunction(() => document.querySelector('astro-island[ssr]') === null);
  await page.getByRole('button', { name: 'Download my progress' }).and(page.locator(':enabled')).waitFor();
}

describe('the Progress page', () => {
  // One learner's session, in order: each step builds on the record the one before left in the browser.
  it('shows the lessons opened, the quiz and the Verify attempt of a learner', async () => {
    await page.goto(`${site}${quizLesson}`);
    const quiz = page.locator('.quiz');
    await quiz.scrollIntoViewIfNeeded();
    await page.locator('astro-island:not([ssr]) .quiz').waitFor();
    const questions = quiz.locator('.quiz-question');
    for (let index = 0; index < (await questions.count()); index += 1) {
      await questions.nth(index).getByRole('radio').first().check();
      await questions.nth(index).getByRole('button', { name: 'Check answer' }).click();
    }
    await expect.poll(() => quiz.locator('.quiz-score').textContent()).toMatch(/^Done: /);
    // The answered quiz, its feedback and marks included, passes axe as the unanswered one does on every page.
    expect(await axeViolations()).toEqual([]);

    await page.goto(`${site}${exerciseLesson}`);
    await page.locator('.verify').scrollIntoViewIfNeeded();
    await page.waitForSelector('.verify astro-island:not([ssr])');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => page.locator('.verify-result h3').textContent()).toContain('Not yet: 0 of 7 checks');
    const { quizzes, attempts } = await storedProgress();
    const score = quizzes['week-1/regions-and-zones']!;

    await openProgressPage();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Your progress');
    const courseBar = page.getByRole('progressbar', { name: 'The whole course: lessons finished' });
    expect(await courseBar.getAttribute('aria-valuetext')).toBe('1 of 20 lessons finished');
    const weekBar = page.getByRole('progressbar', { name: 'Week 1: lessons finished' });
    expect(await weekBar.getAttribute('aria-valuenow')).toBe('1');
    expect(await page.locator('.progress-overview .progress-totals').textContent()).toContain('2 of 20 lessons opened');

    const quizItem = page.locator('.progress-lesson', { hasText: 'Regions, Availability Zones and edge locations' });
    expect(await quizItem.locator('.progress-finished').textContent()).toBe('Finished');
    expect(await quizItem.locator('dd').nth(1).textContent()).toBe(`done, ${score.correct} of ${score.total} right`);

    const exerciseItem = page.locator('.progress-lesson', { hasText: 'Exercise 3:' });
    expect(await exerciseItem.locator('dd').nth(2).textContent()).toBe('not verified yet, 1 Verify attempt');
    const attempt = exerciseItem.locator('details.progress-attempt');
    expect(await attempt.locator('summary').textContent()).toMatch(
      /^Attempt 1: Not yet, 0 of 7 checks \(sandbox, us-west-2\), /,
    );
    expect(await attempt.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(false);
    // A keyboard opens it: the summary takes focus and Enter unfolds the checks.
    await attempt.locator('summary').focus();
    await page.keyboard.press('Enter');
    expect(await attempt.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true);
    const checks = attempt.locator('.progress-check');
    expect(await checks.count()).toBe(attempts[0]!.checks.length);
    expect(await checks.first().textContent()).toContain(attempts[0]!.checks[0]!.message);
    expect(await checks.first().locator('.visually-hidden').textContent()).toMatch(/^(Failed|Error|Skipped): $/);
    expect(await axeViolations()).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await axeViolations()).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(errors).toEqual([]);
  });

  it('asks for a name and an id before the first download, and shows what is wrong until both are given', async () => {
    await page.getByRole('button', { name: 'Download my progress' }).click();
    const name = page.getByLabel('Your name');
    const rosterId = page.getByLabel('The id your instructor knows you by');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(await name.getAttribute('id'));
    await page.getByRole('button', { name: 'Save and download' }).click();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await rosterId.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.identity-problem').allTextContents()).toEqual([
      '✗ Enter your name as your instructor should see it.',
      '✗ Enter the e-mail address or student number your instructor knows you by.',
    ]);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(await name.getAttribute('id'));
    expect(await axeViolations()).toEqual([]);

    await name.fill('Learner Seven');
    await page.getByRole('button', { name: 'Save and download' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(await rosterId.getAttribute('id'));
    expect(await name.getAttribute('aria-invalid')).toBe('false');
    await rosterId.fill('  s1234567@example.edu ');
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save and download' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^awscourse-progress-learner-seven-\d{4}-\d\d-\d\d\.json$/);
    downloaded = readFileSync((await download.path())!, 'utf8');
    const file = progressSchema.parse(JSON.parse(downloaded));
    expect(file.learner).toMatchObject({ name: 'Learner Seven', rosterId: 's1234567@example.edu' });
    expect(Object.keys(file.lessons).sort()).toEqual(['week-1/exercise-3', 'week-1/regions-and-zones']);
    expect(file.attempts.map((attempt) => [attempt.exercise, attempt.mode, attempt.status])).toEqual([
      ['exercise-3', 'offline', 'failed'],
    ]);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Saved as' }).textContent())
      .toBe(`Saved as ${download.suggestedFilename()}. Hand this file to your instructor.`);
    expect(await page.locator('.identity-form').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('downloads at once the next time, with the name and id kept in the record', async () => {
    await openProgressPage();
    expect(await page.locator('.identity-summary').textContent()).toContain('s1234567@example.edu');
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download my progress' }).click();
    const file = progressSchema.parse(JSON.parse(readFileSync((await (await downloading).path())!, 'utf8')));
    expect(file.learner.rosterId).toBe('s1234567@example.edu');
    expect(await page.locator('.identity-form').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('the Progress page with unreadable saved progress', () => {
  it('keeps the unreadable text under a backup key and tells the learner', async () => {
    const fresh = await openRecordingErrors(browser);
    await fresh.page.goto(`${site}/`);
    await fresh.page.evaluate(() => localStorage.setItem('awscourse.progress', '{"format": broken'));
    // The frame script arrives after the page's widgets have read the record: only it may back up and start afresh.
    await fresh.page.route('**/_astro/Base.astro_astro_type_script_*', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await fresh.page.goto(`${site}/progress/`);
    await fresh.page.waitForFunction(() => document.querySelector('astro-island[ssr]') === null);
    expect(await fresh.page.getByRole('alert').textContent()).toContain('not valid JSON');
    const backups = await fresh.page.evaluate(() =>
      Object.keys(localStorage)
        .filter((key) => key.startsWith('awscourse.progress.unreadable.'))
        .map((key) => localStorage.getItem(key)),
    );
    expect(backups).toEqual(['{"format": broken']);
    const courseBar = fresh.page.getByRole('progressbar', { name: 'The whole course: lessons finished' });
    expect(await courseBar.getAttribute('aria-valuetext')).toBe('0 of 20 lessons finished');
    expect(fresh.errors).toEqual([]);
    await fresh.page.close();
  });
});

describe('the downloaded file on the Instructor page', () => {
  it('is read with two other files, one of them damaged: the matrix, the chart’s numbers and the skipped file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'class-'));
    const other = recordVerifyAttempt(
      { ...emptyProgress('learner-other-01', new Date('2026-11-24T09:00:00Z')), learner: { id: 'learner-other-01' } },
      {
        exercise: 'exercise-3',
        at: '2026-11-24T10:00:00.000Z',
        mode: 'live',
        status: 'passed',
        account: '123456789012',
        checks: [{ id: 'vpc-exists', status: 'pass', message: 'Found the VPC.' }],
      },
    );
    const files = {
      'learner-seven.json': downloaded,
      'other.json': JSON.stringify(other),
      'damaged.json': downloaded.slice(0, downloaded.length / 2),
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const instructor = await browser.newPage();
    await instructor.goto(`${site}/instructor/`);
    await instructor.locator('astro-island:not([ssr]) .instructor').waitFor();
    await instructor.getByLabel(/progress files/).setInputFiles(Object.keys(files).map((name) => join(dir, name)));
    await instructor.locator('.instructor-status', { hasText: '2 learners from 2 files; 1 skipped.' }).waitFor();
    const rows = await instructor
      .locator('table[aria-labelledby="matrix-heading"] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent ?? '')));
    expect(rows.map((cells) => [cells[0], cells[1]?.slice(0, 2)])).toEqual([
      ['Learner Seven (s1234567@example.edu)', '✗ '],
      ['learner-other-01', '✓ '],
    ]);
    const passRate = await instructor
      .locator('table:has(#pass-rate-caption) tbody tr')
      .first()
      .evaluate((tr) => [...tr.children].map((cell) => cell.textContent));
    expect(passRate).toEqual(['exercise-3', '1', '2', '50 %', '50 %']);
    expect(await instructor.locator('.instructor-chart canvas').count()).toBe(1);
    expect(await instructor.getByText('damaged.json').first().isVisible()).toBe(true);
    expect(await instructor.locator('body').textContent()).toContain('it is cut off: the JSON ends early');
    await instructor.close();
  });
});

describe('the home page', () => {
  it('offers to continue with the lesson opened last, which is not finished yet', async () => {
    await page.goto(`${site}/`);
    const cont = page.getByRole('region', { name: 'Continue where you left off' });
    await cont.waitFor();
    const link = cont.getByRole('link', { name: /^Exercise 3:/ });
    expect(await link.getAttribute('href')).toBe(exerciseLesson);
    expect(await cont.textContent()).toContain(', the lesson you opened last.');
    expect(await axeViolations()).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows no Continue link to a learner who has opened no lesson', async () => {
    const fresh = await openRecordingErrors(browser);
    await fresh.page.goto(`${site}/`);
    await fresh.page.waitForLoadState('load');
    expect(await fresh.page.locator('[data-continue]').isHidden()).toBe(true);
    expect(fresh.errors).toEqual([]);
    await fresh.page.close();
  });
});
