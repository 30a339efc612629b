import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { precompressFolder } from '../../src/server/precompress';

const page = `<!doctype html><title>CIDR</title>${'<p>10.0.0.0/16 holds 65,536 addresses.</p>'.repeat(100)}`;

function siteFolder(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'precompress-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('precompressFolder', () => {
  it('writes brotli and gzip copies beside text files, in folders too, that decode to the original', async () => {
    const root = siteFolder({ 'week-1/cidr/index.html': page });
    await precompressFolder(root);
    const original = readFileSync(join(root, 'week-1/cidr/index.html'));
    expect(brotliDecompressSync(readFileSync(join(root, 'week-1/cidr/index.html.br')))).toEqual(original);
    expect(gunzipSync(readFileSync(join(root, 'week-1/cidr/index.html.gz')))).toEqual(original);
  });

  it("compresses WebAssembly code (Pyodide's runtime)", async () => {
    const root = siteFolder({ 'pyodide/pyodide.asm.wasm': Buffer.alloc(4096, 1) });
    await precompressFolder(root);
    expect(readdirSync(join(root, 'pyodide')).sort()).toEqual([
      'pyodide.asm.wasm',
      'pyodide.asm.wasm.br',
      'pyodide.asm.wasm.gz',
    ]);
  });

  it('leaves images, files of unknown kind and files under 1 kB alone', async () => {
    const root = siteFolder({
      'photo.jpg': Buffer.alloc(4096, 1),
      'pagefind/en.pf_index': Buffer.alloc(4096, 1),
      'tiny.js': 'export const a = 1;',
    });
    await precompressFolder(root);
    expect(readdirSync(root).sort()).toEqual(['pagefind', 'photo.jpg', 'tiny.js']);
    expect(readdirSync(join(root, 'pagefind'))).toEqual(['en.pf_index']);
  });

  it('removes a copy an earlier build left when the file no longer gets one', async () => {
    const root = siteFolder({ 'app.js': 'export const a = 1;', 'app.js.br': 'stale', 'app.js.gz': 'stale' });
    await precompressFolder(root);
    expect(readdirSync(root)).toEqual(['app.js']);
  });

  it('says how many files it compressed and how small the copies are', async () => {
    const root = siteFolder({ 'a.html': page, 'b.css': `p{color:red}${' '.repeat(2000)}` });
    const summary = await precompressFolder(root);
    expect(summary.files).toBe(2);
    expect(summary.bytes).toBe(page.length + 2012);
    expect(summary.encodedBytes.br).toBeLessThan(summary.encodedBytes.gzip);
    expect(summary.encodedBytes.gzip).toBeLessThan(summary.bytes / 10);
  });
});
