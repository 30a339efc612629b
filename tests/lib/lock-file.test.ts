import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { lockFile } from '../../src/lib/lock-file';

const root = new URL('../../', import.meta.url).pathname;
const folder = () => mkdtempSync(join(tmpdir(), 'lock-file-'));

/** A pid no process has any more: a child that has already exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

/**
 * Runs `processes` Node processes that each take the lock `cycles` times and exit at once after the last release,
 * so locks are often read just as their holder lets go and dies. Inside the lock each makes a marker folder, which
 * fails if another process is inside too. Resolves with every child's exit code and what it printed.
 */
async function contend(file: string, processes: number, cycles: number) {
  const script = join(folder(), 'contender.mjs');
  await build({
    stdin: {
      contents: `import { mkdir, rmdir } from 'node:fs/promises';
        import { lockFile } from './src/lib/lock-file';
        const [file, cycles] = process.argv.slice(2);
        for (let i = 0; i < Number(cycles); i++) {
          const lock = await lockFile(file, { waitMs: 60_000 });
          if ('holder' in lock) { console.error('not taken'); process.exit(3); }
          try { await mkdir(file + '.inside'); } catch { console.error('two holders at once'); process.exit(4); }
          await rmdir(file + '.inside');
          await lock.release();
        }`,
      resolveDir: root,
      loader: 'ts',
    },
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
  });
  return Promise.all(
    Array.from({ length: processes }, () => {
      const child = spawn(process.execPath, [script, file, String(cycles)], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
      return new Promise<string>((resolve) => child.once('exit', (code) => resolve(`${code} ${stderr}`.trim())));
    }),
  );
}

describe('lockFile', () => {
  it('answers with the holder while another holds the lock, and takes it once released', async () => {
    const file = join(folder(), 'state.json');
    const first = await lockFile(file);
    if ('holder' in first) throw new Error('not taken');
    expect(await lockFile(file)).toEqual({ holder: process.pid, path: `${file}.lock` });
    await first.release();
    const second = await lockFile(file);
    expect('holder' in second).toBe(false);
  });

  it('takes over a lock whose process is gone', async () => {
    const file = join(folder(), 'state.json');
    writeFileSync(`${file}.lock`, `${deadPid()}\n`);
    const lock = await lockFile(file);
    expect('holder' in lock).toBe(false);
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(`${process.pid}\n`);
  });

  it('never lets two processes hold it at once, as holders let go and exit', { timeout: 120_000 }, async () => {
    const file = join(folder(), 'state.json');
    const outcomes = await contend(file, 24, 20);
    expect(outcomes).toEqual(Array.from({ length: 24 }, () => '0'));
  });
});
