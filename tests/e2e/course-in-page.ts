/** The course's steps done in a lesson page's lab terminal, as the browser tests of exercises 4 to 6 start from them. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { lessonCommand, openLabTerminal, outputSince, screenText, typeCommand, typeLine } from './lab-page';

/** Waits for a question the terminal asks (`AWS Access Key ID [None]: `) and answers it. */
export async function answer(page: Page, question: RegExp, reply: string): Promise<void> {
  await expect.poll(() => screenText(page), { timeout: 30_000 }).toMatch(question);
  await typeLine(page, reply);
}

/** `aws configure --profile edx`, answering its four questions. */
export async function configureEdx(page: Page, keys: { id: string; secret: string }): Promise<void> {
  await typeLine(page, 'aws configure --profile edx');
  await answer(page, /AWS Access Key ID \[None\]: $/m, keys.id);
  await answer(page, /AWS Secret Access Key \[None\]: $/m, keys.secret);
  await answer(page, /Default region name \[None\]: $/m, 'us-west-2');
  await answer(page, /Default output format \[None\]: $/m, 'json');
  await typeCommand(page, 'true');
}

/** Exercise 3's stack, group and key pair, from that lesson's own code blocks; then exercise 4's page. */
export async function exercise3Network(page: Page): Promise<void> {
  await openLabTerminal(page, '/week-1/exercise-3/');
  for (const word of ['create-stack', 'create-security-group', 'create-key-pair'])
    await typeCommand(page, await lessonCommand(page, word));
  await openLabTerminal(page, '/week-2/exercise-4/');
}

/** Steps 1 and 2: the policy and the user, with a password; resolves with the user's new access key. */
export async function policyAndUser(page: Page): Promise<{ id: string; secret: string }> {
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
