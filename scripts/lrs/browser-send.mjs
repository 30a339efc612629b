// The browser half of `npm run lrs`: the production build in Chromium, launched with an xAPI launch link that names
// the real LRS, sends a learner's Verify attempts with "Send to my instructor"; the LRS must then hold exactly what
// progressStatements gives for the browser's record, and that record, downloaded and sent again with
// `awscourse report --send-xapi`, must add nothing and meet no conflict: the record keeps the launch its attempts were
// sent under.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { awscourseReport, conflictingCount, printedCount, sentCount } from './awscourse-report.mjs';
import { expectSame, identicalCount, note, verbCounts } from './checks.mjs';
import { loadSiteFunctions } from './site-functions.mjs';
import { withSiteSnapshot } from './site-snapshot.mjs';
import { readBack } from './learning-locker.mjs';

/**
 * The exercise page the learner verifies on, and how many attempts: the first online, the rest offline. Key cleanup,
 * verified in the empty in-page sandbox, fails two checks and passes one: statements with every verb an attempt has.
 */
const exercisePage = '/week-2/key-cleanup/';
const attempts = 2;

/**
 * The launches made, each in a browser profile of its own (its own learner record). A portal's launch names the
 * learner and a registration, which go into every statement; the progress record keeps them with each attempt sent
 * under the launch, so `awscourse` makes the same statements from the downloaded file, and the LRS acknowledges them
 * as already held. A launch that names only the LRS makes the statements made without a launch.
 */
const launches = [
  {
    label: 'portal launch (endpoint, auth, actor, registration)',
    actor: { objectType: 'Agent', name: 'LRS browser learner', mbox: 'mailto:lrs-browser-learner@example.org' },
    registration: randomUUID(),
    file: 'portal-launch.json',
  },
  { label: 'launch naming only the LRS (endpoint, auth)', file: 'plain-launch.json' },
];

/**
 * Asks the LRS what a page at `origin` asks before it POSTs statements with credentials (a CORS preflight), and
 * checks the answer lets it. xapi-statements answers with the cors package (`origin: true`, every requested header
 * allowed), so the page talks to it directly; were it not so, a proxy adding the headers would have to stand between.
 */
async function checkPreflight(endpoint, origin) {
  const requested = ['authorization', 'content-type', 'x-experience-api-version'];
  const response = await fetch(new URL('statements', endpoint), {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': requested.join(','),
    },
  });
  const allowed = (name) => (response.headers.get(name) ?? '').toLowerCase().split(/\s*,\s*/);
  const refused = [
    ...['post', 'put'].filter((method) => !allowed('access-control-allow-methods').includes(method)),
    ...requested.filter((header) => !allowed('access-control-allow-headers').includes(header)),
  ];
  expectSame('CORS preflight from the site: status', response.status, 200);
  expectSame(
    'CORS preflight: Access-Control-Allow-Origin',
    response.headers.get('access-control-allow-origin'),
    origin,
  );
  expectSame('CORS preflight: methods and headers not allowed', refused, []);
}

/** The launch link's query: the LRS and its credentials, and the learner and registration when the launch names them. */
function launchQuery(endpoint, authorization, launch) {
  const query = new URLSearchParams({ endpoint, auth: authorization });
  if (launch.actor) query.set('actor', JSON.stringify(launch.actor));
  if (launch.registration) query.set('registration', launch.registration);
  return query;
}

/**
 * Clicks Verify and waits until the attempt is in the record the page keeps in localStorage, and, after a launch that
 * names the learner, until the page has kept the launch with it (it does as it queues the attempt's statements).
 */
async function verify(page, attemptNumber, launch) {
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.waitForFunction(
    ({ count, keepsLaunch }) => {
      const attempts = JSON.parse(localStorage.getItem('awscourse.progress') ?? '{}').attempts ?? [];
      return attempts.length >= count && (!keepsLaunch || attempts.every((attempt) => attempt.launch));
    },
    { count: attemptNumber, keepsLaunch: Boolean(launch.actor) },
  );
}

