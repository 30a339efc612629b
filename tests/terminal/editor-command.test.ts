import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/emulator/sandbox';
import type { EditorSession } from '../../src/terminal/editor-file';
import { createLabShell } from '../../src/terminal/shell';

/** A shell whose terminal has an editor that types `typed`, saves it and closes; the sessions it opened are kept. */
function shellWithEditor(typed?: string) {
  const opened: EditorSession[] = [];
  const edit = async (session: EditorSession) => {
    opened.push(session);
    if (typed !== undefined) await session.save(typed);
  };
  const shell = createLabShell({ sandbox: createSandbox(), io: () => ({ edit }) });
  return { shell, opened };
}

describe('the editor commands', () => {
  it('opens a missing file empty under the working directory, and the saved text is the file', async () => {
    const { shell, opened } = shellWithEditor('hello');
    await shell.run('mkdir lab && cd lab');
    const result = await shell.run('nano notes.txt');
    expect(result.exitCode).toBe(0);
    expect(opened.map((session) => session.file)).toEqual([
      { name: 'notes.txt', path: '/home/learner/lab/notes.txt', text: '', isNew: true },
    ]);
    expect((await shell.run('cat notes.txt')).stdout).toBe('hello\n');
  });

  it('opens an existing file with its content from vi, vim and edit alike', async () => {
    const { shell, opened } = shellWithEditor();
    await shell.run('echo "Resources: {}" > vpc.yaml');
    for (const name of ['vi', 'vim', 'edit']) await shell.run(`${name} vpc.yaml`);
    expect(opened.map((session) => session.file.text)).toEqual(Array(3).fill('Resources: {}\n'));
  });

  it('skips options and line numbers before the file name', async () => {
    const { shell, opened } = shellWithEditor();
    await shell.run('vim +3 -n notes.txt');
    expect(opened[0]?.file.name).toBe('notes.txt');
  });

  it('ends only when the editor closes', async () => {
    let close = () => {};
    const edit = () => new Promise<void>((resolve) => (close = resolve));
    const shell = createLabShell({ sandbox: createSandbox(), io: () => ({ edit }) });
    let ended = false;
    const running = shell.run('nano a.txt').then(() => (ended = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ended).toBe(false);
    close();
    await running;
    expect(ended).toBe(true);
  });

  it("prints nano's message for a directory and opens nothing", async () => {
    const { shell, opened } = shellWithEditor();
    await shell.run('mkdir lab');
    const result = await shell.run('nano lab');
    expect(result).toEqual({ stdout: '', stderr: 'nano: "lab" is a directory\n', exitCode: 1 });
    expect(opened).toEqual([]);
  });

  it('asks for a file name when given none', async () => {
    const { shell } = shellWithEditor();
    expect(await shell.run('vi')).toEqual({
      stdout: '',
      stderr: 'vi: name the file to edit\nUsage: vi FILE\n',
      exitCode: 2,
    });
  });

  it('says the editor needs the course page where the terminal has no editor', async () => {
    const shell = createLabShell({ sandbox: createSandbox() });
    const result = await shell.run('nano notes.txt');
    expect(result.stderr).toBe(
      'nano: the editor opens only in the lab terminal of a course page\n' +
        'Here, write the file from the shell instead: cat > notes.txt\n',
    );
    expect(result.exitCode).toBe(1);
  });

  it('says the editor could not open when it fails to load, and fails', async () => {
    const edit = () => Promise.reject(new Error('Failed to fetch dynamically imported module'));
    const shell = createLabShell({ sandbox: createSandbox(), io: () => ({ edit }) });
    expect(await shell.run('nano notes.txt')).toEqual({
      stdout: '',
      stderr:
        'nano: the editor could not open: Failed to fetch dynamically imported module\nReload the page and try again.\n',
      exitCode: 1,
    });
  });

  it('is offered by Tab completion', () => {
    const { shell } = shellWithEditor();
    expect(shell.commandNames()).toEqual(expect.arrayContaining(['nano', 'vi', 'vim', 'edit']));
  });
});
