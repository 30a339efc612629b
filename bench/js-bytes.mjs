// JavaScript shipped per lesson page, measured on the production build (dist/client).
//
// For each lesson page: the *eager* JavaScript (inline scripts plus module scripts and everything they import
// statically) and, per widget island, the JavaScript that loads only when it hydrates (its component and renderer
// chunks and their imports, minus what the page already loaded eagerly). Astro's island loader (an inline script
// that only pages with widgets carry) is reported in its own column. Sizes are gzip level 9, as a static host would
// serve them, one file at a time. Budget: the shared JavaScript under 5 kB compressed on every lesson, and every
// island hydrates on `client:visible`, so its code loads only when the learner scrolls to it.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const clientRoot = 'dist/client';
const eagerBudgetBytes = 5 * 1024;
/**
 * Widgets that hydrate when the browser is idle: the lab terminal listens for the page's "Run in terminal" buttons,
 * wherever they are; its island is small, and its terminal (xterm, the shell, the sandbox) loads only on opening or
 * when it scrolls into view (bench/terminal.mjs measures that part).
 */
const pageWideWidgets = new Set(['Terminal']);

const gz = (text) => gzipSync(text, { level: 9 }).length;

/** The chunk a site path names, and the chunks it imports statically, transitively. */
function withStaticImports(path, seen = new Set()) {
  if (seen.has(path)) return seen;
  seen.add(path);
  const code = readFileSync(join(clientRoot, path), 'utf8');
  // Minified ES modules: `import{a}from"./x.js"`, `import"./x.js"`, `export{a}from"./x.js"`. Dynamic import() is lazy.
  for (const match of code.matchAll(/(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g)) {
    const target = match[1].startsWith('/') ? match[1] : join(path, '..', match[1]).replace(/^\/?/, '/');
    withStaticImports(target, seen);
  }
  return seen;
}

const bytesOf = (paths) => [...paths].reduce((sum, path) => sum + gz(readFileSync(join(clientRoot, path))), 0);

function measurePage(htmlPath) {
  const html = readFileSync(htmlPath, 'utf8');
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1])
    .filter(Boolean);
  const isIslandLoader = (code) => code.includes('astro-island') || code.includes('(self.Astro={})');
  const eagerChunks = new Set();
  for (const match of html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)) withStaticImports(match[1], eagerChunks);
  const islands = [...html.matchAll(/<astro-island\b([^>]*)>/g)].map((m) => {
    const attr = (name) => new RegExp(`\\b${name}="([^"]*)"`).exec(m[1])?.[1];
    const chunks = new Set();
    for (const url of [attr('component-url'), attr('renderer-url')].filter(Boolean)) withStaticImports(url, chunks);
    const own = [...chunks].filter((chunk) => !eagerChunks.has(chunk));
    const name = /name&quot;:&quot;([^&]+)&quot;/.exec(attr('opts') ?? '')?.[1] ?? attr('component-url');
    return { name, hydrate: attr('client'), bytes: bytesOf(own) };
  });
  const inlineBytes = (codes) => codes.reduce((sum, code) => sum + gz(code), 0);
  return {
    eager: inlineBytes(inline.filter((code) => !isIslandLoader(code))) + bytesOf(eagerChunks),
    islandLoader: inlineBytes(inline.filter(isIslandLoader)),
    islands,
  };
}

function lessonPages() {
  return readdirSync(clientRoot)
    .filter((dir) => dir.startsWith('week-'))
    .flatMap((week) => readdirSync(join(clientRoot, week)).map((lesson) => `${week}/${lesson}`))
    .filter((id) => statSync(join(clientRoot, id)).isDirectory() && existsSync(join(clientRoot, id, 'index.html')))
    .sort();
}

export function run() {
  if (!existsSync(clientRoot)) throw new Error('no production build: run `npm run build` first');
  const rows = lessonPages().map((id) => ({ id, ...measurePage(join(clientRoot, id, 'index.html')) }));
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
  const lines = [
    '| lesson | shared JS (gz) | island loader (gz) | widgets, loaded when visible (gz each) |',
    '| --- | ---: | ---: | --- |',
  ];
  const failures = [];
  for (const row of rows) {
    const widgets = row.islands.map(
      (island) =>
        `${island.name} ${kb(island.bytes)}${island.hydrate === 'visible' ? '' : ` (${island.hydrate}${pageWideWidgets.has(island.name) ? '' : '!'})`}`,
    );
    lines.push(
      `| ${row.id} | ${kb(row.eager)} | ${row.islandLoader ? kb(row.islandLoader) : '—'} | ` +
        `${widgets.join(', ') || '—'} |`,
    );
    if (row.eager > eagerBudgetBytes)
      failures.push(`${row.id}: shared JS ${kb(row.eager)} is over ${kb(eagerBudgetBytes)}`);
    if (row.islands.length === 0 && row.islandLoader > 0)
      failures.push(`${row.id}: ships the island loader without widgets`);
    for (const island of row.islands) {
      if (island.hydrate !== 'visible' && !pageWideWidgets.has(island.name))
        failures.push(`${row.id}: ${island.name} hydrates on "${island.hydrate}", not when visible`);
    }
  }
  const maxEager = Math.max(...rows.map((row) => row.eager));
  lines.push('', `${rows.length} lesson pages; largest shared JS ${kb(maxEager)} (budget ${kb(eagerBudgetBytes)}).`);
  lines.push(failures.length ? `OVER BUDGET:\n  ${failures.join('\n  ')}` : 'Within budget.');
  return { report: lines.join('\n'), ok: failures.length === 0 };
}
