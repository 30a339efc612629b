import { describe, expect, it, vi } from 'vitest';
import { createSandbox } from '../../../src/emulator/sandbox';
import { createLabShell } from '../../../src/terminal/shell';
import type { TerminalIo } from '../../../src/terminal/terminal-io';

/** Real CPython (Pyodide) starts once per file, in the first test that runs python3: a few seconds. */
const slow = { timeout: 120_000 };

/** A terminal whose learner types `lines` one after another, keeping everything written to it. */
function scriptedTerminal(lines: string[]) {
  const screen: string[] = [];
  const io: TerminalIo = {
    write: (text) => screen.push(text),
    prompt: async (question) => {
      screen.push(question);
      const line = lines.shift();
      if (line !== undefined) screen.push(`${line}\n`);
      return line;
    },
  };
  return { io: () => io, screen: () => screen.join('') };
}

const labShell = (io?: () => TerminalIo) => createLabShell({ sandbox: createSandbox(), ...(io ? { io } : {}) });

describe('python3 in the lab shell', () => {
  it('prints the CPython version of Pyodide for --version', slow, async () => {
    expect(await labShell().run('python3 --version')).toMatchObject({ stdout: 'Python 3.14.2\n', exitCode: 0 });
  });

  it('runs the code -c gives, its argv starting with -c', slow, async () => {
    const result = await labShell().run(`python3 -c 'import sys; print("hello", sys.argv)' a b`);
    expect(result).toEqual({ stdout: "hello ['-c', 'a', 'b']\n", stderr: '', exitCode: 0 });
  });

  it('runs a file of the shell with its arguments as sys.argv', slow, async () => {
    const shell = labShell();
    await shell.run(`printf 'import sys\\nprint(sys.argv, __name__)\\n' > args.py`);
    expect((await shell.run('python3 args.py one two')).stdout).toBe("['args.py', 'one', 'two'] __main__\n");
  });

  it('imports a module beside the script, read afresh by the next run', slow, async () => {
    const shell = labShell();
    await shell.run(`echo 'NAME = "first"' > names.py && echo 'import names; print(names.NAME)' > main.py`);
    await shell.run('python3 main.py');
    await shell.run(`echo 'NAME = "second"' > names.py`);
    expect((await shell.run('python3 main.py')).stdout).toBe('second\n');
  });

  it(
    "reads the shell's exported variables and the command's own in os.environ, and not a later run's",
    slow,
    async () => {
      const shell = labShell();
      await shell.run('export REGION=us-west-2');
      const code = `python3 -c 'import os; print(os.environ.get("REGION"), os.environ.get("BUCKET"))'`;
      expect((await shell.run(`BUCKET=photos ${code}`)).stdout).toBe('us-west-2 photos\n');
      expect((await shell.run(code)).stdout).toBe('us-west-2 None\n');
    },
  );

  it('runs a program in a subdirectory again after an earlier one ran there', slow, async () => {
    const shell = labShell();
    await shell.run(`mkdir -p app && echo 'print("ran")' > app/main.py`);
    await shell.run('cd ~/app && python3 main.py');
    expect(await shell.run('cd ~/app && python3 main.py')).toMatchObject({ stdout: 'ran\n', exitCode: 0 });
  });

  it("exits with SystemExit's status", slow, async () => {
    expect((await labShell().run(`python3 -c 'import sys; sys.exit(3)'`)).exitCode).toBe(3);
  });

  it('prints the message of a SystemExit that is not a number and exits 1', slow, async () => {
    const result = await labShell().run(`python3 -c 'raise SystemExit("no bucket")'`);
    expect(result).toMatchObject({ stderr: 'no bucket\n', exitCode: 1 });
  });

  it('prints the traceback of an uncaught exception from the script down, exit 1', slow, async () => {
    const shell = labShell();
    await shell.run(`printf 'def f():\\n    return 1 / 0\\nf()\\n' > fails.py`);
    const result = await shell.run('python3 fails.py');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      'Traceback (most recent call last):\n' +
        '  File "/home/learner/fails.py", line 3, in <module>\n    f()\n    ~^^\n' +
        '  File "/home/learner/fails.py", line 2, in f\n    return 1 / 0\n           ~~^~~\n' +
        'ZeroDivisionError: division by zero\n',
    );
  });

  it('prints a syntax error without a traceback, exit 1', slow, async () => {
    const result = await labShell().run(`python3 -c 'print(1'`);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^ {2}File "<string>", line 1\n[\s\S]*SyntaxError: '\(' was never closed\n$/);
  });

  it('says it cannot open a file that is not there, exit 2', slow, async () => {
    expect(await labShell().run('python3 nowhere.py')).toMatchObject({
      stderr: "python3: can't open file '/home/learner/nowhere.py': [Errno 2] No such file or directory\n",
      exitCode: 2,
    });
  });

  it('runs the program piped to it', slow, async () => {
    expect((await labShell().run(`echo 'print(6 * 7)' | python3`)).stdout).toBe('42\n');
  });

  it('runs the program piped to python3 -', slow, async () => {
    expect((await labShell().run(`echo 'import sys; print(sys.argv)' | python3 - x`)).stdout).toBe("['-', 'x']\n");
  });

  it("gives a file's program the pipe as its standard input", slow, async () => {
    const shell = labShell();
    await shell.run(`echo 'import sys; print(sys.stdin.read().upper(), end="")' > upper.py`);
    expect((await shell.run('echo shout | python3 upper.py')).stdout).toBe('SHOUT\n');
  });

  it("writes back the files a program writes under the learner's home", slow, async () => {
    const shell = labShell();
    await shell.run(`python3 -c 'open("notes/out.txt", "w").write("from python")' || true`);
    await shell.run('mkdir notes');
    await shell.run(`python3 -c 'open("notes/out.txt", "w").write("from python")'`);
    expect((await shell.run('cat notes/out.txt')).stdout).toBe('from python');
  });

  it('deletes from the shell the files a program deletes', slow, async () => {
    const shell = labShell();
    await shell.run('echo old > old.txt');
    await shell.run(`python3 -c 'import os; os.remove("old.txt")'`);
    expect((await shell.run('ls old.txt')).exitCode).not.toBe(0);
  });

  it("asks the terminal for input(), showing the program's output so far", slow, async () => {
    const terminal = scriptedTerminal(['Ada']);
    const shell = labShell(terminal.io);
    await shell.run(`printf 'print("Welcome")\\nname = input("Name: ")\\nprint("Hello", name)\\n' > ask.py`);
    const result = await shell.run('python3 ask.py');
    expect(terminal.screen()).toBe('Welcome\nName: Ada\n');
    expect(result.stdout).toBe('Hello Ada\n');
  });

  it('reads input() from the pipe when one is given, not the terminal', slow, async () => {
    const terminal = scriptedTerminal(['typed']);
    const result = await labShell(terminal.io).run(`echo piped | python3 -c 'print(input())'`);
    expect(result.stdout).toBe('piped\n');
    expect(terminal.screen()).toBe('');
  });

  it('raises EOFError from input() when the learner ends the input', slow, async () => {
    const terminal = scriptedTerminal([]);
    const result = await labShell(terminal.io).run(`python3 -c 'input("? ")'`);
    expect(terminal.screen()).toBe('? ');
    expect(result.stderr).toMatch(/\nEOFError: EOF when reading a line\n$/);
  });

  it('says where a module cannot be run with -m, exit 1', slow, async () => {
    const result = await labShell().run('python3 -m venv .venv');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('-m venv is not available in the lab terminal');
  });

  it('answers an unknown option as CPython does, exit 2', slow, async () => {
    expect(await labShell().run('python3 -Z')).toMatchObject({
      stderr: 'Unknown option: -Z\nusage: python3 [option] ... [-c cmd | -m mod | file | -] [arg] ...\n',
      exitCode: 2,
    });
  });

  it('answers as python too', slow, async () => {
    expect((await labShell().run(`python -c 'print("also")'`)).stdout).toBe('also\n');
  });
});

