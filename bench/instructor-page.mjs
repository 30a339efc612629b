// The Instructor page with a class of 10,000 learners, in headless Chromium on the production build: the class of
// bench/report.mjs (a hundred learners downloaded twice, fifty broken files) zipped as an LMS gives it, given to the
// page's file input. Measures the time from giving the .zip until the page says it read 10,000 learners and the
// matrix shows its rows; the main thread's long tasks meanwhile (those that ended while the status said the files
// were being read, and those after, as the page takes in and draws the dashboard) and its longest frame; the JS heap
// and DOM nodes after; the time from pressing a column's sort button until the sorted rows are painted (median of 5);
// and the time from pressing each CSV download until the browser is given the file. Then the same for the page
// `awscourse report --html` writes for the class: its size, its load, its sort. Goal: a sort under 1 s, and no
// main-thread task over 200 ms while the class is read. BENCH_LEARNERS sets a smaller class for a quick look. Needs
// `npm run build` first (the CLI is built here).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';
import { median, withBuiltSite } from './built-site.mjs';
import { filesOfClass, writeClass } from './report.mjs';

const learners = Number(process.env.BENCH_LEARNERS ?? 10_000);
const sortRounds = 5;
const port = 51_000 + Math.floor(Math.random() * 1000);
const budget = { sortMs: 1000, readTaskMs: 200 };
const matrixRows = 'table[aria-labelledby="matrix-heading"] tbody tr';

/** Every file under `folder`, as paths relative to it. */
const filesUnder = (folder) =>
  readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)));

/** The class's folder zipped as an LMS's download of submissions: every file deflated, in one folder. */
function zipClass(folder, zipPath) {
  const entries = Object.fromEntries(
    filesUnder(folder).map((path) => [`submissions/${path}`, new Uint8Array(readFileSync(join(folder, path)))]),
  );
  writeFileSync(zipPath, zipSync(entries, { level: 6 }));
}

/** Starts recording the page's long tasks (over 50 ms) in `window.longTasks`, from the page's first script. */
const recordLongTasks = () => {
  window.longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.longTasks.push({ start: entry.startTime, ms: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
};

/**
 * Starts recording, in `window.longestFrame`, the longest time between two frames (`requestAnimationFrame`) from now
 * on: what the instructor sees of the main thread, its tasks and its rendering together.
 */
const recordFrames = () => {
  window.longestFrame = 0;
  let last = performance.now();
  const frame = (now) => {
    window.longestFrame = Math.max(window.longestFrame, now - last);
    last = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
};

/**
 * The long tasks recorded since `since` (page time, ms) that ended before `until`, or at or after it with `after`:
 * how many, the longest and their sum.
 */
const longTasksSince = (page, since, { until = Number.POSITIVE_INFINITY, after = false } = {}) =>
  page.evaluate(
    ({ from, to, endedAfter }) => {
      const tasks = window.longTasks.filter((task) => task.start >= from && task.start + task.ms < to !== endedAfter);
      return {
        count: tasks.length,
        longest: Math.max(0, ...tasks.map((task) => task.ms)),
        total: tasks.reduce((sum, task) => sum + task.ms, 0),
      };
    },
    { from: since, to: until, endedAfter: after },
  );

/**
 * Records in `window.readAt` when the status stops saying the files are being read: the page has the dashboard and
 * draws it. A long task that ends before then was spent while reading; one that ends after, on taking in and drawing
 * the dashboard.
 */
const recordReadEnd = () => {
  const status = document.querySelector('.instructor-status');
  let reading = false;
  new MutationObserver(() => {
    const now = status.textContent.startsWith('Reading the files');
    if (reading && !now && window.readAt === undefined) window.readAt = performance.now();
    reading = now;
  }).observe(status, { childList: true, characterData: true, subtree: true });
};

/** The page's JS heap in use after a full garbage collection, and its DOM nodes, from the DevTools protocol. */
async function heapAndNodes(page) {
  const session = await page.context().newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage');
  await session.send('Performance.enable');
  const { metrics } = await session.send('Performance.getMetrics');
  await session.detach();
  const metric = (name) => metrics.find((entry) => entry.name === name)?.value ?? Number.NaN;
  return { heapMb: metric('JSHeapUsedSize') / 1e6, nodes: metric('Nodes') };
}

/**
 * Presses the Learner column's sort button `sortRounds` times (ascending, descending, …) and resolves with the ms
 * from each press until the frame after it is painted (a `requestAnimationFrame`, then a task), and whether the
 * first row shown then is the first in the order asked for.
 */
const sortTimes = (page, rounds) =>
  page.evaluate(async (count) => {
    const button = [...document.querySelectorAll('th > button')].find((b) => b.textContent.trim() === 'Learner');
    const header = button.closest('th');
    const firstLearner = () =>
      header.closest('table').querySelector('tbody tr th')?.textContent ?? header.closest('table').rows.length;
    const times = [];
    const firsts = [];
    for (let round = 0; round < count; round++) {
      const started = performance.now();
      button.click();
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
      times.push(performance.now() - started);
      firsts.push({ direction: header.getAttribute('aria-sort'), first: firstLearner() });
    }
    return { times, firsts };
  }, rounds);

/** The CSV downloads timed, each from the press of its button until the browser is given the file. */
const downloads = ['Gradebook for Canvas', 'Tidy CSV: a row per check'];

/**
 * Presses a download button and resolves with the ms until the file is given, its size and the long tasks meanwhile,
 * or with why there is no file (a page that made the CSV on its main thread could run out of memory).
 */
async function downloadTime(page, label) {
  const since = await page.evaluate(() => performance.now());
  const started = Date.now();
  try {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 600_000 }),
      // The click waits until the page has handled it, which a page that makes the CSV at once takes long to do.
      page.getByRole('button', { name: label }).click({ timeout: 600_000 }),
    ]);
    const ms = Date.now() - started;
    const bytes = statSync(await download.path()).size;
    await download.delete();
    return { label, ms, bytes, tasks: await longTasksSince(page, since) };
  } catch (error) {
    return { label, failed: error.message.split('\n')[0] };
  }
}

