import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getViteConfig } from 'astro/config';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const diagramsFolder = 'src/components/diagrams';
/** Every diagram component; Diagram.astro is the frame they share. */
const diagramFiles = readdirSync(join(import.meta.dirname, '../..', diagramsFolder))
  .filter((file) => file.endsWith('.astro') && file !== 'Diagram.astro')
  .sort();

/** The text of an HTML fragment, tags removed and spaces collapsed. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The text of the first element with this tag and id, or undefined when there is none. */
function elementText(html: string, tag: string, id?: string): string | undefined {
  const opening = id ? `<${tag}[^>]*\\bid="${id}"[^>]*>` : `<${tag}\\b[^>]*>`;
  const match = new RegExp(`${opening}([\\s\\S]*?)</${tag}>`).exec(html);
  return match ? textOf(match[1]!) : undefined;
}

/**
 * What a rendered diagram lacks for a reader who cannot see it: the SVG as one image named by a non-empty title and
 * described by a non-empty description, a visible caption, and the picture in words.
 */
function accessibilityProblems(html: string): string[] {
  const problems: string[] = [];
  const svg = /<svg\b[^>]*>/.exec(html)?.[0] ?? '';
  if (!/\brole="img"/.test(svg)) problems.push('the svg is not role="img"');
  const [titleId, descId] = /\baria-labelledby="([^"]*)"/.exec(svg)?.[1]?.split(' ') ?? [];
  if (!titleId || !elementText(html, 'title', titleId)) problems.push('aria-labelledby names no non-empty <title>');
  if (!descId || !elementText(html, 'desc', descId)) problems.push('aria-labelledby names no non-empty <desc>');
  if (!elementText(html, 'figcaption')) problems.push('no visible <figcaption>');
  const words = /<details\b[^>]*>\s*<summary\b[^>]*>([\s\S]*?)<\/summary>([\s\S]*?)<\/details>/.exec(html);
  if (textOf(words?.[1] ?? '') !== 'The picture in words') problems.push('no "The picture in words" details');
  if (textOf(words?.[2] ?? '').length < 80) problems.push('the picture in words says next to nothing');
  return problems;
}

let server: ViteDevServer;
let container: AstroContainer;

/** Loads an .astro component through Astro's own Vite plugins, as the site build would. */
async function loadComponent(path: string): Promise<AstroComponentFactory> {
  const module = await server.ssrLoadModule(path);
  return module.default as AstroComponentFactory;
}

beforeAll(async () => {
  // A cache of its own, so that the test never makes `npm run dev` optimise its dependencies again.
  const config = await getViteConfig(
    {
      logLevel: 'warn',
      cacheDir: 'node_modules/.vite-diagram-tests',
      optimizeDeps: { noDiscovery: true, include: [] },
    },
    { configFile: false, logLevel: 'warn' },
  )({ command: 'serve', mode: 'test' });
  server = await createServer({
    ...config,
    configFile: false,
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false },
  });
  container = await AstroContainer.create();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

describe('a diagram', () => {
  it.each(diagramFiles)('%s has a title, a description, a caption and the picture in words', async (file) => {
    const html = await container.renderToString(await loadComponent(`/${diagramsFolder}/${file}`));
    expect(accessibilityProblems(html)).toEqual([]);
  });

  it.each(diagramFiles)('%s takes its colours from the theme, not from literal values', async (file) => {
    const html = await container.renderToString(await loadComponent(`/${diagramsFolder}/${file}`));
    expect(html).not.toMatch(/\b(fill|stroke|color)="(?!none")[^"]*"|style="[^"]*(#|rgb|hsl)/);
  });

  it('names each diagram differently, so that two on one page keep their ids apart', async () => {
    const names = await Promise.all(
      diagramFiles.map(async (file) => {
        const html = await container.renderToString(await loadComponent(`/${diagramsFolder}/${file}`));
        return /<title id="([^"]+)-title"/.exec(html)?.[1];
      }),
    );
    expect(new Set(names).size).toBe(diagramFiles.length);
  });
});

describe('the diagram frame', () => {
  const frameProps = { name: 'example', title: 'A title', description: 'A description.', caption: 'A caption.' };

  it('is reported when the picture in words is missing', async () => {
    const frame = await loadComponent(`/${diagramsFolder}/Diagram.astro`);
    const html = await container.renderToString(frame, { props: { ...frameProps, height: 10 } });
    expect(accessibilityProblems(html)).toEqual(['the picture in words says next to nothing']);
  });

  it('is reported when the title or caption is empty', async () => {
    const frame = await loadComponent(`/${diagramsFolder}/Diagram.astro`);
    const words = '<p>Words enough to say everything the picture says, and a little more than eighty characters.</p>';
    const html = await container.renderToString(frame, {
      props: { ...frameProps, title: '', caption: '', height: 10 },
      slots: { words },
    });
    expect(accessibilityProblems(html)).toEqual([
      'aria-labelledby names no non-empty <title>',
      'no visible <figcaption>',
    ]);
  });
});
