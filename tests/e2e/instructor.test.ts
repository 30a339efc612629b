import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/main';
import { emptyProgress, recordVerifyAttempt } from '../../src/progress/record';
import type { Progress, VerifyAttempt } from '../../src/progress/schema';
import { launchChromium, openRecordingErrors } from './browser';

const site = inject('siteUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

function attempt(exercise: VerifyAttempt['exercise'], at: string, failure?: string): VerifyAttempt {
  return {
    exercise,
    at,
    mode: 'live',
    status: failure ? 'failed' : 'passed',
    account: '123456789012',
    region: 'us-west-2',
    checks: [
      { id: 'found', title: 'The resource exists', status: failure ? 'fail' : 'pass', message: failure ?? 'Found' },
    ],
  };
}

const learnerA: Progress = [
  attempt('exercise-3', '2026-11-24T10:00:00.000Z'),
  attempt('exercise-4', '2026-11-25T10:00:00.000Z'),
].reduce(recordVerifyAttempt, {
  ...emptyProgress('learner-a-0001', new Date('2026-11-24T09:00:00Z')),
  learner: { id: 'learner-a-0001', name: 'Student A', rosterId: 'a@example.edu' },
});
const learnerB: Progress = [
  attempt('exercise-3', '2026-11-24T11:00:00.000Z'),
  attempt('exercise-4', '2026-11-25T11:00:00.000Z', 'No IAM user named edXProjectUser.'),
].reduce(recordVerifyAttempt, emptyProgress('learner-b-0002', new Date('2026-11-24T09:00:00Z')));

/** A folder with two learners' progress files and one cut off in a download. */
function classFolder(): { dir: string; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'instructor-'));
  const files = { 'a.json': JSON.stringify(learnerA), 'b.json': JSON.stringify(learnerB) };
  writeFileSync(join(dir, 'cut.json'), JSON.stringify(learnerB).slice(0, 60));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, files: ['a.json', 'b.json', 'cut.json'].map((name) => join(dir, name)) };
}

/** A folder with the progress files of 101 learners who have attempted nothing: one more than a page of the matrix. */
function largeClassFolder(): { dir: string; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'instructor-large-'));
  const names = Array.from({ length: 101 }, (_, index) => `learner-${String(index).padStart(3, '0')}`);
  for (const id of names)
    writeFileSync(join(dir, `${id}.json`), JSON.stringify(emptyProgress(id, new Date('2026-11-24T09:00:00Z'))));
  return { dir, files: names.map((id) => join(dir, `${id}.json`)) };
}

/**
 * Opens the Instructor page and gives it the class's three files through its file input; records the requests made
 * after the page loaded (method and address) and the addresses of the workers it started.
 */
async function instructorPageWithClass(viewport?: { width: number; height: number }) {
  const opened = await openRecordingErrors(browser, viewport);
  await opened.page.goto(`${site}/instructor/`);
  await opened.page.locator('astro-island:not([ssr]) .instructor').waitFor();
  const requests: string[] = [];
  const workers: string[] = [];
  opened.page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
  opened.page.on('worker', (worker) => workers.push(worker.url()));
  const folder = classFolder();
  await opened.page.getByLabel(/progress files/).setInputFiles(folder.files);
  await opened.page.locator('.instructor-status', { hasText: '2 learners from 2 files; 1 skipped.' }).waitFor();
  return { ...opened, folder, requests, workers };
}

/** The page's status line, once it says what is expected. */
const statusSays = (page: Page, text: string) => page.locator('.instructor-status', { hasText: text }).waitFor();

/** The text of each row of the matrix, cell by cell. */
const matrixRows = (page: Page) =>
  page
    .locator('table[aria-labelledby="matrix-heading"] tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim())),
    );

/**
 * The heights, tallest first, of the runs of canvas columns painted in one colour: a bar chart's bars of one series
 * (and its legend's swatch, the shortest). Read from the pixels, so it proves what was drawn, not what was asked.
 */