/**
 * The page's record, the statements progressStatements gives for it (each attempt carries the launch it was sent
 * under), and the LRS filter for them: the launch's actor and registration.
 */
async function expectedFor(page, launch, { progressStatements, courseSource }) {
  const record = await page.evaluate(() => JSON.parse(localStorage.getItem('awscourse.progress')));
  const expected = progressStatements(record, courseSource());
  return { record, expected, filter: { agent: expected[0]?.actor, registration: launch.registration } };
}

/** How many statements the page's queue (IndexedDB `awscourse-xapi`, xapi-queue.ts) holds as acknowledged. */
function acknowledgedInPage(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const opening = indexedDB.open('awscourse-xapi');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const reading = opening.result.transaction('statements').objectStore('statements').getAll();
          reading.onerror = () => reject(reading.error);
          reading.onsuccess = () => {
            opening.result.close();
            resolve(reading.result.filter((entry) => entry.sentAt).length);
          };
        };
      }),
  );
}

/**
 * Resolves once the LRS holds `count` statements for the filter and the page has them as acknowledged, so that
 * going offline next cannot cut a send short; fails after ten seconds.
 */
async function untilSent(page, lrs, filter, count) {
  for (let tries = 0; tries < 50; tries++) {
    const held = (await readBack(lrs.endpoint, lrs.authorization, filter)).statements.length;
    if (held >= count && (await acknowledgedInPage(page)) >= count) return;
    await sleep(200);
  }
  throw new Error(`the page did not send the first attempt's ${count} statements within ten seconds`);
}

/**
 * Opens the exercise with the launch link and verifies in offline mode (the in-page sandbox): once with the browser
 * online, until the LRS holds that attempt's statements, then with the browser offline, so the rest wait in the queue until it is
 * back. Checks what the bar says on the way; resolves with the record and the statements expected for it.
 */
async function verifyOnExercise({ page, origin, lrs, launch, site }) {
  const waitingLine = page.locator('.instructor-bar-waiting');
  const sentLine = waitingLine.filter({ hasText: site.waitingMessage(0) });
  await page.goto(`${origin}${exercisePage}?${launchQuery(lrs.endpoint, lrs.authorization, launch)}`);
  await sentLine.waitFor();
  await page.locator('.verify').scrollIntoViewIfNeeded();
  await page.waitForSelector('.verify astro-island:not([ssr])');
  await verify(page, 1, launch);
  const online = await expectedFor(page, launch, site);
  await untilSent(page, lrs, online.filter, online.expected.length);
  note(`attempt 1, online: the LRS received its ${online.expected.length} statements, and the page knows`);

  await page.context().setOffline(true);
  for (let n = 2; n <= attempts; n++) await verify(page, n, launch);
  const all = await expectedFor(page, launch, site);
  const offlineLine = waitingLine.filter({ hasText: /waiting to be sent/ });
  await offlineLine.waitFor();
  expectSame(
    '  the later attempts, offline: the bar says',
    await offlineLine.textContent(),
    site.waitingMessage(all.expected.length - online.expected.length),
  );
  await page.context().setOffline(false);
  await sentLine.waitFor({ timeout: 60_000 });
  note(`back online: the bar says "${await waitingLine.textContent()}"`);
  return all;
}

/** Downloads the record from the Progress page ("Download my progress", name and id asked the first time). */
async function downloadRecord(page, origin, file, site) {
  await page.goto(`${origin}/progress/`);
  const panelWaiting = page.locator('.send-to-instructor .send-waiting');
  await panelWaiting.filter({ hasText: site.waitingMessage(0) }).waitFor();
  const button = page.getByRole('button', { name: 'Download my progress' });
  await button.and(page.locator(':enabled')).waitFor();
  await button.click();
  await page.getByLabel('Your name').fill('LRS browser learner');
  await page.getByLabel('The id your instructor knows you by').fill('lrs-browser-learner');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save and download' }).click();
  await (await downloading).saveAs(file);
  return { panel: await panelWaiting.textContent(), record: JSON.parse(readFileSync(file, 'utf8')) };
}

