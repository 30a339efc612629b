import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, createServer, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';
import { entryUrlPlugin } from '../../src/integrations/entry-url';

/** A site whose page script loads `bar.js` by its address, and an island that imports a module `bar.js` uses too. */
function siteFolder(): string {
  const root = mkdtempSync(join(tmpdir(), 'entry-url-'));
  writeFileSync(join(root, 'link.js'), 'export const link = { opened: Date.now() };\n');
  writeFileSync(join(root, 'bar.js'), "import { link } from './link.js';\nexport const showBar = () => link;\n");
  writeFileSync(join(root, 'island.js'), "export const openLink = () => import('./link.js');\n");
  writeFileSync(
    join(root, 'page.js'),
    "import barUrl from './bar.js?entry-url';\nif (location.search) import(/* @vite-ignore */ barUrl).then((bar) => bar.showBar());\n",
  );
  return root;
}

async function buildSite(root: string): Promise<Rolldown.OutputChunk[]> {
  const output = await build({
    root,
    logLevel: 'silent',
    configFile: false,
    plugins: [entryUrlPlugin()],
    build: {
      write: false,
      rolldownOptions: { input: [join(root, 'page.js'), join(root, 'island.js')], preserveEntrySignatures: false },
    },
  });
  return (output as Rolldown.RolldownOutput).output.filter((file) => file.type === 'chunk');
}

const chunkOf = (chunks: Rolldown.OutputChunk[], module: string) =>
  chunks.find((chunk) => chunk.moduleIds.some((id) => id.endsWith(module)))!;

describe('entryUrlPlugin', () => {
  it("gives the importer the address of the module's own chunk, named by its content, and no preload helper", async () => {
    const chunks = await buildSite(siteFolder());
    const bar = chunkOf(chunks, 'bar.js');
    expect(bar.fileName).toMatch(/^assets\/bar-[\w-]+\.js$/);
    const page = chunkOf(chunks, 'page.js');
    expect(page.code).toContain(`/${bar.fileName}`);
    expect(page.code).not.toMatch(/vitePreload|mapDeps/);
  });

  it("keeps the chunk's exports, which the build would drop from an entry", async () => {
    const chunks = await buildSite(siteFolder());
    expect(chunkOf(chunks, 'bar.js').exports).toEqual(['showBar']);
  });

  it('shares the modules the chunk imports with the rest of the site, so each runs once in a page', async () => {
    const chunks = await buildSite(siteFolder());
    expect(chunks.filter((chunk) => chunk.moduleIds.some((id) => id.endsWith('link.js')))).toHaveLength(1);
  });

  it("gives the module's own address under the dev server", async () => {
    const root = siteFolder();
    const server = await createServer({
      root,
      logLevel: 'silent',
      configFile: false,
      plugins: [entryUrlPlugin()],
      server: { middlewareMode: true, ws: false },
    });
    try {
      const { pluginContainer } = server.environments.client;
      const urlModule = await pluginContainer.resolveId('./bar.js?entry-url', join(root, 'page.js'));
      expect(await pluginContainer.load(urlModule!.id)).toBe('export default "/bar.js";');
    } finally {
      await server.close();
    }
  });
});