/** Gives the Instructor page the .zip and measures its reading, its heap, its sort and its downloads. */
async function instructorPage(browser, origin, zipPath) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(recordLongTasks);
  await page.goto(`${origin}/instructor/`);
  await page.locator('astro-island:not([ssr]) .instructor').waitFor();
  await page.evaluate(() => {
    document.addEventListener('change', () => (window.givenAt = performance.now()), { capture: true, once: true });
  });
  await page.evaluate(recordFrames);
  await page.evaluate(recordReadEnd);
  await page.getByLabel(/progress files/).setInputFiles(zipPath);
  const shown = await page.waitForFunction(
    (expected) => {
      const status = document.querySelector('.instructor-status')?.textContent ?? '';
      const rows = document.querySelectorAll(expected.selector).length;
      return status.startsWith(`${expected.learners} learners`) && rows > 0 && { at: performance.now(), rows };
    },
    { learners, selector: matrixRows },
    { timeout: 600_000, polling: 'raf' },
  );
  const { at, rows } = await shown.jsonValue();
  const givenAt = await page.evaluate(() => window.givenAt);
  const readTasks = await longTasksSince(page, givenAt);
  const readAt = await page.evaluate(() => window.readAt);
  const readingTasks = await longTasksSince(page, givenAt, { until: readAt });
  const drawingTasks = await longTasksSince(page, givenAt, { until: readAt, after: true });
  const longestFrame = await page.evaluate(() => window.longestFrame);
  const memory = await heapAndNodes(page);
  const sortedAt = await page.evaluate(() => performance.now());
  const sorts = await sortTimes(page, sortRounds);
  const sortTasks = await longTasksSince(page, sortedAt);
  const csv = [];
  for (const label of downloads) csv.push(await downloadTime(page, label));
  await page.close();
  return {
    readMs: at - givenAt,
    rows,
    readTasks,
    readingTasks,
    drawingTasks,
    longestFrame,
    ...memory,
    sorts,
    sortTasks,
    csv,
  };
}

/** Opens the `--html` page from disk and measures its load, its chart, its heap and its sort. */
async function htmlPage(browser, htmlPath) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(recordLongTasks);
  await page.goto(`file://${htmlPath}`, { timeout: 600_000 });
  const timing = await page.evaluate(() => {
    const [navigation] = performance.getEntriesByType('navigation');
    return {
      loadMs: navigation.loadEventEnd,
      chartDrawn: Boolean(window.Chart?.getChart('pass-rate-chart')),
      rows: document.querySelectorAll('table[aria-labelledby="matrix-heading"] tbody tr:not([hidden])').length,
    };
  });
  const loadTasks = await longTasksSince(page, 0);
  const memory = await heapAndNodes(page);
  const sortedAt = await page.evaluate(() => performance.now());
  const sorts = await sortTimes(page, sortRounds);
  const sortTasks = await longTasksSince(page, sortedAt);
  await page.close();
  return { ...timing, loadTasks, ...memory, sorts, sortTasks };
}

