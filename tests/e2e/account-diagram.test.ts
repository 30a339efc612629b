import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openRecordingErrors } from './browser';
import { lessonCommand, openLabTerminal, typeCommand, verifyOffline } from './lab-page';
import { CreateVpcCommand } from '@aws-sdk/client-ec2';
import { sandboxRootKey } from '../../src/emulator/state';
import { clientsFor } from '../emulator/sandbox-clients';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The diagram's words (its nested list), whether or not the list is open. */
const words = (diagram: Locator) => diagram.locator('.account-diagram-words').evaluate((el) => el.textContent ?? '');

/** The kind the drawing gives the subnet named `name` (`subnet public`, `subnet private`). */
const subnetKind = (diagram: Locator, name: string) =>
  diagram
    .locator('svg g[data-kind^="subnet"]')
    .evaluateAll(
      (groups, wanted) =>
        groups.find((g) => g.querySelector('text')?.textContent === wanted)?.getAttribute('data-kind') ?? null,
      name,
    );

async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).setLegacyMode().analyze();
  return violations.flatMap((v) => v.nodes.map((n) => `${v.impact}: ${v.id} at ${n.target.join(' ')}`));
}

describe('the account diagram', () => {
  it('draws exercise 3 as it is built in the lab terminal, turns the public subnet private when its route goes, and marks what Verify failed', {
    timeout: 300_000,
  }, async () => {
    const { page, errors } = await openRecordingErrors(browser);
    await openLabTerminal(page, '/week-1/exercise-3/');
    await page.getByRole('button', { name: 'Account diagram' }).click();
    const diagram = page.locator('.lab-terminal-diagram .account-diagram');
    // A new sandbox has only its default VPC.
    await expect.poll(() => diagram.locator('svg g[data-kind^="vpc"]').count(), { timeout: 30_000 }).toBe(1);

    for (const word of ['create-stack', 'create-security-group', 'create-key-pair', 'run-instances'])
      await typeCommand(page, await lessonCommand(page, word));
    // No reload: the diagram follows the commands.
    await expect.poll(() => words(diagram), { timeout: 20_000 }).toContain('Instance Ex3WebServer');
    const text = await words(diagram);
    expect(text).toMatch(/VPC edx-build-aws-vpc \(vpc-[0-9a-f]+\), 10\.1\.0\.0\/16/);
    for (const subnet of ['edx-subnet-public-a', 'edx-subnet-public-b', 'edx-subnet-private-a', 'edx-subnet-private-b'])
      expect(text).toContain(`Subnet ${subnet} (`);
    expect(text).toMatch(/Internet gateway edx-igw \(igw-[0-9a-f]+\), attached/);
    expect(await diagram.locator('svg g[data-kind="instance running"] text').first().textContent()).toBe(
      'Ex3WebServer',
    );
    expect(await subnetKind(diagram, 'edx-subnet-public-a')).toBe('subnet public');
    expect(await subnetKind(diagram, 'edx-subnet-private-a')).toBe('subnet private');
    await page.screenshot({ path: '/tmp/account-diagram-dock.png' });

    await typeCommand(
      page,
      "RT=$(aws ec2 describe-route-tables --filters Name=tag:Name,Values=edx-public-routes --query 'RouteTables[0].RouteTableId' --output text)\n" +
        'aws ec2 delete-route --route-table-id $RT --destination-cidr-block 0.0.0.0/0',
    );
    await expect.poll(() => subnetKind(diagram, 'edx-subnet-public-a'), { timeout: 20_000 }).toBe('subnet private');
    expect(await diagram.locator('svg [data-marked="true"]').count()).toBe(0);

    expect(await verifyOffline(page)).toMatch(/^Not yet/);
    const marked = diagram.locator('svg g[data-marked="true"][data-kind="subnet private"]');
    await expect.poll(() => marked.count(), { timeout: 20_000 }).toBe(2);
    expect((await marked.first().locator('text').allTextContents()).join(' ')).toContain(
      '✗ Exercise 3: No subnet of the VPC has a route',
    );
    expect(await words(diagram)).toMatch(
      /edx-subnet-public-a \(subnet-[0-9a-f]+\), 10\.1\.1\.0\/24, private: No route to an internet gateway\. — ✗ Exercise 3: No subnet of the VPC has a route 0\.0\.0\.0\/0 to an internet gateway\./,
    );
    await expect
      .poll(() => diagram.getByRole('status').textContent())
      .toContain('Verify: ✗ Exercise 3: 1 check failed.');
    await page.screenshot({ path: '/tmp/account-diagram-dock-marked.png' });

    // The "My account" page draws the same sandbox, with the same mark, in both themes and on a phone.
    await page.goto(`${inject('siteUrl')}/account/`);
    const mine = page.locator('.account-diagram');
    await expect.poll(() => mine.locator('svg g[data-marked="true"]').count(), { timeout: 30_000 }).toBe(2);
    await mine.locator('.account-diagram-words summary').click();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/account-diagram-light-1280.png', fullPage: true });
    await page.locator('[data-theme-toggle]').click();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/account-diagram-dark-1280.png', fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    // A phone gets the stacked drawing, a column about as wide as the screen (the frame scrolls, the page does not).
    await expect.poll(() => mine.locator('svg').getAttribute('width'), { timeout: 10_000 }).toMatch(/^[3-4]\d\d$/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/account-diagram-dark-390.png', fullPage: true });

    // Zoom, then download both files.
    await mine.getByRole('button', { name: 'Zoom in' }).click();
    expect(await mine.locator('.account-diagram-drawing').evaluate((el) => el.scrollWidth)).toBeGreaterThan(390);
    const [svgDownload] = await Promise.all([
      page.waitForEvent('download'),
      mine.getByRole('button', { name: 'Download SVG' }).click(),
    ]);
    expect(svgDownload.suggestedFilename()).toMatch(/^aws-diagram-sandbox-us-west-2-\d{4}-\d\d-\d\d\.svg$/);
    const svg = await (await svgDownload.createReadStream()).toArray();
    const svgText = Buffer.concat(svg).toString('utf8');
    expect(svgText).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svgText).not.toContain('var(--');
    expect(svgText).toContain('#0f1419');
    const [pngDownload] = await Promise.all([
      page.waitForEvent('download'),
      mine.getByRole('button', { name: 'Download PNG' }).click(),
    ]);
    const png = Buffer.concat(await (await pngDownload.createReadStream()).toArray());
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(errors).toEqual([]);
  });

  it("draws the learner's own account through the course server, whose credentials never reach the page", {
    timeout: 120_000,
  }, async () => {
    // The site's live mode is pointed at a sandbox endpoint standing in for AWS (tests/e2e/serve-built-site.ts).
    const name = `diagram-live-${Date.now()}`;
    await clientsFor(sandboxRootKey, 'us-west-2', { endpoint: inject('emulatorUrl') }).ec2.send(
      new CreateVpcCommand({
        CidrBlock: '10.77.0.0/16',
        TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: name }] }],
      }),
    );
    const { page, errors } = await openRecordingErrors(browser);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(`${request.url()} ${request.postData() ?? ''}`));
    await page.goto(`${inject('siteUrl')}/account/`);
    const mine = page.locator('.account-diagram');
    await mine.getByLabel(/my AWS account/).check();
    await expect.poll(() => words(mine), { timeout: 30_000 }).toContain(`VPC ${name} (vpc-`);
    expect(await mine.getByRole('status').textContent()).toMatch(/^AWS account 123456789012, us-west-2: \d+ VPCs/);
    expect(requests.filter((r) => r.includes('/api/diagram/'))).toHaveLength(1);
    expect(requests.join('\n')).not.toContain(sandboxRootKey.secretAccessKey);
    expect(await page.content()).not.toContain(sandboxRootKey.secretAccessKey);
    expect(errors).toEqual([]);
  });
});
