import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openRecordingErrors } from './browser';
import { answer, configureEdx, exercise3Network, policyAndUser } from './course-in-page';
import { lessonCommand, outputSince, screenText, typeCommand, typeLine, verifyOffline } from './lab-page';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('exercise 4 done in the page', () => {
  it('makes the policy and user, launches as the user, configures the CLI on the instance, runs boto3, and Verify passes', {
    timeout: 420_000,
  }, async () => {
    const { page, errors } = await openRecordingErrors(browser);
    await exercise3Network(page);
    const keys = await policyAndUser(page);
    const launch = (await lessonCommand(page, 'Value=Ex4WebServer')).split('\n');
    expect(launch[0]).toMatch(/^aws configure --profile edx/);
    await configureEdx(page, keys);
    await typeCommand(page, launch.slice(1).join('\n'));
    await typeCommand(
      page,
      'IP=$(aws ec2 describe-instances --filters Name=tag:Name,Values=Ex4WebServer ' +
        "--query 'Reservations[0].Instances[0].PublicIpAddress' --output text)",
    );
    await typeLine(page, 'ssh -i edx-key.pem ec2-user@$IP');
    await answer(page, /\(yes\/no\/\[fingerprint\]\)\? $/m, 'yes');
    await expect.poll(() => screenText(page), { timeout: 30_000 }).toMatch(/\[ec2-user@ip-10-1-1-\d+ ~\]\$ $/m);
    await configureEdx(page, keys);
    await typeCommand(page, 'echo WHO; aws sts get-caller-identity --profile edx --query Arn --output text');
    expect(await outputSince(page, 'WHO')).toMatch(/^arn:aws:iam::\d{12}:user\/edXProjectUser$/m);
    await typeCommand(page, 'echo IAM; aws iam list-users --profile edx');
    expect(await outputSince(page, 'IAM')).toMatch(
      /\(AccessDenied\) when calling the ListUsers operation: User: arn:aws:iam::\d{12}:user\/edXProjectUser /,
    );
    await page.screenshot({ path: '/tmp/exercise-4-on-the-instance.png' });
    await typeCommand(page, 'exit');
    const python = await lessonCommand(page, 'import boto3');
    await typeCommand(page, `cat > ex4.py <<'PY'\n${python.trimEnd()}\nPY`);
    await typeCommand(page, 'echo PY; python3 ex4.py');
    const printed = await outputSince(page, 'PY');
    expect(printed).toMatch(/^i-[0-9a-f]+ running$/m);
    expect(printed).toMatch(/^edx-key [0-9a-f:]+$/m);
    expect(await verifyOffline(page)).toMatch(/^Passed: (\d+) of \1 checks/);
    expect(errors).toEqual([]);
  });

  it('refuses ssh as the IAM user, with the note that the instance is logged in to as ec2-user', {
    timeout: 300_000,
  }, async () => {
    const { page, errors } = await openRecordingErrors(browser);
    await exercise3Network(page);
    const launch = (await lessonCommand(page, 'Value=Ex4WebServer')).split('\n').slice(1).join('\n');
    await typeCommand(page, launch.replace(' --profile edx', ''));
    await typeCommand(
      page,
      'IP=$(aws ec2 describe-instances --filters Name=tag:Name,Values=Ex4WebServer ' +
        "--query 'Reservations[0].Instances[0].PublicIpAddress' --output text)",
    );
    await typeLine(page, 'echo SSH; ssh -o StrictHostKeyChecking=accept-new -i edx-key.pem edXProjectUser@$IP');
    await expect.poll(() => screenText(page), { timeout: 30_000 }).toMatch(/Permission denied \(publickey/);
    const refused = await outputSince(page, 'SSH');
    expect(refused).toMatch(/^edXProjectUser@[\d.]+: Permission denied \(publickey,gssapi-keyex,gssapi-with-mic\)\.$/m);
    expect(refused).toMatch(/^hint: .*ec2-user/m);
    expect(errors).toEqual([]);
  });
});