function paintedHeights(page: Page, colour: string): Promise<number[]> {
  return page.locator('.instructor-chart canvas').evaluate((canvas: HTMLCanvasElement, hex: string) => {
    const target = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16));
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const counts = Array.from({ length: canvas.width }, (_, x) => {
      let count = 0;
      for (let y = 0; y < canvas.height; y++) {
        const at = (y * canvas.width + x) * 4;
        if (target.every((value, channel) => Math.abs(data[at + channel]! - value) <= 2)) count++;
      }
      return count;
    });
    const runs: number[] = [];
    counts.forEach((count, x) => {
      if (count === 0) return;
      if (x > 0 && counts[x - 1]! > 0) runs[runs.length - 1] = Math.max(runs.at(-1)!, count);
      else runs.push(count);
    });
    return runs.sort((a, b) => b - a);
  }, colour);
}

const themeColour = (page: Page, name: string) =>
  page.evaluate((variable) => getComputedStyle(document.documentElement).getPropertyValue(variable).trim(), name);

describe('the Instructor page', () => {
  it('shows the class from the files given, read in a worker, with the matrix, the skipped file and no upload', async () => {
    const { page, errors, requests, workers } = await instructorPageWithClass();
    expect(await matrixRows(page)).toEqual([
      [
        'Student A (a@example.edu)',
        '✓ Passed1 attempt · live, account 123456789012, us-west-2',
        '✓ Passed1 attempt · live, account 123456789012, us-west-2',
        '– Not attempted',
        '– Not attempted',
        '– Not attempted',
        '2026-11-25 10:00 UTC',
        '–',
      ],
      [
        'learner-b-0002',
        '✓ Passed1 attempt · live, account 123456789012, us-west-2',
        '✗ Not yet1 attempt · live, account 123456789012, us-west-2',
        '– Not attempted',
        '– Not attempted',
        '– Not attempted',
        '2026-11-25 11:00 UTC',
        '–',
      ],
    ]);
    expect(await page.locator('.instructor-files li').first().textContent()).toBe(
      'cut.json: it is cut off: the JSON ends early.',
    );
    expect(await page.locator('.instructor-failed li h3').allTextContents()).toEqual(['The resource exists']);
    expect(await page.locator('.instructor-failed li li').allTextContents()).toEqual([
      '1 × No IAM user named edXProjectUser.',
    ]);
    expect(await page.getByText('Nothing leaves this browser').count()).toBe(1);
    // The files were read in the page's own worker, away from the page's thread: one worker, from the site's script.
    expect(workers).toEqual([expect.stringMatching(new RegExp(`^${site}/_astro/class-reader-worker.*\\.js$`))]);
    // Nothing went over the network after the page loaded but the worker's script (and what it imports) coming in.
    expect(requests.filter((request) => !/^GET .*\/_astro\/[^/]+\.js$/.test(request))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws the pass rate per exercise, and gives the same numbers as a table', async () => {
    const { page, errors } = await instructorPageWithClass();
    const numbers = await page
      .locator('table:has(#pass-rate-caption) tbody tr')
      .evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent)));
    expect(numbers.slice(0, 3)).toEqual([
      ['exercise-3', '2', '2', '100 %', '100 %'],
      ['exercise-4', '1', '2', '50 %', '50 %'],
      ['exercise-5', '0', '0', '0 %', '–'],
    ]);
    // Of all learners (the accent colour): exercise 3's bar twice as tall as exercise 4's, the rest at 0, and the
    // legend's swatch.
    const [exercise3, exercise4, ...rest] = await paintedHeights(page, await themeColour(page, '--accent'));
    expect(exercise3! / exercise4!).toBeCloseTo(2, 1);
    expect(rest.every((height) => height < 20)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sorts the matrix from the keyboard, with aria-sort on the column', async () => {
    const { page, errors } = await instructorPageWithClass();
    const learners = async () => (await matrixRows(page)).map((cells) => cells[0]);
    const header = page.locator('th', { has: page.getByRole('button', { name: 'Learner', exact: true }) });
    await page.getByRole('button', { name: 'Learner', exact: true }).focus();
    await page.keyboard.press('Enter');
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(await learners()).toEqual(['learner-b-0002', 'Student A (a@example.edu)']);
    await page.keyboard.press('Space');
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(await learners()).toEqual(['Student A (a@example.edu)', 'learner-b-0002']);
    await page.getByRole('button', { name: 'exercise-4', exact: true }).press('Enter');
    expect(await header.getAttribute('aria-sort')).toBeNull();
    expect(await learners()).toEqual(['learner-b-0002', 'Student A (a@example.edu)']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('downloads the gradebook as CSV', async () => {
    const { page, errors } = await instructorPageWithClass();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Gradebook CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('class-gradebook.csv');
    const [header, ...rows] = readFileSync(await download.path(), 'utf8')
      .trimEnd()
      .split('\r\n');
    const columns = header!.split(',');
    const scores = rows.map((row) => {
      const cells = row.split(',');
      return [
        cells[columns.indexOf('learner_id')],
        cells[columns.indexOf('exercise-3')],
        cells[columns.indexOf('exercise-4')],
      ];
    });
    expect(scores).toEqual([
      ['learner-a-0001', '100', '100'],
      ['learner-b-0002', '100', '0'],
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('has no axe violations with a class loaded, in both themes, at 390 px and 1280 px', async () => {
    const { page, errors } = await instructorPageWithClass({ width: 390, height: 844 });
    const found: string[] = [];
    for (const [width, theme] of [
      [390, 'light'],
      [390, 'dark'],
      [1280, 'dark'],
      [1280, 'light'],
    ] as const) {
      if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme)
        await page.locator('[data-theme-toggle]').click();
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      const { violations } = await new AxeBuilder({ page }).setLegacyMode().analyze();
      for (const violation of violations)
        for (const node of violation.nodes)
          found.push(`${theme} ${width}: ${violation.id} at ${node.target.join(' ')}`);
      // The chart is redrawn in the theme's colours: its tallest bar in this theme's accent.
      expect((await paintedHeights(page, await themeColour(page, '--accent')))[0]).toBeGreaterThan(50);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
    }
    expect(found).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a class of over 100 learners 100 at a time, sorted over all of them', async () => {
    const { files } = largeClassFolder();
    const { page, errors } = await openRecordingErrors(browser);
    await page.goto(`${site}/instructor/`);
    await page.locator('astro-island:not([ssr]) .instructor').waitFor();
    await page.getByLabel(/progress files/).setInputFiles(files);
    await page.locator('.instructor-status', { hasText: '101 learners from 101 files.' }).waitFor();
    const pages = page.getByRole('navigation', { name: 'Pages of the matrix' });
    const learners = async () => (await matrixRows(page)).map((cells) => cells[0]);
    expect(await pages.getByRole('status').textContent()).toBe('Learners 1–100 of 101');
    expect(await learners()).toHaveLength(100);
    await pages.getByRole('button', { name: 'Next 100' }).press('Enter');
    expect(await pages.getByRole('status').textContent()).toBe('Learners 101–101 of 101');
    expect(await learners()).toEqual(['learner-100']);
    expect(await pages.getByRole('button', { name: 'Next 100' }).getAttribute('aria-disabled')).toBe('true');
    // Sorting sorts every learner and shows the first page of the new order.
    await page.getByRole('button', { name: 'Learner', exact: true }).press('Enter');
    await page.getByRole('button', { name: 'Learner', exact: true }).press('Enter');
    expect((await learners()).slice(0, 2)).toEqual(['learner-100', 'learner-099']);
    expect(await pages.getByRole('status').textContent()).toBe('Learners 1–100 of 101');
    const { violations } = await new AxeBuilder({ page }).setLegacyMode().analyze();
    expect(violations.map((violation) => violation.id)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reads a file given again once, adds the files given later, and starts over', async () => {
    const { page, errors, folder, workers } = await instructorPageWithClass();
    const [a] = folder.files;
    const c = join(folder.dir, 'c.json');
    writeFileSync(c, JSON.stringify(emptyProgress('learner-c-0003', new Date('2026-11-24T09:00:00Z'))));
    await page.getByLabel(/progress files/).setInputFiles([a!, c]);
    // a.json, given twice, is counted once: 3 files, not 4.
    await statusSays(page, '3 learners from 3 files; 1 skipped.');
    await page.getByRole('button', { name: 'Start over' }).press('Enter');
    await statusSays(page, 'No file given yet.');
    expect(await page.locator('table').count()).toBe(0);
    await page.getByLabel(/progress files/).setInputFiles([a!]);
    await statusSays(page, '1 learner from 1 file.');
    // Starting over ended the worker and its class; a new one read the file given after.
    expect(workers).toHaveLength(2);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says so in its status when the worker that reads the files stops', async () => {
    const { page } = await openRecordingErrors(browser);
    // A worker that fails as one out of memory does: on the first files given.
    await page.addInitScript(() => {
      const crashing = URL.createObjectURL(
        new Blob(['onmessage = () => { throw new Error("Out of memory"); };'], { type: 'text/javascript' }),
      );
      window.Worker = class extends Worker {
        constructor(_script: string | URL, options?: WorkerOptions) {
          super(crashing, options);
        }
      };
    });
    await page.goto(`${site}/instructor/`);
    await page.locator('astro-island:not([ssr]) .instructor').waitFor();
    await page.getByLabel(/progress files/).setInputFiles(classFolder().files);
    await statusSays(page, 'The files could not be read: the page’s reader stopped (Uncaught Error: Out of memory).');
    expect(await page.getByRole('button', { name: 'Start over' }).count()).toBe(0);
    await page.close();
  });

  it('is linked from the footer of every page', async () => {
    const { page } = await openRecordingErrors(browser);
    await page.goto(`${site}/`);
    await page.locator('footer').getByRole('link', { name: 'Instructor' }).click();
    await page.waitForURL(`${site}/instructor/`);
    await page.close();
  });
});

describe('the page awscourse report --html writes', () => {
  it('shows a class of over 100 learners 100 at a time, turned from the keyboard, sorted over all of them', async () => {
    const { dir, files } = largeClassFolder();
    const io = { stdout: () => {}, stderr: () => {}, env: {}, cwd: dir };
    expect(await main(['report', '--html', 'class.html', ...files], io)).toBe(0);
    const { page, errors } = await openRecordingErrors(browser);
    await page.goto(`file://${join(dir, 'class.html')}`);
    const pages = page.getByRole('navigation', { name: 'Pages of the matrix' });
    const shown = () => page.locator('table[aria-labelledby="matrix-heading"] tbody th:visible').allTextContents();
    expect(await pages.getByRole('status').textContent()).toBe('Learners 1–100 of 101');
    expect(await shown()).toHaveLength(100);
    await pages.getByRole('button', { name: 'Next 100' }).press('Enter');
    expect(await pages.getByRole('status').textContent()).toBe('Learners 101–101 of 101');
    expect(await shown()).toEqual(['learner-100']);
    expect(await pages.getByRole('button', { name: 'Next 100' }).getAttribute('aria-disabled')).toBe('true');
    await page.getByRole('button', { name: 'Learner', exact: true }).press('Enter');
    await page.getByRole('button', { name: 'Learner', exact: true }).press('Enter');
    expect((await shown()).slice(0, 2)).toEqual(['learner-100', 'learner-099']);
    expect(await pages.getByRole('status').textContent()).toBe('Learners 1–100 of 101');
    const { violations } = await new AxeBuilder({ page }).setLegacyMode().analyze();
    expect(violations.map((violation) => violation.id)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens offline with its chart drawn from the data, sorts from the keyboard, and has no axe violations', async () => {
    const { dir } = classFolder();
    const io = { stdout: () => {}, stderr: () => {}, env: {}, cwd: dir };
    expect(await main(['report', '--html', 'class.html', 'a.json', 'b.json', 'cut.json'], io)).toBe(1);
    const { page, errors } = await openRecordingErrors(browser);
    await page.goto(`file://${join(dir, 'class.html')}`);
    const drawn = await page.evaluate(() => {
      const chart = (
        window as unknown as { Chart: { getChart(id: string): { data: { datasets: { data: unknown[] }[] } } } }
      ).Chart.getChart('pass-rate-chart');
      return chart.data.datasets.map((set) => set.data);
    });
    expect(drawn).toEqual([
      [1, 0.5, 0, 0, 0],
      [1, 0.5, null, null, null],
    ]);
    const header = page.locator('th', { has: page.getByRole('button', { name: 'Learner', exact: true }) });
    await page.getByRole('button', { name: 'Learner', exact: true }).press('Enter');
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(await page.locator('table[aria-labelledby="matrix-heading"] tbody th').allTextContents()).toEqual([
      'learner-b-0002',
      'Student A (a@example.edu)',
    ]);
    expect(await page.locator('.skipped li').allTextContents()).toEqual([
      'cut.json: it is cut off: the JSON ends early.',
    ]);
    const { violations } = await new AxeBuilder({ page }).setLegacyMode().analyze();
    expect(violations.map((violation) => violation.id)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
