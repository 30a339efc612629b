import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openRecordingErrors } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The text the terminal shows, from xterm's screen-reader rows (its DOM mirror of the screen and scrollback). */
function screenText(page: Page): Promise<string> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.lab-terminal-screen .xterm-accessibility-tree > div')]
      .map((row) => row.textContent ?? '')
      .join('\n'),
  );
}

/** Opens the page's terminal and waits for its prompt. */
async function showTerminal(page: Page, prompt = /learner:~\$ $/m): Promise<void> {
  await page.waitForSelector('astro-island:not([ssr]) .lab-terminal');
  await page.getByRole('button', { name: 'Open the lab terminal' }).click();
  await expect.poll(() => screenText(page), { timeout: 20_000 }).toMatch(prompt);
}

async function openTerminal(path = '/week-1/exercise-3/') {
  const opened = await openRecordingErrors(browser);
  await opened.page.goto(`${inject('siteUrl')}${path}`);
  await showTerminal(opened.page);
  return opened;
}

let marks = 0;

/** Types a command line by line, pressing Enter after each, and waits until the shell has run it. */
async function typeCommand(page: Page, command: string): Promise<void> {
  await page.locator('.lab-terminal-screen textarea').focus();
  const mark = `typed-${++marks}`;
  for (const line of [...command.split('\n'), `echo ${mark}`]) {
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  }
  await expect.poll(() => screenText(page), { timeout: 20_000 }).toMatch(new RegExp(`^${mark}$`, 'm'));
}

/** The lesson's shell code blocks, as Expressive Code's copy buttons hold them. */
async function lessonCommands(page: Page): Promise<string[]> {
  const codes = await page
    .locator('.expressive-code [data-code]')
    .evaluateAll((buttons) =>
      buttons.map((button) => (button.getAttribute('data-code') ?? '').replaceAll('\u007f', '\n')),
    );
  return codes;
}

describe('the lab terminal', () => {
  it("builds exercise 3 from the lesson's own commands, and Verify passes offline without loading a file", async () => {
    const { page, errors } = await openTerminal();
    const commands = await lessonCommands(page);
    const wanted = ['create-stack', 'create-security-group', 'create-key-pair', 'run-instances'];
    for (const word of wanted) await typeCommand(page, commands.find((code) => code.includes(word))!);
    expect(await screenText(page)).not.toMatch(/An error occurred|aws: error/);
    await page.locator('.verify').scrollIntoViewIfNeeded();
    await page.waitForSelector('.verify astro-island:not([ssr])');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect
      .poll(() => page.locator('.verify-result h3').textContent(), { timeout: 20_000 })
      .toMatch(/^Passed: 6 of 7 checks \(sandbox, us-west-2/);
    expect(errors).toEqual([]);
  });

  it('finds its history, files, variables, directory and sandbox again after a reload', async () => {
    const { page, errors } = await openTerminal();
    await typeCommand(page, 'export GREETING=kept; mkdir lab && cd lab && echo note > n.txt');
    await typeCommand(page, 'aws ec2 create-vpc --cidr-block 10.9.0.0/16 --query Vpc.CidrBlock --output text');
    await page.reload();
    await showTerminal(page, /learner:~\/lab\$ $/m);
    await typeCommand(page, 'cat n.txt; echo "greeting=$GREETING"');
    await typeCommand(page, "aws ec2 describe-vpcs --filters Name=cidr,Values=10.9.0.0/16 --query 'length(Vpcs)'");
    const screen = await screenText(page);
    expect(screen).toMatch(/^note$/m);
    expect(screen).toMatch(/^greeting=kept$/m);
    expect(screen).toMatch(/^1$/m);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => screenText(page), { timeout: 10_000 }).toMatch(/learner:~\/lab\$ echo typed-\d+\s*$/);
    await page.keyboard.press('ArrowUp');
    await expect
      .poll(() => screenText(page), { timeout: 10_000 })
      .toMatch(/learner:~\/lab\$ aws ec2 describe-vpcs --filters/);
    expect(errors).toEqual([]);
  });

  it('completes aws services, operations and parameters with Tab', async () => {
    const { page } = await openTerminal('/week-2/exercise-4/');
    await page.locator('.lab-terminal-screen textarea').focus();
    await page.keyboard.type('aws cloudf');
    await page.keyboard.press('Tab');
    await page.keyboard.type('describe-stack-ev');
    await page.keyboard.press('Tab');
    await page.keyboard.type('--stack-n');
    await page.keyboard.press('Tab');
    await expect
      .poll(() => screenText(page))
      .toMatch(/learner:~\$ aws cloudformation describe-stack-events --stack-name\s*$/);
  });

  it('is labelled for screen readers and reachable from the keyboard', async () => {
    const { page } = await openTerminal();
    expect(await page.getByRole('region', { name: 'Lab terminal', exact: true }).count()).toBe(1);
    const input = page.getByRole('textbox', { name: /^Lab terminal/ });
    expect(await input.count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Lab terminal/);
    expect(await page.locator('.lab-terminal-screen .xterm-accessibility-tree').count()).toBe(1);
  });

  it('shows the screen reader the prompt as soon as the screen shows it', async () => {
    const { page } = await openRecordingErrors(browser);
    await page.goto(`${inject('siteUrl')}/week-1/exercise-3/`);
    await page.waitForSelector('astro-island:not([ssr]) .lab-terminal');
    // xterm updates its screen-reader rows at most once a second, counted from the page's start.
    await page.waitForFunction(() => performance.now() > 1500);
    await page.getByRole('button', { name: 'Open the lab terminal' }).click();
    await page.waitForFunction(() =>
      document.querySelector('.lab-terminal-screen .xterm-rows')?.textContent?.includes('learner:~$'),
    );
    expect(await screenText(page)).toMatch(/learner:~\$ $/m);
  });

  it('opens without waiting for the AWS SDK, which it fetches once the shell is ready', async () => {
    const { page, errors } = await openTerminal();
    const sdkFetched = () =>
      page.evaluate(
        () =>
          performance.getEntriesByType('resource').find((entry) => /\/aws-sdk\.[\w-]+\.js$/.test(entry.name))
            ?.startTime,
      );
    await expect.poll(sdkFetched).toBeDefined();
    const shellReady = await page.evaluate(
      () => performance.getEntriesByName('lab terminal: shell ready')[0]?.startTime ?? Number.POSITIVE_INFINITY,
    );
    expect(await sdkFetched()).toBeGreaterThan(shellReady);
    await typeCommand(page, 'aws sts get-caller-identity --query Account --output text');
    expect(await screenText(page)).toMatch(/^\d{12}$/m);
    expect(errors).toEqual([]);
  });

  it("types a code block's command at the prompt from its Run in terminal button, without running it", async () => {
    const { page, errors } = await openTerminal();
    const block = page.locator('.expressive-code', { hasText: 'aws cloudformation create-stack' }).first();
    await page.locator('.expressive-code + .run-in-terminal').first().waitFor();
    await block.locator('xpath=following-sibling::button[1]').click();
    await expect.poll(() => screenText(page)).toMatch(/^> {3}--query 'Stacks\[0\]\.Outputs'\s*$/m);
    expect(await screenText(page)).toMatch(/^> aws cloudformation wait stack-create-complete/m);
    expect(await screenText(page)).not.toMatch(/StackId/);
    await page.keyboard.press('Enter');
    await expect.poll(() => screenText(page), { timeout: 20_000 }).toMatch(/"OutputKey": "StackRegion"/);
    expect(errors).toEqual([]);
  });
});
