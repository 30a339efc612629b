import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openRecordingErrors } from './browser';
import {
  lessonCommand,
  openLabTerminal,
  outputSince,
  screenText,
  showVerifyPanel,
  typeCommand,
  typeLine,
  verifyOffline,
} from './lab-page';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Steps 1 to 3 of the lesson, from its own code blocks: the stack, the group, the key pair and the web server. */
async function buildWebServer(page: Page): Promise<void> {
  await openLabTerminal(page, '/week-1/exercise-3/');
  for (const word of ['create-stack', 'create-security-group', 'create-key-pair', 'run-instances'])
    await typeCommand(page, await lessonCommand(page, word));
  await typeCommand(
    page,
    'IP=$(aws ec2 describe-instances --filters Name=tag:Name,Values=Ex3WebServer ' +
      "--query 'Reservations[0].Instances[0].PublicIpAddress' --output text)",
  );
}

/** ssh as the lesson's step 4 does, answering yes to the host key question. */
async function sshToWebServer(page: Page): Promise<void> {
  await typeLine(page, await lessonCommand(page, 'ssh -i'));
  await expect
    .poll(() => screenText(page), { timeout: 30_000 })
    .toMatch(/Are you sure you want to continue connecting \(yes\/no\/\[fingerprint\]\)\? $/m);
  await typeLine(page, 'yes');
}

describe('exercise 3 done in the page', () => {
  it('builds the web server, reads its page, logs in, reads its boot log and metadata, and Verify passes all 7 checks', {
    timeout: 300_000,
  }, async () => {
    const { page, errors } = await openRecordingErrors(browser);
    await buildWebServer(page);
    await typeCommand(page, 'echo PAGE; curl -s http://$IP/');
    expect(await outputSince(page, 'PAGE')).toMatch(/<h1>Hello from i-[0-9a-f]+<\/h1>/);
    await sshToWebServer(page);
    await expect.poll(() => screenText(page), { timeout: 30_000 }).toMatch(/\[ec2-user@ip-10-1-1-\d+ ~\]\$ $/m);
    // The lesson's `sudo cat` of the whole log fills more than the screen; its two telling lines are enough here.
    await typeCommand(page, 'echo LOG; sudo cat /var/log/cloud-init-output.log | grep -E "^Complete!|finished at"');
    const log = await outputSince(page, 'LOG');
    expect(log).toContain('Complete!');
    expect(log).toMatch(/Cloud-init v\. [\d.]+ finished/);
    await typeCommand(page, 'echo V1; curl -i http://169.254.169.254/latest/meta-data/ | head -1');
    expect(await outputSince(page, 'V1')).toMatch(/^HTTP\/1\.1 401 Unauthorized/m);
    await typeCommand(page, await lessonCommand(page, 'instance-identity/document'));
    await page.screenshot({ path: '/tmp/exercise-3-on-the-instance.png' });
    // On one line (the screen shows a few dozen rows), as the learner may copy it; the rows it wraps over are joined.
    await typeCommand(
      page,
      'echo DOC; curl -s -H "$H" http://169.254.169.254/latest/dynamic/instance-identity/document | tr -d "\\n"; ' +
        'echo; echo END',
    );
    const document = (await outputSince(page, 'DOC')).split('\nEND\n')[0]!.replaceAll('\n', '');
    expect(JSON.parse(document)).toMatchObject({ region: 'us-west-2', instanceId: expect.stringMatching(/^i-/) });
    await typeCommand(page, 'exit');
    await expect.poll(() => screenText(page), { timeout: 30_000 }).toMatch(/^Connection to [\d.]+ closed\.$/m);
    await showVerifyPanel(page);
    await page.getByLabel('Instance identity document (optional)').fill(document);
    expect(await verifyOffline(page)).toMatch(/^Passed: 7 of 7 checks/);
    expect(errors).toEqual([]);
  });

  it('without port 22 in the group, ssh times out and says which group to open', { timeout: 300_000 }, async () => {
    const { page, errors } = await openRecordingErrors(browser);
    await buildWebServer(page);
    await typeCommand(
      page,
      'aws ec2 revoke-security-group-ingress --group-id "$SG_ID" --protocol tcp --port 22 --cidr 0.0.0.0/0',
    );
    await typeCommand(page, 'echo SSH; ssh -i edx-key.pem ec2-user@$IP; echo "exit=$?"');
    const refused = await outputSince(page, 'SSH');
    expect(refused).toMatch(/^ssh: connect to host [\d.]+ port 22: Connection timed out$/m);
    expect(refused).toMatch(/^hint: .*No security group of i-\w+ \(sg-\w+\) lets tcp\/22 in from your address/m);
    expect(refused).toMatch(/^exit=255$/m);
    expect(errors).toEqual([]);
  });
});