/**
 * Sends the downloaded file with `awscourse report FILE --send-xapi` and checks it adds nothing to the LRS: each
 * statement acknowledged as held, none refused as held with other content.
 */
async function checkCliResend(lrs, file, statementCount) {
  // In one page: the LRS's paging can skip statements stored later than the class's (learning-locker.mjs).
  const heldInAll = async () => (await readBack(lrs.endpoint, lrs.authorization, { limit: 10_000 })).statements.length;
  const before = await heldInAll();
  const resend = await awscourseReport([file, '--send-xapi', lrs.endpoint, '--xapi-journal', `${file}.journal`], {
    AWSCOURSE_XAPI_AUTH: lrs.credentials,
  });
  for (const line of resend.output.split('\n').filter((text) => /statements to |already holds|sent before/.test(text)))
    note(`awscourse: ${line}`);
  expectSame('  the downloaded file sent again by awscourse: exit status', resend.status, 0);
  expectSame('  statements acknowledged as held', sentCount(resend.output), printedCount(statementCount));
  expectSame('  statements refused as held with other content', conflictingCount(resend.output) ?? '0', '0');
  expectSame('  statements the LRS holds in all, before and after', await heldInAll(), before);
}

/** One launch in a fresh browser profile: verify, check what the LRS holds, download the record, send it by CLI. */
async function checkLaunch({ browser, origin, lrs, launch, site, work }) {
  process.stdout.write(`\n${launch.label}:\n`);
  const context = await browser.newContext();
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  try {
    const { record, expected, filter } = await verifyOnExercise({ page, origin, lrs, launch, site });
    const held = await readBack(lrs.endpoint, lrs.authorization, filter);
    note(`read back by agent${launch.registration ? ' and registration' : ''} in ${held.pages} page(s)`);
    expectSame('  attempts in the browser’s record', record.attempts.length, attempts);
    expectSame('  statements the LRS holds for the learner', held.statements.length, expected.length);
    expectSame('  verbs', verbCounts(held.statements), verbCounts(expected));
    expectSame(
      '  statements identical to progressStatements’ output',
      identicalCount(held.statements, expected),
      expected.length,
    );
    const file = join(work, launch.file);
    const downloaded = await downloadRecord(page, origin, file, site);
    expectSame('  the Progress page says', downloaded.panel, site.waitingMessage(0));
    const sameRecord =
      downloaded.record.learner.id === record.learner.id &&
      isDeepStrictEqual(downloaded.record.attempts, record.attempts);
    expectSame('  the downloaded file holds the browser’s learner id and attempts', sameRecord, true);
    const kept = downloaded.record.attempts.map((attempt) => attempt.launch ?? null);
    const launchKept = launch.actor ? { kind: 'xapi', actor: launch.actor, registration: launch.registration } : null;
    expectSame(
      launch.actor
        ? '  attempts in the file that keep the launch they were sent under'
        : '  attempts in the file that keep no launch (it named no learner, no registration)',
      kept.filter((value) => isDeepStrictEqual(value, launchKept)).length,
      attempts,
    );
    expectSame(
      '  the file holds the launch’s auth',
      readFileSync(file, 'utf8').includes(lrs.authorization.replace(/^Basic /, '')),
      false,
    );
    await checkCliResend(lrs, file, expected.length);
    expectSame('  errors thrown in the page', pageErrors, []);
  } finally {
    await context.close();
  }
}

/**
 * The browser part: serves a copy of dist/ (building it if need be), checks the LRS lets the site's origin send, then makes each
 * of {@link launches}. `lrs` is `{ endpoint, authorization, credentials }` (`key:secret`).
 */
export async function checkBrowserSends(lrs, work) {
  const site = await loadSiteFunctions(work);
  await withSiteSnapshot(work, async (browser, origin) => {
    process.stdout.write(`\nBrowser: the built site at ${origin} in Chromium ${browser.version()}\n`);
    await checkPreflight(lrs.endpoint, origin);
    for (const launch of launches) await checkLaunch({ browser, origin, lrs, launch, site, work });
  });
}
