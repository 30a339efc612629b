import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openRecordingErrors } from './browser';
import { lessonCommands, openLabTerminal, screenText, typeCommand, typeLine } from './lab-page';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Opens exercise 3's terminal and builds the lesson's network, group, key pair and instance with its commands. */
async function exercise3(page: Page): Promise<void> {
  await openLabTerminal(page, '/week-1/exercise-3/');
  const commands = await lessonCommands(page);
  for (const word of ['create-stack', 'create-security-group', 'create-key-pair', 'run-instances'])
    await typeCommand(page, commands.find((code) => code.includes(word))!);
  await typeCommand(
    page,
    'IP=$(aws ec2 describe-instances --filters Name=tag:Name,Values=Ex3WebServer ' +
      "--query 'Reservations[0].Instances[0].PublicIpAddress' --output text)",
  );
}

describe('ssh and the web preview in the lab terminal', () => {
  it('warns of a key file others can read, connects once chmod 400 fixed it, and keeps the host key', {
    timeout: 180_000,
  }, async () => {
    const { page, errors } = await openRecordingErrors(browser);
    await exercise3(page);
    await typeCommand(page, 'chmod 644 edx-key.pem');
    await typeLine(page, 'ssh -i edx-key.pem ec2-user@$IP');
    await expect
      .poll(() => screenText(page), { timeout: 20_000 })
      .toMatch(/Are you sure you want to continue connecting \(yes\/no\/\[fingerprint\]\)\? $/m);
    await typeLine(page, 'yes');
    await typeCommand(page, 'echo "exit=$?"');
    const refused = await screenText(page);
    expect(refused).toMatch(/^Warning: Permanently added '[\d.]+' \(ED25519\) to the list of known hosts\.$/m);
    expect(refused).toContain('WARNING: UNPROTECTED PRIVATE KEY FILE!');
    expect(refused).toMatch(/^hint: ssh ignores a private key that others can read: make it yours alone with chmod/m);
    expect(refused).toMatch(/^exit=255$/m);
    await typeCommand(page, 'chmod 400 edx-key.pem');
    await typeCommand(
      page,
      'ssh -i edx-key.pem ec2-user@$IP; echo "ssh exit=$?"; grep -c "^$IP ssh-ed25519" ~/.ssh/known_hosts',
    );
    const connected = await screenText(page);
    expect(connected).toMatch(/^ssh exit=0$/m);
    expect(connected).toMatch(/^1$/m);
    expect(errors).toEqual([]);
  });

  it("shows ssh's explanation in the preview panel for an instance whose group lacks port 80, with no axe violations", {
    timeout: 240_000,
  }, async () => {
    const { page, errors } = await openRecordingErrors(browser);
    await exercise3(page);
    await typeCommand(
      page,
      'aws ec2 revoke-security-group-ingress --group-id "$SG_ID" --protocol tcp --port 80 --cidr 0.0.0.0/0',
    );
    await typeCommand(page, 'xdg-open http://$IP/');
    const panel = page.getByRole('region', { name: 'Web preview' });
    await expect
      .poll(() => panel.locator('.lab-preview-problem').textContent(), { timeout: 20_000 })
      .toMatch(
        /does not answer\. No security group of i-\w+ \(sg-\w+\) lets tcp\/80 in from your address 198\.51\.100\.23/,
      );
    const ip = await page.getByLabel('Address').inputValue();
    expect(ip).toMatch(/^http:\/\/[\d.]+\/$/);
    expect(await page.getByRole('status').filter({ hasText: 'did not load' }).count()).toBe(1);
    for (const theme of ['light', 'dark'] as const) {
      if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme)
        await page.evaluate(() => document.querySelector<HTMLButtonElement>('[data-theme-toggle]')?.click());
      await page.screenshot({ path: `/tmp/preview-panel-${theme}.png` });
      const { violations } = await new AxeBuilder({ page }).setLegacyMode().analyze();
      expect(violations.flatMap((v) => v.nodes.map((node) => `${theme}: ${v.id} at ${node.target}`))).toEqual([]);
    }
    expect(errors).toEqual([]);
  });

  it('opens the preview on the newest instance with its button, and loads a page with Load', {
    timeout: 180_000,
  }, async () => {
    const { page, errors } = await openRecordingErrors(browser);
    await exercise3(page);
    await page.getByRole('button', { name: 'Web preview' }).click();
    const address = page.getByLabel('Address');
    await expect.poll(() => address.inputValue(), { timeout: 20_000 }).toMatch(/^http:\/\/[\d.]+\/$/);
    await address.fill('https://checkip.amazonaws.com/');
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    const frame = page.frameLocator('iframe[title="Preview of https://checkip.amazonaws.com/"]');
    await expect.poll(() => frame.locator('pre').textContent(), { timeout: 20_000 }).toBe('198.51.100.23\n');
    expect(errors).toEqual([]);
  });

  it("shows a private bucket's page with its presigned image, loaded through the sandbox", {
    timeout: 180_000,
  }, async () => {
    const { page, errors } = await openRecordingErrors(browser);
    await openLabTerminal(page, '/week-1/exercise-3/');
    const dot = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    await typeCommand(page, `aws s3 mb s3://preview-photos && echo ${dot} | base64 -d > dot.png`);
    await typeCommand(page, 'aws s3 cp dot.png s3://preview-photos/dot.png --content-type image/png');
    await typeCommand(
      page,
      'echo "<!doctype html><title>Photos</title><img alt=\\"a dot\\" src=\\"$(aws s3 presign s3://preview-photos/dot.png)\\">"' +
        ' > page.html && aws s3 cp page.html s3://preview-photos/page.html --content-type text/html',
    );
    await typeCommand(page, 'xdg-open "$(aws s3 presign s3://preview-photos/page.html)"');
    const frame = page.frameLocator('iframe[title^="Preview of https://preview-photos.s3.us-west-2.amazonaws.com/"]');
    await expect
      .poll(() => frame.getByRole('img', { name: 'a dot' }).evaluate((image: HTMLImageElement) => image.naturalWidth), {
        timeout: 20_000,
      })
      .toBe(1);
    await page.screenshot({ path: '/tmp/preview-panel-page.png' });
    expect(errors).toEqual([]);
  });
});
