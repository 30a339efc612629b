import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Progress } from '../../src/progress/schema';
import { cmi5Violations, sessionIdIn } from '../progress/cmi5-rules';
import { createFakeLms, type FakeLms, lmsActivityId, lmsRegistration } from '../progress/fake-lms';
import { launchChromium, openRecordingErrors } from './browser';

const site = inject('siteUrl');
let browser: Browser;
let lms: FakeLms;
let lmsServer: Server;

/** Serves the fake LMS over HTTP on 127.0.0.1, another origin than the course's, as a real LMS is. */
async function serveFakeLms(): Promise<void> {
  lmsServer = createServer(async (message, out) => {
    const chunks: Buffer[] = [];
    for await (const chunk of message) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(message.headers))
      if (typeof value === 'string') headers.set(name, value);
    const hasBody = message.method !== 'GET' && message.method !== 'HEAD' && chunks.length > 0;
    const request = new Request(`${lms.endpoint.replace(/\/xapi\/$/, '')}${message.url}`, {
      method: message.method,
      headers,
      ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
    });
    const response = await lms.handle(request);
    out.writeHead(response.status, Object.fromEntries(response.headers));
    out.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => lmsServer.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(lmsServer.address() as AddressInfo).port}`;
  lms = createFakeLms({ origin, siteOrigin: site, launchData: { returnURL: `${origin}/return` } });
}

beforeAll(async () => {
  browser = await launchChromium();
  await serveFakeLms();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => lmsServer?.close(resolve));
});

const verbs = () => lms.statements.map((statement) => (statement.verb as { id: string }).id.split('/').pop());
const bar = (page: Page) => page.locator('.instructor-bar');

async function verify(page: Page, expected: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect.poll(() => page.locator('.verify-result h3').textContent()).toMatch(expected);
}

describe('Send to my instructor, launched from an LMS with cmi5', () => {
  it('sends initialized first, Verify attempts as they happen, what waited offline once, and terminated last', async () => {
    const { page, errors } = await openRecordingErrors(browser);
    await page.goto(`${site}/?${lms.launchQuery()}`);
    await expect.poll(() => verbs()).toEqual(['initialized']);
    // The launch leaves the address bar at once: its one-time fetch URL is not bookmarked or shared.
    expect(page.url()).toBe(`${site}/`);
    await expect.poll(() => bar(page).textContent()).toContain('Everything has been sent.');
    expect(await bar(page).textContent()).toContain(`your results are recorded at ${new URL(lms.endpoint).host}`);

    // Following the course's own links keeps the session: no terminated, no second initialized.
    await page.locator('a[href="/week-1/exercise-3/"]').first().click();
    await page.waitForURL(`${site}/week-1/exercise-3/`);
    await page.locator('.verify').scrollIntoViewIfNeeded();
    await page.waitForSelector('.verify astro-island:not([ssr])');
    await verify(page, /Not yet: 0 of 7 checks/);
    await expect.poll(() => verbs().slice(0, 3)).toEqual(['initialized', 'attempted', 'failed']);
    const sentOnline = lms.statements.length;

    await page.context().setOffline(true);
    await verify(page, /Not yet: 0 of 7 checks/);
    await expect.poll(() => bar(page).textContent()).toMatch(/\d+ statements? (is|are) waiting to be sent/);
    expect(lms.statements).toHaveLength(sentOnline);

    await page.context().setOffline(false);
    await expect.poll(() => bar(page).textContent(), { timeout: 20_000 }).toContain('Everything has been sent.');
    expect(lms.statements.length).toBeGreaterThan(sentOnline);

    // The Progress page shows the same queue, with "Send now".
    await page.evaluate(() => {
      location.href = '/progress/';
    });
    await page.waitForURL(`${site}/progress/`);
    const panel = page.locator('.send-to-instructor');
    await expect.poll(() => panel.textContent()).toContain('Everything has been sent.');
    expect(await panel.getByRole('button', { name: 'Send now' }).isDisabled()).toBe(true);

    // The session's token stays in the tab's sessionStorage: not in localStorage, where the progress record lives.
    const stored = await page.evaluate(() => ({
      local: JSON.stringify(localStorage),
      session: JSON.stringify(sessionStorage),
    }));
    expect(stored.session).toContain(lms.authToken);
    expect(stored.local).not.toContain(lms.authToken);
    // The progress record keeps the session each attempt was sent in, for its statements to be made again the same.
    const kept = await page.evaluate(() =>
      (JSON.parse(localStorage.getItem('awscourse.progress')!) as Progress).attempts.map((attempt) => attempt.launch),
    );
    expect(kept.map((launch) => launch?.kind === 'cmi5' && launch.registration)).toEqual([
      lmsRegistration,
      lmsRegistration,
    ]);

    await page.getByRole('button', { name: 'Exit course' }).click();
    await page.waitForURL(`${lms.endpoint.replace(/xapi\/$/, '')}return`);
    expect(verbs().at(-1)).toBe('terminated');
    expect(verbs().filter((verb) => verb === 'initialized')).toHaveLength(1);
    expect(verbs().filter((verb) => verb === 'attempted')).toHaveLength(2);

    const ids = lms.statements.map((statement) => statement.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(lms.requests.filter((request) => request.status === 409)).toEqual([]);
    expect(lms.requests.filter((request) => request.path.startsWith('/cmi5/fetch/'))).toHaveLength(1);
    expect(lms.refused).toEqual([]);
    const launch = {
      registration: lmsRegistration,
      activityId: lmsActivityId,
      sessionId: sessionIdIn(lms.statements[0])!,
    };
    for (const statement of lms.statements) {
      const kind = (statement.object as { id: string }).id === lmsActivityId ? 'defined' : 'allowed';
      expect(cmi5Violations(statement, kind, launch)).toEqual([]);
    }
    expect(errors.filter((error) => !error.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
  }, 120_000);

  it('is not there, and loads nothing, on a course built without an LRS and opened without a launch', async () => {
    const { page, errors } = await openRecordingErrors(browser);
    const scripts: string[] = [];
    page.on('request', (request) => scripts.push(request.url()));
    await page.goto(`${site}/progress/`);
    await page.waitForSelector('.download-progress');
    expect(await page.locator('.instructor-bar, .send-to-instructor').count()).toBe(0);
    expect(scripts.filter((url) => /instructor|xapi-queue|cmi5/.test(url))).toEqual([]);
    expect(errors).toEqual([]);
  });
});
