import { describe, expect, it, vi } from 'vitest';
import { checkers } from '../../checkers/index';
import type { CliIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';

/** The command modules imported so far: each is the real module, noted as it loads. */
const loaded = vi.hoisted(() => new Set<string>());
vi.mock('../../src/cli/check-command', async (original) => {
  loaded.add('check');
  return original();
});
vi.mock('../../src/cli/emulator-command', async (original) => {
  loaded.add('emulator');
  return original();
});
vi.mock('../../src/cli/policy-command', async (original) => {
  loaded.add('policy');
  return original();
});
vi.mock('../../src/cli/report-command', async (original) => {
  loaded.add('report');
  return original();
});

function captureIo(): CliIo & { out: string[]; err: string[]; stops: (() => Promise<void>)[] } {
  const out: string[] = [];
  const err: string[] = [];
  const stops: (() => Promise<void>)[] = [];
  return {
    out,
    err,
    stops,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env: {},
    cwd: process.cwd(),
    onStop: (stop) => stops.push(stop),
  };
}

describe('awscourse', () => {
  it('loads a command’s module only when that command runs', async () => {
    const io = captureIo();
    expect(await main(['help', 'check'], io)).toBe(0);
    expect(await main(['help', 'emulator'], io)).toBe(0);
    expect(await main(['report', '--help'], io)).toBe(0);
    expect(await main(['reprot'], io)).toBe(2);
    expect([...loaded]).toEqual(['report']);
    expect(await main(['policy'], io)).toBe(0);
    expect([...loaded]).toEqual(['report', 'policy']);
  });

  it('gives each command’s help without running it', async () => {
    const io = captureIo();
    expect(await main(['help', 'report'], io)).toBe(0);
    expect(await main(['help', 'policy'], io)).toBe(0);
    expect(io.out.map((help) => help.split('\n')[0])).toEqual([
      'Usage: awscourse report [options] FILE|FOLDER...',
      'Usage: awscourse policy',
    ]);
  });

  it('lists in the check’s help the exercises there are checkers for', async () => {
    const io = captureIo();
    expect(await main(['help', 'check'], io)).toBe(0);
    expect(io.out.join('')).toContain(`Exercises: ${Object.keys(checkers).join(', ')}.`);
  });

  it('suggests the command a mistyped one was meant to be', async () => {
    const io = captureIo();
    expect(await main(['chek', 'exercise-3'], io)).toBe(2);
    expect(io.err.join('')).toContain('Unknown command "chek". Did you mean "check"?\nUsage: awscourse <command>');
  });

  it('names an unknown command without a guess when none is close', async () => {
    const io = captureIo();
    expect(await main(['deploy'], io)).toBe(2);
    expect(io.err.join('')).toMatch(/^Unknown command "deploy"\.\nUsage:/);
  });

  it.each(['constructor', '__proto__', 'toString'])(
    'answers "help %s" with the usage, as for any unknown command',
    async (name) => {
      const io = captureIo();
      expect(await main(['help', name], io)).toBe(2);
      expect(io.out.join('')).toMatch(/^Usage: awscourse <command>/);
      expect(io.err).toEqual([]);
    },
  );

  it('hands a running emulator to whoever stops it, and leaves the process to them', async () => {
    const io = captureIo();
    expect(await main(['emulator', '--port', '0', '--memory'], io)).toBe(0);
    expect(io.stops).toHaveLength(1);
    const url = /listening on (\S+)/.exec(io.out.join(''))![1]!;
    expect((await fetch(`${url}/`, { method: 'HEAD' })).status).toBeGreaterThan(0);
    await io.stops[0]!();
    await expect(fetch(`${url}/`)).rejects.toThrow();
  });

  it('suggests the emulator option a mistyped one was meant to be', async () => {
    const io = captureIo();
    expect(await main(['emulator', '--memroy'], io)).toBe(2);
    expect(io.err.join('')).toContain('Unknown option --memroy. Did you mean --memory?');
  });
});
