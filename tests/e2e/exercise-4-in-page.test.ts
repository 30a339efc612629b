import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openRecordingErrors } from './browser';
import {
  lessonCommand,
  openLabTerminal,
  outputSince,
  screenText,
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

/** Waits for a question the terminal asks (`AWS Access Key ID [None]: `) and answers it. */
async function answer(page: Page, question: RegExp, reply: string): Promise<void> {
  await expect.poll(() => screenText(page), { timeout: 30_000 }).toMatch(question);
  await typeLine(page, reply);
}

/** `aws configure --profile edx`, answering its four questions. */
async function configureEdx(page: Page, keys: { id: string; secret: string }): Promise<void> {
  await typeLine(page, 'aws configure --profile edx');
  await answer(page, /AWS Access Key ID \[None\]: $/m, keys.id);
  await answer(page, /AWS Secret Access Key \[None\]: $/m, keys.secret);
  await answer(page, /Default region name \[None\]: $/m, 'us-west-2');
  await answer(page, /Default output format \[None\]: $/m, 'json');
  await typeCommand(page, 'true');
}

/** Exercise 3's stack, group and key pair, from that lesson's own code blocks; then exercise 4's page. */
async function exercise3Network(page: Page): Promise<void> {
  await openLabTerminal(page, '/week-1/exercise-3/');
  for (const word of ['create-stack', 'create-security-group', 'create-key-pair'])
    await typeCommand(page, await lessonCommand(page, word));
  await openLabTerminal(page, '/week-2/exercise-4/');
}

/** Steps 1 and 2: the policy and the user, with a password; resolves with the user's new access key. */
async function policyAndUser(page: Page): Promise<{ id: string; secret: string }> {
  await typeCommand(page, await lessonCommand(page, 'create-policy'));
  const user = (await lessonCommand(page, 'create-login-profile'))
    .replace("'<a strong password>'", "'Course-Passw0rd-2026'")
    .replace(/\naws iam create-access-key .*$/, '');
  await typeCommand(page, user);
  await typeCommand(
    page,
    'echo KEYS; aws iam create-access-key --user-name edXProjectUser ' +
      "--query 'AccessKey.[AccessKeyId,SecretAccessKey]' --output text",
  );
  const [id, secret] = (await outputSince(page, 'KEYS')).trim().split('\n')[0]!.split(/\s+/);
  return { id: id!, secret: secret! };
}

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
