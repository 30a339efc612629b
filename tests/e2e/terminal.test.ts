import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openRecordingErrors } from './browser';
import { lessonCommands, screenText, typeCommand as typeLabCommand, typeLine } from './lab-page';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

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

/** Types a command line by line and waits until the shell has run it, 20 s at most. */
const typeCommand = (page: Page, command: string) => typeLabCommand(page, command, 20_000);

/** Runs an editor command at the prompt and waits until the editor has focus, its text labelled with the file. */
async function openEditor(page: Page, command: string, file: string) {
  await page.locator('.lab-terminal-screen textarea').focus();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
  const text = page.getByRole('textbox', { name: `Editing ${file}` });
  await expect
    .poll(() => text.evaluate((element) => element === document.activeElement), { timeout: 20_000 })
    .toBe(true);
  return text;
}

/** The accessible name of the element that has focus. */
const focusedLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');

/** Every axe violation on the page in both of the site's themes, as `theme: rule at target` lines. */
async function axeViolations(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme)
      await page.evaluate(() => document.querySelector<HTMLButtonElement>('[data-theme-toggle]')?.click());
    const { violations } = await new AxeBuilder({ page }).setLegacyMode().analyze();
    for (const violation of violations)
      for (const node of violation.nodes) found.push(`${theme}: ${violation.id} at ${node.target.join(' ')}`);
  }
  return found;
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

  it("reaches the web server exercise 3's user data starts, at the instance's public address", async () => {
    const { page, errors } = await openTerminal();
    const commands = await lessonCommands(page);
    const wanted = ['create-stack', 'create-security-group', 'create-key-pair', 'run-instances'];
    for (const word of wanted) await typeCommand(page, commands.find((code) => code.includes(word))!);
    await typeCommand(
      page,
      'IP=$(aws ec2 describe-instances --filters Name=tag:Name,Values=Ex3WebServer --region us-west-2 ' +
        "--query 'Reservations[0].Instances[0].PublicIpAddress' --output text); curl -s http://$IP/",
    );
    expect(await screenText(page)).toMatch(/^<h1>Hello from i-[0-9a-f]{17}<\/h1>$/m);
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

  it('draws underscores on a 1x screen, where a row as tall as the font clips them', async () => {
    const { page } = await openTerminal();
    await typeCommand(page, 'echo ___');
    const rows = page.locator('.lab-terminal-screen .xterm-rows > div');
    const texts = await rows.allTextContents();
    const underscores = texts.findIndex((text) => text.trim() === '___');
    const blank = texts.findLastIndex((text) => text.trim() === '');
    expect(underscores).toBeGreaterThanOrEqual(0);
    expect(blank).toBeGreaterThan(underscores);
    const drawn = await rows.nth(underscores).screenshot();
    expect(drawn.equals(await rows.nth(blank).screenshot())).toBe(false);
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

  it('edits a line typed after output that ended without a newline where the screen shows it', async () => {
    const { page, errors } = await openTerminal();
    await typeLine(page, 'printf abc');
    // Typed ahead, while printf runs: the line editor draws it after the prompt, wherever the prompt landed.
    await page.keyboard.type('echo hi');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('X');
    // The prompt follows the output on its row, as bash's does; the edit lands between h and i there, not 3 columns off.
    await expect.poll(() => screenText(page)).toMatch(/^abclearner:~\$ echo hXi\s*$/m);
    await page.keyboard.press('Enter');
    await expect.poll(() => screenText(page)).toMatch(/^hXi$/m);
    expect(errors).toEqual([]);
  });

  it('leaves the terminal by keyboard alone with Escape then Tab, while Tab alone stays to complete', async () => {
    const { page } = await openTerminal();
    await page.locator('.lab-terminal-screen textarea').focus();
    await page.keyboard.press('Tab');
    expect(await focusedLabel(page)).toMatch(/^Lab terminal/);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Hide');
    await page.locator('.lab-terminal-screen textarea').focus();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.lab-terminal-screen'))).toBeNull();
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
  });

  it('says how to leave it in its label, for screen readers, and on screen', async () => {
    const { page } = await openTerminal();
    const input = page.locator('.lab-terminal-screen textarea');
    expect(await input.getAttribute('aria-label')).toMatch(/press Escape, then Tab/);
    expect(await page.locator('.lab-terminal-keys').textContent()).toBe('Esc then Tab leaves the terminal');
  });

  it('edits a new file with nano, saves it with Ctrl-S, and the file is there in the shell and after a reload', async () => {
    const { page, errors } = await openTerminal();
    const text = await openEditor(page, 'nano notes.txt', 'notes.txt');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'notes.txt' }).textContent())
      .toBe('New file: notes.txt');
    await page.keyboard.type('hello from nano');
    await page.keyboard.press('Enter');
    await page.keyboard.type('second line');
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.locator('.lab-editor-status').textContent()).toBe('Saved 2 lines to notes.txt');
    await page.keyboard.press('Control+x');
    await expect.poll(() => text.count()).toBe(0);
    expect(await focusedLabel(page)).toMatch(/^Lab terminal/);
    await typeCommand(page, 'cat notes.txt');
    expect(await screenText(page)).toMatch(/^hello from nano\nsecond line$/m);
    await page.reload();
    await showTerminal(page);
    await typeCommand(page, 'wc -l < notes.txt; tail -n 1 notes.txt');
    expect(await screenText(page)).toMatch(/^2\nsecond line$/m);
    expect(errors).toEqual([]);
  });

  it('keeps a file saved in the editor across a reload while the editor is still open', async () => {
    const { page, errors } = await openTerminal();
    await openEditor(page, 'edit kept.txt', 'kept.txt');
    await page.keyboard.type('saved before the reload');
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.locator('.lab-editor-status').textContent()).toBe('Saved 1 line to kept.txt');
    await page.reload();
    await showTerminal(page);
    await typeCommand(page, 'cat kept.txt');
    expect(await screenText(page)).toMatch(/^saved before the reload$/m);
    expect(errors).toEqual([]);
  });

  it("opens the lesson's template with vi, with its content, and closes without asking when nothing changed", async () => {
    const { page, errors } = await openTerminal();
    const text = await openEditor(page, 'vi vpc.yaml', 'vpc.yaml');
    expect(await text.textContent()).toMatch(/AWSTemplateFormatVersion/);
    await expect.poll(() => page.locator('.lab-editor-status').textContent()).toMatch(/^Read \d+ lines from vpc.yaml$/);
    await page.keyboard.press('Escape');
    await expect.poll(() => text.count()).toBe(0);
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('asks before closing with unsaved changes: Escape goes back, N discards, Y saves', async () => {
    const { page, errors } = await openTerminal();
    await openEditor(page, 'nano draft.txt', 'draft.txt');
    await page.keyboard.type('first draft');
    await page.keyboard.press('Control+x');
    const question = page.getByRole('dialog', { name: 'Save changes to draft.txt?' });
    await question.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Yes');
    await page.keyboard.press('Escape');
    await expect.poll(() => question.count()).toBe(0);
    expect(await focusedLabel(page)).toBe('Editing draft.txt');
    await page.keyboard.press('Control+x');
    await page.keyboard.press('n');
    await expect.poll(() => page.locator('.lab-editor').count()).toBe(0);
    await typeCommand(page, 'ls draft.txt');
    expect(await screenText(page)).toMatch(/No such file or directory/);
    await openEditor(page, 'nano draft.txt', 'draft.txt');
    await page.keyboard.type('second draft');
    await page.keyboard.press('Escape');
    await question.waitFor();
    await question.getByRole('button', { name: 'Yes' }).click();
    await expect.poll(() => page.locator('.lab-editor').count()).toBe(0);
    await typeCommand(page, 'cat draft.txt');
    expect(await screenText(page)).toMatch(/^second draft$/m);
    expect(errors).toEqual([]);
  });

  // Pyodide's first start in a busy browser takes seconds: a wait, not a timing budget.
  it('runs python3 and boto3 on the sandbox, fetching Pyodide from the site itself, only once python3 runs', {
    timeout: 180_000,
  }, async () => {
    const { page, errors } = await openTerminal();
    const fetched = () => page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
    await typeCommand(page, 'echo ready');
    expect((await fetched()).filter((url) => /pyodide|python/i.test(url))).toEqual([]);
    await page.keyboard.type(`python3 -c "import boto3; print(boto3.client('sts').get_caller_identity()['Account'])"`);
    await page.keyboard.press('Enter');
    await expect.poll(() => screenText(page), { timeout: 120_000 }).toMatch(/^\d{12}$/m);
    expect(await screenText(page)).toMatch(/^Starting Python…$/m);
    const pyodideFiles = (await fetched()).filter((url) => url.includes('/pyodide/')).map((url) => new URL(url));
    expect(pyodideFiles.map((url) => url.pathname)).toEqual(
      expect.arrayContaining(['/pyodide/pyodide.asm.wasm', '/pyodide/python_stdlib.zip', '/pyodide/pyodide-lock.json']),
    );
    const site = new URL(inject('siteUrl')).origin;
    expect((await fetched()).filter((url) => new URL(url).origin !== site)).toEqual([]);
    // Each line waits for the interpreter's prompt, as a learner would: keys typed before it are the shell's.
    for (const [line, shown] of [
      ['python3', /^>>> $/m],
      ['6 * 7', /^42\s*\n>>> $/m],
    ] as const) {
      await page.keyboard.type(line);
      await page.keyboard.press('Enter');
      await expect.poll(() => screenText(page), { timeout: 30_000 }).toMatch(shown);
    }
    await page.keyboard.press('Control+d');
    await expect.poll(() => screenText(page)).toMatch(/^>>> \s*\nlearner:~\$ $/m);
    expect(errors).toEqual([]);
  });

  // Eight axe runs of a page with a terminal: about a minute on a busy 2-core machine. A wait, not a timing budget.
  it('has no axe violations with the terminal, the editor, its find panel and its question open, in both themes', {
    timeout: 180_000,
  }, async () => {
    const { page } = await openTerminal();
    expect(await axeViolations(page)).toEqual([]);
    await openEditor(page, 'nano policy.json', 'policy.json');
    await page.keyboard.type('{"Version": "2012-10-17", "Statement": []}');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Control+f');
    await page.getByRole('textbox', { name: 'Find' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('.lab-editor-body .cm-content').focus();
    await page.keyboard.press('Control+x');
    await page.getByRole('dialog').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
