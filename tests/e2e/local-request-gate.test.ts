import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { ListUsersCommand } from '@aws-sdk/client-iam';
import { SignatureV4 } from '@smithy/signature-v4';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runEmulatorCommand } from '../../src/cli/emulator-command';
import { sandboxRootKey } from '../../src/emulator/state';
import { clientsFor } from '../emulator/sandbox-clients';
import { chromiumPath } from './browser';

/**
 * Chromium resolves evil.test to this machine, as a DNS-rebinding attacker's name would after its first answer, and
 * its own Local Network Access checks are off, so what is tested is the servers' defence, not the browser's.
 */
const rebindingArgs = [
  '--host-resolver-rules=MAP evil.test 127.0.0.1',
  '--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessSendPreflights,' +
    'PrivateNetworkAccessRespectPreflightResults,BlockInsecurePrivateNetworkRequests',
];

let browser: Browser;
let emulator: NonNullable<Awaited<ReturnType<typeof runEmulatorCommand>>>;
let emulatorPort: number;
let attacker: Server;
let attackerUrl: string;
let attackPage = '';

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', ...rebindingArgs],
  });
  emulator = (await runEmulatorCommand(['--port', '0', '--memory'], {
    stdout: () => {},
    stderr: () => {},
    env: {},
    cwd: process.cwd(),
  }))!;
  emulatorPort = Number(new URL(emulator.url).port);
  attacker = createServer((_, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(attackPage));
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await browser?.close();
  await emulator?.stop();
  attacker?.close();
});

/** A query-signed IAM request with the sandbox's public root key, as a page can build one. */
async function presignedIam(hostname: string, method: 'GET' | 'POST', query: Record<string, string>) {
  const signer = new SignatureV4({ service: 'iam', region: 'us-east-1', credentials: sandboxRootKey, sha256: Sha256 });
  const signed = await signer.presign({
    method,
    protocol: 'http:',
    hostname,
    port: emulatorPort,
    path: '/',
    query: { ...query, Version: '2010-05-08' },
    headers: { host: `${hostname}:${emulatorPort}` },
  });
  return `http://${hostname}:${emulatorPort}/?${new URLSearchParams(signed.query as Record<string, string>)}`;
}

const userNames = async () =>
  (
    (await clientsFor(sandboxRootKey, 'us-east-1', { endpoint: emulator.url }).iam.send(new ListUsersCommand({})))
      .Users ?? []
  ).map((user) => user.UserName);

describe('a page on another loopback port', () => {
  it('creates no IAM user through fetch, <img> or a form, and gets nothing from live Verify', async () => {
    const site = inject('siteUrl');
    const viaFetch = await presignedIam('127.0.0.1', 'GET', { Action: 'CreateUser', UserName: 'via-fetch' });
    const viaImg = await presignedIam('127.0.0.1', 'GET', { Action: 'CreateUser', UserName: 'via-img' });
    const viaForm = await presignedIam('127.0.0.1', 'POST', { Action: 'CreateUser', UserName: 'via-form' });
    attackPage = `<!doctype html><title>attack</title>
      <img src="${viaImg}">
      <form id="emulator" method="post" action="${viaForm}" target="sink" enctype="text/plain"></form>
      <form id="verify" method="post" action="${site}/api/verify/" target="sink2" enctype="text/plain">
        <input name='{"exercise":"exercise-3","x":"' value='"}'></form>
      <iframe name="sink"></iframe><iframe name="sink2"></iframe>
      <script>
        window.results = {};
        fetch(${JSON.stringify(viaFetch)}, { mode: 'no-cors' }).then(() => 'sent', () => 'failed');
        window.verify = fetch(${JSON.stringify(`${site}/api/verify/`)}, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"exercise":"exercise-3"}',
        }).then((r) => r.text(), (e) => 'blocked: ' + e.message);
        document.getElementById('emulator').submit();
        document.getElementById('verify').submit();
      </script>`;
    const page = await browser.newPage();
    const answers: string[] = [];
    page.on('response', (response) => answers.push(`${response.status()} ${response.url().split('?')[0]}`));
    await page.goto(attackerUrl);
    expect(await page.evaluate('window.verify')).toMatch(/^blocked: /);
    await expect.poll(() => answers.filter((answer) => answer.startsWith('403 ')).length).toBeGreaterThanOrEqual(3);
    expect(await userNames()).toEqual([]);
    const servers = [emulator.url, site];
    expect(answers.filter((a) => servers.some((url) => a.includes(url)) && !a.startsWith('403 '))).toEqual([]);
    await page.close();
  });
});

describe('a page under a rebound name (evil.test resolving to 127.0.0.1)', () => {
  it('is refused by Host at the emulator, and reads no user or key', async () => {
    const listUsers = await presignedIam('evil.test', 'GET', { Action: 'ListUsers' });
    const page = await browser.newPage();
    // The attacker's first answer: its own page, under its own name on the emulator's port.
    await page.route(`http://evil.test:${emulatorPort}/attack`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>rebound</title>' }),
    );
    await page.goto(`http://evil.test:${emulatorPort}/attack`);
    const answer = await page.evaluate(
      (url) => fetch(url).then(async (r) => `${r.status} ${await r.text()}`),
      listUsers.replace(`http://evil.test:${emulatorPort}`, ''),
    );
    expect(answer).toMatch(/^403 /);
    expect(answer).toContain('<Code>AccessDenied</Code>');
    expect(answer).not.toContain('ListUsersResult');
    await page.close();
  });

  it('is refused by Host at the course server, and gets no live result', async () => {
    const sitePort = new URL(inject('siteUrl')).port;
    const page = await browser.newPage();
    await page.route(`http://evil.test:${sitePort}/attack`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>rebound</title>' }),
    );
    await page.goto(`http://evil.test:${sitePort}/attack`);
    const answer = await page.evaluate(() =>
      fetch('/api/verify/', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"exercise":"exercise-3"}',
      }).then(async (r) => `${r.status} ${await r.text()}`),
    );
    expect(answer).toMatch(/^403 /);
    expect(answer).not.toContain('checks');
    await page.close();
  });
});
