import { describe, expect, it, vi } from 'vitest';
import { createSandbox } from '../../../src/emulator/sandbox';
import { createLabShell } from '../../../src/terminal/shell';

const loadPyodide = vi.fn(() => Promise.reject(new Error('failed to fetch pyodide.asm.wasm')));
vi.mock('pyodide', () => ({ loadPyodide }));

describe('python3 when Python cannot start', () => {
  it('says so with what to do, exit 1', async () => {
    const result = await createLabShell({ sandbox: createSandbox() }).run(`python3 -c 'print(1)'`);
    expect(result).toEqual({
      stdout: '',
      stderr: 'python3: Python could not start: failed to fetch pyodide.asm.wasm\nReload the page and try again.\n',
      exitCode: 1,
    });
  });

  it('tries again on the next python3', async () => {
    const shell = createLabShell({ sandbox: createSandbox() });
    loadPyodide.mockClear();
    await shell.run('python3 --version');
    await shell.run('python3 --version');
    expect(loadPyodide).toHaveBeenCalledTimes(2);
  });
});
