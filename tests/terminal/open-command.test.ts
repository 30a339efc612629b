import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/emulator/sandbox';
import { createLabShell } from '../../src/terminal/shell';

/** A lab shell whose page records each URL it is asked to show. */
function shellShowing() {
  const shown: string[] = [];
  const shell = createLabShell({ sandbox: createSandbox(), io: () => ({ show: (url) => void shown.push(url) }) });
  return { shell, shown };
}

describe('xdg-open and open in the lab shell', () => {
  it('asks the page to show the URL in the preview panel', async () => {
    const { shell, shown } = shellShowing();
    expect(await shell.run('xdg-open http://203.0.113.10/')).toMatchObject({ exitCode: 0, stderr: '' });
    expect(shown).toEqual(['http://203.0.113.10/']);
  });

  it('shows an address typed without a scheme over http, as open does', async () => {
    const { shell, shown } = shellShowing();
    await shell.run('IP=203.0.113.10; open $IP');
    expect(shown).toEqual(['http://203.0.113.10/']);
  });

  it('says a URL is missing, as xdg-open does', async () => {
    const { shell } = shellShowing();
    expect(await shell.run('xdg-open')).toMatchObject({
      exitCode: 1,
      stderr: "xdg-open: file or URL argument missing\nTry 'xdg-open --help' for more information.\n",
    });
  });

  it('has no way to open a URL where there is no page', async () => {
    const shell = createLabShell({ sandbox: createSandbox() });
    const result = await shell.run('xdg-open http://203.0.113.10/');
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/^xdg-open: no method available for opening 'http:\/\/203\.0\.113\.10\/'\nhint: /);
  });
});