const ms = (value) => `${Math.round(value).toLocaleString('en')} ms`;
const tasks = ({ count, longest, total }) => `${count}, longest ${ms(longest)}, ${ms(total)} in all`;
const sortCell = ({ times }) => `${ms(median(times))} (${times.map((time) => Math.round(time)).join(', ')})`;

export async function run() {
  if (!existsSync('dist/serve.mjs')) return { ok: false, report: 'No production build: run `npm run build` first.' };
  const root = new URL('../', import.meta.url).pathname;
  const build = spawnSync('npm', ['run', '-s', 'build:cli'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`could not build the CLI: ${build.stderr}`);
  const folder = mkdtempSync(join(tmpdir(), 'awscourse-instructor-bench-'));
  try {
    const files = filesOfClass(learners);
    const bytes = writeClass(join(folder, 'class'), files);
    const zipPath = join(folder, 'class.zip');
    zipClass(join(folder, 'class'), zipPath);
    const htmlPath = join(folder, 'class.html');
    const report = spawnSync(
      process.execPath,
      ['bin/awscourse.mjs', 'report', join(folder, 'class'), '--html', htmlPath],
      { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 },
    );
    // Exit 1: the broken files were skipped, as they should be.
    if (report.status !== 1) throw new Error(`report --html exited ${report.status}: ${report.stderr.slice(-2000)}`);
    const { site, html } = await withBuiltSite(port, async (browser, origin) => ({
      site: await instructorPage(browser, origin, zipPath),
      html: await htmlPage(browser, htmlPath),
    }));
    const sortsOk = median(site.sorts.times) < budget.sortMs && median(html.sorts.times) < budget.sortMs;
    const readOk = site.readTasks.longest < budget.readTaskMs;
    const lines = [
      `${learners.toLocaleString('en')} learners in ${files.toLocaleString('en')} files, ${(bytes / 1e6).toFixed(0)} MB; ` +
        `the .zip ${(statSync(zipPath).size / 1e6).toFixed(0)} MB; the \`--html\` page ` +
        `${(statSync(htmlPath).size / 1e6).toFixed(1)} MB. Headless Chromium, 1280 × 900.`,
      '',
      '| measure | Instructor page (.zip given) | `--html` page (opened from disk) |',
      '| --- | ---: | ---: |',
      `| given / opened → ${learners.toLocaleString('en')} learners shown | ${ms(site.readMs)} | ${ms(html.loadMs)} (load event; chart drawn: ${html.chartDrawn ? 'yes' : 'no'}) |`,
      `| matrix rows shown (laid out) | ${site.rows.toLocaleString('en')} | ${html.rows.toLocaleString('en')} |`,
      `| long tasks meanwhile | ${tasks(site.readTasks)} | ${tasks(html.loadTasks)} |`,
      `| … ended while the files were read | ${tasks(site.readingTasks)} | |`,
      `| … ended once read (the dashboard taken in and drawn) | ${tasks(site.drawingTasks)} | |`,
      `| longest frame meanwhile | ${ms(site.longestFrame)} | |`,
      `| JS heap after GC | ${site.heapMb.toFixed(0)} MB | ${html.heapMb.toFixed(0)} MB |`,
      `| DOM nodes | ${site.nodes.toLocaleString('en')} | ${html.nodes.toLocaleString('en')} |`,
      `| Learner sort → painted, median of ${sortRounds} (each) | ${sortCell(site.sorts)} | ${sortCell(html.sorts)} |`,
      `| long tasks in the ${sortRounds} sorts | ${tasks(site.sortTasks)} | ${tasks(html.sortTasks)} |`,
      ...site.csv.map((csv) =>
        csv.failed
          ? `| ${csv.label} → file given | failed: ${csv.failed} | |`
          : `| ${csv.label} → file given (${(csv.bytes / 1e6).toFixed(1)} MB); long tasks | ${ms(csv.ms)}; ${tasks(csv.tasks)} | |`,
      ),
      '',
      `First row after each sort, Instructor page: ${site.sorts.firsts.map((f) => `${f.direction} ${f.first}`).join('; ')}.`,
      `First row after each sort, \`--html\` page: ${html.sorts.firsts.map((f) => `${f.direction} ${f.first}`).join('; ')}.`,
      '',
      `Budget: a sort under ${budget.sortMs} ms: ${sortsOk ? 'within budget' : 'over budget'}; no main-thread task ` +
        `over ${budget.readTaskMs} ms while the Instructor page reads: ${readOk ? 'within budget' : 'over budget'}.`,
    ];
    return { ok: sortsOk && readOk, report: lines.join('\n') };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log((await run()).report);