describe('the interactive interpreter', () => {
  it('prompts with >>> and ... and prints what each statement shows', slow, async () => {
    const terminal = scriptedTerminal(['x = 6', 'for i in range(2):', '    print(i * x)', '', 'x * 7', 'exit()']);
    const result = await labShell(terminal.io).run('python3');
    expect(result.exitCode).toBe(0);
    expect(terminal.screen()).toContain('>>> x = 6\n>>> for i in range(2):\n...     print(i * x)\n... \n0\n6\n');
    expect(terminal.screen()).toContain('>>> x * 7\n42\n>>> exit()\n');
  });

  it('shows output without a newline before the next prompt', slow, async () => {
    const terminal = scriptedTerminal(['print("no newline", end="")', 'exit()']);
    await labShell(terminal.io).run('python3');
    expect(terminal.screen()).toContain('>>> print("no newline", end="")\nno newline>>> exit()');
  });

  it('asks for input() at the prompt', slow, async () => {
    const terminal = scriptedTerminal(['name = input("Who? ")', 'Ada', 'name', 'exit()']);
    await labShell(terminal.io).run('python3');
    expect(terminal.screen()).toContain('>>> name = input("Who? ")\nWho? Ada\n>>> name\n\'Ada\'\n>>> ');
  });

  it("leaves with exit()'s status", slow, async () => {
    const terminal = scriptedTerminal(['exit(4)']);
    expect((await labShell(terminal.io).run('python3')).exitCode).toBe(4);
  });

  it('leaves when the learner interrupts the prompt', slow, async () => {
    const terminal = scriptedTerminal([]);
    expect((await labShell(terminal.io).run('python3')).exitCode).toBe(0);
  });

  it('prints a traceback and goes on after an exception', slow, async () => {
    const terminal = scriptedTerminal(['1 / 0', 'print("still here")', 'exit()']);
    await labShell(terminal.io).run('python3');
    expect(terminal.screen()).toContain('ZeroDivisionError: division by zero\n>>> print("still here")\nstill here\n');
  });

  it('says Python is starting before the first prompt of the page', slow, async () => {
    vi.resetModules();
    const fresh = await import('../../../src/terminal/shell');
    const terminal = scriptedTerminal(['exit()']);
    await fresh.createLabShell({ sandbox: createSandbox(), io: terminal.io }).run('python3');
    expect(terminal.screen()).toMatch(/^Starting Python…\nPython 3\.14\.2 \(Pyodide, in this page\) on emscripten\n/);
  });
});
